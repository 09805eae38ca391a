"""Build the one-folder bundle for this machine: `./scripts/package` runs this with .venv's Python.

Steps: check that the build environment holds exactly the versions in packaging/constraints.txt
(the lock for the build), run PyInstaller on packaging/vinr-desktop.spec into dist/vinr-desktop/,
print the bundle's size and what was left out, and write dist/SHA256SUMS (one line per file
of the bundle, and of the installer when there is one). `--lock` writes constraints.txt from
the current environment instead. Works the same on Linux, Windows and macOS (the CI
workflows in packaging/ci/ call it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "packaging" / "constraints.txt"
SPEC = ROOT / "packaging" / "vinr-desktop.spec"
DIST = ROOT / "dist"
BUNDLE = DIST / "vinr-desktop"
# The program and the build tool: the lock holds them and everything they need.
LOCK_ROOTS = ("vinr-desktop", "pyinstaller")
SIZE_TARGET_MB = 150  # the Linux bundle, unpacked (issue 20)


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _closure(roots: tuple[str, ...]) -> dict[str, str]:
    """Installed distributions `roots` need, transitively (extras and markers respected)."""
    found: dict[str, str] = {}
    todo = list(roots)
    while todo:
        name = _name(todo.pop())
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a dependency for another platform (pywin32-ctypes, macholib ...)
        found[name] = dist.version
        for requirement in dist.requires or ():
            if "extra ==" in requirement:
                continue
            spec, _, marker = requirement.partition(";")
            if marker.strip() and not _marker_holds(marker):
                continue
            todo.append(re.split(r"[\s<>=!~\[(]", spec.strip(), maxsplit=1)[0])
    found.pop("vinr-desktop", None)  # the project itself is built from this checkout
    return found


def _marker_holds(marker: str) -> bool:
    from packaging.markers import Marker

    return Marker(marker).evaluate()


def write_lock() -> None:
    pins = _closure(LOCK_ROOTS)
    lines = [
        "# The build's lock: exact versions for `./scripts/package` (packaging/build.py).",
        "# Written by `./scripts/package --lock` from the environment the suite passed in,",
        f"# on {sys.platform}, Python {sys.version_info.major}.{sys.version_info.minor}.",
        "# Packages only other systems need (pywin32-ctypes, macholib ...) are not pinned here.",
        *(f"{name}=={version}" for name, version in sorted(pins.items())),
    ]
    CONSTRAINTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{CONSTRAINTS.relative_to(ROOT)}: {len(pins)} packages pinned")


def read_lock() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_name(name)] = version.strip()
    return pins


def check_lock() -> None:
    """Stop when the environment differs from the lock (the bundle would not be the one the
    lock describes)."""
    wrong = []
    for name, version in read_lock().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != version:
            wrong.append(f"{name}: {installed}, the lock says {version}")
    if wrong:
        raise SystemExit(
            "The build environment does not match packaging/constraints.txt:\n  "
            + "\n  ".join(wrong)
            + "\n(./scripts/package installs the locked versions; --lock writes new ones.)"
        )


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def write_checksums(paths: list[Path]) -> Path:
    """dist/SHA256SUMS in `sha256sum` format, paths relative to dist/ with '/'."""
    lines = []
    for path in sorted(paths):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(DIST).as_posix()}")
    target = DIST / "SHA256SUMS"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def build() -> None:
    check_lock()
    env = dict(os.environ)
    # Same bytecode and ordering on every build of the same commit.
    env["PYTHONHASHSEED"] = "0"
    env.setdefault("SOURCE_DATE_EPOCH", _commit_time())
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seconds = time.monotonic() - started
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    size = folder_size(BUNDLE)
    removed = ROOT / "build" / "pyinstaller" / "vinr-desktop" / "removed.txt"
    left_out = len(removed.read_text(encoding="utf-8").split()) if removed.exists() else 0
    sums = write_checksums(
        files + [p for p in DIST.glob("*.msi")] + [p for p in DIST.glob("*.dmg")]
    )
    print()
    print(f"Bundle: {BUNDLE.relative_to(ROOT)}/ ({len(files)} files, {left_out} left out)")
    print(f"Size:   {size / 1e6:.1f} MB unpacked ({size / 2**20:.1f} MiB)", end="")
    if sys.platform.startswith("linux"):
        verdict = "within" if size / 1e6 <= SIZE_TARGET_MB else "OVER"
        print(f"; {verdict} the Linux target of {SIZE_TARGET_MB} MB", end="")
    print()
    print(f"Time:   {seconds:.0f} s")
    print(f"Sums:   {sums.relative_to(ROOT)}")


def _commit_time() -> str:
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
        )
        return done.stdout.strip() or str(int(time.time()))
    except OSError:
        return str(int(time.time()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__)
    parser.add_argument("--lock", action="store_true", help="write packaging/constraints.txt")
    parser.add_argument("--check-lock", action="store_true", help="only compare with the lock")
    args = parser.parse_args(argv)
    if args.lock:
        write_lock()
    elif args.check_lock:
        check_lock()
        print("The build environment matches packaging/constraints.txt.")
    else:
        build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
