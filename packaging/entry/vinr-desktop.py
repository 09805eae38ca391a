"""Frozen entry point of `vinr-desktop` (PyInstaller runs this file as the program)."""

import sys

from vinr_desktop.ui.app import main

sys.exit(main())
