#!/usr/bin/env python3
"""Build every speech handout: `python build.py` (see `python build.py --help`)."""

import sys

from handout.cli import main

if __name__ == "__main__":
    sys.exit(main())
