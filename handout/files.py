"""Reading inputs (clear errors) and writing outputs safely (a temp file, then an atomic rename).

An interrupted build (Ctrl-C, a kill, a full disk) leaves the old file or the new one,
never a torn one, and no temp file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UserError


def read_input(path: Path) -> bytes:
    """An input file's bytes; unreadable or empty files are the user's to fix."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror or exc}", path) from None
    if not data.strip():
        raise UserError("the file is empty", path)
    return data


def write_atomic(path: Path, data: bytes) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())      # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise UserError(f"cannot write: {exc.strerror or exc}", path) from None
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
