"""What the frozen bundle keeps: rules the PyInstaller spec applies to PyInstaller's lists.

PyInstaller collects every Qt plugin of a module's kinds, all of Qt's translations and every
library those pull in. The program needs far less, so the spec trims in three steps:

1. Python modules it never imports are excluded before the analysis (`EXCLUDED_MODULES`), so
   their extension modules and the libraries behind them are never collected.
2. Qt's plugins, translations and libraries are kept only when listed here (`keep_binary`,
   `keep_data`): the platform plugins for this system and offscreen, printing, input methods,
   SVG icons; the Swedish and English catalogues of qtbase (ui/common/translations.py loads qtbase).
3. On Linux, libraries left without anyone who needs them are dropped (`orphaned`): a library
   PyInstaller collected only for a plugin that step 2 removed (GTK for the gtk3 theme, the
   Wayland client libraries) goes with it.

This file has no PyInstaller import at module level, so the tests can check the rules on
plain path names.
"""

from __future__ import annotations

import fnmatch
import os
import struct
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# -- 1. Python modules -----------------------------------------------------------------------

EXCLUDED_MODULES = (
    "tkinter",
    "readline",
    "curses",
    "pydoc",
    # The standard library's own SQLite: the program opens only SQLCipher (sqlcipher3).
    "sqlite3",
    # The program never opens a network connection (DESIGN.md): no TLS.
    "ssl",
    "_ssl",
    # Mako (Alembic's templates) offers Pygments for pretty error pages; nothing here uses it.
    "pygments",
    "mako.ext.pygmentplugin",
    # Qt modules PyInstaller's hooks would add for the Qt libraries they sit beside; the
    # program imports none of them (QtPdf needs the QtNetwork *library*, which stays).
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtSvg",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    # reportlab needs `PIL.Image` (it imports it at start) and never draws an image in our
    # documents: Pillow's optional codecs and their libraries (AVIF, WebP, colour management,
    # FreeType, Tk) are left out.
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingft",
    "PIL._imagingtk",
    "PIL._imagingmath",
    "PIL._imagingmorph",
    "PIL.ImageCms",
    "PIL.ImageFont",
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL.AvifImagePlugin",
    "PIL.WebPImagePlugin",
)

# -- 2. Qt plugins, translations and libraries ---------------------------------------------

# Plugin kinds kept, and which plugins of each (None: every plugin of that kind).
QT_PLUGINS: dict[str, tuple[str, ...] | None] = {
    # The window system of each desktop, and offscreen (tests, the smoke test). Wayland
    # desktops run the program through XWayland (xcb); EGLFS, VNC, linuxfb are for devices.
    "platforms": ("qxcb", "qoffscreen", "qwindows", "qdirect2d", "qcocoa"),
    "xcbglintegrations": None,  # xcb loads one of them at start
    "platforminputcontexts": None,  # compose keys and input methods (é, ü typed with dead keys)
    "printsupport": None,  # CUPS on Linux; Windows and macOS print without a plugin
    "styles": None,  # Windows 11 / Vista look on Windows
    "iconengines": ("qsvgicon",),  # icon themes of Linux desktops are SVG
    "imageformats": ("qsvg", "qico"),  # the same icons; .ico for Windows
}
QT_TRANSLATIONS = ("qtbase_sv.qm", "qtbase_en.qm")
# Qt libraries only the removed plugins use (step 3 finds them too, on Linux; these names make
# the same true on Windows and macOS, where step 3 does not run).
QT_LIBRARIES_DROPPED = (
    "*Qt6Wayland*",
    "*Qt6WlShell*",
    "*Qt6EglFS*",
    "*Qt6EglFs*",
    "*Qt6Quick*",
    "*Qt6Qml*",
    "*Qt6VirtualKeyboard*",
    # Windows: the software OpenGL fallback and the shader compiler; the program draws no
    # OpenGL (QtPdf renders on the CPU, widgets with the raster engine).
    "opengl32sw.dll",
    "d3dcompiler_*.dll",
)
# Linux: libraries taken from the system rather than bundled. The CUPS client library talks to
# the system's CUPS service with the system's configuration; a machine that can print has it
# (it is in the README's list of system libraries), and a bundled copy would bring GnuTLS,
# Kerberos and p11-kit (about 10 MB) for a service the system provides anyway.
SYSTEM_LIBRARIES = ("libcups.so*",)


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def plugin_name(file_name: str) -> str:
    """'libqxcb.so' → 'qxcb', 'qwindows.dll' → 'qwindows', 'libqcocoa.dylib' → 'qcocoa'."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def _qt_plugin(parts: tuple[str, ...]) -> tuple[str, str] | None:
    """(kind, plugin) when `parts` is a file in Qt's plugins folder."""
    if "plugins" not in parts:
        return None
    at = parts.index("plugins")
    if at == 0 or parts[at - 1] not in ("Qt", "Qt6", "PySide6") or len(parts) < at + 3:
        return None
    return parts[at + 1], plugin_name(parts[-1])


def keep_binary(dest: str) -> bool:
    """Whether a binary at `dest` (its path inside the bundle) stays."""
    parts = _parts(dest)
    plugin = _qt_plugin(parts)
    if plugin is not None:
        kind, name = plugin
        if kind not in QT_PLUGINS:
            return False
        wanted = QT_PLUGINS[kind]
        return wanted is None or name in wanted
    dropped = QT_LIBRARIES_DROPPED
    if sys.platform.startswith("linux"):
        dropped += SYSTEM_LIBRARIES
    return not any(fnmatch.fnmatch(parts[-1], pattern) for pattern in dropped)


def keep_data(dest: str) -> bool:
    """Whether a data file at `dest` stays: of Qt's translations only QT_TRANSLATIONS."""
    parts = _parts(dest)
    if "translations" in parts and parts[-1].endswith(".qm"):
        at = parts.index("translations")
        if at > 0 and parts[at - 1] in ("Qt", "Qt6", "PySide6"):
            return parts[-1] in QT_TRANSLATIONS
    return keep_binary(dest)  # plugins that arrive as data (macOS) follow the same rules


# -- 3. libraries nobody needs any more (Linux) -------------------------------------------

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (dest, source, typecode)


def _is_dependency_library(entry: Entry) -> bool:
    """A shared library PyInstaller collected because something else needs it (at the
    bundle's top level or in Qt's lib folder), not a Python extension, a plugin or Python."""
    dest, _source, typecode = entry
    parts = _parts(dest)
    if typecode != "BINARY" or _qt_plugin(parts) is not None:
        return False
    if parts[-1].startswith("libpython"):
        return False  # loaded by the bootloader, which no list below shows
    folder = parts[:-1]
    return folder == () or folder[-2:] == ("Qt", "lib") or parts[0].endswith(".libs")


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED names of a 64-bit little-endian ELF file: what it links against directly
    (`ldd` would list the whole closure, through libraries that are not bundled)."""
    with open(path, "rb") as file:
        data = file.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    names = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strings + value)
                names.append(data[strings + value : end].decode())
    return names


def orphaned(binaries: Iterable[Entry], imports: Callable[[str], Iterable[str]]) -> set[str]:
    """The dependency libraries (by dest) that no kept file needs, directly or through others.

    `imports(source)` gives the names of the libraries a file links against directly
    (`elf_needed`); the loop follows the chains through the bundled libraries.
    """
    entries = list(binaries)
    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(_parts(entry[0])[-1], []).append(entry)
    needed: set[str] = set()
    todo = [e for e in entries if not _is_dependency_library(e) and e[2] != "SYMLINK"]
    seen: set[str] = set()
    while todo:
        entry = todo.pop()
        if entry[0] in seen:
            continue
        seen.add(entry[0])
        for name in imports(entry[1]):
            for dependency in by_name.get(os.path.basename(name), ()):
                needed.add(dependency[0])
                todo.append(dependency)
    return {
        entry[0] for entry in entries if _is_dependency_library(entry) and entry[0] not in needed
    }


def trim(
    binaries: list[Entry],
    datas: list[Entry],
    imports: Callable[[str], Iterable[str]] | None,
) -> tuple[list[Entry], list[Entry], list[str]]:
    """The binaries and datas to bundle, and the dest names removed (for the build log)."""
    removed: list[str] = []
    kept_binaries = []
    for entry in binaries:
        if keep_binary(entry[0]):
            kept_binaries.append(entry)
        else:
            removed.append(entry[0])
    kept_datas = []
    for entry in datas:
        if keep_data(entry[0]):
            kept_datas.append(entry)
        else:
            removed.append(entry[0])
    if imports is not None and sys.platform.startswith("linux"):
        gone = orphaned(kept_binaries, imports)
        removed += sorted(gone)
        kept_binaries = [entry for entry in kept_binaries if entry[0] not in gone]
    # Links PyInstaller made to a removed file would be left dangling.
    gone_names = {_parts(name) for name in removed}

    def dangling(entry: Entry) -> bool:
        if entry[2] != "SYMLINK":
            return False
        target = os.path.normpath(os.path.join(os.path.dirname(entry[0]), entry[1]))
        return _parts(target) in gone_names

    for entry in kept_binaries + kept_datas:
        if dangling(entry):
            removed.append(entry[0])
    kept_binaries = [entry for entry in kept_binaries if not dangling(entry)]
    kept_datas = [entry for entry in kept_datas if not dangling(entry)]
    return kept_binaries, kept_datas, removed
