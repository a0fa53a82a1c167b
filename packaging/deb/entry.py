"""The frozen `handout` command (PyInstaller's entry point): what build.py runs."""

import multiprocessing

from handout.cli import run

if __name__ == "__main__":
    multiprocessing.freeze_support()     # a no-op for the build's forked workers; PyInstaller asks for it
    run()
