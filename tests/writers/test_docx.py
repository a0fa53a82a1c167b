"""The DOCX of the committed speeches and the booklet: read back with python-docx and lxml,
and rendered by LibreOffice (one soffice call per session) to compare with our PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from handout import ooxml
from handout.content import read_content
from handout.metrics import page_metrics
from handout.template import toc_entry
from handout.theme import load_theme
from handout.settings import DEFAULT_EPOCH, source_date_epoch
from handout.writers.docx_package import deterministic_zip
from tests.conftest import ROOT, build_into, speech_files, two_one_page_speeches
from tests.pdfcheck import page_count, visual_lines

THEME = load_theme(ROOT / "templates" / "theme.yaml")
M = page_metrics(THEME)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PAGE_NUMBER = re.compile(r"^— ?(\d+) ?—$")
TOC_ROW = re.compile(r"\.{3,}\s*(\d+)$")
# theme role -> the style that carries it (Word's names; "toc 1" shows as "TOC 1" in Word)
STYLES = {"body": "Body Text", "heading-1": "Heading 1", "heading-2": "Heading 2",
          "title": "Title", "subtitle": "Subtitle", "toc-title": "TOC Heading",
          "toc-1": "toc 1", "toc-2": "toc 2", "header": "Header", "footer": "Footer"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(path: Path, name: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def twips(mm: float) -> int:
    return round(mm * 72 / 25.4 * 20)


# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """content/ built once as PDF and DOCX (the same layout feeds both)."""
    out = tmp_path_factory.mktemp("docx")
    build_into(out, formats=("pdf", "docx"))
    return out


@pytest.fixture(scope="session")
def stems(built) -> list[str]:
    return sorted(p.stem for p in built.glob("*.docx"))


def libreoffice_pdfs(docx_files: list[Path], out: Path) -> Path:
    """The DOCX files converted to PDF by LibreOffice in one soffice call, private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not on PATH; CI installs libreoffice-writer")
    profile = (out / "profile").as_uri()
    # keep the blank versos LibreOffice inserts for odd-page starts (it drops them by default)
    export = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
    # the shipped fonts stand in for the official names the DOCX asks for, as in our PDF;
    # without them LibreOffice falls back to unrelated faces and pages differently
    env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "fonts" / "fonts.conf")}
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", export, "--outdir", str(out), *map(str, docx_files)],
                   check=True, capture_output=True, timeout=300, env=env)
    missing = [f.stem for f in docx_files if not (out / f"{f.stem}.pdf").is_file()]
    assert not missing, missing
    return out


@pytest.fixture(scope="session")
def lo_pdfs(built, stems, tmp_path_factory) -> Path:
    """Every DOCX of the committed content, converted by LibreOffice."""
    return libreoffice_pdfs([built / f"{s}.docx" for s in stems], tmp_path_factory.mktemp("lo"))


def speech_stems() -> list[str]:
    return [p.stem for p in speech_files()]


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
    with zipfile.ZipFile(__import__("io").BytesIO(blob)) as z:
        assert z.infolist()[0].date_time == (2022, 10, 28, 0, 0, 0)


def _tiny_zip() -> bytes:
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("b.xml", "<b/>")
        z.writestr("[Content_Types].xml", "<a/>")
    return buffer.getvalue()


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
    with zipfile.ZipFile(path) as z:
        assert not [n for n in z.namelist() if "theme" in n]          # no theme part at all


def test_font_table_has_each_official_name_with_its_fallback(built):
    fonts = part(built / "2022-kaiban.docx", "word/fontTable.xml")
    table = {f.get(w("name")): f.find("w:altName", NS).get(w("val"))
             for f in fonts.findall("w:font", NS)}
    assert table == {role.docx: role.docx_alt for role in THEME.fonts.values()}
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
                assert abs(int(margins.get(w(side))) - twips(mm)) <= 1, side
            grid = sect.find("w:docGrid", NS)
            assert grid.get(w("type")) == "linesAndChars"
            pitch, space = int(grid.get(w("linePitch"))), int(grid.get(w("charSpace")))
            assert space == ooxml.char_space(M.char_pitch, M.body_size) == -848
            area = 16838 - int(margins.get(w("top"))) - int(margins.get(w("bottom")))
            assert area // pitch == 22                                  # 22 lines fit, not 23
            char = M.body_size + space / 4096
            assert int(M.measure / char) == 28                          # 28 characters a line


# -- headers, footers ----------------------------------------------------------------------------
def _section_parts(path: Path):
    """[(titlePg?, {(kind, type): paragraph})] for every section of the document."""
    with zipfile.ZipFile(path) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        document = etree.fromstring(z.read("word/document.xml"))
        out = []
        for sect in document.findall(".//w:sectPr", NS):
            found = {}
            for kind in ("header", "footer"):
                for ref in sect.findall(f"w:{kind}Reference", NS):
                    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                    found[(kind, ref.get(w("type")))] = etree.fromstring(
                        z.read("word/" + targets[rid])).find("w:p", NS)
            out.append((sect.find("w:titlePg", NS) is not None, found))
    return out


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _style(p) -> str | None:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(w("val")) if style is not None else None


def test_footers_show_the_page_field_right_on_odd_left_on_even(built, stems):
    for stem in stems:
        settings = part(built / f"{stem}.docx", "word/settings.xml")
        assert settings.find("w:evenAndOddHeaders", NS) is not None
        assert settings.find("w:updateFields", NS) is None
        numbered = 0
        for _, found in _section_parts(built / f"{stem}.docx"):
            odd, even = found[("footer", "default")], found[("footer", "even")]
            if not _text(odd):
                continue                                              # the booklet's cover
            numbered += 1
            for p, style in ((odd, "Footer"), (even, "FooterEven")):
                instr = "".join(t.text for t in p.iter(w("instrText")))
                assert instr.strip() == "PAGE"
                assert _style(p) == style
                assert _text(p).startswith("— ") and _text(p).endswith(" —")
        assert numbered >= 2
    styles = docx.Document(str(built / "2022-kaiban.docx")).styles
    assert styles["Footer"].paragraph_format.alignment == 2          # right
    assert styles["Footer Even"].paragraph_format.alignment == 0     # left


def test_running_header_is_the_title_but_not_on_page_1(built):
    for stem in speech_stems():
        title = read_content(ROOT / "content" / f"{stem}.md").meta["title"]
        (first_title_pg, first), (_, body) = _section_parts(built / f"{stem}.docx")
        assert _text(first[("header", "default")]) == ""                # title block and TOC
        assert _text(body[("header", "default")]) == title
        assert _text(body[("header", "even")]) == title
        assert _style(body[("header", "default")]) == "Header"


def test_booklet_speeches_start_on_odd_pages(built):
    document = part(built / "huibian.docx", "word/document.xml")
    types = [t.get(w("val")) for t in document.findall(".//w:sectPr/w:type", NS)]
    assert types == ["oddPage"] * len(speech_files())         # odd_pages: true in the collection


def test_booklet_speeches_are_sections_with_their_own_headers(built):
    sections = _section_parts(built / "huibian.docx")
    titles = {read_content(p).meta["title"] for p in speech_files()}
    speech_sections = [(t, f) for t, f in sections if _text(f[("header", "default")])]
    assert {_text(f[("header", "default")]) for _, f in speech_sections} == titles
    for title_pg, found in speech_sections:
        assert title_pg                                   # header-first="no": not on page 1
        assert _text(found[("header", "first")]) == ""
        assert "PAGE" in "".join(t.text for t in found[("footer", "first")].iter(w("instrText")))


# -- table of contents ---------------------------------------------------------------------------
def _toc(path: Path):
    """(instruction, [(entry text, cached page, anchor)], bookmark names) from the DOCX."""
    body = part(path, "word/document.xml").find("w:body", NS)
    instructions = [t.text for t in body.iter(w("instrText"))]
    entries = []
    for link in body.iter(w("hyperlink")):
        texts = [t.text for t in link.iter(w("t"))]
        entries.append((texts[0], int(texts[-1]), link.get(w("anchor"))))
    marks = {b.get(w("name")) for b in body.iter(w("bookmarkStart"))}
    return instructions, entries, marks


def _pdf_toc_numbers(pdf: Path, page: int) -> list[int]:
    return [int(TOC_ROW.search(l.text).group(1)) for l in visual_lines(pdf)
            if l.page == page and TOC_ROW.search(l.text)]


def test_toc_is_a_filled_field_with_the_pdf_page_numbers(built):
    for stem in speech_stems():
        content = read_content(ROOT / "content" / f"{stem}.md")
        headings = [b["text"] for b in content.body if b["kind"] == "heading"]
        instructions, entries, marks = _toc(built / f"{stem}.docx")
        assert instructions[0].strip() == 'TOC \\o "1-2" \\h \\z \\u'
        assert [e[0] for e in entries] == [toc_entry(h) for h in headings]
        assert [e[1] for e in entries] == _pdf_toc_numbers(built / f"{stem}.pdf", 1)
        assert {e[2] for e in entries} <= marks                        # every link has its target
        pagerefs = [i.strip() for i in instructions if i.strip().startswith("PAGEREF")]
        assert pagerefs == [f"PAGEREF {e[2]} \\h" for e in entries]
        xml = etree.tostring(part(built / f"{stem}.docx", "word/document.xml"), encoding=str)
        assert "w:dirty" not in xml


def test_toc_numbers_are_where_the_headings_are_in_the_pdf(built):
    stem = speech_stems()[0]
    _, entries, _ = _toc(built / f"{stem}.docx")
    lines = visual_lines(built / f"{stem}.pdf")
    for text, number, _ in entries:
        where = [l.page for l in lines if l.page > 1 and l.text.startswith(text[:10])]
        assert where and where[0] == number, (text, number, where)


def test_booklet_toc_lists_speeches_and_their_first_level_headings(built):
    _, entries, marks = _toc(built / "huibian.docx")
    speeches = [read_content(p) for p in speech_files()]
    titles = {s.meta["title"] for s in speeches}
    listed_titles = [e for e in entries if e[0].split("　")[0] in titles]
    assert len(listed_titles) == len(speeches)
    level_one = sum(1 for s in speeches for b in s.body if b["kind"] == "heading" and b["level"] == 1)
    assert len(entries) == len(speeches) + level_one
    assert [e[1] for e in entries] == _pdf_toc_numbers(built / "huibian.pdf", 2)
    assert {e[2] for e in entries} <= marks


# -- LibreOffice renders the DOCX as our PDF -----------------------------------------------------
def _page_starts(pdf: Path) -> list[str]:
    """The first 10 characters inside the type area of every page ('' for a blank page)."""
    top, bottom = M.height - M.top, M.height - M.bottom
    starts = {n: "" for n in range(1, page_count(pdf) + 1)}
    for line in visual_lines(pdf):
        if top - 2 < line.baseline < bottom + 2 and not starts[line.page]:
            starts[line.page] = line.text.replace(" ", "")[:10]
    return [starts[n] for n in sorted(starts)]


def test_libreoffice_pages_like_our_pdf(built, stems, lo_pdfs):
    same = total = 0
    for stem in stems:
        ours, theirs = _page_starts(built / f"{stem}.pdf"), _page_starts(lo_pdfs / f"{stem}.pdf")
        assert len(theirs) == len(ours), stem
        same += sum(a == b for a, b in zip(ours, theirs))
        total += len(ours)
    assert same / total >= 0.95, f"{same} of {total} page starts equal"


def test_libreoffice_shows_the_toc_page_numbers(built, lo_pdfs):
    for stem in speech_stems():
        assert _pdf_toc_numbers(lo_pdfs / f"{stem}.pdf", 1) == _pdf_toc_numbers(built / f"{stem}.pdf", 1)


def test_libreoffice_puts_page_numbers_right_on_odd_and_left_on_even(lo_pdfs):
    for stem in speech_stems():
        pdf = lo_pdfs / f"{stem}.pdf"
        numbers = [l for l in visual_lines(pdf) if PAGE_NUMBER.match(l.text.strip())]
        assert [int(PAGE_NUMBER.match(l.text.strip()).group(1)) for l in numbers] == \
            list(range(1, page_count(pdf) + 1))
        for line in numbers:
            odd = int(PAGE_NUMBER.match(line.text.strip()).group(1)) % 2
            assert (line.x0 > M.width / 2) == bool(odd), line


def test_libreoffice_leaves_the_blank_verso_of_an_odd_page_start_unnumbered(tmp_path):
    """Two one-page speeches, odd_pages: true: the DOCX's odd-page section breaks make
    LibreOffice insert page 4 blank, as our PDF has it; pages 3 and 5 carry their numbers."""
    content = two_one_page_speeches(tmp_path)
    build_into(tmp_path / "out", formats=("pdf", "docx"), content=content)
    lo = libreoffice_pdfs([tmp_path / "out" / "book.docx"], tmp_path / "lo") / "book.pdf"
    assert page_count(lo) == page_count(tmp_path / "out" / "book.pdf") == 5
    lines = visual_lines(lo)
    assert [l for l in lines if l.page == 4] == []
    numbers = [int(PAGE_NUMBER.match(l.text.strip()).group(1)) for l in lines
               if PAGE_NUMBER.match(l.text.strip())]
    assert numbers == [2, 3, 5]
