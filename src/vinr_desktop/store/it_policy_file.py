"""Where IT's policy.json lives, and reading it (domain/it_policy.py says what it may hold).

The file is in the machine-wide configuration folder that platformdirs names for the program
(`site_config_dir("VINR Desktop")`): /etc/xdg/VINR Desktop/policy.json on Linux,
C:\\ProgramData\\VINR Desktop\\policy.json on Windows, /Library/Application Support/VINR
Desktop/policy.json on macOS. IT writes it and makes it read-only for users; the program only
reads it, once per register it opens.

`VINR_POLICY_DIR` names another folder, read only where IT has placed no policy.json in the
machine-wide folder: the tests use it so they never read the real one, and a user cannot use it
to step around what IT fixed. The administrator page shows which file was read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from vinr_desktop.domain.it_policy import ItPolicy, parse_policy, unreadable
from vinr_desktop.store.paths import APP_NAME

POLICY_DIR_ENV = "VINR_POLICY_DIR"
POLICY_NAME = "policy.json"
MAX_BYTES = 64 * 1024


def machine_folder() -> Path:
    """The machine-wide configuration folder IT writes to."""
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False))


def policy_folder() -> Path:
    """Where the policy is read from: IT's folder whenever it holds a policy.json, else the
    folder `VINR_POLICY_DIR` names (for tests), else IT's folder."""
    machine = machine_folder()
    override = os.environ.get(POLICY_DIR_ENV)
    if override and not (machine / POLICY_NAME).exists():
        return Path(override)
    return machine


def policy_path(folder: Path | None = None) -> Path:
    return (folder if folder is not None else policy_folder()) / POLICY_NAME


def load_policy(folder: Path | None = None) -> ItPolicy:
    """The policy in `folder` (default: policy_folder()); no file means nothing fixed."""
    path = policy_path(folder)
    source = str(path)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return ItPolicy(source)
    except OSError as exc:
        return unreadable(source, f"filen kan inte läsas ({type(exc).__name__}).")
    if len(raw) > MAX_BYTES:
        return unreadable(source, f"filen är större än {MAX_BYTES // 1024} kB.")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return unreadable(source, "filen är inte sparad som UTF-8.")
    except json.JSONDecodeError as exc:
        return unreadable(
            source, f"filen är inte giltig JSON (rad {exc.lineno}, tecken {exc.colno})."
        )
    return parse_policy(data, source)
