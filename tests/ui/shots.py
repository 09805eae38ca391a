"""Screenshots to look at, saved only when VINR_SHOTS names a folder (never by default: a test
run writes nothing outside its temporary folders)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget


def save_shot(widget: QWidget, name: str) -> None:
    """`widget` as VINR_SHOTS/<name>.png, when VINR_SHOTS is set."""
    folder = os.environ.get("VINR_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))
