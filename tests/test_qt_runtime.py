"""The check of Qt's system libraries that ./scripts/run makes, its table and the README.

The table is checked against this machine: every library `ldd` reports for Qt's plugins and
the PySide6 modules must be in it, `dpkg -S` must name the same package for every installed
one, and the libraries Qt's own files name in their ELF headers must be exactly `DIRECT`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vinr_desktop import qt_runtime as qt

ROOT = Path(__file__).resolve().parent.parent
PYSIDE = qt.pyside_folder()

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None or PYSIDE is None,
    reason="Qt's Linux plugins and ldd",
)


def _pyside() -> Path:
    assert PYSIDE is not None
    return PYSIDE


def _outside_qt(where: str | None) -> bool:
    return where is None or not any(
        Path(where).resolve().is_relative_to(f.resolve()) for f in qt.own_folders(_pyside())
    )


def _dpkg_owners(paths: list[str]) -> dict[str, str]:
    """path → the package dpkg says holds it, trying the merged-/usr spellings too (one call)."""
    spellings = {
        path: list(
            dict.fromkeys(
                (os.path.realpath(path), path, f"/usr{os.path.realpath(path)}", f"/usr{path}")
            )
        )
        for path in paths
    }
    every = sorted({s for options in spellings.values() for s in options})
    done = subprocess.run(["dpkg", "-S", *every], capture_output=True, text=True, check=False)
    owner = {}
    for line in done.stdout.splitlines():
        package, _, where = line.partition(": ")
        owner[where.strip()] = package.split(":")[0].strip()
    return {
        path: next((owner[s] for s in options if s in owner), "?")
        for path, options in spellings.items()
    }


@linux_only
def test_direct_is_exactly_what_qt_files_name_as_needed() -> None:
    pyside = _pyside()
    assert qt.direct_needs(qt.checked_files(pyside), qt.own_folders(pyside)) == set(qt.DIRECT)


@linux_only
def test_the_table_covers_every_library_ldd_reports_here() -> None:
    pyside = _pyside()
    files = qt.checked_files(pyside)
    assert pyside / qt.PLATFORM_PLUGINS["xcb"] in files
    reported = {
        name for path in files for name, where in qt.ldd(path).items() if _outside_qt(where)
    }
    assert "libxcb.so.1" in reported  # the parsing found the plugin's libraries at all
    assert sorted(reported - set(qt.PACKAGES)) == []


@linux_only
@pytest.mark.skipif(shutil.which("dpkg") is None, reason="a Debian-based system")
def test_dpkg_names_the_same_package_as_the_table() -> None:
    pyside = _pyside()
    resolved = {
        name: where
        for path in qt.checked_files(pyside)
        for name, where in qt.ldd(path).items()
        if where is not None and _outside_qt(where)
    }
    owners = _dpkg_owners(sorted(set(resolved.values())))
    wrong = {
        name: (qt.PACKAGES.get(name), owners[where])
        for name, where in resolved.items()
        if owners[where] != qt.PACKAGES.get(name)
    }
    assert wrong == {}


@linux_only
@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils")
def test_the_elf_reader_agrees_with_readelf() -> None:
    for path in qt.checked_files(_pyside())[:4]:
        done = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
        )
        expected = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", done.stdout)
        assert list(qt.needed(path)) == expected


def test_the_base_packages_are_ones_apt_and_dpkg_need() -> None:
    assert set(qt.DIRECT.values()) >= qt.BASE_PACKAGES
    if shutil.which("dpkg-query") is None:
        return
    done = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Depends}, ${Pre-Depends},\n", "apt", "dpkg"],
        capture_output=True,
        text=True,
        check=True,
    )
    needed_by_apt = {
        part.strip().split()[0].split(":")[0]
        for part in re.split(r"[,|]", done.stdout)
        if part.strip()
    }
    assert needed_by_apt >= qt.BASE_PACKAGES


def test_the_readme_lists_the_packages_of_the_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert qt.readme_line() in readme
    assert "libxcb-icccm4" in qt.readme_line()
    assert "libxcb-keysyms1" in qt.readme_line()
    assert "libc6" not in qt.readme_line().split()


def test_scripts_run_checks_before_it_starts_the_program() -> None:
    lines = (ROOT / "scripts" / "run").read_text(encoding="utf-8").splitlines()
    check = next(i for i, line in enumerate(lines) if "-m vinr_desktop.qt_runtime" in line)
    start = next(i for i, line in enumerate(lines) if line.startswith("exec "))
    assert check < start
    assert "||" not in lines[check]  # a failed check stops the script (set -e)


def test_the_message_names_the_libraries_and_the_exact_install_line() -> None:
    text = qt.report({"xcb": ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]}, [])
    assert "kan inte starta" in text
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert text.splitlines()[-1].strip() == "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    printing = qt.report({}, ["libcups.so.2"])
    assert "kan inte starta" not in printing
    assert "Utskrift" in printing
    assert "sudo apt-get install libcups2" in printing
    unknown = qt.report({"xcb": ["libnågot-okänt.so.7"]}, [])
    assert "apt-file search" in unknown
    assert "sudo apt-get" not in unknown


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ("xcb",)),
        ({"QT_QPA_PLATFORM": "offscreen"}, ("offscreen",)),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, ("wayland", "xcb")),
        ({"QT_QPA_PLATFORM": "xcb:dpi=96"}, ("xcb",)),
        ({"WAYLAND_DISPLAY": "wayland-0"}, ("wayland", "xcb")),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, ("xcb",)),
    ],
)
def test_the_platforms_qt_will_try(environ: dict[str, str], expected: tuple[str, ...]) -> None:
    assert qt.platforms_to_check(environ) == expected


@linux_only
def test_the_check_on_this_machine_agrees_with_ldd() -> None:
    """Run as ./scripts/run does: exit 1 with the install line exactly when `ldd` says a
    library of the xcb plugin or the modules is not found (this machine may lack some)."""
    pyside = _pyside()
    not_found: set[str] = set()
    for path in [pyside / qt.PLATFORM_PLUGINS["xcb"], *qt.module_files(pyside)]:
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
        not_found |= set(re.findall(r"^\s*(\S+) => not found", done.stdout, re.MULTILINE))
    not_found |= {s for s in qt.DLOPENED if not qt.loadable(s)}
    environ = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    done = subprocess.run(
        [sys.executable, "-m", "vinr_desktop.qt_runtime"],
        capture_output=True,
        text=True,
        env={**environ, "QT_QPA_PLATFORM": "xcb"},
        check=False,
    )
    if not_found:
        assert done.returncode == 1
        assert qt.install_line(not_found) in done.stderr
        assert all(name in done.stderr for name in not_found)
    else:
        assert done.returncode == 0
        assert "kan inte starta" not in done.stderr
    offscreen = subprocess.run(
        [sys.executable, "-m", "vinr_desktop.qt_runtime"],
        capture_output=True,
        text=True,
        env={**environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert offscreen.returncode == 0
