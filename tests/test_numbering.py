"""The headings' numbering check (handout/numbering.py): slips named by line, in the build
(a warning; an error with --strict) and in ingest (tests/ingest/test_ingest_levels.py)."""

from __future__ import annotations

import pytest

from handout.numbering import heading_number, numbering_problems
from tests.test_cli import run, speech


@pytest.mark.parametrize("text, found", [
    ("一、总体要求", ("cn", 1, "一、")), ("（十二）其他", ("pcn", 12, "（十二）")),
    ("第三句话：怎么做", ("di", 3, "第三")), ("2.强化", ("arabic", 2, "2.")),
    ("10．其他", ("arabic", 10, "10．")), ("(3)做笔记", ("parabic", 3, "(3)")),
    ("关于总体要求", None), ("2022年工作", None), ("1.5倍", None),
])
def test_a_headings_number_is_read_in_every_form(text, found):
    assert heading_number(text) == found


def test_a_well_numbered_speech_has_no_problem():
    headings = [(1, "一、甲", 1), (2, "（一）乙", 2), (3, "1.丙", 3), (4, "（1）丁", 4), (4, "（2）戊", 5),
                (3, "2.己", 6), (2, "（二）庚", 7), (3, "1.辛", 8), (1, "二、壬", 9), (2, "（一）癸", 10),
                (1, "三、关于其他", 11), (1, "结束语", 12)]
    assert numbering_problems(headings) == []


def test_each_slip_is_named_with_its_line():
    headings = [(2, "（一）无主", 3), (1, "一、甲", 5), (1, "三、乙", 7), (2, "（二）丙", 9),
                (1, "四、丁", 11), (3, "1.戊", 13), (2, "（一）己", 15), (2, "（三）庚", 17)]
    assert numbering_problems(headings) == [
        (3, "heading “（一）无主” (level 2) is under no level-1 heading"),
        (7, "heading “三、乙” is numbered 三、 after “一、甲”: 二、 is expected"),
        (9, "heading “（二）丙” is numbered （二） as the first under “三、乙”: （一） is expected"),
        (13, "heading “1.戊” (level 3) follows “四、丁” (level 1) with no level-2 heading between"),
        (17, "heading “（三）庚” is numbered （三） after “（一）己”: （二） is expected"),
    ]


SKIPPED = "---\ntitle: 讲话\n---\n\n同志们：\n\n# 一、甲\n\n正文。\n\n# 三、乙\n\n正文。\n"


def test_the_build_warns_naming_the_line_and_strict_refuses(tmp_path):
    content = speech(tmp_path, SKIPPED)
    result = run("--content", content, "--output", tmp_path / "out", "--only", "pdf")
    assert result.returncode == 0
    assert "x.md:11: warning: heading “三、乙” is numbered 三、 after “一、甲”: 二、 is expected" in result.stdout + result.stderr
    strict = run("--content", content, "--output", tmp_path / "strict", "--only", "pdf", "--strict")
    assert strict.returncode == 2 and not (tmp_path / "strict" / "x.pdf").exists()
