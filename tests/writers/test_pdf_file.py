"""The PDF as a file, read back by other programs: qpdf finds nothing wrong, every drawn
glyph is the font's own glyph for its character (the embedded subset, its glyph map and
its ToUnicode map read with pypdf and fontTools against the shipped font files), TOC links
go to their headings' pages, and the document information is the speech's."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime, timezone

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tests.conftest import REVIEWED, ROOT, build_into

qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (make test installs it)")


@qpdf
def test_qpdf_finds_no_error_in_any_pdf(built_output):
    pdfs = sorted(built_output.glob("*.pdf"))
    assert len(pdfs) >= 4
    for pdf in pdfs:
        checked = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert checked.returncode == 0, (pdf.name, checked.stdout, checked.stderr)
        assert "No syntax or stream encoding errors" in checked.stdout, pdf.name


def shipped_fonts() -> dict[str, TTFont]:
    """PostScript name -> the font file that ships under that name."""
    fonts = {}
    for path in (ROOT / "fonts").glob("*.ttf"):
        font = TTFont(path)
        fonts[font["name"].getDebugName(6)] = font
    return fonts


def to_unicode(cmap: bytes) -> dict[int, str]:
    blocks = re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S)
    pairs = [pair for block in blocks for pair in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>", block)]
    return {int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be") for code, text in pairs}


def test_every_glyph_drawn_is_the_fonts_glyph_for_its_character(built_output):
    shipped = shipped_fonts()
    reader = PdfReader(built_output / "2022-kaiban.pdf")
    fonts = reader.pages[1]["/Resources"]["/Font"]
    assert len(fonts) >= 3
    checked = 0
    for font in fonts.values():
        font = font.get_object()
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
        cid_font = font["/DescendantFonts"][0].get_object()
        original = shipped[str(font["/BaseFont"]).split("+", 1)[1]]
        subset = TTFont(io.BytesIO(cid_font["/FontDescriptor"]["/FontFile2"].get_data()))
        gid_map = cid_font["/CIDToGIDMap"].get_data()
        for cid, ch in to_unicode(font["/ToUnicode"].get_data()).items():
            drawn = subset.getGlyphOrder()[int.from_bytes(gid_map[2 * cid:2 * cid + 2], "big")]
            wanted = original.getBestCmap()[ord(ch)]
            assert original.getGlyphID(wanted) == cid, ch              # the code is the glyph id
            assert outline(subset, drawn) == outline(original, wanted), ch
            checked += 1
    assert checked > 500


def outline(font: TTFont, glyph: str):
    coordinates, ends, flags = font["glyf"][glyph].getCoordinates(font["glyf"])
    return list(coordinates), list(ends), list(flags)


def test_each_characters_advance_is_the_fonts(built_output):
    """pdfplumber's character boxes come from the PDF's /W widths: they must be the font's
    advances, or text selection and every reader's positions drift."""
    shipped = shipped_fonts()
    with pdfplumber.open(built_output / "2022-jieye.pdf") as pdf:
        chars = [c for page in pdf.pages[:3] for c in page.chars]
    assert len(chars) > 800
    for c in chars:
        font = shipped[c["fontname"].split("+", 1)[1]]
        advance = font["hmtx"][font.getBestCmap()[ord(c["text"])]][0] / font["head"].unitsPerEm
        assert c["x1"] - c["x0"] == pytest.approx(advance * c["size"], abs=0.01), c["text"]


def test_toc_links_go_to_the_pages_of_their_headings(built_output):
    for name in ("2022-kaiban.pdf", "huibian.pdf"):
        reader = PdfReader(built_output / name)
        page_numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
        with pdfplumber.open(built_output / name) as pdf:
            texts = ["".join(page.extract_text().split()) for page in pdf.pages]
            links = 0
            for n, page in enumerate(pdf.pages):
                for annot in reader.pages[n].get("/Annots", []):
                    annot = annot.get_object()
                    target = page_numbers[annot["/Dest"][0].idnum]
                    x0, y0, x1, y1 = annot["/Rect"]
                    row = page.crop((x0, page.height - y1, x1, page.height - y0)).extract_text()
                    entry = re.sub(r"[.\s]+\d+$", "", "".join(row.split()))
                    assert entry[:8] in texts[target], (name, n + 1, entry, target + 1)
                    links += 1
        assert links >= 12, name


def test_the_document_information_is_the_speechs(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_into(tmp_path, files=[REVIEWED / "2022-kaiban.md"], content=REVIEWED)
    info = PdfReader(tmp_path / "2022-kaiban.pdf").metadata
    assert info.title == "在全市组工干部培训班开班仪式上的讲话"
    assert (info.author, info.subject) == ("市委书记", "全市组工干部培训班开班仪式")
    assert info.creation_date == info.modification_date == datetime.fromtimestamp(1700000000, timezone.utc)
