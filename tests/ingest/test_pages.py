"""Whole pages of our own in habits the development corpus does not have (portals, a document
library, news, WeChat, forum, blog, a PDF preview, a 360doc-style page, a speech that uses the
sites' own words): furniture out, speech whole, the right title."""

from pathlib import Path

import pytest

from handout.ingest.decode import read_page
from tests.ingest.kinds import clean

PAGES = Path(__file__).with_name("pages")


def test_a_portal_page():
    page, kept, dropped = clean(read_page(PAGES / "portal.txt")[0])
    [speech] = page.speeches
    assert (speech.meta.title, speech.meta.speaker) == ("在全县春季农业生产工作会议上的讲话", "县长")
    assert kept.startswith("同志们：今天召开全县春季农业生产工作会议") and kept.endswith("谢谢大家！")
    assert len(dropped) == 11 and all(d.reason for d in page.dropped)
    for furniture in ("导读", "分享", "下载", "上一篇", "扫一扫", "http", "阅读"):
        assert furniture not in kept, furniture


def test_a_document_library_page():
    page, kept, dropped = clean(read_page(PAGES / "wenku.txt")[0])
    [speech] = page.speeches
    assert speech.meta.title == "在全市教育工作会议上的讲话"
    assert kept == ("同志们：今天，我们召开全市教育工作会议，主要任务是总结去年全市教育工作，部署今年任务。"
                    "刚才，教育局的同志作了工作报告，我完全同意。下面，我讲三点意见。")
    assert not any(f in kept for f in ("文库", "积分", "第2页", "隐藏", "下载"))


def _speech_of(name):
    """The one speech of a page: (page, its meta, its kept text, the source lines by number)."""
    lines = read_page(PAGES / name)[0]
    page, kept, _ = clean(lines)
    [speech] = page.speeches
    return page, speech.meta, kept, {n: text.strip() for n, text in enumerate(lines, 1)}


def _assert_whole(page, kept, source, first, last):
    """Lines first..last (the speech) kept in order and whole, every other line dropped with a reason."""
    speech = [line.number for s in page.speeches for line in s.body]
    assert speech == list(range(first, last + 1))
    assert kept.startswith(source[first].replace(" ", "")[:10]) and kept.endswith(source[last][-10:])
    assert {d.line for d in page.dropped} >= {n for n in source if source[n] and not first <= n <= last}
    assert all(d.reason for d in page.dropped)


def test_a_government_portal_article():
    page, meta, kept, source = _speech_of("gov.txt")
    assert (meta.title, meta.speaker, meta.date) == ("在全市优化营商环境工作推进会上的讲话", "市长 张XX", "2023年5月15日")
    _assert_whole(page, kept, source, 13, 25)
    moved = [d.line for d in page.dropped if d.reason.startswith("title line")]
    assert moved == [6]                   # the site's name (line 2) is not reported as the title
    for furniture in ("打印", "关闭", "责任编辑", "上一条", "网站地图", "主办单位", "ICP备", "公网安备", "分辨率"):
        assert furniture not in kept, furniture


# (page, title, first and last line of the speech, furniture words that must be gone)
SITE_PAGES = [
    ("news.txt", "在全省乡村振兴工作会议上的讲话", 6, 12, ("责编", "编辑", "相关新闻", "热点推荐", "人民网", "版权")),
    ("wechat.txt", "在XX公司2023年度工作会议上的讲话", 8, 16,
     ("往期推荐", "二维码", "关注我们", "在看", "阅读原文", "官微", "合集")),
    ("forum.txt", "在全区安全生产工作会议上的讲话", 7, 14,
     ("楼主", "回复", "发表于", "只看该作者", "本帖", "沙发", "标签", "上一主题")),
    ("doc88.txt", "在全镇防汛工作会议上的讲话", 6, 9, ("阅读已结束", "积分", "下载", "还阅读了", "猜你喜欢", "客服")),
    ("blog.txt", "在全校开学典礼上的讲话", 5, 9, ("博客", "好文要顶", "上一篇", "posted", "评论", "返回顶部")),
]


@pytest.mark.parametrize("name, title, first, last, furniture", SITE_PAGES, ids=[p[0] for p in SITE_PAGES])
def test_a_page_of_another_kind_of_site(name, title, first, last, furniture):
    """A news article, a WeChat copy, a forum thread, a document-sharing page, a blog post:
    the speech whole, its title, the site's words gone."""
    page, meta, kept, source = _speech_of(name)
    assert meta.title == title
    _assert_whole(page, kept, source, first, last)
    for word in furniture:
        assert word not in kept, word


def test_a_pdf_preview_with_watermarks_and_page_counters():
    """Hard wraps every ~30 characters, `2 / 6` between pages, the site's name and address
    pushed inside sentences: those go, and the sentences around them stay whole."""
    page, meta, kept, source = _speech_of("preview.txt")
    assert meta.title == "在全县干部作风建设大会上的讲话"
    assert [line.number for line in page.speeches[0].body] == [n for n in range(7, 23) if n != 15]
    assert "有的对群众诉求推诿扯皮，有的工作标准不高" in kept and "要通报批评。三是整治" in kept
    for furniture in ("原创力", "book118", "/ 6", "温馨提示", "下载", "相似文档", "客服"):
        assert furniture not in kept, furniture
    assert {d.text for d in page.dropped if "inserted" in d.reason} == {"原创力文档"}


def test_a_wechat_copy_with_pipe_bylines_and_emoji():
    page, meta, kept, source = _speech_of("wechat2.txt")
    assert (meta.title, meta.speaker) == ("在全区退役军人工作会议上的讲话", "局长 李XX")
    _assert_whole(page, kept, source, 7, 13)
    assert "部署今年任务。一、" in kept and not any(e in kept for e in "👏🔥")
    for furniture in ("作者", "图片来源", "侵权", "在看", "推荐阅读", "ID"):
        assert furniture not in kept, furniture


def test_a_speech_that_uses_the_sites_words_keeps_them():
    """A speech on web and media work says 首页, 扫码, 相关新闻, 关注我们, 阅读原文, 推荐阅读, 主办单位,
    如有侵权, 温馨提示 and has a spaced slogan: every line of it stays, word for word."""
    page, meta, kept, source = _speech_of("lookalike.txt")
    assert meta.title == "在全县网信暨融媒体工作会议上的讲话"
    body = page.speeches[0].body
    assert [line.number for line in body] == list(range(4, 21))
    assert all(line.text.replace(" ", "") == source[line.number].replace(" ", "") for line in body)
    assert [d.line for d in page.dropped] == [1, 2, 3, 21]


def test_a_personal_library_page_in_traditional_characters():
    """A 360doc-style copy: traditional characters, spaces around every comma, the reader's
    buttons, a list of similar articles whose titles look like the speech's own."""
    page, meta, kept, source = _speech_of("library360.txt")
    assert meta.title == "在全市文明城市创建工作推进会上的讲话"
    assert [line.number for line in page.speeches[0].body] == list(range(5, 12))
    assert kept.startswith("同志们：今天，我们召开全市文明城市创建工作推进会，主要任务是动员全市上下，")
    assert kept.endswith("为创建全国文明城市而努力奋斗！")
    for furniture in ("图书馆", "来自", "转藏", "献花", "类似文章", "动员大会", "评论"):
        assert furniture not in kept, furniture
