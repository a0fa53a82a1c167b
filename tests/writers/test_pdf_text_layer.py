"""Copying text out of the PDF gives the speaker's characters back, also where two of them
share one glyph in a face (・/·, ～/〜, ‑/-, –/‒ in Noto Sans SC, the 黑体 of headings): three
independent readers (pdfminer through pdfplumber, poppler's pdftotext, PDFium through
pypdfium2) read each character as written. Before pdf_fonts.py gave the second character
of a shared glyph a code of its own, ToUnicode held one character per glyph and the readers
gave 〜 for ～ (and so on) wherever a document used both. The OFD holds the text itself
(TextCode) and each embedded subset's cmap maps both characters to the glyph: easyofd reads
them as written."""

from __future__ import annotations

import io
import subprocess

import pdfplumber
import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from tests.conftest import build_into

PAIRS = ("・·", "～〜", "‑-", "–‒", "•‧")
PHRASE = "甲" + "乙".join(PAIRS) + "丙"          # every character of every pair, in one run


@pytest.fixture(scope="module")
def shared_glyph_pdf(tmp_path_factory):
    root = tmp_path_factory.mktemp("shared")
    content = root / "content"
    content.mkdir()
    (content / "s.md").write_text(
        f"---\ntitle: 共用字形\n---\n\n同志们：\n\n# 一、标题{PHRASE}\n\n正文{PHRASE}。\n\n"
        f"## 1、二级{PHRASE}。\n\n又一段{PHRASE[::-1]}。\n", encoding="utf-8")
    build_into(root / "out", formats=("pdf", "ofd"), content=content)
    return root / "out" / "s.pdf"


LINES = ("标题" + PHRASE, "正文" + PHRASE, "二级" + PHRASE, "又一段" + PHRASE[::-1])


def _missing(text: str) -> list[str]:
    """The speech's lines that the extracted text (whitespace ignored) does not hold as written."""
    squeezed = "".join(text.split())
    return [line for line in LINES if line not in squeezed]


def test_pdfplumber_reads_each_character_as_written(shared_glyph_pdf):
    with pdfplumber.open(shared_glyph_pdf) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert _missing(text) == []


def test_pdftotext_reads_each_character_as_written(shared_glyph_pdf):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(shared_glyph_pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert _missing(text) == []


def test_pdfium_reads_each_character_as_written(shared_glyph_pdf):
    pdf = pdfium.PdfDocument(str(shared_glyph_pdf))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert _missing(text) == []


def test_the_heading_draws_the_pairs_from_one_glyph_each(shared_glyph_pdf):
    """The case is real: in the heading's font each pair is one glyph (so one glyph is drawn
    under two codes, not two glyphs)."""
    from tests.conftest import ROOT
    cmap = TTFont(ROOT / "fonts" / "NotoSansSC-Medium-GB.ttf", lazy=True).getBestCmap()
    assert all(cmap[ord(a)] == cmap[ord(b)] for a, b in PAIRS)


def test_the_ofd_reads_each_character_as_written(shared_glyph_pdf):
    from tests.writers.test_ofd import NS, easyofd_lines, parts
    ofd = shared_glyph_pdf.with_suffix(".ofd")
    text = "\n".join(t for page in easyofd_lines(ofd) for _y, t in page)
    assert _missing(text) == []
    package = parts(ofd)
    res = etree.fromstring(package["Doc_0/PublicRes.xml"])
    heiti = [font for font in res.iter(f"{{{NS['ofd']}}}Font") if "NotoSansSC" in font.get("FontName")]
    assert len(heiti) == 1
    embedded = package["Doc_0/Res/" + heiti[0].findtext("ofd:FontFile", namespaces=NS)]
    cmap = TTFont(io.BytesIO(embedded)).getBestCmap()
    assert all(cmap[ord(a)] == cmap[ord(b)] for a, b in PAIRS)     # one glyph, both characters
