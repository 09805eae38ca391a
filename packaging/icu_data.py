"""A smaller ICU data library for the Linux bundle: Qt's use of ICU, for Swedish and English.

PySide6's Linux wheels link QtCore against ICU 73, whose `libicudata.so.73` is one 31 MB
table of everything ICU knows (collation, time-zone names, calendars, currencies, languages
and units for 800 locales, 200 legacy code pages, dictionaries for Thai and Chinese word
breaks, transliteration). The dynamic linker needs the library (QtCore and libicuuc name it),
and libicuuc reads its data from the one symbol it exports, `icudt73_dat`.

What Qt 6 asks of ICU is short (the symbols libQt6Core imports, checked in the tests):
collation (`ucol_*`, QCollator and everything that sorts "locale aware", such as the file
dialog), case mapping with a locale (`u_strToUpper/Lower`, built into libicuuc itself),
time-zone ids and names (`ucal_*`), and conversion of legacy text encodings (`ucnv_*`). Word
breaking, transliteration, number spelling, units and currency or language names are never
asked for: Qt has its own CLDR tables for those.

So the bundle gets a library with the same name and symbol holding only: every item that is
not per-locale (normalisation, converter aliases, supplemental and time-zone data), the
collation and time-zone name trees and the top-level locale data for the root locale and for
Swedish and English (whose fallbacks lead to root), and the Western code pages. A locale that
is left out falls back to the root collation, as ICU does for any locale it has no data for.
The program's self-test (`vinr-desktop --self-test`) proves the result from inside the frozen
bundle: Swedish sorting puts Å, Ä, Ö after Z, English sorting does not, and Stockholm's time
zone has its Swedish name.

Building the library needs a C compiler (`cc`) for one `.incbin` line; without one the bundle
keeps the full library and the build says so.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

# Locale trees whose data Qt can reach, and the locales kept in them (with their variants:
# sv_SE, sv_FI, en_SE, en_001, ...). Items of the other trees are all dropped.
KEPT_TREES = ("", "coll", "zone")
KEPT_LANGUAGES = ("root", "sv", "en")
# Per-item rules for the files that are not locale data (by name, in the top level).
DROPPED_SUFFIXES = (".spp", ".cfu", ".dict")  # stringprep, spoof checks, word-break dictionaries
DROPPED_NAMES = ("unames.icu",)  # Unicode character names (u_charName); Qt never asks
# Legacy code pages kept: Western European ones a file from another program might use.
KEPT_CONVERTERS = (
    "ibm-5348_P100-1997.cnv",  # windows-1252
    "ibm-923_P100-1998.cnv",  # ISO-8859-15
    "ibm-850_P100-1995.cnv",  # DOS Latin-1
    "ibm-437_P100-1995.cnv",  # DOS US
    "macos-0_2-10.2.cnv",  # Mac Roman
)

_LOCALE = re.compile(r"^(root|[a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")
_HEADER_MAGIC = (0xDA, 0x27)


class IcuDataError(ValueError):
    """The file is not the ICU data library this module understands."""


# -- the common data format ------------------------------------------------------------------


def split_items(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU common data ("CmnD", little-endian) → (its header, [(item name, item bytes)])."""
    if len(blob) < 32:
        raise IcuDataError("too short for ICU data")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != _HEADER_MAGIC or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise IcuDataError("not little-endian ICU common data")
    (count,) = struct.unpack_from("<I", blob, header_size)
    offsets = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    base = header_size
    items: list[tuple[str, bytes]] = []
    for index, (name_offset, data_offset) in enumerate(offsets):
        end_name = blob.index(b"\0", base + name_offset)
        name = blob[base + name_offset : end_name].decode("ascii")
        end = offsets[index + 1][1] if index + 1 < count else len(blob) - base
        items.append((name, blob[base + data_offset : base + end]))
    return blob[:header_size], items


def join_items(header: bytes, items: Iterable[tuple[str, bytes]]) -> bytes:
    """The inverse of split_items: items in name order, each data item 16-byte aligned."""
    entries = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in entries)
    toc_size = 4 + 8 * len(entries)
    data_start = _align(toc_size + len(names))
    toc = bytearray(struct.pack("<I", len(entries)))
    body = bytearray()
    name_offset = toc_size
    for name, data in entries:
        toc += struct.pack("<II", name_offset, data_start + len(body))
        name_offset += len(name) + 1
        body += data + b"\0" * (_align(len(data)) - len(data))
    padding = b"\xaa" * (data_start - toc_size - len(names))  # ICU pads with 0xaa too
    return bytes(header) + bytes(toc) + names + padding + bytes(body)


def _align(size: int) -> int:
    return (size + 15) & ~15


def kept(name: str) -> bool:
    """Whether the item `name` ("icudt73l/coll/sv.res") goes into the smaller library."""
    parts = name.split("/")[1:]  # without the package name
    tree, file = "/".join(parts[:-1]), parts[-1]
    if tree not in KEPT_TREES:
        return False
    if _LOCALE.match(file) and file not in ("pool.res",):
        language = file.split(".")[0].split("_")[0]
        return language in KEPT_LANGUAGES
    if tree:
        return True  # pool.res, res_index.res, tzdbNames.res of a kept tree
    if file.endswith(".cnv"):
        return file in KEPT_CONVERTERS
    return not file.endswith(DROPPED_SUFFIXES) and file not in DROPPED_NAMES


# -- the shared library ----------------------------------------------------------------------


def exported_data(library: bytes, symbol: str) -> bytes:
    """The bytes of the exported object `symbol` in a 64-bit little-endian ELF library."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise IcuDataError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", library, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", library, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", library, shoff + i * shentsize) for i in range(shnum)
    ]
    for _name, kind, _flags, _addr, offset, size, link, _info, _sh_align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings = sections[link]
        for at in range(offset, offset + size, entsize):
            st_name, _st_info, _st_other, st_shndx, st_value, st_size = struct.unpack_from(
                "<IBBHQQ", library, at
            )
            start = strings[4] + st_name
            if library[start : library.index(b"\0", start)].decode() != symbol:
                continue
            home = sections[st_shndx]
            file_offset = home[4] + (st_value - home[3])
            return library[file_offset : file_offset + st_size]
    raise IcuDataError(f"{symbol} not exported")


def data_symbol(library_name: str) -> str:
    """'libicudata.so.73' → 'icudt73_dat'."""
    match = re.fullmatch(r"libicudata\.so\.(\d+)(\.\d+)*", library_name)
    if match is None:
        raise IcuDataError(f"not an ICU data library: {library_name}")
    return f"icudt{match.group(1)}_dat"


def build_library(source: Path, target: Path, *, compiler: str = "cc") -> tuple[int, int]:
    """Write a smaller copy of the ICU data library `source` to `target` (same name, same
    symbol); return the number of items (before, after). Needs `compiler` on the PATH."""
    symbol = data_symbol(source.name)
    header, items = split_items(exported_data(source.read_bytes(), symbol))
    chosen = [(name, data) for name, data in items if kept(name)]
    with tempfile.TemporaryDirectory(prefix="vinr-icu-") as folder:
        work = Path(folder)
        (work / "data.bin").write_bytes(join_items(header, chosen))
        (work / "data.S").write_text(
            "\n".join(
                (
                    ".section .rodata",
                    f".globl {symbol}",
                    f".type {symbol}, @object",
                    ".balign 16",
                    f"{symbol}:",
                    '.incbin "data.bin"',
                    f".size {symbol}, . - {symbol}",
                    '.section .note.GNU-stack,"",@progbits',
                    "",
                )
            ),
            encoding="ascii",
        )
        subprocess.run(
            [
                compiler,
                "-shared",
                "-nostdlib",
                "-s",
                f"-Wl,-soname,{source.name}",
                "-o",
                str(work / source.name),
                "data.S",
            ],
            cwd=work,
            check=True,
            capture_output=True,
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / source.name, target)
    return len(items), len(chosen)


def compiler_available(compiler: str = "cc") -> bool:
    return shutil.which(compiler) is not None
