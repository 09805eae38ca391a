"""The Windows installer's source, built with msitools' wixl and read back with msiinfo.

No Windows machine is at hand here, so the package is built on Linux from the bundle's file
list (the real Linux bundle when `VINR_FROZEN_BUNDLE` names one, as `./scripts/package
--smoke-test` does; otherwise a small stand-in of the same shape), with the two programs named
as on Windows. What is checked is what IT relies on: a per-user install without elevation that
IT can make per-machine, one Start-menu entry, upgrade in place under a fixed UpgradeCode, every
file of the bundle installed, and nothing that could touch the registers (no custom action, no
removal of files, no folder outside the install folder and the Start menu).

wixl 0.101 writes the registry root HKMU as 4, its own number; WiX's light writes -1, the value
Windows Installer defines. The release package is built with the WiX Toolset on Windows
(packaging/ci/windows.yml); this test accepts both.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "windows"))
import build_msi  # noqa: E402 - packaging/windows/build_msi.py

pytestmark = pytest.mark.skipif(
    shutil.which("wixl") is None or shutil.which("msiinfo") is None,
    reason="wixl and msiinfo are not installed (Debian: apt-get install wixl msitools; "
    "./scripts/package --smoke-test installs them on CI)",
)

STAND_IN = (
    "vinr-desktop",
    "vinr-admin",
    "_internal/base_library.zip",
    "_internal/python311.dll",
    "_internal/PySide6/Qt6Core.dll",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/PySide6/translations/qtbase_sv.qm",
    "_internal/vinr_desktop/_resources/instruments/vinr-riskfaktorer.v2.json",
    "_internal/vinr_desktop/_db/versions/0001_initial.py",
)
WXS = ROOT / "packaging" / "windows" / "vinr-desktop.wxs"
HKMU = {"-1", "4"}


def _file_list() -> list[str]:
    bundle = os.environ.get("VINR_FROZEN_BUNDLE")
    if not bundle:
        return list(STAND_IN)
    root = Path(bundle)
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()
    )


def _windows_shaped(files: list[str], folder: Path) -> Path:
    """Small files at the bundle's paths; the two programs get Windows' .exe names."""
    for relative in files:
        name = relative + ".exe" if relative in ("vinr-desktop", "vinr-admin") else relative
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative, encoding="utf-8")
    return folder


def _table(msi: Path, name: str) -> list[dict[str, str]]:
    done = subprocess.run(
        ["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:]]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    work = tmp_path_factory.mktemp("msi")
    files = _file_list()
    bundle = _windows_shaped(files, work / "vinr-desktop")
    out = build_msi.build(bundle, work / "vinr-desktop.msi", "wixl", work / "wxs")
    return out, files


def test_the_package_has_the_tables_an_installer_needs(msi: tuple[Path, list[str]]) -> None:
    done = subprocess.run(
        ["msiinfo", "tables", str(msi[0])], capture_output=True, text=True, check=True
    )
    tables = set(done.stdout.split())
    assert {
        "Property",
        "Directory",
        "Component",
        "File",
        "Feature",
        "FeatureComponents",
        "Shortcut",
        "Registry",
        "Upgrade",
        "Media",
        "InstallExecuteSequence",
    } <= tables


def test_per_user_by_default_and_per_machine_when_it_chooses(
    msi: tuple[Path, list[str]],
) -> None:
    props = {row["Property"]: row["Value"] for row in _table(msi[0], "Property")}
    assert props["ALLUSERS"] == "2" and props["MSIINSTALLPERUSER"] == "1"
    assert props["ProductName"] == "VINR Desktop"
    assert props["ProductLanguage"] == "1053"
    assert props["ProductVersion"] == build_msi.msi_version(build_msi.project_version())
    directories = {row["Directory"]: row for row in _table(msi[0], "Directory")}
    install = directories["INSTALLDIR"]
    assert install["Directory_Parent"] == "ProgramFiles64Folder"  # %LOCALAPPDATA%\Programs
    assert install["DefaultDir"] == "VINR Desktop"  # per user, C:\Program Files per machine
    # The registers' folder (%LOCALAPPDATA%\VINR Desktop) is nowhere in the package.
    assert not {"LocalAppDataFolder", "AppDataFolder", "CommonAppDataFolder"} & set(directories)


def test_upgrades_in_place_under_a_fixed_upgrade_code(msi: tuple[Path, list[str]]) -> None:
    upgrade_code = re.search(r'UpgradeCode="([0-9A-F-]{36})"', WXS.read_text(encoding="utf-8"))
    assert upgrade_code is not None
    props = {row["Property"]: row["Value"] for row in _table(msi[0], "Property")}
    assert props["UpgradeCode"] == "{" + upgrade_code.group(1) + "}"
    version = props["ProductVersion"]
    rows = {row["ActionProperty"]: row for row in _table(msi[0], "Upgrade")}
    older = rows["WIX_UPGRADE_DETECTED"]  # every older version is found and removed
    assert (older["VersionMin"], older["VersionMax"]) == ("", version)
    newer = rows["WIX_DOWNGRADE_DETECTED"]  # a newer one is never replaced by this one
    assert newer["VersionMin"] == version
    actions = {row["Action"] for row in _table(msi[0], "InstallExecuteSequence")}
    assert {"FindRelatedProducts", "RemoveExistingProducts"} <= actions


def test_every_bundle_file_is_installed_one_component_each(
    msi: tuple[Path, list[str]],
) -> None:
    files = _table(msi[0], "File")
    components = _table(msi[0], "Component")
    assert len(files) == len(msi[1])
    expected = sorted(Path(name).name for name in msi[1])
    expected = [n + ".exe" if n in ("vinr-desktop", "vinr-admin") else n for n in expected]
    assert sorted(row["FileName"] for row in files) == sorted(expected)
    keyed = {row["KeyPath"] for row in components}
    assert {row["File"] for row in files} <= keyed
    in_installdir = {row["FileName"] for row in files if _directory_of(msi[0], row)}
    assert {"vinr-desktop.exe", "vinr-admin.exe"} <= in_installdir


def _directory_of(msi: Path, file_row: dict[str, str]) -> bool:
    component = next(
        row for row in _table(msi, "Component") if row["Component"] == file_row["Component_"]
    )
    return component["Directory_"] == "INSTALLDIR"


def test_one_start_menu_entry_and_nothing_else_is_touched(msi: tuple[Path, list[str]]) -> None:
    (shortcut,) = _table(msi[0], "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Name"] == "VINR Desktop"
    assert shortcut["Target"] == "[INSTALLDIR]vinr-desktop.exe"
    (registry,) = _table(msi[0], "Registry")
    assert registry["Root"] in HKMU and registry["Key"] == "Software\\VINR Desktop"
    # No custom action, no file removal, no service: uninstalling removes what it installed.
    for table in ("CustomAction", "RemoveFile", "ServiceInstall", "ServiceControl"):
        assert _table(msi[0], table) == [], table
