"""The one exception type for user mistakes, and how it is shown.

A user mistake (bad content file, bad template, unreadable raw page, …) raises
`UserError`; the command line prints its one-line form and exits with status 2.
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .i18n import N_, Msg, cli_gettext, localize

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

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 **values):
        """`message` may name `{values}`: it is then the catalog's msgid (handout/i18n.py),
        filled in after translation, so the Chinese reads as Chinese."""
        if isinstance(message, Msg) and not values:       # a message made elsewhere (not_found)
            message, values = message.msgid, message.values
        self.template = message
        self.values = values
        self.message = message.format(**values) if values else message
        super().__init__(self.message)
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        """In the terminal's language: wherever the error becomes text (the CLI, a worker's
        result, the watcher's console) it is text for a person."""
        return self.localized(cli_gettext)

    def localized(self, gettext) -> str:
        """The message in the catalog's language, with its `path:line:` prefix; a message
        the catalog lacks stays as written."""
        text = localize(Msg(self.template, **self.values), gettext)
        return format_diagnostic("error", text, self.path, self.line, gettext)


# The kinds of diagnostic, translated where the line is made (出错, 警告, 提示).
KINDS = (N_("error"), N_("warning"), N_("note"))


def format_diagnostic(kind: str, message: str, path: str | Path | None = None,
                      line: int | None = None, gettext=cli_gettext) -> str:
    """`path:line: kind: message`, the form compilers use, so editors can jump to it; `kind`
    (one of KINDS) in `gettext`'s language, `message` as given (already translated)."""
    where = ""
    if path is not None:
        where = f"{path}:{line}: " if line else f"{path}: "
    return f"{where}{gettext(kind)}: {message}"


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, for a person: the usual reasons in the
    catalog's words (strerror is the C library's English), any other as the system says it."""
    import errno
    reasons = {errno.ENOENT: N_("No such file or directory"), errno.EACCES: N_("Permission denied"),
               errno.EPERM: N_("Operation not permitted"), errno.EISDIR: N_("Is a directory"),
               errno.ENOTDIR: N_("Not a directory"), errno.ENOSPC: N_("No space left on device"),
               errno.EROFS: N_("Read-only file system")}          # as the C library says them
    reason = reasons.get(getattr(exc, "errno", None))
    return Msg(reason) if reason else (getattr(exc, "strerror", None) or str(exc))


def yaml_error(exc: Exception, path: str | Path) -> UserError:
    """A PyYAML parse error as `path:line: error: bad YAML: …` (PyYAML counts lines from 0)."""
    mark = getattr(exc, "problem_mark", None)
    from .yamltext import yaml_problem
    return UserError("bad YAML: {problem}", path, mark.line + 1 if mark else None,
                     problem=yaml_problem(exc))
