"""`python -m vinr_desktop.cli`: the same as `vinr-admin`."""

import sys

from vinr_desktop.cli.run import main

sys.exit(main())
