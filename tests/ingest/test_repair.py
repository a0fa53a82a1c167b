"""Repairs inside the speech's lines (our own examples): the junk goes, every character of the
speech around it stays, and each repair is recorded for the report."""

import pytest

from tests.ingest.kinds import SPEECH, around, clean

SENTENCE = "我们要切实扛起责任，不能有丝毫松懈。"


@pytest.mark.parametrize("kind, line, junk", [
    ("word-count badge", "我们要切实扛起责任(2355字)，不能有丝毫松懈。", "(2355字)"),
    ("hidden text", "我们要切实扛起责任，此处隐藏5422字,下载后查看不能有丝毫松懈。", "此处隐藏5422字,下载后查看"),
    ("omitted opening", "……(开头部分已省略202字)我们要切实扛起责任，不能有丝毫松懈。", "(开头部分已省略202字)"),
    ("page counter", "我们要切实扛起责任，不能有丝毫松懈。第1页共8页", "第1页共8页"),
    ("web address", "我们要切实扛起责任，www.example.com 不能有丝毫松懈。", "www.example.com"),
    ("bracketed site name", "我们要切实扛起责任，【某某范文网】不能有丝毫松懈。", "【某某范文网】"),
    ("emoji", "我们要切实扛起责任，👍不能有丝毫松懈。🎉", "👍"),
    ("template tag", "[标签:标题]我们要切实扛起责任，不能有丝毫松懈。", "[标签:标题]"),
    ("CSS rule", "p.western { font-family: \"Times New Roman\", serif; font-size: 10pt } 我们要切实扛起责任，不能有丝毫松懈。", "font-family"),
    ("VIP badge", "我们要切实扛起责任[VIP]，不能有丝毫松懈。", "VIP"),
])
def test_junk_inside_a_line_goes_and_the_sentence_stays(kind, line, junk):
    page, kept, _ = clean(around(inside=[line]))
    assert SENTENCE in kept.replace("……", ""), kind
    assert junk not in kept
    assert any(f.old and junk in f.old for f in page.fixes), kind


def test_entities_and_escaped_quotes_are_decoded():
    page, kept, _ = clean(around(inside=["他说：&ldquo;四气三想&rdquo;，又说\\\"从严治党\\\"。"]))
    assert "“四气三想”" in kept and '"从严治党"' in kept and "&" not in kept and "\\" not in kept
    assert {f.reason for f in page.fixes} >= {"HTML entity decoded", "backslash before a quote (escaped markup)"}


def test_pinyin_readings_after_characters_go():
    page, kept, _ = clean(around(inside=["我們召開(kāi)新區(qū)開(kāi)發(fā)建設(shè)動(dòng)員大會(huì)，請(qǐng)大家認真落實。"]))
    assert "召开新区开发建设动员大会，请大家认真落实。" in kept


def test_a_traditional_page_is_converted_and_the_report_says_so():
    lines = ["在全縣安全生產工作會議上的講話", "同志們：", "今天，我們召開全縣安全生產工作會議，主要任務是總結去年工作，部署今年任務。",
             "安全生產責任重於泰山，各級各部門要切實扛起責任。"]
    page, kept, _ = clean(lines)
    assert "今天，我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。" in kept
    assert page.speeches[0].meta.title == "在全县安全生产工作会议上的讲话"
    assert any("traditional" in note for note in page.notes)
    assert any(f.reason == "traditional → simplified characters" for f in page.fixes)


def test_a_simplified_page_is_not_converted():
    page, kept, _ = clean(around())
    assert not page.notes and kept == "".join(SPEECH)


def test_preview_chunks_numbered_at_line_starts_are_rejoined():
    lines = ["1、在全县会议上的讲话同志们：今天我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任",
             "2、务。安全生产责任重于泰山，各级各部门要切实扛起",
             "3、责任，不能有丝毫松懈。"]
    page, kept, _ = clean(lines)
    assert "部署今年任务。安全生产责任重于泰山，各级各部门要切实扛起责任，不能有丝毫松懈。" in kept
    assert "1、" not in kept and "2、" not in kept and "3、" not in kept
    assert page.speeches[0].meta.title == "在全县会议上的讲话"


def test_numbered_items_of_a_speech_are_not_taken_for_chunks():
    items = ["1、要提高认识。", "2、要压实责任。", "3、要强化督查。"]
    page, kept, _ = clean(around(inside=items))
    assert all(item in kept for item in items)


@pytest.mark.parametrize("invisible, name", [
    ("\u200b", "U+200B ZERO WIDTH SPACE"), ("\u00ad", "U+00AD SOFT HYPHEN"),
    ("\u200e", "U+200E LEFT-TO-RIGHT MARK"), ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("&shy;", "U+00AD SOFT HYPHEN"),                       # an entity decoding to one
])
def test_invisible_characters_are_taken_out_and_recorded_by_name(invisible, name):
    """WeChat copies carry them; kept, they stopped the build on a character nobody sees."""
    line = f"我们要切实{invisible}扛起责任，不能有{invisible}{invisible}丝毫松懈。"
    page, kept, _ = clean(around(inside=[line]))
    assert SENTENCE in kept
    assert not any(ch in kept for ch in "\u200b\u00ad\u200e\ufeff")
    assert any(f.reason == "invisible characters" and f.old == f"3 × {name}" for f in page.fixes), \
        [(f.reason, f.old) for f in page.fixes]
