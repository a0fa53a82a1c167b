"""Word's structure as Word shows it: automatic numbers drawn before the text (一、 （一） 1.
（1） ① 甲), heading styles and outline levels, list items each a paragraph of its own."""

from __future__ import annotations

import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from handout.docx_in.numbering import Numbering, chinese
from tests.docx_in.office import (BULLET_LIST, OUTLINE_LIST, ingested, line, link_style_to_list,
                                  new_document, number, numbering_xml, use_numbering)


@pytest.mark.parametrize("n, shown", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"),
                                      (100, "一百"), (101, "一百零一"), (110, "一百一十")])
def test_chinese_counting_reads_as_people_write_numbers(n, shown):
    assert chinese(n) == shown


def test_level_counters_count_up_and_deeper_levels_start_again():
    numbering = Numbering(etree.fromstring(numbering_xml().encode("utf-8")))
    shown = [numbering.label(str(OUTLINE_LIST), level) for level in (0, 1, 1, 2, 3, 3, 4, 5, 1, 2, 0, 1)]
    assert shown == ["一、", "（一）", "（二）", "1.", "（1）", "（2）", "①", "甲、", "（三）", "1.", "二、", "（一）"]
    assert numbering.label(str(BULLET_LIST), 0) == "• "          # Symbol's private-use bullet
    assert numbering.label("0", 0) == "" and numbering.label("99", 0) == ""


def outline_document(path, linked: bool) -> None:
    """Four levels of automatic numbering: on heading styles (linked) or on the paragraphs."""
    document = new_document()
    styles = {0: "Heading 1", 1: "Heading 2", 2: "Heading 3", 3: "Heading 4"}
    use_numbering(document, numbering_xml())
    line(document, "在全市党建工作会议上的讲话", size=22, align="center")
    line(document, "同志们：")
    line(document, "今天召开这次会议，主要是总结工作、部署任务。")

    def heading(text, level):
        paragraph = line(document, text, style=styles[level])
        if not linked:
            number(paragraph, OUTLINE_LIST, level)
    if linked:
        for level, style in styles.items():
            link_style_to_list(document, style, level)
    heading("统一思想认识", 0)
    line(document, "思想是行动的先导。")
    heading("把握总体要求", 1)
    line(document, "要坚持问题导向。")
    heading("抓住关键环节", 2)
    line(document, "环节抓住了，全局就活了。")
    heading("明确责任分工", 3)
    line(document, "责任要落实到人。")
    heading("加强督促检查", 3)
    line(document, "督查要动真格。")
    heading("狠抓工作落实", 0)
    for text in ("一是建立台账；", "二是定期调度；", "三是严格考核。"):
        number(line(document, text), BULLET_LIST, 0)
    line(document, "同志们，让我们共同努力！")
    document.save(str(path))


@pytest.mark.parametrize("linked", [False, True], ids=["numbered-paragraphs", "numbered-heading-styles"])
def test_automatic_numbering_at_four_levels_is_the_text_word_shows(tmp_path, capsys, linked):
    path = tmp_path / "dangjian.docx"
    outline_document(path, linked)
    meta, paragraphs, _ = ingested(capsys, path, tmp_path / "content")
    assert meta["title"] == "在全市党建工作会议上的讲话"
    assert paragraphs == [
        "同志们：", "今天召开这次会议，主要是总结工作、部署任务。",
        "# 一、统一思想认识", "思想是行动的先导。",
        "## （一）把握总体要求", "要坚持问题导向。",
        "### 1.抓住关键环节", "环节抓住了，全局就活了。",             # the format's four levels
        "#### （1）明确责任分工", "责任要落实到人。",
        "#### （2）加强督促检查", "督查要动真格。",
        "# 二、狠抓工作落实",
        "• 一是建立台账；", "• 二是定期调度；", "• 三是严格考核。",    # items apart, not run together
        "同志们，让我们共同努力！"]


def test_heading_styles_without_numbers_are_headings_by_their_outline_level(tmp_path, capsys):
    document = new_document()
    line(document, "在青年干部座谈会上的讲话", style="Title")         # Word's Title style, not centred
    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    line(document, "目录", style="TOC Heading")
    line(document, "关于理想信念\t1", style="toc 1")                   # Word's table of contents
    line(document, "同志们：")
    line(document, "今天和大家谈谈心。")
    for text, style in (("关于理想信念", "Heading 1"), ("为什么要坚定", "Heading 2"),
                        ("历史的经验", "Heading 3")):
        line(document, text, style=style)
        line(document, "这一点要讲清楚。")
    line(document, "谢谢大家。")
    path = tmp_path / "zuotan.docx"
    document.save(str(path))
    meta, paragraphs, report = ingested(capsys, path, tmp_path / "content")
    assert meta["title"] == "在青年干部座谈会上的讲话"
    assert paragraphs == ["同志们：", "今天和大家谈谈心。", "# 关于理想信念", "这一点要讲清楚。",
                          "## 为什么要坚定", "这一点要讲清楚。", "### 历史的经验", "这一点要讲清楚。",
                          "谢谢大家。"]
    assert "(table of contents (the handout makes its own)): 关于理想信念" in report
