"""The DOCX of the committed speeches and the booklet, read back with python-docx and lxml
(tests/writers/docxcheck.py); LibreOffice's render of them: test_docx_libreoffice.py."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile

import docx
import pdfplumber
import pytest
from lxml import etree

from handout import ooxml
from handout.content import read_content
from handout.template import toc_entry
from handout.settings import DEFAULT_EPOCH, source_date_epoch
from handout.writers.docx_package import deterministic_zip
from tests.conftest import ROOT, build_into, speech_files
from tests.docx_in.helpers import ingest
from tests.pdfcheck import visual_lines
from tests.writers.docxcheck import (LONG_RUNS, M, NS, THEME, audit_errors, entry_levels, long_runs_content, part,
                                     pdf_toc_numbers,
                                     section_parts, speech_stems, style_of, text, toc, w)

# theme role -> the style that carries it (Word's names; "toc 1" shows as "TOC 1" in Word)
STYLES = {"body": "Body Text", "heading-1": "Heading 1", "heading-2": "Heading 2",
          "title": "Title", "subtitle": "Subtitle", "toc-title": "TOC Heading",
          "toc-1": "toc 1", "toc-2": "toc 2", "header": "Header", "footer": "Footer"}


def twips(mm: float) -> int:
    return round(mm * 72 / 25.4 * 20)


# -- package, properties, bytes ------------------------------------------------------------------
def test_a_docx_beside_every_pdf(built, stems):
    assert stems == sorted(p.stem for p in built.glob("*.pdf"))
    assert set(speech_stems()) < set(stems)          # the speeches and the booklet


def test_python_docx_reopens_every_file(built, stems):
    for stem in stems:
        document = docx.Document(str(built / f"{stem}.docx"))
        assert len(document.paragraphs) > 20
        assert len(document.sections) >= 2


def test_core_properties(built):
    for stem in speech_stems():
        meta = read_content(ROOT / "content" / f"{stem}.md").meta
        props = docx.Document(str(built / f"{stem}.docx")).core_properties
        assert props.title == meta["title"]
        assert props.author == meta["speaker"]
        assert props.subject == meta.get("occasion", "")
        assert props.language == "zh-CN"
        assert props.created == props.modified
        assert props.created.timestamp() == source_date_epoch()


def test_a_title_over_255_characters_is_built_and_printed_whole(tmp_path):
    """Core properties hold 255 characters; the page holds the whole title."""
    content = tmp_path / "content"
    content.mkdir()
    title, occasion = "在" + "全市组工干部培训班" * 33 + "上的讲话", "全市" * 150
    (content / "long.md").write_text(f"---\ntitle: {title}\noccasion: {occasion}\n---\n\n正文。\n",
                                     encoding="utf-8")
    build_into(tmp_path / "out", formats=("docx",), content=content)
    document = docx.Document(str(tmp_path / "out" / "long.docx"))
    assert document.core_properties.title == title[:255]
    assert document.core_properties.subject == occasion[:255]
    assert title in "".join(p.text for p in document.paragraphs).replace("\n", "")   # line breaks as laid out


def test_two_builds_are_byte_identical(built, stems, tmp_path):
    build_into(tmp_path, formats=("docx",))
    for stem in stems:
        assert (tmp_path / f"{stem}.docx").read_bytes() == (built / f"{stem}.docx").read_bytes()


def test_zip_members_are_ordered_and_dated(built):
    with zipfile.ZipFile(built / "huibian.docx") as z:
        infos = z.infolist()
    assert [i.filename for i in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert {i.date_time for i in infos} == {(2000, 1, 1, 0, 0, 0)} or "SOURCE_DATE_EPOCH" in os.environ


def test_source_date_epoch_sets_the_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1666915200")            # 2022-10-28
    assert source_date_epoch() == 1666915200
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_date_epoch() == DEFAULT_EPOCH
    blob = deterministic_zip(deterministic_zip(_tiny_zip(), 1666915200), 1666915200)
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        assert z.infolist()[0].date_time == (2022, 10, 28, 0, 0, 0)


def _tiny_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("b.xml", "<b/>")
        z.writestr("[Content_Types].xml", "<a/>")
    return buffer.getvalue()


def test_word_2013_compatibility_mode(built, stems):
    """14 (python-docx's template) makes Word 2013 and later open the file in 兼容模式."""
    for stem in stems:
        compat = part(built / f"{stem}.docx", "word/settings.xml").find(
            "w:compat/w:compatSetting[@w:name='compatibilityMode']", NS)
        assert compat.get(w("val")) == "15", stem


def test_every_style_reference_names_a_style_that_exists(built):
    styles = part(built / "huibian.docx", "word/styles.xml")
    ids = {s.get(w("styleId")) for s in styles.findall("w:style", NS)}
    for tag in ("basedOn", "next", "link"):
        for ref in styles.findall(f"w:style/w:{tag}", NS):
            assert ref.get(w("val")) in ids, (tag, ref.get(w("val")))
    toc_heading = styles.find("w:style[@w:styleId='TOCHeading']/w:next", NS)
    assert toc_heading.get(w("val")) == "TOC1"     # Enter after 目录 gives the first entry


def test_openxml_audit_finds_no_errors(built, stems):
    """openxml-audit (PyPI) validates the package: parts, relationships, schema, styles."""
    for stem in stems:
        assert audit_errors(built / f"{stem}.docx") == [], stem


def test_a_latin_run_too_long_for_a_line_gets_break_opportunities_no_reader_sees(tmp_path, capsys):
    """Where the PDF breaks a run too long for a line, the DOCX has a zero-width w:sym
    (LibreOffice then breaks there too, see test_docx_libreoffice.py); python-docx's text,
    `ingest FILE.docx` and openxml-audit all see the paragraph as written."""
    content = long_runs_content(tmp_path)
    build_into(tmp_path / "out", formats=("docx",), content=content)
    path = tmp_path / "out" / "long.docx"
    document = docx.Document(str(path))
    paragraphs = [p for p in document.paragraphs if p.text in LONG_RUNS]
    assert [p.text for p in paragraphs] == list(LONG_RUNS)
    breaks = [len(p._p.findall(".//w:sym[@w:char='200B']", NS)) for p in paragraphs]
    assert breaks[1] == 2 and breaks[0] >= 1, breaks    # 120 A's: broken twice in the PDF
    status, _, _ = ingest(capsys, path, "--content", tmp_path / "back")
    assert status == 0
    assert (tmp_path / "back" / "long.md").read_text(encoding="utf-8") == \
        (content / "long.md").read_text(encoding="utf-8")
    audit = shutil.which("openxml-audit")
    if audit:
        run = subprocess.run([audit, "--output", "json", "--max-errors", "0", str(path)],
                             capture_output=True, text=True, timeout=120)
        (report,) = json.loads(run.stdout)
        assert report["valid"] and report["error_count"] == 0, report["errors"]


# -- styles and fonts ----------------------------------------------------------------------------
def test_named_styles_carry_the_official_east_asian_fonts(built):
    document = docx.Document(str(built / "2022-kaiban.docx"))
    for role, name in STYLES.items():
        fonts = document.styles[name].element.find("w:rPr/w:rFonts", NS)
        expected = THEME.fonts[THEME.role(role).font].docx
        assert fonts is not None, name
        assert fonts.get(w("eastAsia")) == expected, name
        assert fonts.get(w("ascii")) == expected, name
    assert THEME.fonts["fangsong"].docx == "仿宋_GB2312"


def test_every_rfonts_names_east_asia_and_no_theme_font_anywhere(built):
    path = built / "huibian.docx"
    styles = part(path, "word/styles.xml")
    every = styles.findall(".//w:rFonts", NS)
    assert every and all(f.get(w("eastAsia")) for f in every)
    for attr in ooxml.THEME_FONT_ATTRS:
        assert not styles.findall(f".//w:rFonts[@w:{attr}]", NS), attr
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(w("eastAsia")) == "仿宋_GB2312"
    # the theme part (a package needs one) names the same official fonts as the styles
    theme = part(path, "word/theme/theme1.xml")
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for kind, role in (("minorFont", "body"), ("majorFont", "heading-1")):
        scheme = theme.find(f".//{a}fontScheme/{a}{kind}")
        expected = THEME.fonts[THEME.role(role).font].docx
        assert scheme.find(f"{a}ea").get("typeface") == expected
        assert scheme.find(f"{a}font[@script='Hans']").get("typeface") == expected


def test_font_table_has_each_official_name_with_its_fallback(built):
    fonts = part(built / "2022-kaiban.docx", "word/fontTable.xml")
    table = {f.get(w("name")): f.find("w:altName", NS).get(w("val"))
             for f in fonts.findall("w:font", NS)}
    # every font the text is set in (the Latin face only where the theme's `latin` names it)
    assert table == {THEME.fonts[name].docx: THEME.fonts[name].docx_alt
                     for name in THEME.font_roles_used()}
    assert {"仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"} <= set(table)


def test_east_asian_language_is_chinese(built):
    styles = part(built / "2022-kaiban.docx", "word/styles.xml")
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(w("eastAsia")) == "zh-CN"
    assert all(l.get(w("eastAsia")) == "zh-CN" for l in styles.findall(".//w:lang", NS))


def test_body_paragraphs_snap_to_the_grid_with_two_character_indent(built):
    styles = part(built / "2022-kaiban.docx", "word/styles.xml")
    normal = styles.find("w:style[@w:styleId='Normal']/w:pPr", NS)
    assert normal.find("w:snapToGrid", NS).get(w("val")) == "1"
    assert normal.find("w:widowControl", NS).get(w("val")) == "0"       # the PDF has none either
    assert normal.find("w:kinsoku", NS).get(w("val")) == "1"
    assert normal.find("w:autoSpaceDE", NS).get(w("val")) == "0"
    body = styles.find("w:style[@w:styleId='BodyText']/w:pPr", NS)
    assert body.find("w:ind", NS).get(w("firstLineChars")) == "200"
    assert body.find("w:jc", NS).get(w("val")) == "both"
    for heading in ("Heading1", "Heading2"):
        assert styles.find(f"w:style[@w:styleId='{heading}']/w:pPr/w:keepNext", NS) is not None
    settings = part(built / "2022-kaiban.docx", "word/settings.xml")
    assert settings.find("w:characterSpacingControl", NS).get(w("val")) == "compressPunctuation"


def test_content_uses_styles_not_run_formatting(built):
    body = part(built / "2022-kaiban.docx", "word/document.xml").find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    styled = [p for p in paragraphs if p.find("w:pPr/w:pStyle", NS) is not None]
    assert len(styled) > 0.8 * len(paragraphs)
    for run in body.iter(w("r")):
        r_pr = run.find("w:rPr", NS)
        if r_pr is not None:
            assert [c.tag for c in r_pr] == [w("rStyle")]            # only the Strong style
    used = {p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in styled}
    assert {"Title", "Heading1", "Heading2", "BodyText", "TOCHeading", "TOC1", "TOC2"} <= used


# -- page set-up ---------------------------------------------------------------------------------
def test_a4_margins_and_the_22_by_28_grid(built, stems):
    for stem in stems:
        document = part(built / f"{stem}.docx", "word/document.xml")
        sections = document.findall(".//w:sectPr", NS)
        assert sections
        for sect in sections:
            size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
            assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
            for side, mm in THEME.margins_mm.items():
                if side != "right":
                    assert abs(int(margins.get(w(side))) - twips(mm)) <= 1, side
            grid = sect.find("w:docGrid", NS)
            assert grid.get(w("type")) == "linesAndChars"
            pitch, space = int(grid.get(w("linePitch"))), int(grid.get(w("charSpace")))
            area = 16838 - int(margins.get(w("top"))) - int(margins.get(w("bottom")))
            assert area // pitch == 22                                  # 22 lines fit, not 23
            # 28 characters a line, the line exactly 28 whole-twip cells (15.75 pt), which
            # LibreOffice needs to keep every line on its grid (test_docx_libreoffice.py);
            # the type area 25 twips (0.44 mm) narrower than 156 mm, on the right
            cell = (M.body_size + space / 4096) * 20
            measure = 11906 - int(margins.get(w("left"))) - int(margins.get(w("right")))
            assert (cell, measure) == (315, 28 * 315) and space == -1024
            assert 0 <= twips(THEME.page_mm[0] - THEME.margins_mm["left"] - THEME.margins_mm["right"]) - measure < cell


def test_a_full_line_off_the_grid_fits_the_type_area(built, stems):
    """Headings and titles are off the grid: each character advances by its size at Normal's
    horizontal scale (w:w) plus the style's w:spacing. A line of them as long as the grid's
    (the characters at the style's size that 28 body cells hold) fits the DOCX's type area,
    or Word would push its last character down where LibreOffice and our PDF do not."""
    for stem in stems:
        styles = part(built / f"{stem}.docx", "word/styles.xml")
        margins = part(built / f"{stem}.docx", "word/document.xml").find(".//w:sectPr/w:pgMar", NS)
        measure = (11906 - int(margins.get(w("left"))) - int(margins.get(w("right")))) / 20
        normal = styles.find("w:style[@w:styleId='Normal']", NS)
        scale = int(normal.find("w:rPr/w:w", NS).get(w("val"))) / 100
        for style_id in ("Title", "Heading1", "Heading2"):
            r_pr = styles.find(f"w:style[@w:styleId='{style_id}']/w:rPr", NS)
            size = int(r_pr.find("w:sz", NS).get(w("val"))) / 2
            advance = size * scale + int(r_pr.find("w:spacing", NS).get(w("val"))) / 20
            chars = int(28 * M.body_size / size)            # 28 at 16 pt, 20 at 22 pt
            assert chars * advance <= measure, (stem, style_id, advance, measure)


# -- headers, footers ----------------------------------------------------------------------------
def test_footers_show_the_page_field_right_on_odd_left_on_even(built, stems):
    for stem in stems:
        settings = part(built / f"{stem}.docx", "word/settings.xml")
        assert settings.find("w:evenAndOddHeaders", NS) is not None
        assert settings.find("w:updateFields", NS) is None
        numbered = 0
        for _, found in section_parts(built / f"{stem}.docx"):
            odd, even = found[("footer", "default")], found[("footer", "even")]
            if not text(odd):
                continue                                              # the booklet's cover
            numbered += 1
            for p, style in ((odd, "Footer"), (even, "FooterEven")):
                instr = "".join(t.text for t in p.iter(w("instrText")))
                assert instr.strip() == "PAGE"
                assert style_of(p) == style
                assert text(p).startswith("— ") and text(p).endswith(" —")
        assert numbered >= 2
    styles = docx.Document(str(built / "2022-kaiban.docx")).styles
    assert styles["Footer"].paragraph_format.alignment == 2          # right
    assert styles["Footer Even"].paragraph_format.alignment == 0     # left


def test_running_header_is_the_title_but_not_on_page_1(built):
    for stem in speech_stems():
        title = read_content(ROOT / "content" / f"{stem}.md").meta["title"]
        (first_title_pg, first), (_, body) = section_parts(built / f"{stem}.docx")
        assert text(first[("header", "default")]) == ""                # title block and TOC
        assert text(body[("header", "default")]) == title
        assert text(body[("header", "even")]) == title
        assert style_of(body[("header", "default")]) == "Header"


def test_booklet_sections_start_on_new_pages_never_odd_page_breaks(built):
    """Odd-page starts are the PDF's blank versos written out (see the LibreOffice test of
    a booklet with a blank verso): LibreOffice renders w:type oddPage with w:titlePg as a
    chain of page styles that loses the header of each speech's second page."""
    document = part(built / "huibian.docx", "word/document.xml")
    sections = document.findall(".//w:sectPr", NS)
    with pdfplumber.open(built / "huibian.pdf") as pdf:       # blank pages padding the booklet
        texts = [page.extract_text() for page in pdf.pages]
    padding = len(texts) - max(n for n, t in enumerate(texts, 1) if t)
    assert len(sections) == len(speech_files()) + 2 + padding   # cover, TOC, speeches, blanks
    types = {t.get(w("val")) for t in document.findall(".//w:sectPr/w:type", NS)}
    assert types <= {"nextPage"}                               # absent: nextPage too


def test_booklet_speeches_are_sections_with_their_own_headers(built):
    sections = section_parts(built / "huibian.docx")
    titles = {read_content(p).meta["title"] for p in speech_files()}
    speech_sections = [(t, f) for t, f in sections if text(f[("header", "default")])]
    assert {text(f[("header", "default")]) for _, f in speech_sections} == titles
    for title_pg, found in speech_sections:
        assert title_pg                                   # header-first="no": not on page 1
        assert text(found[("header", "first")]) == ""
        assert "PAGE" in "".join(t.text for t in found[("footer", "first")].iter(w("instrText")))


# -- table of contents ---------------------------------------------------------------------------
def test_toc_is_a_filled_field_with_the_pdf_page_numbers(built):
    for stem in speech_stems():
        content = read_content(ROOT / "content" / f"{stem}.md")
        headings = [b["text"] for b in content.body if b["kind"] == "heading"]
        instructions, entries, marks = toc(built / f"{stem}.docx")
        assert instructions[0].strip() == 'TOC \\f \\l "1-2" \\h \\z'
        assert [e[0] for e in entries] == [toc_entry(h) for h in headings]
        assert [e[1] for e in entries] == pdf_toc_numbers(built / f"{stem}.pdf", 1)
        assert {e[2] for e in entries} <= marks                        # every link has its target
        pagerefs = [i.strip() for i in instructions if i.strip().startswith("PAGEREF")]
        assert pagerefs == [f"PAGEREF {e[2]} \\h" for e in entries]
        xml = etree.tostring(part(built / f"{stem}.docx", "word/document.xml"), encoding=str)
        assert "w:dirty" not in xml


def test_every_listed_heading_carries_its_entry_as_a_tc_field(built):
    """The TOC is built from TC fields (TOC \\f): each holds the entry exactly as the cached
    TOC shows it (no final 。, a booklet speech's title with its speaker)."""
    for stem in [*speech_stems(), "huibian"]:
        instructions, entries, _ = toc(built / f"{stem}.docx")
        tcs = [i.strip() for i in instructions if i.strip().startswith("TC ")]
        expected = [f'TC "{text}" \\l {1 if level == 1 else 2}' for text, level in entry_levels(built / f"{stem}.docx")]
        assert tcs == expected and len(tcs) == len(entries), stem


def test_toc_numbers_are_where_the_headings_are_in_the_pdf(built):
    stem = speech_stems()[0]
    _, entries, _ = toc(built / f"{stem}.docx")
    lines = visual_lines(built / f"{stem}.pdf")
    for entry, number, _ in entries:
        where = [l.page for l in lines if l.page > 1 and l.text.startswith(entry[:10])]
        assert where and where[0] == number, (entry, number, where)


def test_booklet_toc_lists_speeches_and_their_first_level_headings(built):
    _, entries, marks = toc(built / "huibian.docx")
    speeches = [read_content(p) for p in speech_files()]
    titles = {s.meta["title"] for s in speeches}
    listed_titles = [e for e in entries if e[0].split("　")[0] in titles]
    assert len(listed_titles) == len(speeches)
    level_one = sum(1 for s in speeches for b in s.body if b["kind"] == "heading" and b["level"] == 1)
    assert len(entries) == len(speeches) + level_one
    assert [e[1] for e in entries] == pdf_toc_numbers(built / "huibian.pdf", 2)
    assert {e[2] for e in entries} <= marks


