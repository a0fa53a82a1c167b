#!/usr/bin/env python3
"""Build every speech handout: `python build.py` (see `python build.py --help`)."""

from handout.cli import run

if __name__ == "__main__":
    run()
