"""Helpers for the per-kind ingest tests: a small page of our own around a short speech."""

from handout.ingest.page import clean_page
from handout.ingest.rules import load_rules

RULES = load_rules()
SPEECH = ["同志们：",
          "今天，我们召开全县安全生产工作会议，主要任务是总结去年工作，部署今年任务。",
          "一、提高认识",
          "安全生产责任重于泰山，各级各部门要切实扛起责任，不能有丝毫松懈。"]


def clean(lines):
    """(page, the kept text of all speeches joined, the dropped texts)."""
    page = clean_page(lines, RULES)
    kept = "".join(line.text for speech in page.speeches for line in speech.body)
    return page, kept, [d.text for d in page.dropped]


def around(top=(), inside=(), bottom=(), title="在全县安全生产工作会议上的讲话"):
    return [*top, title, *SPEECH[:2], *inside, *SPEECH[2:], *bottom]
