"""The body format: only `#`, `##`, `**lead**` and the blank line are markup; every other
character is text, as written (the strings are ordinary text in Chinese speeches that
CommonMark used to eat)."""

from pathlib import Path

import pytest

from handout.body import markdown_of, parse_body, runs
from handout.errors import UserError

PATH = Path("speech.md")


def texts(body: str) -> list[str]:
    return [b["text"] for b in parse_body(body, 1, PATH)]


@pytest.mark.parametrize("line", [
    "实行7*24小时值班，做到5*8小时在岗。",
    "张**同志和李**同志参加。",
    "张**、李**等同志参加。",
    "调用__init__方法，_强调_，__加粗__。",
    "1. 抓好学习。",
    "2022. 这一年",
    "1) 第一点",
    "[1]: 《关于…》（中办发〔2022〕1号）",
    "见[1]和[链接](http://x)。",
    "<![CDATA[原文]]>，<b>标签</b>，&ldquo;实体&rdquo;，&amp;",
    ">>>>>>>>>>>>>>>>>>>> 二十层引用",
    "- 第一项",
    "| 甲 | 乙 |",
    "`代码`、\\*转义\\*、C:\\路径\\",
    "#重要（没有空格的井号）",
    "***三个星号。***",
    "**没有标点的粗体**要",
])
def test_text_that_is_not_markup_is_kept_character_for_character(line):
    assert texts(line + "\n") == [line]


def test_a_paragraph_followed_by_equals_signs_stays_a_paragraph():
    body = parse_body("第一段\n===\n\n第二段\n---\n", 1, PATH)
    assert [(b["kind"], b["text"]) for b in body] == [("para", "第一段==="), ("para", "第二段---")]


def test_headings_blank_lines_and_joined_lines():
    body = parse_body("# 一、标题\n正文第一行，\n第二行 end\nnext\n中文\n\n## （一）小标题 ##\n", 10, PATH)
    assert [(b["kind"], b["level"], b["text"], b["line"]) for b in body] == [
        ("heading", 1, "一、标题", 10), ("para", 0, "正文第一行，第二行 end next中文", 11),
        ("heading", 2, "（一）小标题 ##", 16)]


@pytest.mark.parametrize("text, expected", [
    ("**一是方法。**要多读书。", [("一是方法。", True), ("要多读书。", False)]),
    ("学习，**一是方法。**要多读书。", [("学习，", False), ("一是方法。", True), ("要多读书。", False)]),
    ("**一要认识“四气”。”**随着", [("一要认识“四气”。”", True), ("随着", False)]),
    ("张**同志。**要", [("张**同志。**要", False)]),          # opens after a letter: text
    ("**一是**要", [("**一是**要", False)]),                  # the lead ends in no mark: text
])
def test_a_bold_lead_is_bold_only_where_it_reads_as_a_run_in_lead(text, expected):
    assert [(r["text"], r["bold"]) for r in runs(text)] == expected


def test_four_heading_levels_are_read_and_a_fifth_is_refused_with_its_line():
    blocks = parse_body("# 一、甲\n\n## （一）乙\n\n### 1.丙\n\n#### （1）丁\n\n正文\n", 1, PATH)
    assert [(b["kind"], b["level"], b["text"]) for b in blocks] == [
        ("heading", 1, "一、甲"), ("heading", 2, "（一）乙"), ("heading", 3, "1.丙"),
        ("heading", 4, "（1）丁"), ("para", 0, "正文")]
    with pytest.raises(UserError, match="heading level 5") as info:
        parse_body("正文\n\n##### 五级\n", 5, PATH)
    assert info.value.line == 7


def plain(text: str) -> list[dict]:
    return [{"text": text, "bold": False}]


@pytest.mark.parametrize("text, written", [
    ("# 同志们：", "\\# 同志们："), ("## 二级", "\\## 二级"), ("#### 四级", "\\#### 四级"),
    ("\\# x", "\\\\# x"), ("\\\\", "\\\\\\"),
    ("**一是方法。**要", "\\**一是方法。\\**要"), ("**", "**"), ("学习，**二是。**好", "学习，\\**二是。\\**好"),
    ("\\**x", "\\\\\\**x"), ("a\\**b。**", "a\\\\**b。\\**"), ("***好。***", "***好。***"),
])
def test_a_paragraph_that_reads_as_markup_is_escaped_and_reads_back_as_written(text, written):
    assert markdown_of(plain(text)) == written
    [block] = parse_body(written + "\n", 1, PATH)
    assert (block["kind"], block["text"], [r["bold"] for r in block["runs"]]) == ("para", text, [False])


@pytest.mark.parametrize("text", ["\\", "\\abc", "C:\\路径", "*强调", "\\*x", "#话题#", "一是方法",
                                  "＃ 全角", "张**同志", "7*24", "，***好。**"])
def test_a_paragraph_that_does_not_read_as_markup_is_written_as_it_is(text):
    assert markdown_of(plain(text)) == text
    assert parse_body(text, 1, PATH)[0]["text"] == text


def test_bold_leads_are_written_around_their_runs_and_escaped_inside():
    runs_ = [{"text": "一是**方法。", "bold": True}, {"text": "要**好。**看", "bold": False}]
    written = markdown_of(runs_)
    assert written == "**一是\\**方法。**要\\**好。\\**看"
    [block] = parse_body(written, 1, PATH)
    assert block["runs"] == runs_
    assert markdown_of([{"text": "一是", "bold": True}, {"text": "要", "bold": False}]) is None
