"""Reading content files: front matter, body, and a clear error for each mistake."""

from pathlib import Path

import pytest

from handout.content import read_content
from handout.errors import UserError
from tests.conftest import read_error

GOOD = "---\ntitle: 在某会议上的讲话\nspeaker: 市委书记\n---\n\n同志们：\n\n# 一、标题\n\n## 1、小标题。\n\n**一是方法。**要多读书，\n贵在有心。\n"


def write(tmp_path: Path, text: str, encoding="utf-8") -> Path:
    path = tmp_path / "speech.md"
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_front_matter_headings_paragraphs_and_bold_leads(tmp_path):
    content = read_content(write(tmp_path, GOOD))
    assert content.meta["title"] == "在某会议上的讲话"
    assert content.meta["date"] is None                  # known keys always present
    kinds = [(b["kind"], b["level"], b["line"]) for b in content.body]
    assert kinds == [("para", 0, 6), ("heading", 1, 8), ("heading", 2, 10), ("para", 0, 12)]
    lead = content.body[-1]["runs"]
    assert lead == [{"text": "一是方法。", "bold": True}, {"text": "要多读书，贵在有心。", "bold": False}]


# (front-matter mistakes: tests/test_frontmatter.py)
@pytest.mark.parametrize("text, line, words", [
    ("同志们：\n", 1, "no front matter"),
    ("---\ntitle: x\n", 1, "not closed"),
    ("---\ntitle: 讲话\n---\n\n##### 五级标题\n", 5, "heading level 5"),
    ("---\ntitle: 讲话\n---\n", None, "no text"),
    ("---\ntitle: 讲话\n---\n\n正文\x0c更多\n", 5, "control character"),
])
def test_each_mistake_is_one_clear_error_with_its_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    error = read_error(path)
    assert words in error.message and error.line == line
    assert str(error).startswith(f"{path}:")


def test_gbk_file_is_refused_with_the_line_of_the_first_bad_byte(tmp_path):
    path = write(tmp_path, "---\ntitle: 讲话\n---\n\n正文\n", encoding="gbk")
    with pytest.raises(UserError, match="not UTF-8") as info:
        read_content(path)
    assert info.value.line == 2


def test_utf16_and_empty_files_are_refused(tmp_path):
    with pytest.raises(UserError, match="UTF-16"):
        read_content(write(tmp_path, "\ufeff---\ntitle: 讲话\n---\n", encoding="utf-16"))
    with pytest.raises(UserError, match="empty"):
        read_content(write(tmp_path, ""))


def test_unknown_key_warns_and_strict_makes_it_an_error(tmp_path):
    path = write(tmp_path, "---\ntitle: 讲话\nauther: 某某\n---\n\n正文\n")
    assert "unknown front-matter key 'auther'" in read_content(path).warnings[0]
    with pytest.raises(UserError, match="auther") as info:
        read_content(path, strict=True)
    assert info.value.line == 3
