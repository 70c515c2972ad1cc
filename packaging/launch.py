"""Entry script for the PyInstaller bundle: the same as the `hiprehab` command."""

import sys

from hiprehab.launch import main

if __name__ == "__main__":
    sys.exit(main())
