"""Before the program starts on Linux: are the system libraries Qt needs installed?

Without them Qt aborts with "could not load the Qt platform plugin", which points nowhere
useful. `./scripts/run` runs this module first; it asks the dynamic loader (`ldd`) which
libraries Qt's platform plugin and print plugin cannot find, and prints the exact
`sudo apt-get install …` line for them (Debian 12 package names).

The table below maps every library `ldd` reports for those plugins and the PySide6 modules the
program uses to the Debian package that holds it. It was derived on Debian 12 with `dpkg -S`
for the installed libraries and `apt-get download` + `dpkg -c` for the missing ones, and a test
keeps it honest: it must cover every library `ldd` reports on the machine running the tests,
`dpkg -S` must agree with it wherever the library is installed, and `DIRECT` must be exactly
the libraries Qt's own files name as needed (read from their ELF headers). The README's install
line is made from `DIRECT` (see `readme_line`), and a test compares the two.

No PySide6 import here: this must work when Qt cannot even load.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

# -- the table --------------------------------------------------------------------------------

# Libraries Qt's own files (the plugins, Qt's libraries and the PySide6 modules the program
# imports) name directly in their ELF headers, with the Debian 12 package that holds each.
DIRECT: dict[str, str] = {
    "ld-linux-x86-64.so.2": "libc6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libc.so.6": "libc6",
    "libcups.so.2": "libcups2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libdl.so.2": "libc6",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgcc_s.so.1": "libgcc-s1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libm.so.6": "libc6",
    "libpthread.so.0": "libc6",
    "libresolv.so.2": "libc6",
    "libstdc++.so.6": "libstdc++6",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}

# Libraries the direct ones need in turn; apt installs them with those, so the README does not
# list them, but a broken system can still lack one.
PULLED_IN: dict[str, str] = {
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libavahi-client.so.3": "libavahi-client3",
    "libavahi-common.so.3": "libavahi-common3",
    "libbsd.so.0": "libbsd0",
    "libcap.so.2": "libcap2",
    "libcom_err.so.2": "libcom-err2",
    "libexpat.so.1": "libexpat1",
    "libffi.so.8": "libffi8",
    "libgcrypt.so.20": "libgcrypt20",
    "libgmp.so.10": "libgmp10",
    "libgnutls.so.30": "libgnutls30",
    "libgpg-error.so.0": "libgpg-error0",
    "libhogweed.so.6": "libhogweed6",
    "libidn2.so.0": "libidn2-0",
    "libk5crypto.so.3": "libk5crypto3",
    "libkeyutils.so.1": "libkeyutils1",
    "libkrb5.so.3": "libkrb5-3",
    "libkrb5support.so.0": "libkrb5support0",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libmd.so.0": "libmd0",
    "libnettle.so.8": "libnettle8",
    "libp11-kit.so.0": "libp11-kit0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libpng16.so.16": "libpng16-16",
    "libsystemd.so.0": "libsystemd0",
    "libtasn1.so.6": "libtasn1-6",
    "libunistring.so.2": "libunistring2",
}

PACKAGES: dict[str, str] = {**DIRECT, **PULLED_IN}

# Packages every Debian or Ubuntu system has (apt and dpkg depend on them): not worth listing.
BASE_PACKAGES = frozenset({"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1"})

# Loaded with dlopen() by some Qt versions rather than linked, so `ldd` alone may miss it.
DLOPENED: tuple[str, ...] = ("libxcb-cursor.so.0",)

# What Qt loads, relative to the PySide6 folder.
PLATFORM_PLUGINS: dict[str, str] = {
    "xcb": "Qt/plugins/platforms/libqxcb.so",
    "wayland": "Qt/plugins/platforms/libqwayland.so",
    "wayland-egl": "Qt/plugins/platforms/libqwayland.so",
}
PRINT_PLUGIN = "Qt/plugins/printsupport/libcupsprintersupport.so"
EXTRA_FILES: tuple[str, ...] = (
    "Qt/plugins/xcbglintegrations/libqxcb-egl-integration.so",
    "Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
)
MODULES: tuple[str, ...] = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtPrintSupport",
    "QtPdf",
    "QtPdfWidgets",
)
NOT_LIBRARIES = frozenset({"linux-vdso.so.1", "linux-gate.so.1"})


# -- where Qt is ------------------------------------------------------------------------------


def pyside_folder() -> Path | None:
    """The installed PySide6 package folder, found without importing it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def own_folders(pyside: Path) -> list[Path]:
    """Where the wheels keep Qt's own libraries (not the system's)."""
    return [pyside / "Qt" / "lib", pyside, pyside.parent / "shiboken6"]


def module_files(pyside: Path) -> list[Path]:
    """The extension modules of the PySide6 modules the program imports."""
    found = []
    for name in MODULES:
        found.extend(sorted(pyside.glob(f"{name}.*.so")))
    return found


def checked_files(pyside: Path) -> list[Path]:
    """Every file whose libraries the table covers: plugins, GL integrations, modules."""
    names = {*PLATFORM_PLUGINS.values(), PRINT_PLUGIN, *EXTRA_FILES}
    files = [pyside / name for name in sorted(names)]
    return [f for f in files if f.is_file()] + module_files(pyside)


# -- asking the loader -------------------------------------------------------------------------


def ldd(path: Path) -> dict[str, str | None]:
    """soname → resolved path (None: "not found") for `path` and all it loads, as `ldd` says."""
    done = subprocess.run(
        ["ldd", str(path)], capture_output=True, text=True, timeout=30, check=False
    )
    found: dict[str, str | None] = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if not parts:
            continue
        name = Path(parts[0]).name
        if name in NOT_LIBRARIES:
            continue
        if "=>" in parts:
            target = parts[parts.index("=>") + 1]
            found[name] = None if target == "not" else target
        else:
            found[name] = parts[0]
    return found


def missing_for(files: Iterable[Path]) -> list[str]:
    """The libraries the loader cannot find for `files`, sorted."""
    missing = {name for path in files for name, where in ldd(path).items() if where is None}
    return sorted(missing)


def loadable(soname: str) -> bool:
    """Whether the dynamic loader can load `soname` (as Qt's dlopen() would)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


# -- ELF: what a file names as needed ----------------------------------------------------------

_DT_NEEDED = 1
_SHT_DYNAMIC = 6


def needed(path: Path) -> tuple[str, ...]:
    """The DT_NEEDED entries of an ELF file (what it links against, by soname)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF":
        raise ValueError(f"{path.name} is not an ELF file")
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    if wide:
        shoff, shentsize, shnum = (
            struct.unpack_from(order + "Q", data, 0x28)[0],
            *struct.unpack_from(order + "HH", data, 0x3A),
        )
        section, entry = order + "IIQQQQIIQQ", order + "qQ"
    else:
        shoff, shentsize, shnum = (
            struct.unpack_from(order + "I", data, 0x20)[0],
            *struct.unpack_from(order + "HH", data, 0x2E),
        )
        section, entry = order + "IIIIIIIIII", order + "iI"
    sections = [struct.unpack_from(section, data, shoff + i * shentsize) for i in range(shnum)]
    names: list[str] = []
    for header in sections:
        if header[1] != _SHT_DYNAMIC:
            continue
        offset, size, link = header[4], header[5], header[6]
        strings = sections[link][4]
        step = struct.calcsize(entry)
        for at in range(offset, offset + size, step):
            tag, value = struct.unpack_from(entry, data, at)
            if tag == _DT_NEEDED:
                end = data.index(b"\0", strings + value)
                names.append(data[strings + value : end].decode())
    return tuple(names)


def direct_needs(files: Iterable[Path], own_folders: Sequence[Path]) -> set[str]:
    """The libraries outside `own_folders` that `files`, or the libraries of `own_folders`
    they load, name as needed: what the system must provide."""
    outside: set[str] = set()
    seen: set[Path] = set()
    queue = list(files)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in needed(path):
            inside = next((f / name for f in own_folders if (f / name).is_file()), None)
            if inside is not None:
                queue.append(inside)
            else:
                outside.add(name)
    return outside


# -- what to tell ------------------------------------------------------------------------------


def install_line(sonames: Iterable[str]) -> str:
    """`sudo apt-get install …` for the packages holding `sonames` ("" if none is known)."""
    packages = sorted({PACKAGES[s] for s in sonames if s in PACKAGES})
    return f"sudo apt-get install {' '.join(packages)}" if packages else ""


def readme_packages() -> list[str]:
    """The packages the README lists: those of `DIRECT`, without the ones every system has."""
    return sorted(set(DIRECT.values()) - BASE_PACKAGES)


def readme_line() -> str:
    return f"sudo apt-get install {' '.join(readme_packages())}"


def platforms_to_check(environ: Mapping[str, str]) -> tuple[str, ...]:
    """The platform plugins Qt will try, in order, as far as the environment tells."""
    wanted = environ.get("QT_QPA_PLATFORM", "").strip()
    if wanted:
        return tuple(p.split(":")[0].strip() for p in wanted.split(";") if p.strip())
    if environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland":
        return ("wayland", "xcb")
    return ("xcb",)


def report(missing: Mapping[str, Sequence[str]], print_missing: Sequence[str]) -> str:
    """The Swedish message for libraries missing per platform plugin and for printing."""
    lines: list[str] = []
    if missing:
        lines.append("VINR Desktop kan inte starta: Qt hittar inte de här systembiblioteken.")
        for platform, names in missing.items():
            lines.append(f"  Fönstersystemet {platform}: {', '.join(names)}")
    if print_missing:
        lines.append(
            "Utskrift fungerar inte förrän de här systembiblioteken finns: "
            + ", ".join(print_missing)
        )
    every = {name for names in missing.values() for name in names} | set(print_missing)
    line = install_line(every)
    if line:
        lines.append("Installera dem så här (Debian och Ubuntu):")
        lines.append(f"  {line}")
    unknown = sorted(name for name in every if name not in PACKAGES)
    if unknown:
        lines.append(
            "Paketet för "
            + ", ".join(unknown)
            + " är okänt här; sök det med: apt-file search <namnet>"
        )
    return "\n".join(lines)


def check(environ: Mapping[str, str], pyside: Path) -> tuple[bool, str]:
    """(may start, message): start if one of the platforms Qt will try has every library."""
    platforms = platforms_to_check(environ)
    if not all(p in PLATFORM_PLUGINS for p in platforms):
        return True, ""  # offscreen, vnc and the like: nothing of the desktop's to check
    missing: dict[str, list[str]] = {}
    for platform in platforms:
        names = missing_for([pyside / PLATFORM_PLUGINS[platform], *module_files(pyside)])
        if platform == "xcb":
            names = sorted({*names, *(s for s in DLOPENED if not loadable(s))})
        if not names:
            missing = {}
            break
        missing[platform] = names
    printing = pyside / PRINT_PLUGIN
    print_missing = missing_for([printing]) if printing.is_file() else []
    if not missing and not print_missing:
        return True, ""
    return not missing, report(missing, print_missing)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m vinr_desktop.qt_runtime [--readme]`: exit 1 (with the install line) when Qt
    cannot start here; `--readme` prints the README's install line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--readme"]:
        print(readme_line())
        return 0
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return 0
    pyside = pyside_folder()
    if pyside is None:
        return 0  # pip reports that on its own
    may_start, message = check(os.environ, pyside)
    if message:
        print(message, file=sys.stderr)
    return 0 if may_start else 1


if __name__ == "__main__":
    sys.exit(main())
