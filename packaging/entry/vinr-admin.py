"""Frozen entry point of `vinr-admin` (PyInstaller runs this file as the program)."""

import sys

from vinr_desktop.cli import main

sys.exit(main())
