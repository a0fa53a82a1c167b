"""Atomic writes: a failure leaves the old file and no temp file behind. One build per output folder."""

import errno
import os

import pytest

from handout.errors import UserError
from handout.files import locked_folder, remove_temp_files, write_atomic


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "a" / "x.pdf"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.pdf"]


def test_disk_full_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, mode):
            self.handle = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(UserError, match="No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_a_locked_folder_makes_another_locker_wait(tmp_path):
    """The lock is the kernel's (flock): a second process trying it waits until it is let go."""
    import subprocess
    import sys
    folder = tmp_path / "out"
    folder.mkdir()
    waiter = ("import fcntl, os, sys\nfd = os.open(sys.argv[1], os.O_RDONLY)\n"
              "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n    print('free')\n"
              "except BlockingIOError:\n    print('held')\n")
    with locked_folder(folder):
        seen = subprocess.run([sys.executable, "-c", waiter, str(folder)], capture_output=True, text=True)
        assert seen.stdout.strip() == "held"
    seen = subprocess.run([sys.executable, "-c", waiter, str(folder)], capture_output=True, text=True)
    assert seen.stdout.strip() == "free"


def test_a_folder_the_lock_created_and_nothing_filled_is_removed(tmp_path):
    with locked_folder(tmp_path / "new"):
        pass
    assert not (tmp_path / "new").exists()
    with locked_folder(tmp_path / "kept"):
        (tmp_path / "kept" / "x.pdf").write_bytes(b"x")
    assert (tmp_path / "kept" / "x.pdf").exists()


def test_temp_files_of_a_killed_write_are_removed(tmp_path):
    (tmp_path / ".x.pdf.abcd1234.tmp").write_bytes(b"half")          # as tempfile.mkstemp names it
    (tmp_path / ".vimrc.tmp").write_bytes(b"not ours")
    (tmp_path / "x.pdf").write_bytes(b"whole")
    (tmp_path / "notes.tmp").write_bytes(b"the user's")
    remove_temp_files(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".vimrc.tmp", "notes.tmp", "x.pdf"]


# ---------------------------------------------------------------- bounded reads (issue #23 audit)
def test_an_endless_input_is_refused_once_the_limit_is_read(tmp_path, monkeypatch):
    """A pipe that never ends (as `ingest <(yes)` would give) is refused after the limit, so
    any input, however big, is read only that far."""
    import threading
    from handout import files
    monkeypatch.setitem(files.MAX_INPUT_BYTES, "text", 2**20)
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)

    def endless():
        try:
            with open(fifo, "wb") as pipe:
                while True:
                    pipe.write("同志们：".encode() * 4096)
        except (BrokenPipeError, OSError):
            pass
    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    with pytest.raises(UserError) as refused:
        files.read_input(fifo)
    assert str(refused.value).startswith(f"{fifo}: error: the file is bigger than 1 MB: too big")
    writer.join(10)
    assert not writer.is_alive()


def test_a_device_is_refused_without_reading_it():
    from pathlib import Path

    from handout.files import read_input
    with pytest.raises(UserError) as refused:
        read_input(Path("/dev/zero"))
    assert str(refused.value) == "/dev/zero: error: not a file (a device or a folder): give a saved page or document"
