"""Furniture of kinds of site the development corpus does not have (government portals, news
sites, WeChat copies, forums, blogs, personal libraries): our own examples, one per habit. Each
goes with a reason, above or below the speech, and a speech that says the same words keeps them."""

import pytest

from tests.ingest.kinds import SPEECH, around, clean

TOP = {
    "accessibility bar": "无障碍浏览 | 长者模式 | 繁體 | English",
    "search placeholder": "请输入关键字",
    "portal menu": "首页  政务公开  政务服务  互动交流  走进XX",
    "portal info line": "发布时间：2023-05-16 09:30   信息来源：市政府办公室   浏览次数：3652",
    "font size bar": "【字体：大 中 小】  【打印本页】  【关闭窗口】",
    "mobile code": "扫一扫在手机上查看当前页面",
    "news dateline": "2023年03月02日08:21 | 来源：人民网-人民日报",
    "news site breadcrumb": "人民网 >> 地方 >> 正文",
    "staff fields": "发布者：管理员  文章出处：本站原创  录入：张三  审核：李四",
    "WeChat account line": "点击上方蓝字 关注我们",
    "WeChat collection": "收录于合集 #领导讲话 12个",
    "pipe byline": "来源 | XX区退役军人事务局（ID：xxtyjr）",
    "forum breadcrumb": "XX论坛 » 综合交流 › 公文写作 › 正文",
    "forum counters": "查看: 3721|回复: 12",
    "forum post bar": "发表于 2022-11-03 10:12:45 | 只看该作者 |倒序浏览 |阅读模式",
    "library reader bar": "2022-07-12 | 转藏 | 全屏 | 打印 | 分享 | 献花(0)",
    "library upload fields": "上传者：xx123 | 文档格式：.doc | 页数：3 | 下载积分：5 | 浏览：1052",
}
BOTTOM = {
    "print and close": "【打印】【关闭】",
    "correction link": "【我要纠错】",
    "editor initials": "（责编：王XX、赵XX）",
    "end of story": "（完）",
    "portal footer": "主办单位：XX市人民政府办公室  承办单位：XX市大数据中心",
    "licence numbers": "网站标识码：1234000000  X ICP备12345678号-1",
    "visitor counter": "您是第123456位访客",
    "report hotline": "违法和不良信息举报电话：12377",
    "contact fields": "地址：XX市XX路1号 邮编：410000",
    "pager": "上一页 1 2 3 下一页",
    "attachments": "附件下载：",
    "comment box": "我要评论",
    "share help": "打开微信，点击底部的“发现”，使用“扫一扫”即可将网页分享至朋友圈。",
    "WeChat like call": "↓↓↓ 点个在看，你最好看 ↓↓↓",
    "WeChat picture credit": "图片来源：网络",
    "forum edit note": "本帖最后由 admin 于 2022-11-03 10:15 编辑",
    "blog buttons": "好文要顶 关注我 收藏该文",
    "blog previous link": "« 上一篇： 在教师节表彰大会上的讲话",
    "library end of preview": "全文阅读已结束，如果下载本文需要使用5积分",
    "library remaining pages": "还剩2页未读，继续阅读",
    "library download ad": "下载文档到电脑，查找使用更方便",
    "library disclaimer": "内容来自用户分享和网络整理，不保证内容的准确性",
    "related list": "阅读了该文档的用户还阅读了",
}
# Lines of speech that say what sites say: they stay, word for word.
SPEECH_LINES = ["要健全容错纠错机制。", "我们要继续阅读经典、学习原著。", "各地要把专题教育抓实抓好。",
                "地址选在城东新区，交通便利。", "（三）完善附件管理制度", "要关注我们身边的榜样。",
                "相关新闻单位要积极配合。", "主办单位要落实安全责任。", "我向大家推荐阅读这本书。",
                "群众扫码就能办事。", "各级党组织要组织党员认真阅读原文。", "时间紧 任务重 要求高 标准严"]


@pytest.mark.parametrize("kind", sorted(TOP))
def test_other_sites_furniture_above_the_speech_goes(kind):
    page, kept, dropped = clean(around(top=[TOP[kind]]))
    assert TOP[kind] in dropped, kind
    assert kept == "".join(SPEECH)
    assert page.speeches[0].meta.title == "在全县安全生产工作会议上的讲话"


@pytest.mark.parametrize("kind", sorted(BOTTOM))
def test_other_sites_furniture_below_the_speech_goes(kind):
    page, kept, dropped = clean(around(bottom=[BOTTOM[kind]]))
    assert BOTTOM[kind] in dropped, kind
    assert kept == "".join(SPEECH)
    assert all(d.reason for d in page.dropped)


@pytest.mark.parametrize("line", SPEECH_LINES)
def test_speech_that_says_the_sites_words_stays(line):
    page, kept, dropped = clean(around(inside=[line]))
    assert line.replace(" ", "") in kept, dropped
    assert kept.endswith(SPEECH[-1])


def test_markdown_emphasis_copied_from_a_page_is_taken_out_and_reported():
    """**…** from a Markdown page would read back as a bold lead of the content file: the marks go,
    the words stay, and the report says so."""
    page, kept, _ = clean(around(inside=["**要抓好隐患排查。**各单位要立即行动。"]))
    assert "要抓好隐患排查。各单位要立即行动。" in kept and "*" not in kept
    assert [(f.old, f.new) for f in page.fixes if f.reason == "Markdown bold marks copied from the site"] \
        == [("**要抓好隐患排查。**", "要抓好隐患排查。")]


def test_asterisks_of_the_speakers_text_are_kept():
    """Masked names and 7*24 are the speaker's text: no content format reads them as bold."""
    line = "张**同志和李**同志要实行7*24小时值班，**同志也要到岗。"
    page, kept, _ = clean(around(inside=[line]))
    assert line in kept
    assert not [f for f in page.fixes if "Markdown" in f.reason]
