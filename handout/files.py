"""Reading inputs (clear errors) and writing outputs safely (a temp file, then an atomic rename).

An interrupted build (Ctrl-C, a kill, a full disk) leaves the old file or the new one,
never a torn one. A build that could not clean up (SIGKILL) leaves a hidden temp file, which
the next build of that folder removes. One build at a time writes an output folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"

from .errors import UserError, os_reason
from .i18n import N_


# The most an input is read: a speech page saved from the browser is well under 5 MB, a
# speech's Word file with its photos under 50; a bigger file (or /dev/zero) is refused as
# soon as this much is read, not after it has filled memory.
MAX_INPUT_BYTES = {"text": 20 * 2**20, "word": 100 * 2**20}


def read_input(path: Path, kind: str = "text") -> bytes:
    """An input file's bytes; unreadable, empty or oversized files are the user's to fix."""
    limit = MAX_INPUT_BYTES[kind]
    try:
        with path.open("rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise UserError("not a file (a device or a folder): give a saved page or document", path)
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UserError("cannot read: {why}", path, why=os_reason(exc)) from None
    if len(data) > limit:
        message = (N_("the file is bigger than {limit} MB: too big for a speech (a speech page "
                      "is well under 5 MB)") if kind == "text" else
                   N_("the file is bigger than {limit} MB: too big for a speech (save it without "
                      "its images)"))
        raise UserError(message, path, limit=limit // 2**20)
    if not data.strip():
        raise UserError("the file is empty", path)
    return data


def write_atomic(path: Path, data: bytes) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())      # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise UserError("cannot write: {why}", path, why=os_reason(exc)) from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_quietly(tmp: str | None) -> None:
    if tmp:
        try:
            os.unlink(tmp)
        except OSError:
            pass


@contextlib.contextmanager
def locked_folder(folder: Path, on_wait=None):
    """Hold `folder` for one build: another build of it waits until this one is done.

    The lock (flock on the folder itself, so nothing is added to it) goes away with the
    process, however it ends. A folder this created and left empty is removed again.
    """
    import fcntl
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise UserError("cannot write: {why}", folder, why=os_reason(exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()                     # only if still empty


def remove_temp_files(folder: Path) -> None:
    """Temp files of writes that never finished (a build killed with SIGKILL)."""
    for tmp in folder.glob(f".*.{'?' * 8}{TEMP_SUFFIX}"):        # write_atomic's names only
        _remove_quietly(str(tmp))
