"""The rules that trim the frozen bundle (packaging/bundle_rules.py, packaging/icu_data.py),
checked on path names and on the Qt and ICU libraries of this environment."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_rules  # noqa: E402
import icu_data  # noqa: E402

QT_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
LINUX_QT = pytest.mark.skipif(
    not (QT_LIB / "libicudata.so.73").exists(), reason="PySide6's Linux wheel with ICU 73"
)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
        ("PySide6/opengl32sw.dll", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("libpython3.11.so.1.0", True),
    ],
)
def test_plugins_and_libraries(dest: str, kept: bool) -> None:
    assert bundle_rules.keep_binary(dest) is kept


def test_only_swedish_and_english_catalogues_of_qtbase() -> None:
    folder = "PySide6/Qt/translations/"
    assert bundle_rules.keep_data(folder + "qtbase_sv.qm")
    assert bundle_rules.keep_data(folder + "qtbase_en.qm")
    for name in ("qtbase_de.qm", "qt_sv.qm", "qt_help_sv.qm", "qtbase_fi.qm"):
        assert not bundle_rules.keep_data(folder + name)
    assert bundle_rules.keep_data("vinr_desktop/_resources/document_texts.json")


def test_a_library_only_a_removed_plugin_needed_goes_with_it() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libatk-1.0.so.0", "/src/libatk-1.0.so.0", "BINARY"),  # only the gtk3 theme's
        ("libatk-1.0.so.0.link", "libatk-1.0.so.0", "SYMLINK"),
    ]
    needs = {
        "/src/QtGui.abi3.so": [],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libQt6XcbQpa.so.6": ["libxcb-cursor.so.0", "libc.so.6"],
        "/src/libxcb-cursor.so.0": [],
        "/src/libatk-1.0.so.0": [],
    }
    assert bundle_rules.orphaned(binaries, lambda source: needs[source]) == {"libatk-1.0.so.0"}


@LINUX_QT
def test_elf_needed_reads_direct_dependencies_only() -> None:
    needed = bundle_rules.elf_needed(str(QT_LIB / "libQt6Core.so.6"))
    assert "libicuuc.so.73" in needed and "libc.so.6" in needed
    assert "libicudata.so.73" in needed
    assert "libQt6Gui.so.6" not in needed


@LINUX_QT
def test_icu_data_round_trips_and_shrinks() -> None:
    library = (QT_LIB / "libicudata.so.73").read_bytes()
    blob = icu_data.exported_data(library, "icudt73_dat")
    header, items = icu_data.split_items(blob)
    assert icu_data.join_items(header, items) == blob  # the writer is ICU's own layout
    kept = [name for name, _data in items if icu_data.kept(name)]
    assert "icudt73l/coll/sv.res" in kept and "icudt73l/coll/ucadata.icu" in kept
    assert "icudt73l/zone/sv.res" in kept and "icudt73l/cnvalias.icu" in kept
    assert "icudt73l/coll/de.res" not in kept and "icudt73l/brkitr/cjdict.dict" not in kept
    size = sum(len(data) for name, data in items if name in set(kept))
    assert size < len(blob) / 8


@LINUX_QT
def test_qt_asks_icu_only_for_what_the_cut_data_keeps() -> None:
    """The data is cut to collation, time zones, case mapping and code pages because those are
    all QtCore uses. If a new Qt calls ICU for more (word breaks: ubrk_, transliteration:
    utrans_, number formats: unum_), this fails: look at icu_data.KEPT_TREES again."""
    data = (QT_LIB / "libQt6Core.so.6").read_bytes()
    used = set(re.findall(rb"\b(u[a-z]*_[A-Za-z]+)_73\b", data))
    families = {name.split(b"_")[0] for name in used}
    assert families <= {b"ucol", b"ucal", b"ucnv", b"u", b"UCNV"}, sorted(used)
