"""The bad-input matrix, as a user meets it on the command line.

Each case puts one bad content file beside a good one and runs `build.py`: the user sees one
line `path:line: error: …` (or a warning), the exit status is 2 for errors, the bad speech's
output is not created, and the good speech is still built.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOOD = "---\ntitle: 在会议上的讲话\n---\n\n同志们：\n\n今天开会。\n"


def run(*args, env=None):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def build_with(tmp_path: Path, bad: bytes, *options, name="bad.md"):
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD, encoding="utf-8")
    (content / name).write_bytes(bad)
    out = tmp_path / "out"
    result = run("--content", content, "--output", out, "--only", "pdf", "--jobs", "1", *options)
    return result, content / name, out


def copy_templates(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    for f in (ROOT / "templates").iterdir():
        if f.is_file():
            (templates / f.name).write_bytes(f.read_bytes())
    return templates


ERRORS = [
    ("gbk", "---\ntitle: 讲话\n---\n\n正文。\n".encode("gbk"), 2, "not UTF-8 (GBK?)"),
    ("utf-16", "---\ntitle: 讲话\n---\n".encode("utf-16"), 1, "the file is UTF-16"),
    ("empty", b"", None, "the file is empty"),
    ("only front matter", "---\ntitle: 讲话\n---\n".encode(), None, "no text after the front matter"),
    ("no front matter", "同志们：\n\n正文。\n".encode(), 1, "no front matter"),
    ("broken yaml", "---\ntitle: 讲话\nspeaker: [市委\n---\n\n正文。\n".encode(), 3, "bad YAML"),
    ("title missing", "---\nspeaker: 市委书记\n---\n\n正文。\n".encode(), 2, "no `title:`"),
    ("wrong type", "---\ntitle: 讲话\ndate: [1, 2]\n---\n\n正文。\n".encode(), 3, "`date` must be text"),
    ("heading level 5", "---\ntitle: 讲话\n---\n\n正文。\n\n##### 太深\n".encode(), 7, "heading level 5"),
    ("control character", "---\ntitle: 讲话\n---\n\n正\x07文。\n".encode(), 5, "control character U+0007"),
    ("U+FFFF", "---\ntitle: 讲\uffff话\n---\n\n正文。\n".encode(), 2, "non-character U+FFFF"),
    # U+16A40 (Mro): no font on the machine has it (a rare Han character falls back to an
    # installed face: tests/writers/test_rare_characters.py)
    ("character no font has", "---\ntitle: 讲话\n---\n\n正文\U00016a40。\n".encode(), 5, "is in none of the fonts"),
    ("… in the title (also the running header)", "---\ntitle: 讲话\U00016a40\n---\n\n正文。\n".encode(), 2,
     "is in none of the fonts"),
    ("… in the speaker", "---\ntitle: 讲话\ndate: 2022-10-28\nspeaker: 市委\U00016a40\n---\n\n正文。\n".encode(), 4,
     "is in none of the fonts"),
    ("10 MB speech", ("---\ntitle: 讲话\n---\n\n" + "正文。" * 1_200_000).encode(), None,
     "a speech over 1 MB is refused"),
]


@pytest.mark.parametrize("case, data, line, words", ERRORS, ids=[c[0] for c in ERRORS])
def test_a_bad_speech_is_one_clear_line_and_the_others_are_built(tmp_path, case, data, line, words):
    result, bad, out = build_with(tmp_path, data)
    assert result.returncode == 2, result.stderr
    where = f"{bad}:{line}: error: " if line else f"{bad}: error: "
    errors = [l for l in result.stderr.splitlines() if ": error: " in l]
    assert len(errors) == 1 and errors[0].startswith(where) and words in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "bad.pdf").exists()
    assert (out / "good.pdf").exists()
    assert not list(out.glob(".*.tmp"))


# (Tables, HTML and images are not markup: they print as written, tests/test_body.py.)
WARNINGS = [
    ("comment cutting the title", "---\ntitle: 第1号 #重要\n---\n\n正文。\n", 2, "YAML comment"),
    ("unknown key", "---\ntitle: 讲话\nautor: 张三\n---\n\n正文。\n", 3, "unknown front-matter key 'autor'"),
    ("character only another font has", "---\ntitle: 讲话\n---\n\n正文０１。\n", 5, "not in"),
]


@pytest.mark.parametrize("case, text, line, words", WARNINGS, ids=[c[0] for c in WARNINGS])
def test_a_questionable_speech_is_built_with_a_warning_and_strict_refuses_it(tmp_path, case, text, line, words):
    result, bad, out = build_with(tmp_path, text.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    warnings = [l for l in result.stderr.splitlines() if ": warning: " in l]
    assert warnings and warnings[0].startswith(f"{bad}:{line}: warning: ") and words in warnings[0], result.stderr
    assert (out / "bad.pdf").exists()
    strict = run("--content", bad.parent, "--output", tmp_path / "strict", "--only", "pdf", "--strict")
    assert strict.returncode == 2 and not (tmp_path / "strict" / "bad.pdf").exists()


def test_unsupported_markdown_keeps_its_words_in_the_pdf(tmp_path):
    from tests.pdfcheck import visual_lines
    result, bad, out = build_with(tmp_path, "---\ntitle: 讲话\n---\n\n<div>保留这些字</div>\n\n| 甲 | 乙 |\n|---|---|\n".encode())
    text = "".join(l.text for l in visual_lines(out / "bad.pdf"))
    assert "保留这些字" in text and "甲" in text


def test_a_booklet_slug_that_leaves_the_output_folder_is_refused(tmp_path):
    result, bad, out = build_with(tmp_path, b"title: x\nslug: ../../evil\n", name="_collection.yaml")
    assert result.returncode == 2
    assert "error:" in result.stderr and "outside" in result.stderr
    assert not (tmp_path / "evil.pdf").exists() and not (tmp_path.parent / "evil.pdf").exists()


@pytest.mark.parametrize("template, line, words", [
    ("<document>{% if %}</document>", 1, "template syntax"),
    ("<document>\n<para>{{ nothing.here }}</para></document>", 2, "undefined"),
    ("<document>{{ meta.__class__.__mro__ }}</document>", 1, "unsafe"),
])
def test_a_broken_template_names_its_file_and_line(tmp_path, template, line, words):
    templates = copy_templates(tmp_path)
    (templates / "handout.xml.j2").write_text(template, encoding="utf-8")
    result, bad, out = build_with(tmp_path, GOOD.encode(), "--templates", templates)
    assert result.returncode == 2
    errors = [l for l in result.stderr.splitlines() if ": error: " in l]
    assert errors and all(f"handout.xml.j2:{line}: error: " in e for e in errors), result.stderr
    assert any(words in e.lower() for e in errors), result.stderr
    assert not list(out.glob("*.pdf"))


def test_a_read_only_output_folder_is_a_clear_error(tmp_path, monkeypatch, capsys):
    """Simulated (root ignores chmod): creating the temporary file fails with EROFS."""
    import errno
    import tempfile

    from handout.cli import main

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    status = main(["--content", str(content), "--output", str(tmp_path / "out"), "--only", "pdf", "--jobs", "1"])
    err = capsys.readouterr().err
    assert status == 2
    assert "good.pdf: error: cannot write: Read-only file system" in err and "Traceback" not in err


def test_a_damaged_reference_docx_is_one_line_naming_it(tmp_path):
    templates = copy_templates(tmp_path)
    (templates / "reference.docx").write_bytes(b"PK\x03\x04 not really a zip")
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD, encoding="utf-8")
    result = run("--content", content, "--output", tmp_path / "out", "--templates", templates)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{templates / 'reference.docx'}: error: cannot use this reference document")
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
