"""Site furniture by kind (our own examples): every line of it goes, with a reason, and the
speech around it stays whole. Kinds follow issue 11; the words are in lexicon.yaml."""

import pytest

from tests.ingest.kinds import SPEECH, around, clean

TOP = {
    "slogan": "欢迎来到某某公文网平台! 工作总结 工作计划 发言稿 心得体会",
    "search box": "多个关键词搜索,空格分隔",
    "menu": "首页 | 范文大全 | 讲话稿 | 手机版",
    "navigation": "某某范文网 导航",
    "breadcrumb >": "首页 > 讲话稿 > 领导讲话",
    "breadcrumb ›": "当前位置：某某网 › 讲话致辞 › 正文",
    "breadcrumb »": "主页 » 公文 » 讲话",
    "back link": "返回",
    "skip link": "Skip to main content",
    "meta with bars": "时间:2023-05-06|栏目:领导讲话|点击:|",
    "meta with spaces": "2022-08-04 14:05:03 字数 2460 阅读 1325",
    "meta with counts": "来源：某某文库 5.94K 次",
    "views in W": "来源:某某范文网 2.1W",
    "upload date": "2024-03-18",
    "file size": "18.23KB",
    "page count": "14 页",
    "lone page number": "19",
    "view counter": "999+",
    "VIP badge": "VIP专免",
    "poster button": "海报",
    "report button": "侵权投诉",
    "author badge": "| 某某3",
    "file header": "《某某讲话稿3篇.docx》由会员分享,可在线阅读,更多相关《某某讲话稿3篇.docx(12页珍藏版)》请在某某文库上搜索。",
    "uploader notice": "本文档由用户上传,某某文库整理发布,可阅读全部内容。",
    "copyright notice": "本文档内容版权归属内容提供方,如果您对本文有版权争议,请立即联系网站客服。",
    "disclaimer lead": "导语：这篇讲话一文来源于网友上传，不代表本站观点，欢迎参考。",
}
BOTTOM = {
    "preview end": "预览结束,会员登录后免费立即下载",
    "trial end": "试读结束,开通会员文档无限下载使用",
    "login wall": "请先登录",
    "login form": "用户名:",
    "password field": "密   码:",
    "captcha": "验证码:",
    "comments": "发表评论",
    "related": "相关文章",
    "recommended": "推荐文章",
    "newest": "最新文档",
    "contact QQ": "客服QQ:12345678",
    "contact VX": "客服VX:abc123",
    "contact WeChat": "请点击👉 abc777 👈联系老师",
    "account": "公众号：某某写作",
    "membership ad": "每天仅需0.50元,尊享会员权益",
    "points": "【扣点券查看全文】【需要:1点券】",
    "copyright": "Copyright © 2018-2023 某某网 版权所有",
}


@pytest.mark.parametrize("kind", sorted(TOP))
def test_furniture_above_the_speech_goes(kind):
    page, kept, dropped = clean(around(top=[TOP[kind]]))
    assert TOP[kind] in dropped, kind
    assert kept.startswith("同志们：") and kept.endswith(SPEECH[-1])
    assert len(page.speeches) == 1 and page.speeches[0].meta.title == "在全县安全生产工作会议上的讲话"


@pytest.mark.parametrize("kind", sorted(BOTTOM))
def test_furniture_below_the_speech_goes(kind):
    page, kept, dropped = clean(around(bottom=[BOTTOM[kind], "相关推荐", "在全市会议上的讲话"]))
    assert kept.endswith(SPEECH[-1]), kind
    assert "".join(SPEECH) == kept
    assert not any(reason.reason == "fragment outside any speech" for reason in page.dropped)


@pytest.mark.parametrize("line", ["同志们，大家一定要把学习资源用好，把作文、试题讲透。",
                                  "要提升服务水平，让群众少跑腿、好办事，网站、客服都要跟上。",
                                  "下午好！", "谢谢大家！", "（一）分享经验", "2022年的工作"])
def test_speech_lines_with_furniture_words_stay(line):
    page, kept, dropped = clean(around(inside=[line]))
    assert line in kept, dropped


def test_every_dropped_line_names_its_reason():
    page, _, _ = clean(around(top=list(TOP.values()), bottom=list(BOTTOM.values())))
    assert all(d.reason for d in page.dropped)
    assert {d.reason.split(" (")[0] for d in page.dropped} >= {"site furniture", "info line", "breadcrumb"}
