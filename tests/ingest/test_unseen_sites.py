"""Kinds of failure found on pages of sites no rule was written for (issue 22): our own example
lines, one or more per kind, none copied from a page. Each test says the kind; a speech line
that says the same words keeps them."""

import pytest

from tests.ingest.kinds import SPEECH, around, clean

TITLE = "在全县安全生产工作会议上的讲话"


# --- junk inside sentences: taken out, the sentence around it kept whole ----------------------

INSIDE = {
    "unclosed source note": ("要把安全责任（本文转载自[某某公文频道] 落实到每一个岗位。", "要把安全责任落实到每一个岗位。"),
    "closed source note": ("要把安全责任（来源：【某某范文网】）落实到每一个岗位。", "要把安全责任落实到每一个岗位。"),
    "rewriting mark": ("我代表县委（同义词替换）向大家表示感谢。", "我代表县委向大家表示感谢。"),
    "document number": ("文档编号：88812345今天我们开会研究安全生产工作。", "今天我们开会研究安全生产工作。"),
    "contact ad": ("各单位要立即行动。找材料就来某某文库！公众号【某某办公】客服QQ【12345678】隐患排查不留死角。",
                   "各单位要立即行动。隐患排查不留死角。"),
    "watermark quote": ("要认真排查’整改隐患，确保安全。", "要认真排查整改隐患，确保安全。"),
    "two-dot cut mark": ("坚持“三..", "坚持“三一、"),
    "reading cut open at the line's end": ("要推动全县安全生产形势持续稳定向好發(fā", "要推动全县安全生产形势持续稳定向好發一、"),
}


@pytest.mark.parametrize("kind", sorted(INSIDE))
def test_junk_inside_a_sentence_goes_and_the_sentence_stays(kind):
    line, after = INSIDE[kind]
    page, kept, _ = clean(around(inside=[line]))
    assert after in kept, kind
    assert kept.startswith("".join(SPEECH[:2]))


@pytest.mark.parametrize("line", ["我们要通过微信、QQ等平台宣传安全知识。", "请大家关注县应急管理局的公众号，及时了解预警信息。",
                                  "会议材料的来源要可靠（见附件一）。", "要把“隐患就是事故”这句话记在心上。",
                                  "县里将组织☆☆等单位开展联合检查。"])
def test_the_speakers_words_that_look_like_junk_stay(line):
    page, kept, _ = clean(around(inside=[line]))
    assert line.replace(",", "，") in kept


# --- furniture lines --------------------------------------------------------------------------

BOTTOM = {
    "previous link with a list dash": "- 上一篇：在全县防汛工作会议上的讲话",
    "next link with a list dash": "- 下一篇：在全县消防工作会议上的讲话",
    "comment header": "网友评论",
    "comment count header": "已有3条评论",
    "column note": "本文2021-03-05 10:20:11发表在“领导讲话”栏目。",
    "preview end notice": "因篇幅问题不能全部显示，请点此查看更多更全内容",
    "preview count notice": "（未完，全文共3120字，当前显示860字）",
    "preview count notice ending a sentence": "……（未完，全文共5000字，当前仅显示1200字，请阅读下面提示信息。",
    "bookmark link naming the document": "收藏《在全县安全生产工作会议上的讲",
}


def test_a_summary_label_followed_by_a_space_goes():
    summary = "摘要 ——守土有责今天，我们召开全县安全生产工作会议，主要任务是总结去年工作..."
    page, kept, dropped = clean([TITLE, summary, *SPEECH])
    assert any(d.startswith("摘要 ——守土有责") for d in dropped) and kept == "".join(SPEECH)


def test_an_outline_label_above_the_speech_goes():
    page, kept, dropped = clean(["目录/提纲：……", *around()])
    assert "目录/提纲：……" in dropped and kept == "".join(SPEECH)


def test_a_collections_counted_title_is_the_title_of_last_resort():
    page, _, dropped = clean(["国庆节演讲稿十二篇", *SPEECH])
    assert page.speeches[0].meta.title == "国庆节演讲稿" and "国庆节演讲稿十二篇" in dropped


@pytest.mark.parametrize("kind", sorted(BOTTOM))
def test_furniture_below_the_speech_goes(kind):
    page, kept, dropped = clean(around(bottom=[BOTTOM[kind]]))
    assert BOTTOM[kind] in dropped, kind
    assert kept == "".join(SPEECH)


def test_a_block_the_page_prints_twice_is_kept_once():
    lines = [TITLE, *SPEECH, "要压实各级责任，做到守土有责、守土尽责，确保全县安全生产形势稳定。", TITLE, *SPEECH,
             "要压实各级责任，做到守土有责、守土尽责，确保全县安全生产形势稳定。"]
    page, kept, dropped = clean(lines)
    assert len(page.speeches) == 1
    assert kept.count("安全生产责任重于泰山") == 1
    assert any(d.reason.startswith("repeats line") for d in page.dropped)


def test_a_line_the_speaker_says_twice_stays_twice():
    refrain = "安全第一，预防为主！"
    page, kept, _ = clean(around(inside=[refrain, "各单位要立即行动，全面排查隐患。", refrain]))
    assert kept.count(refrain.replace("，", "，")) == 2


# --- where the speech begins: nothing of it lost ---------------------------------------------

def test_a_salutation_with_a_comma_inside_or_at_its_end_is_kept():
    for salutation in ["各位劳模代表，同志们：", "亲爱的同学们，"]:
        page, kept, _ = clean([TITLE, salutation, *SPEECH[1:]])
        assert kept.startswith(salutation), salutation


def test_short_sentences_before_the_first_long_one_are_speech():
    lines = ["在国庆升旗仪式上的讲话", "天空为什么这么蓝？", "国旗为什么这么红？",
             "因为它凝结着无数先烈的鲜血，寄托着亿万人民的希望，我们要永远热爱它。"]
    page, kept, _ = clean(lines)
    assert kept.startswith("天空为什么这么蓝？国旗为什么这么红？")


def test_stars_that_redact_a_name_are_not_taken_for_emoji():
    page, kept, _ = clean(around(inside=["要学习☆县的经验，把☆☆同志的做法推广开来。"]))
    assert "要学习☆县的经验，把☆☆同志的做法推广开来。" in kept


# --- pieces -----------------------------------------------------------------------------------

def test_piece_headings_glued_into_one_line_are_cut_and_numbered():
    """……演讲稿篇1 and ……演讲稿篇2 inside one line (the page lost its line breaks); 篇15月 is 篇1 then 5月
    because the next heading is 篇2."""
    line = ("国庆节演讲稿汇编三篇国庆节演讲稿篇110月1日是祖国母亲的生日，我们要用实际行动为祖国献礼，努力学习，报效祖国。"
            "国庆节演讲稿篇2老师们、同学们：今天我演讲的题目是《我爱我的祖国》，祖国在我心中。")
    page, kept, dropped = clean([line])
    assert [s.meta.title for s in page.speeches] == ["国庆节演讲稿（篇1）", "国庆节演讲稿（篇2）"]
    assert page.speeches[0].body[0].text.startswith("10月1日是祖国母亲的生日")
    assert "国庆节演讲稿篇1" in dropped and "国庆节演讲稿篇2" in dropped


def test_a_list_of_piece_headings_on_one_line_is_dropped():
    toc = "".join(f"中秋节演讲稿 篇{n}" for n in range(1, 6)) + "中秋节演讲稿 篇1"
    page, kept, dropped = clean(["《中秋节演讲稿合集5篇》", toc, "中秋之夜，月光皎洁，家家户户团圆赏月，我们要珍惜这份团圆的情意。"])
    assert len(page.speeches) == 1
    assert "篇" not in kept and page.speeches[0].meta.title == "中秋节演讲稿"


def test_the_end_of_a_piece_begun_on_the_page_before_is_kept_with_the_pieces_number():
    lines = ["国庆节演讲稿大全（二）", "我的演讲完了，谢谢大家！", "国庆节演讲稿【篇三】", "老师们、同学们：",
             "今天我演讲的题目是《我爱我的祖国》，祖国在我心中，祖国在我脚下。"]
    page, kept, _ = clean(lines)
    assert [s.meta.title for s in page.speeches] == ["国庆节演讲稿（篇二）", "国庆节演讲稿（篇三）"]
    assert page.speeches[0].body[0].text == "我的演讲完了，谢谢大家！"
    assert any("check" in note for note in page.speeches[0].notes)


# --- titles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("heading, title", [
    ("[电热水壶]对来访专家的欢送词", "对来访专家的欢送词"),            # a 5-character ad tag before it
    ("20xx年春节团拜会领导优秀发言稿", "春节团拜会领导发言稿"),        # placeholder year, 优秀
    ("主题：爱岗敬业", "爱岗敬业"),                                    # a field label
])
def test_titles_lose_the_sites_decorations(heading, title):
    page, _, _ = clean([heading, *SPEECH])
    assert page.speeches[0].meta.title == title


def test_a_subtitle_is_not_taken_for_the_title():
    page, _, dropped = clean(["守初心、担使命", "——在全县党员干部大会上的专题党课", *SPEECH])
    assert page.speeches[0].meta.title == "守初心、担使命"
    assert "——在全县党员干部大会上的专题党课" in dropped


def test_a_title_line_with_a_subtitle_after_a_colon_is_kept_whole():
    page, _, _ = clean(["在全县村党组织书记培训班上的讲话：如何当好村支部书记", *SPEECH])
    assert page.speeches[0].meta.title.endswith("如何当好村支部书记")
    assert page.speeches[0].meta.speaker is None


@pytest.mark.parametrize("opening, title", [
    ("前不久，市里召开了全市经济形势分析会。这次召开县政府全会，主要任务是部署二季度工作。", "在县政府全会上的讲话"),
    ("今天，县委党校第十期中青年干部培训班正式开班了，我代表县委表示祝贺。", "在县委党校第十期中青年干部培训班开班式上的讲话"),
    ("今天我们在这里隆重集会，为2024届毕业生举行毕业典礼，我代表学校表示祝贺。", "在2024届毕业生毕业典礼上的讲话"),
])
def test_a_title_made_from_the_occasion_the_opening_names(opening, title):
    page, _, _ = clean(["同志们：", opening, "下面，我讲三点意见。"])
    assert page.speeches[0].meta.title == title
    assert any("made from the opening" in note for note in page.speeches[0].notes)


def test_titles_a_one_line_page_begins_with_are_cut_off_and_the_best_is_chosen():
    """A whole page on one line, its title, a dated copy and a byline glued to the first sentence."""
    body = "今天这次会议，既是一次部署会，也是一次动员会。" + "各单位要立即行动，全面排查隐患，确保不发生重大事故。" * 8
    page, kept, dropped = clean(["镇长在全镇防汛工作会议上的讲话202X/X/XX在全镇防汛工作会议上的讲话xxx同志讲话" + body])
    assert page.speeches[0].meta.title == "在全镇防汛工作会议上的讲话"
    assert kept.startswith("今天这次会议") and "xxx同志讲话" in dropped


def test_a_title_glued_before_several_addressees_is_cut_off():
    page, kept, _ = clean(["演讲比赛发言稿老师们，同学们，大家好，我是来自初二三班的李明，今天我演讲的题目是《我的梦想》。"])
    assert page.speeches[0].meta.title == "演讲比赛发言稿"
    assert kept.startswith("老师们，同学们，大家好")


def test_with_no_title_line_the_document_the_pages_link_names_is_the_title_flagged():
    page, kept, dropped = clean(["同志们：", SPEECH[1], "各单位要立即行动，全面排查隐患，确保不发生重大事故。",
                                 "收藏《在全县防汛工作会议上的讲"])
    assert page.speeches[0].meta.title == "在全县防汛工作会议上的讲话"
    assert any("link" in note for note in page.speeches[0].notes)
    assert "收藏《在全县防汛工作会议上的讲" in dropped
