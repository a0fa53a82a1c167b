"""Titles, editor lines and the shape of a page (our own examples): the title a careful editor
would give, each piece its own; editor lines, advice paragraphs and summaries go."""

import pytest

from handout.ingest.signals import load_lexicon
from handout.ingest.titles import undecorated
from tests.ingest.kinds import SPEECH, clean

LEX = load_lexicon()
TITLE = "在全县安全生产工作会议上的讲话"


@pytest.mark.parametrize("decorated", [
    "在全县安全生产工作会议上的讲话(精选文档)", "在全县安全生产工作会议上的讲话【3篇】", "在全县安全生产工作会议上的讲话范文",
    "在全县安全生产工作会议上的讲话2篇", "在全县安全生产工作会议上的讲话(2355字)", "在全县安全生产工作会议上的讲话.docx",
    "最新在全县安全生产工作会议上的讲话", "在全县安全生产工作会议上的讲话(汇总16篇)篇一", "文章标题：在全县安全生产工作会议上的讲话",
    "在全县安全生产工作会议上的讲话集锦", "在全县 安全生产工作会议上的讲话",
])
def test_decorations_come_off_a_title(decorated):
    assert undecorated(decorated.replace("(2355字)", ""), LEX) == TITLE


@pytest.mark.parametrize("top", [
    [f"{TITLE}(精选文档)", TITLE], [TITLE, "时间：2023-01-05 浏览：12", TITLE], [f"{TITLE}.docx"],
])
def test_the_title_line_gives_the_title_once(top):
    page, kept, dropped = clean([*top, *SPEECH])
    assert page.speeches[0].meta.title == TITLE and TITLE not in kept


def test_a_title_repeated_inside_the_speech_goes():
    page, kept, dropped = clean([TITLE, SPEECH[0], TITLE + "集锦", *SPEECH[1:]])
    assert kept == "".join(SPEECH) and page.speeches[0].meta.title == TITLE


@pytest.mark.parametrize("editor", [
    "下面是整理的安全生产会议讲话稿，欢迎大家阅读。",
    "以下是为大家整理的关于安全生产会议讲话3篇 , 供大家参考选择。",
    "工作要善于总结，下面小编为大家带来的讲话，我们一起来看看吧！",
    "下面给大家分享一些关于安全生产的讲话，供大家参考。",
    "以上是小编为大家准备的讲话范文，希望对大家的写作有所帮助。",
])
def test_editor_lines_in_many_forms_go(editor):
    page, kept, dropped = clean([TITLE, editor, *SPEECH])
    assert editor in dropped and kept == "".join(SPEECH)


def test_a_writing_advice_paragraph_before_the_speech_goes():
    advice = ("讲话稿通常要阐明会议的性质、任务和要求，起着定调的作用。"
              "下面给大家分享一些关于安全生产会议讲话5篇，供大家参考。")
    page, kept, dropped = clean(["安全生产会议讲话5篇", advice, "安全生产会议讲话(1)", *SPEECH])
    assert advice in dropped and kept == "".join(SPEECH)


def test_an_editor_sentence_at_the_end_of_a_speech_line_goes_the_speech_stays():
    line = "安全生产责任重于泰山，不能有丝毫松懈。以上就是小编为大家整理的讲话，希望对大家有所帮助。"
    page, kept, dropped = clean([TITLE, *SPEECH[:2], line])
    assert "安全生产责任重于泰山，不能有丝毫松懈。" in kept and "小编" not in kept


def test_a_summary_that_repeats_the_opening_goes():
    summary = "在全县安全生产工作会议上的讲话》内容摘要：同志们：今天，我们召开全县安全生产工作会议"
    page, kept, dropped = clean([TITLE, *SPEECH, "相关文章", summary])
    assert kept == "".join(SPEECH)
    page, kept, dropped = clean([TITLE, "内容摘要：今天，我们召开全县安全生产工作会议，主要任务是总结", *SPEECH])
    assert kept == "".join(SPEECH)


def test_a_title_glued_to_the_salutation_and_a_doubled_title_are_cut_apart():
    line = (TITLE + "在全县安全生产工作会议上的发言" + "".join(SPEECH))
    page, kept, dropped = clean([line])
    assert page.speeches[0].meta.title == TITLE and kept.startswith("同志们：今天")


def test_a_byline_gives_speaker_and_date():
    page, kept, _ = clean([TITLE + "县委常委、副县长(2023年3月5日)" + "".join(SPEECH)])
    meta = page.speeches[0].meta
    assert (meta.title, meta.speaker, meta.date) == (TITLE, "县委常委、副县长", "2023年3月5日")


def test_each_piece_of_a_page_gets_its_own_title_without_separators():
    second = ["在全县防汛工作会议上的讲话", "发言人：王某", "同志们：",
              "今天召开全县防汛工作会议，主要任务是部署今年的防汛抗旱工作，确保安全度汛。"]
    page, kept, dropped = clean([TITLE, *SPEECH, *second])
    assert [s.meta.title for s in page.speeches] == [TITLE, "在全县防汛工作会议上的讲话"]
    assert page.speeches[1].meta.speaker == "王某"


@pytest.mark.parametrize("opening, title", [
    ("今天，我们召开年终总结表彰大会，表彰先进。", "在年终总结表彰大会上的讲话"),
    ("今天，我们以“我是党员我先行”为题展开演讲比赛，目的是凝聚力量。", "在“我是党员我先行”演讲比赛上的讲话"),
])
def test_a_page_without_a_title_gets_one_from_the_occasion_of_its_opening(opening, title):
    page, kept, _ = clean(["同志们：", opening + "各级各部门要切实扛起责任，不能有丝毫松懈。"])
    assert page.speeches[0].meta.title == title
    assert any("made from the opening" in note for note in page.speeches[0].notes)


def test_a_page_with_no_title_at_all_never_gets_a_placeholder():
    page, _, _ = clean(["大家好！", "我今天想和大家谈谈学习的体会，学习是一辈子的事情，不能有丝毫松懈。"])
    assert page.speeches[0].meta.title.startswith("我今天想和大家谈谈")
    assert "讲话1" not in page.speeches[0].meta.title


def test_a_whole_page_on_one_line_is_cut_into_paragraphs():
    body = ("今天，我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。 "
            "一、提高认识 安全生产责任重于泰山，各级各部门要切实扛起责任，不能有丝毫松懈。 "
            "二、压实责任 要坚持党政同责、一岗双责，做到守土有责、守土尽责，确保不发生重大事故。" * 2)
    page, kept, _ = clean([TITLE + " 同志们： " + body])
    texts = [p.text for p in page.speeches[0].paragraphs]
    assert "一、提高认识" in texts and texts[0] == "同志们："


def test_a_heading_glued_after_a_full_stop_starts_its_own_paragraph():
    line = "今天我们开会，部署今年的工作任务。一、提高认识安全生产责任重于泰山，不能有丝毫松懈。（一）压实责任要坚持党政同责。"
    page, kept, _ = clean([TITLE, "同志们：", line])
    texts = [p.text for p in page.speeches[0].paragraphs]
    assert texts[1] == "今天我们开会，部署今年的工作任务。"
    assert texts[2].startswith("一、提高认识") and texts[3].startswith("（一）压实责任")
    assert any("heading glued" in what for _, what in page.cuts)
