#!/usr/bin/env python3
"""Build every speech handout: `python build.py` (see `python build.py --help`)."""

import os
import sys

from handout.cli import main

if __name__ == "__main__":
    status = main()
    # Everything is written and closed by now; skip tearing down the interpreter's objects
    # (a tenth of a batch's time after a big build). Only buffered output is left to flush.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:          # the reader left (`| head`): nothing more to say
        pass
    os._exit(status)
