"""The MSI of VINR Desktop from the bundle in dist/vinr-desktop/: files.wxs, then the package.

    python packaging/windows/build_msi.py [--bundle DIR] [--out FILE] [--tool wix3|wixl]

`files.wxs` lists every file of the bundle as its own component (the usual WiX rule: one file,
one component, so an upgrade replaces exactly what changed), under INSTALLDIR, in a component
group BundleFiles that vinr-desktop.wxs installs. The ids are made from each file's path, so
the same file keeps the same id from one release to the next; component GUIDs are derived
from the path by the toolset (Guid="*").

On Windows the WiX Toolset 3.14 (candle, light) builds the package; on Linux msitools' wixl
builds the same source, which is how the tests check the tables (tests/packaging/test_msi.py)
without a Windows machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NS = "http://schemas.microsoft.com/wix/2006/wi"


def _id(prefix: str, relative: str) -> str:
    return f"{prefix}_{hashlib.sha1(relative.encode('utf-8')).hexdigest()[:20]}"


def files_wxs(bundle: Path, base: Path) -> str:
    """The WiX fragment for every file under `bundle` (symlinks included as the files they
    name: Windows Installer has no links). Sources are relative to `base`, the folder the
    fragment is written to (wixl takes no absolute paths)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<Wix xmlns="{NS}">', "  <Fragment>"]
    components: list[str] = []

    def walk(folder: Path, depth: int) -> None:
        pad = "  " * depth
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            relative = path.relative_to(bundle).as_posix()
            if path.is_dir():
                lines.append(
                    f'{pad}<Directory Id="{_id("d", relative)}" Name={quoteattr(path.name)}>'
                )
                walk(path, depth + 1)
                lines.append(f"{pad}</Directory>")
            elif path.is_file():
                component = _id("c", relative)
                components.append(component)
                lines.append(f'{pad}<Component Id="{component}" Guid="*" Win64="yes">')
                lines.append(
                    f'{pad}  <File Id="{_id("f", relative)}" Name={quoteattr(path.name)} '
                    f'Source={quoteattr(os.path.relpath(path, base))} KeyPath="yes" />'
                )
                lines.append(f"{pad}</Component>")

    lines.append('    <DirectoryRef Id="INSTALLDIR">')
    walk(bundle, 3)
    lines.append("    </DirectoryRef>")
    lines.append('    <ComponentGroup Id="BundleFiles">')
    lines += [f'      <ComponentRef Id="{component}" />' for component in components]
    lines += ["    </ComponentGroup>", "  </Fragment>", "</Wix>", ""]
    return "\n".join(lines)


def msi_version(version: str) -> str:
    """'0.1.0' → '0.1.0' (MSI takes major.minor.build, each number within its limits)."""
    parts = [int(part) for part in version.split(".")[:3]]
    if not (parts[0] < 256 and parts[1] < 256 and parts[2] < 65536):
        raise ValueError(f"not an MSI version: {version}")
    return ".".join(str(part) for part in parts)


def project_version() -> str:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def build(bundle: Path, out: Path, tool: str, work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    (work / "files.wxs").write_text(files_wxs(bundle.resolve(), work.resolve()), encoding="utf-8")
    defines = {"Version": msi_version(project_version()), "Manufacturer": "VINR Desktop"}
    sources = [HERE / "vinr-desktop.wxs", work / "files.wxs"]
    out.parent.mkdir(parents=True, exist_ok=True)
    if tool == "wixl":
        command = ["wixl", "-a", "x64", "-o", str(out)]
        for name, value in defines.items():
            command += ["-D", f"{name}={value}"]
        subprocess.run([*command, *map(str, sources)], check=True)
    else:
        flags = [f"-d{name}={value}" for name, value in defines.items()]
        objects = [work / (source.stem + ".wixobj") for source in sources]
        for source, obj in zip(sources, objects, strict=True):
            subprocess.run(
                ["candle", "-nologo", "-arch", "x64", *flags, "-out", str(obj), str(source)],
                check=True,
            )
        subprocess.run(
            ["light", "-nologo", "-cultures:sv-SE", "-out", str(out), *map(str, objects)],
            check=True,
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_msi.py", description=__doc__)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "vinr-desktop")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--tool", choices=("wix3", "wixl"), default=None)
    args = parser.parse_args(argv)
    tool = args.tool or ("wix3" if sys.platform == "win32" else "wixl")
    if shutil.which("candle" if tool == "wix3" else "wixl") is None:
        print(f"{tool} is not installed", file=sys.stderr)
        return 1
    out = args.out or ROOT / "dist" / f"vinr-desktop-{msi_version(project_version())}-x64.msi"
    build(args.bundle, out, tool, ROOT / "build" / "msi")
    print(f"MSI: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
