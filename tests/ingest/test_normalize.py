"""Normalising one line: full-width punctuation in Chinese, ASCII kept where it belongs."""

import pytest

from handout.ingest.normalize import normalise, redactions


@pytest.mark.parametrize("raw, clean", [
    ("同志们:", "同志们："),
    ("既是培训,也是交流;更是集训?是的!", "既是培训，也是交流；更是集训？是的！"),
    ("我们对镇(办园场)组工干部", "我们对镇（办园场）组工干部"),
    ("“活字典”?对于", "“活字典”？对于"),
    ("上午10:30开会,共1,000人", "上午10:30开会，共1,000人"),          # times and numbers stay
    ("use (GDP) and A:B in English", "use (GDP) and A:B in English"),     # Latin text untouched
    ("省委X 届X 次全会", "省委X届X次全会"),                               # spaces inside Chinese
    ("针对 X 实际", "针对X实际"),
    ("开始, 共计", "开始，共计"),                                          # no space after ，
    ("用 Word 软件", "用 Word 软件"),                                      # spaces by Latin words stay
])
def test_normalise(raw, clean):
    assert normalise(raw)[0] == clean


def test_every_edit_is_recorded_at_its_position():
    text, edits = normalise("培训,交流 会议")
    assert text == "培训，交流会议"
    assert [(e.pos, e.old, e.new) for e in edits] == [(2, ",", "，"), (5, " ", "")]


def test_normalising_never_touches_han_characters_or_x():
    raw = "为X经济发展给力,X书记强调:“X”实施意见、X 系列"
    clean, _ = normalise(raw)
    assert [c for c in clean if c not in "，：、 "] == [c for c in raw if c not in ",:、 "]


@pytest.mark.parametrize("text, found", [
    ("拿出X天时间", ["X"]),
    ("有近X%的委员只有X—X年", ["X", "X", "X"]),
    ("“X”实施意见", ["X"]),
    ("省委XX届全会", ["XX"]),
    ("Xbox 与 XML 不是占位符", []),
])
def test_redaction_placeholders_are_found(text, found):
    assert [m.group() for m in redactions(text)] == found
