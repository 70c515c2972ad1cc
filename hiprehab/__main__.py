"""Allow `python -m hiprehab`."""

import sys

from hiprehab.launch import main

sys.exit(main())
