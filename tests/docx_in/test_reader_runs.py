"""What a run holds besides w:t, read as the text a person sees in Word: symbols, ruby base
text, line breaks, positional tabs, hidden text, no-break hyphens, entities declared in the
part, invisible characters (the audit of issue #23). Each paragraph is parsed from XML as
Word writes it and read by the reader alone."""

from __future__ import annotations

import pytest

from handout.docx_in.package import _xml
from handout.docx_in.reader import _Reader
from handout.docx_in.styles import Styles

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def read(inner: str, doctype: str = "") -> tuple[str, list[str]]:
    """The paragraph text and the notes, for a w:p holding `inner`."""
    xml = f'<?xml version="1.0"?>{doctype}<w:p {W_NS}>{inner}</w:p>'.encode()
    reader = _Reader(Styles(None))
    reader.paragraph(_xml(xml, "document.xml", "x.docx"))
    return "".join(p.text for p in reader.paragraphs), reader.notes


def r(inner: str, props: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{inner}</w:r>"


@pytest.mark.parametrize("inner, text", [
    (r('<w:t>五</w:t><w:sym w:font="Segoe UI Symbol" w:char="2605"/><w:t>级</w:t>'), "五★级"),
    (r('<w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt>'
       '<w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby>') + r("<w:t>意</w:t>"), "注意"),
    (r("<w:t>Hello</w:t><w:br/><w:t>world</w:t>"), "Hello world"),
    (r("<w:t>Hello</w:t><w:cr/><w:t>world</w:t>"), "Hello world"),
    (r("<w:t>今天</w:t><w:br/><w:t>开会</w:t>"), "今天开会"),
    (r('<w:t>甲</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>乙</w:t>'),
     "甲\t乙"),
    (r("<w:t>COVID</w:t><w:noBreakHyphen/><w:t>19</w:t>"), "COVID\u201119"),
    (r("<w:t>今天</w:t><w:softHyphen/><w:t>开会</w:t>"), "今天开会"),
])
def test_run_content_is_read_as_shown(inner, text):
    assert read(inner)[0] == text


def test_hidden_text_is_not_read_and_is_noted():
    text, notes = read(r("<w:t>今天开会。</w:t>") + r("<w:t>内部备注</w:t>", "<w:vanish/>")
                       + r("<w:t>散会。</w:t>", '<w:vanish w:val="0"/>'))
    assert text == "今天开会。散会。"
    assert any("内部备注" in n and "hidden" in n for n in notes), notes


def test_the_rest_of_a_w_t_after_an_entity_reference_is_kept():
    text, _ = read(r("<w:t>今天&e;开会&amp;散会</w:t>"), '<!DOCTYPE w:p [<!ENTITY e "下午">]>')
    assert text == "今天下午开会&散会"


def test_a_symbol_font_code_is_noted_not_kept_as_a_private_use_character():
    text, notes = read(r('<w:t>甲</w:t><w:sym w:font="Wingdings" w:char="F0FC"/>'))
    assert text == "甲" and any("Wingdings" in n for n in notes), notes


def test_invisible_characters_are_taken_out_and_noted_but_the_writers_break_marks_silently():
    text, notes = read(r("<w:t>\u200b今天\u00ad开\ufeff会\u200e。</w:t>")
                       + r('<w:t>Hello</w:t><w:sym w:char="200B"/><w:t>world</w:t>'))
    assert text == "今天开会。Helloworld"
    assert len(notes) == 1 and "U+00AD SOFT HYPHEN" in notes[0] and "U+FEFF" in notes[0], notes
    assert "200B" not in notes[0]
