"""The command line as a user meets it: exit status, one-line errors, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, many_speeches


def run(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def speech(tmp_path: Path, text: str, name="x.md") -> Path:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / name).write_text(text, encoding="utf-8")
    return content


GOOD = "---\ntitle: 在会议上的讲话\n---\n\n同志们：\n\n正文。\n"


def test_help_explains_build_and_ingest():
    result = run("--help")
    assert result.returncode == 0
    for word in ("ingest", "--only", "--jobs", "--force", "--content", "--output"):
        assert word in result.stdout
    result = run("ingest", "--help")
    assert result.returncode == 0 and "--force" in result.stdout


def test_bad_content_is_one_line_with_file_and_line_and_exit_2(tmp_path):
    content = speech(tmp_path, "---\ntitle: 讲话\ndate: [1, 2]\n---\n\n正文\n")
    result = run("--content", content, "--output", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"{content / 'x.md'}:3: error: `date` must be text, not list"]
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_debug_shows_the_traceback(tmp_path):
    content = speech(tmp_path, "no front matter\n")
    result = run("--content", content, "--output", tmp_path / "out", "--debug")
    assert result.returncode == 2
    assert "no front matter" in result.stderr


def test_read_only_output_folder_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere; read-only folders cannot be simulated with chmod")
    content = speech(tmp_path, GOOD)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    result = run("--content", content, "--output", out)
    assert result.returncode == 2 and "cannot write" in result.stderr


def test_a_missing_fonts_folder_is_one_line_naming_the_option(tmp_path):
    """Not the shipped fonts in its place: the folder named is a typo, or not mounted."""
    content = speech(tmp_path, GOOD)
    result = run("--content", content, "--output", tmp_path / "out", "--fonts", tmp_path / "nofonts")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: --fonts: no such folder: {tmp_path / 'nofonts'}"]
    assert not (tmp_path / "out").exists()


def test_corrupt_font_is_a_clear_error(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for f in (ROOT / "fonts").glob("*.ttf"):
        (fonts / f.name).symlink_to(f)
    (fonts / "simfang.ttf").write_bytes(b"not a font at all" * 10)
    content = speech(tmp_path, GOOD)
    result = run("--content", content, "--output", tmp_path / "out", "--fonts", fonts)
    assert result.returncode == 2
    assert "simfang.ttf: error: cannot use this font" in result.stderr


def test_no_op_rebuild_says_so(tmp_path):
    content = speech(tmp_path, GOOD)
    assert run("--content", content, "--output", tmp_path / "out").returncode == 0
    result = run("--content", content, "--output", tmp_path / "out")
    assert result.returncode == 0 and "nothing to do" in result.stdout


def run_on_a_terminal(*args) -> str:
    """build.py with a pseudo-terminal as stdout and stderr, as a user at a shell runs it."""
    import pty
    pid, fd = pty.fork()
    if pid == 0:                                       # the child: becomes build.py
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, str(ROOT / "build.py"), *map(str, args)])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:                                # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


def test_on_a_terminal_a_progress_bar_then_the_summary_table(tmp_path):
    content = speech(tmp_path, GOOD)
    speech(tmp_path, GOOD, name="y.md")
    shown = run_on_a_terminal("--content", content, "--output", tmp_path / "out", "--jobs", "2")
    assert "building" in shown                          # rich's bar
    table = shown.index("built")
    for name in ("x.pdf", "x.docx", "y.pdf", "y.docx"):
        assert name in shown[table:]
    assert "building" not in shown[table:]              # the bar is gone before the table
    assert "4 file(s) written" in shown[table:]


@pytest.mark.parametrize("sig", ["SIGINT", "SIGKILL"])
def test_a_killed_build_leaves_only_whole_files(tmp_path, sig):
    import signal
    import time

    from pypdf import PdfReader
    content = many_speeches(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content),
                             "--output", str(out), "--jobs", "1", "--only", "pdf"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.05)
    proc.send_signal(getattr(signal, sig))
    proc.wait(timeout=60)
    pdfs = list(out.glob("*.pdf"))
    assert 3 <= len(pdfs) < 36, "the build should have been stopped part-way"
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) > 1, pdf.name        # every PDF there is whole
    if sig == "SIGINT":
        assert proc.returncode == 130
        assert not list(out.glob(".*.tmp")), "Ctrl-C cleans up its temp files"


def test_a_closed_pipe_is_not_a_traceback(tmp_path):
    """`build.py ingest … | head -1`: the reader leaves early; no traceback."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "ingest", str(ROOT / "content" / "sources" /
                             "000_e1432cc8c8ea04d6.txt"), "--content", str(tmp_path / "c")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()                  # before the build has printed anything: its writes fail
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and "Traceback" not in err


def test_a_bad_source_date_epoch_is_one_line_and_nothing_is_built(tmp_path):
    content = speech(tmp_path, GOOD)
    result = run("--content", content, "--output", tmp_path / "out", env={"SOURCE_DATE_EPOCH": "abc"})
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["SOURCE_DATE_EPOCH: error: must be a whole number of seconds "
                                          "since 1970-01-01, not 'abc'"]
    assert not (tmp_path / "out").exists()


def test_a_console_that_cannot_show_chinese_gets_escapes_and_the_files(tmp_path):
    content = speech(tmp_path, "---\ntitle: 讲话\n作者: 张三\n---\n\n正文。\n", name="讲话.md")
    result = run("--content", content, "--output", tmp_path / "out", env={"PYTHONIOENCODING": "latin-1"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "\\u4f5c\\u8005" in result.stderr                # 作者, the unknown key, escaped
    assert (tmp_path / "out" / "讲话.pdf").is_file() and (tmp_path / "out" / "讲话.docx").is_file()


def test_a_symbolic_link_loop_in_content_is_that_speech_s_error(tmp_path):
    content = speech(tmp_path, GOOD)
    (content / "loop.md").symlink_to(content / "loop.md")
    (content / "folder.md").mkdir()
    result = run("--content", content, "--output", tmp_path / "out", "--only", "pdf")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert sorted(result.stderr.splitlines()) == [
        f"{content / 'folder.md'}: error: cannot read: Is a directory",
        f"{content / 'loop.md'}: error: cannot read: Too many levels of symbolic links"]
    assert (tmp_path / "out" / "x.pdf").is_file()


def test_ingest_removes_the_temp_files_an_ingest_killed_outright_left(tmp_path):
    """`kill -9` during ingest leaves content/.<name>.md.<random>.tmp; the next ingest of the
    folder (one at a time) removes them (issue #23 audit)."""
    content = tmp_path / "content"
    (content / "_reports").mkdir(parents=True)
    left = [content / ".2022-kaiban.md.k3j_x9a2.tmp", content / "_reports" / ".p.html.a1b2c3d4.tmp"]
    for path in left:
        path.write_text("half", encoding="utf-8")
    kept = content / ".notes.tmp"                    # not a name write_atomic makes
    kept.write_text("mine", encoding="utf-8")
    page = sorted((ROOT / "content" / "sources").glob("*.txt"))[0]
    result = run("ingest", page, "--content", content, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.exists() for p in left] == [False, False] and kept.exists()
