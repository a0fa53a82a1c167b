"""Two whole pages of our own in habits the development corpus does not have (a portal with
share bars and a 导读 lead; a document library with upload info, spaces around every comma,
page counters and a hidden-text notice): furniture out, speech whole, the right title."""

from pathlib import Path

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
