"""Front matter: values are text as written (no YAML 1.1 typing), duplicate keys and
impossible dates are errors naming their lines, dates in the usual spellings print alike."""

from pathlib import Path

import pytest

from handout.content import read_content
from handout.errors import UserError
from tests.conftest import build_into, read_error
from tests.pdfcheck import visual_lines


def write(tmp_path: Path, front: str) -> Path:
    path = tmp_path / "speech.md"
    path.write_text(f"---\n{front}\n---\n\n同志们：\n", encoding="utf-8")
    return path


def meta(tmp_path: Path, front: str) -> dict:
    return read_content(write(tmp_path, front)).meta


@pytest.mark.parametrize("line, key, value", [
    ("title: 1:30", "title", "1:30"),                       # YAML 1.1: 90 (base 60)
    ("occasion: 12:30", "occasion", "12:30"),
    ("speaker: yes", "speaker", "yes"),                      # YAML 1.1: True
    ("occasion: 0x1F", "occasion", "0x1F"),
    ("occasion: 1e3", "occasion", "1e3"),
    ("speaker: ~", "speaker", "~"),
    ("speaker: 010", "speaker", "010"),                      # YAML 1.1: 8
    ("source: '2022-10-28'", "source", "2022-10-28"),
    ('occasion: "第1号 #重要"', "occasion", "第1号 #重要"),
])
def test_values_are_text_as_written(tmp_path, line, key, value):
    front = line if key == "title" else f"title: 讲话\n{line}"
    assert meta(tmp_path, front)[key] == value


@pytest.mark.parametrize("written", ["2022-10-28", "2022-10-28 ", "2022/10/28", "2022.10.28",
                                     "2022年10月28日", "2022 年 10 月 28 日", "'2022-10-28'"])
def test_usual_date_spellings_print_alike(tmp_path, written):
    assert meta(tmp_path, f"title: 讲话\ndate: {written}")["date"] == "2022年10月28日"


@pytest.mark.parametrize("written, printed", [
    ("2022-1-5", "2022年1月5日"), ("2022-10-28 10:30:00", "2022年10月28日 10:30:00"),
    ("2022-10-28T09:05", "2022年10月28日 9:05"), ("2022年X月X日", "2022年X月X日"),
    ("二〇二二年十月", "二〇二二年十月"),
])
def test_other_dates_keep_what_was_written(tmp_path, written, printed):
    assert meta(tmp_path, f"title: 讲话\ndate: {written}")["date"] == printed


@pytest.mark.parametrize("front, line, words", [
    ("title: 讲话\ndate: 2022-02-30", 3, "no such date as '2022-02-30'"),
    ("title: 讲话\ndate: 2022年13月1日", 3, "no such date"),
    ("title: 讲话\ndate: 2022-10-28 25:00", 3, "no such date"),
    ("title: 初稿\nspeaker: 某某\ntitle: 定稿", 4, "`title` is given twice, on lines 2 and 4"),
    ("title: 讲话\norder: true", 3, "`order` must be a whole number, not 'true'"),
    ("title: 讲话\norder: 1.5", 3, "whole number"),
    ("title: 讲话\nspeaker: [甲, 乙]", 3, "`speaker` must be text, not list"),
    ("title: 讲话\noccasion: {a: b}", 3, "not mapping"),
    ("- title", 2, "`key: value` lines"),
    ("title: [x", 2, "bad YAML"),
    ("title:", 2, "no `title:`"),
    ("speaker: 市委书记", 2, "no `title:`"),
    # the audit of issue #23: escapes making what no page prints, a blank title, other digits
    ('title: "讲话\\x00"', 2, "`title` holds the character U+0000, which cannot be printed"),
    ('title: "\\ud800讲话"', 2, "U+D800"),
    ('title: 讲话\nspeaker: "某\\uFFFE某"', 3, "`speaker` holds the character U+FFFE"),
    ('title: 讲话\noccasion: "\\x1b[31m会议"', 3, "U+001B"),
    ('title: "讲\\u200b话"', 2, "`title` holds an invisible character U+200B ZERO WIDTH SPACE"),
    ('title: "　"', 2, "`title` is blank"),
    ("title: 讲话\norder: ١", 3, "`order` must be a whole number, not '١'"),
    ("title: 讲话\norder: ３", 3, "`order` must be a whole number, not '３'"),
])
def test_each_front_matter_mistake_is_one_error_with_its_line(tmp_path, front, line, words):
    path = write(tmp_path, front)
    error = read_error(path)
    assert words in error.message and (error.path, error.line) == (str(path), line)


def test_order_is_a_whole_number(tmp_path):
    assert meta(tmp_path, "title: 讲话\norder: 3")["order"] == 3


def test_a_comment_that_cuts_a_printed_value_short_warns_and_strict_refuses(tmp_path):
    path = write(tmp_path, "title: 第1号 #重要\norder: 1  # position in the booklet")
    content = read_content(path)
    assert content.meta["title"] == "第1号"
    assert content.warnings == [f"{path}:2: warning: `#重要` is a YAML comment, so `title` "
                                "prints as '第1号'; put the value in quotes to print it all"]
    with pytest.raises(UserError, match="YAML comment") as info:
        read_content(path, strict=True)
    assert info.value.line == 2


def test_the_pdf_prints_the_values_as_written(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "s.md").write_text("---\ntitle: 1:30\ndate: 2022/10/28\nspeaker: yes\n---\n\n"
                                  "同志们：\n", encoding="utf-8")
    build_into(tmp_path / "out", content=content)
    printed = [line.text for line in visual_lines(tmp_path / "out" / "s.pdf") if line.page == 1]
    assert printed[:3] == ["1:30", "（2022年10月28日）", "yes"]


# ---------------------------------------------------------------- the audit of issue #23
@pytest.mark.parametrize("written", ["٢٠٢٢-١٠-٢٨", "２０２２年１０月２８日"])
def test_dates_in_other_digits_are_not_read_as_dates(tmp_path, written):
    """Printed as written, not turned into 2022年10月28日 as if they were ASCII digits."""
    assert meta(tmp_path, f"title: 讲话\ndate: {written}")["date"] == written


def test_an_escaped_control_character_is_one_line_from_the_build_not_the_template(tmp_path):
    from handout.build import build_all
    from handout.settings import load_settings
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text('---\ntitle: "讲话\\x00"\n---\n\n同志们：\n', encoding="utf-8")
    settings = load_settings(tmp_path, {"formats": ("pdf", "docx"), "quiet": True})
    errors = [r.error for r in build_all(settings, None, echo=lambda line: None) if r.error]
    assert errors and all(e.startswith(f"{(content / 'a.md').resolve()}:2: error: `title` holds "
                                       "the character U+0000") for e in errors), errors
