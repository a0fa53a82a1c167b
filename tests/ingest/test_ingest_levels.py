"""Ingest of a page numbered as GB/T 9704 7.3.3 asks (一、 （一） 1. （1）): four heading levels;
a skipped number is a warning naming the page's line, and a note in the report."""

from __future__ import annotations

from handout.content import read_content
from handout.ingest import ingest

PAGE = """在全市组织工作会议上的讲话
同志们：
今天召开会议，主要任务是总结工作、部署任务。
一、关于总体要求
（一）提高政治站位
1. 深化理论学习
（1）抓好集中学习
要坚持每月一次集中学习，做到学用结合。
（2）抓好个人自学
每名干部都要制定自学计划。
2．强化实践锻炼
要到基层一线去，到困难地方去。
（二）压实工作责任
各级党组织书记要履行第一责任人职责。
{last}、关于重点任务
要抓好干部队伍建设。
"""


def ingested(tmp_path, last: str):
    raw = tmp_path / "page.txt"
    raw.write_text(PAGE.format(last=last), encoding="utf-8")
    said: list[str] = []
    [content] = ingest([raw], tmp_path / "content", echo=said.append)
    return read_content(content), said, raw


def test_a_page_with_four_numbered_levels_gives_four_heading_levels(tmp_path):
    speech, said, _raw = ingested(tmp_path, "二")
    headings = [(b["level"], b["text"]) for b in speech.body if b["kind"] == "heading"]
    assert headings == [(1, "一、关于总体要求"), (2, "（一）提高政治站位"), (3, "1. 深化理论学习"),
                        (4, "（1）抓好集中学习"), (4, "（2）抓好个人自学"), (3, "2．强化实践锻炼"),
                        (2, "（二）压实工作责任"), (1, "二、关于重点任务")]
    assert not [line for line in said if "warning" in line] and not speech.warnings


def test_a_skipped_number_is_a_warning_naming_the_line(tmp_path):
    speech, said, raw = ingested(tmp_path, "三")
    message = "heading “三、关于重点任务” is numbered 三、 after “一、关于总体要求”: 二、 is expected"
    assert f"{raw}:15: warning: {message}" in said
    report = (tmp_path / "content" / "_reports" / "page.md").read_text(encoding="utf-8")
    assert f"line 15: {message}" in report
    # and the build says it again, naming the content file's line
    [warning] = speech.warnings
    assert warning.endswith(f"warning: {message}") and ".md:" in warning


def test_strict_refuses_a_skipped_number_and_writes_nothing(tmp_path):
    import pytest

    from handout.errors import UserError
    raw = tmp_path / "page.txt"
    raw.write_text(PAGE.format(last="三"), encoding="utf-8")
    with pytest.raises(UserError) as info:
        ingest([raw], tmp_path / "content", echo=lambda line: None, strict=True)
    assert info.value.line == 15 and "二、 is expected" in str(info.value)
    assert not (tmp_path / "content").exists() or not list((tmp_path / "content").rglob("*.md"))
