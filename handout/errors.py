"""The one exception type for user mistakes, and how it is shown.

A user mistake (bad content file, bad template, unreadable raw page, …) raises
`UserError`; the command line prints its one-line form and exits with status 2.
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import threading
from pathlib import Path

EXIT_USER_ERROR = 2
# `build.py ingest FILE.docx`: merged, but where the copy and the content file changed the
# same place differently the file kept its text (the report shows both); not a refusal.
EXIT_CONFLICT = 3

# Set when Ctrl-C or SIGTERM arrives (cli.py). Libraries catch bare exceptions (reportlab turns
# a KeyboardInterrupt that lands inside its formatting into a ValueError), so a job that fails
# once this is set was interrupted; it is not a bug in that speech.
INTERRUPTED = threading.Event()


class UserError(Exception):
    """An expected failure caused by input, shown as `path:line: error: message`.

    `line` is 1-based; None when the problem is with the file as a whole.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        return format_diagnostic("error", self.message, self.path, self.line)


def format_diagnostic(kind: str, message: str, path: str | Path | None = None,
                      line: int | None = None) -> str:
    """`path:line: kind: message`, the form compilers use, so editors can jump to it."""
    where = ""
    if path is not None:
        where = f"{path}:{line}: " if line else f"{path}: "
    return f"{where}{kind}: {message}"


def yaml_error(exc: Exception, path: str | Path) -> UserError:
    """A PyYAML parse error as `path:line: error: bad YAML: …` (PyYAML counts lines from 0)."""
    mark = getattr(exc, "problem_mark", None)
    return UserError(f"bad YAML: {getattr(exc, 'problem', None) or exc}", path,
                     mark.line + 1 if mark else None)
