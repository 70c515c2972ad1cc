"""Allow `python -m hiprehab`."""

import sys

from hiprehab.cli import main

sys.exit(main())
