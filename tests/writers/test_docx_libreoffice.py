"""LibreOffice's render of our DOCX beside our PDF, on a machine with a desktop's CJK fonts
(CI installs fonts-noto-cjk): text and fonts, lines, page starts, headers and numbers, the
TOC, and a TOC update. The DOCX is laid out as a person sees it: `soffice --convert-to pdf`,
which agrees with LibreOffice's window (the booklet, read line by line from the window under
Xvfb: 517 of 520 body lines as in our PDF, as here). A document loaded hidden through UNO is
laid out differently (it had the booklet's last speech on the grid where --convert-to had it
off), so UNO (tools/lo_uno.py) is used only for the TOC update, where nothing is laid out."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from handout.content import read_content
from handout.metrics import TWIPS_PER_PT, twips
from tests.conftest import ROOT, build_into, speech_files, two_one_page_speeches
from tests.pdfcheck import fonts_embedded, page_count, visual_lines
from tests.writers.docxcheck import (M, NS, PAGE_NUMBER, TOC_ROW, long_runs_content, pdf_toc_numbers,
                                     section_parts, speech_stems, text, w)


UNO_PYTHON = "/usr/bin/python3"          # Debian's python3 has LibreOffice's uno (python3-uno)
LO_UNO = ROOT / "tools" / "lo_uno.py"


def lo_uno(command: str, *args: str, profile: Path):
    """Run tools/lo_uno.py (LibreOffice through UNO) with the shipped fonts standing in
    for the official names the DOCX asks for, as in our PDF (fonts/fonts.conf); its JSON."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not on PATH; CI installs libreoffice-writer")
    if subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0:
        pytest.skip(f"{UNO_PYTHON} cannot import uno; CI installs python3-uno")
    env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "fonts" / "fonts.conf")}
    run = subprocess.run([UNO_PYTHON, str(LO_UNO), command, str(profile), *args],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


# File > Export as PDF with blank pages kept (filter options as JSON: LibreOffice >= 7.4)
PDF_EXPORT = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def libreoffice_pdfs(docx_files: list[Path], out: Path) -> Path:
    """The DOCX files as `soffice --convert-to pdf` lays them out (a private profile, the
    shipped fonts standing in for the official names as in our PDF: fonts/fonts.conf, by
    an absolute path, which fontconfig needs), blank pages kept."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice (soffice) is not on PATH; CI installs libreoffice-writer")
    env = {**os.environ, "FONTCONFIG_FILE": str((ROOT / "fonts" / "fonts.conf").resolve())}
    run = subprocess.run([office, f"-env:UserInstallation={(out / 'profile').resolve().as_uri()}",
                          "--headless", "--norestore", "--convert-to", PDF_EXPORT,
                          "--outdir", str(out), *map(str, docx_files)],
                         capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    missing = [f.stem for f in docx_files if not (out / f"{f.stem}.pdf").is_file()]
    assert not missing, missing
    return out


@pytest.fixture(scope="session")
def lo_pdfs(built, stems, tmp_path_factory) -> Path:
    """Every DOCX of the committed content, converted by LibreOffice."""
    return libreoffice_pdfs([built / f"{s}.docx" for s in stems], tmp_path_factory.mktemp("lo"))


def test_updating_the_toc_in_libreoffice_changes_no_entry(built, stems, tmp_path):
    """Tools > Update > All Indexes, done through UNO (tools/lo_uno.py): every
    entry's text and page number stay as written. (Line breaks are not compared: an entry
    the PDF wraps carries the PDF's break, an update lets the entry wrap by itself.)"""
    files = [str(built / f"{stem}.docx") for stem in stems]
    result = lo_uno("toc", *files, profile=tmp_path / "profile")
    for path in files:
        before, after = result[path]["before"], result[path]["after"]
        assert len(before) == len(after) == 1, path
        assert "\t" in before[0] and before[0].replace("\n", "") == after[0].replace("\n", ""), path


# -- LibreOffice renders the DOCX as our PDF ----------------------------------------------------
def _page_starts(pdf: Path) -> list[str]:
    """The first 10 characters inside the type area of every page ('' for a blank page)."""
    top, bottom = M.height - M.top, M.height - M.bottom
    starts = {n: "" for n in range(1, page_count(pdf) + 1)}
    for line in visual_lines(pdf):
        if top - 2 < line.baseline < bottom + 2 and not starts[line.page]:
            starts[line.page] = line.text.replace(" ", "")[:10]
    return [starts[n] for n in sorted(starts)]


def test_libreoffice_pages_like_our_pdf(built, lo_pdfs):
    """Every page of every speech starts with the same text as in our PDF."""
    for stem in speech_stems():
        assert _page_starts(lo_pdfs / f"{stem}.pdf") == _page_starts(built / f"{stem}.pdf"), stem


# The booklet once lost the grid in LibreOffice 7.4 (--convert-to and the window alike): from
# its last speech on, the paragraphs after headings were set 0.6 pt in and one character short
# (408 of 520 body lines equal). LibreOffice centres its character grid in the type area (half
# of the width's remainder over whole cells in from the margin) and sets a paragraph it formats
# before moving it into place (after a heading kept with it, on a page a different first page
# starts) that half again further in. The DOCX's type area is now whole cells wide
# (metrics.grid_measure_twips): no remainder, nothing to be offset by.
def test_libreoffice_pages_the_booklet_like_our_pdf(built, lo_pdfs):
    assert _page_starts(lo_pdfs / "huibian.pdf") == _page_starts(built / "huibian.pdf")


def _body_lines(pdf: Path) -> list[str]:
    """The text lines inside the type area, spaces dropped, a run of leader dots as one …"""
    top, bottom = M.height - M.top, M.height - M.bottom
    return [_text(l) for l in visual_lines(pdf) if top - 2 < l.baseline < bottom + 2 and l.text.strip()]


def _text(line) -> str:
    """A line's text, spaces dropped, a run of leader dots as one …"""
    return re.sub(r"\.{2,}", "…", line.text.replace(" ", ""))


def test_libreoffice_shows_every_character_in_the_shipped_fonts(built, stems, lo_pdfs):
    """No tofu: LibreOffice's render has our PDF's body text, drawn only in the shipped families
    (a desktop's Noto CJK, installed in CI, must not stand in for any of them)."""
    for stem in stems:
        body = "".join(_body_lines(lo_pdfs / f"{stem}.pdf"))
        assert body == "".join(_body_lines(built / f"{stem}.pdf")), stem
        fonts = {name.split("+")[-1] for name in fonts_embedded(lo_pdfs / f"{stem}.pdf")}
        assert fonts and all(f.startswith("/Handout") or f.startswith("Handout") for f in fonts), fonts


def test_libreoffice_breaks_lines_like_our_pdf(built, lo_pdfs):
    """Line by line (the longest common sequence of body lines): both hang the same marks at
    a line end and push, never squeeze, what else overflows. What still differs: a run of
    Latin letters or digits takes whole grid cells in LibreOffice (its character grid pads
    it up), which moves a break in a paragraph with digits (3 lines of jieye)."""
    same = total = 0
    for stem in speech_stems():
        equal, lines = _equal_lines(built / f"{stem}.pdf", lo_pdfs / f"{stem}.pdf")
        assert equal / lines >= 0.98, (stem, equal, lines)
        same, total = same + equal, total + lines
    assert same / total >= 0.99, f"{same} of {total} body lines equal"


def _equal_lines(ours: Path, theirs: Path) -> tuple[int, int]:
    """Body lines of `theirs` in the longest common sequence with `ours`, and `ours`' count."""
    ours_lines = _body_lines(ours)
    matcher = difflib.SequenceMatcher(None, ours_lines, _body_lines(theirs), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()), len(ours_lines)


def test_libreoffice_breaks_the_booklets_lines_like_the_speeches_alone(built, lo_pdfs):
    """The booklet as good as its speeches built alone: all but the lines the speeches alone
    break differently (digits padded to whole cells) equal our PDF's."""
    alone = [_equal_lines(built / f"{s}.pdf", lo_pdfs / f"{s}.pdf") for s in speech_stems()]
    missing = sum(lines - equal for equal, lines in alone)
    equal, lines = _equal_lines(built / "huibian.pdf", lo_pdfs / "huibian.pdf")
    assert lines - equal <= missing, f"{equal} of {lines} body lines equal"


def test_libreoffice_starts_every_body_line_where_our_pdf_does(built, stems, lo_pdfs):
    """Each body line both renders have (text equal, in order) starts at the same x, within
    0.5 pt: at the margin or the indent, on LibreOffice's grid as on ours. (Off by 0.8 pt
    with the grid centred in a type area of 28.08 cells; the booklet's lines that lost the
    grid were 1.4 pt in.)"""
    for stem in stems:
        pairs, lines = _line_starts(built / f"{stem}.pdf", lo_pdfs / f"{stem}.pdf")
        assert len(pairs) >= 0.98 * lines, (stem, len(pairs), lines)
        off = [(a.page, a.text[:12], round(b.x0 - a.x0, 2)) for a, b in pairs if abs(b.x0 - a.x0) > 0.5]
        assert not off, (stem, len(off), off[:5])


def test_libreoffice_keeps_the_grid_of_a_theme_with_30_characters_a_line(tmp_path):
    """The type area in whole cells holds for another grid: with 30 characters a line (a
    294-twip cell, where 156 mm would leave 25 twips over) every body line in LibreOffice
    starts at the margin or two cells in, less than 0.4 pt right of either (a grid centred
    in the leftover put them 0.75 pt right)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    theme = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    assert "grid: {lines: 22, chars: 28}" in theme
    (templates / "theme.yaml").write_text(theme.replace("chars: 28}", "chars: 30}"), encoding="utf-8")
    speech = next(p for p in speech_files() if p.stem == "2022-kaiban")
    build_into(tmp_path / "out", formats=("pdf", "docx"), files=[speech], templates=templates)
    docx_file = tmp_path / "out" / f"{speech.stem}.docx"
    sect = etree.fromstring(zipfile.ZipFile(docx_file).read("word/document.xml")).find(".//w:sectPr", NS)
    margin = int(sect.find("w:pgMar", NS).get(w("left"))) / TWIPS_PER_PT
    cell = M.body_size + int(sect.find("w:docGrid", NS).get(w("charSpace"))) / 4096
    assert abs(cell * TWIPS_PER_PT - 294) < 0.01                    # Word: 30 fit in 30 x 294 twips
    lo = libreoffice_pdfs([docx_file], tmp_path / "lo") / f"{speech.stem}.pdf"
    starts = [l.x0 - margin for l in _body_text_lines(lo)]
    assert len(starts) > 100
    assert all(0 <= x < 0.4 or 0 <= x - 2 * cell < 0.4 for x in starts), sorted(set(round(x, 2) for x in starts))


def _line_starts(ours: Path, theirs: Path) -> tuple[list, int]:
    """(our line, LibreOffice's) for the body lines both have, in order; and our count."""
    ours_lines, theirs_lines = _body_text_lines(ours), _body_text_lines(theirs)
    matcher = difflib.SequenceMatcher(None, [_text(l) for l in ours_lines],
                                      [_text(l) for l in theirs_lines], autojunk=False)
    return ([(ours_lines[block.a + k], theirs_lines[block.b + k])
             for block in matcher.get_matching_blocks() for k in range(block.size)], len(ours_lines))


def _body_text_lines(pdf: Path) -> list:
    """The lines of body size inside the type area that start at its left edge or indent."""
    top, bottom = M.height - M.top, M.height - M.bottom
    return [l for l in visual_lines(pdf) if top - 2 < l.baseline < bottom + 2
            and abs(l.size - M.body_size) < 0.5 and l.x0 < M.left + 3 * M.char_pitch]


def test_libreoffice_ends_lines_at_marks_as_our_pdf(tmp_path):
    """Lines that end at a mark, each case once: 。“ (the quote goes down with its word, not
    squeezed into the 。's cell), a closing quote that overflows (pushed down with the
    character before it), and ：；！？ past a full line (they hang, as 。，、 do).
    LibreOffice's lines equal our PDF's, all of them."""
    full = "一" * 25                     # 25 characters + 1 mark fill a first line (2 indented)
    paragraphs = [f"{full}。“学而不思则罔”，其后还有一些文字。",
                  f"{full}二”三四五六七八九十，其后还有一些文字。",
                  *(f"{full}二{mark}三四五六七八九十，其后还有一些文字。" for mark in "：；！？")]
    content = tmp_path / "content"
    content.mkdir()
    (content / "marks.md").write_text("---\ntitle: 行尾标点\n---\n\n" + "\n\n".join(paragraphs) + "\n",
                                      encoding="utf-8")
    build_into(tmp_path / "out", formats=("pdf", "docx"), content=content)
    lo = libreoffice_pdfs([tmp_path / "out" / "marks.docx"], tmp_path / "lo") / "marks.pdf"
    ours = _body_lines(tmp_path / "out" / "marks.pdf")
    body = ours[next(i for i, line in enumerate(ours) if line.startswith(full)):]
    assert body[:4] == [f"{full}。", "“学而不思则罔”，其后还有一些文字。", full, "二”三四五六七八九十，其后还有一些文字。"]
    assert [line[-2:] for line in body[4::2]] == ["二：", "二；", "二！", "二？"]
    assert _body_lines(lo) == ours


def test_libreoffice_breaks_a_latin_run_too_long_for_a_line_inside_the_line(tmp_path):
    """120 A's after 代号为 and a 315-character URL: LibreOffice starts them on the line they
    are on, as our PDF does (without the DOCX's break opportunities it moved the A's to a
    line of their own and stretched 代号为 across the measure), nothing passes the margin,
    and the 120 A's break where the PDF breaks them. (The URL's lines may end at another
    of LibreOffice's own breaks, after a - the PDF could not fit.)"""
    content = long_runs_content(tmp_path)
    build_into(tmp_path / "out", formats=("pdf", "docx"), content=content)
    lo = libreoffice_pdfs([tmp_path / "out" / "long.docx"], tmp_path / "lo") / "long.pdf"
    ours, theirs = _body_lines(tmp_path / "out" / "long.pdf"), _body_lines(lo)
    assert "".join(theirs) == "".join(ours)
    a_lines = [line for line in ours if "AAAA" in line]
    assert len(a_lines) == 3 and a_lines[0].startswith("代号为A")
    assert [line for line in theirs if "AAAA" in line] == a_lines
    assert any(line.startswith("文件见https://") for line in theirs)
    body = [l for l in visual_lines(lo) if abs(l.size - M.body_size) < 0.5]
    assert body and all(M.left - 0.5 <= l.x0 and l.x1 <= M.right + M.char_pitch for l in body)


def test_libreoffice_gives_every_booklet_page_its_header_and_number(built, lo_pdfs):
    """Each page with body text: its speech's running header (not on a speech's first page)
    and '— n —' on the outer side; a blank page has neither. Read from our PDF and from
    LibreOffice's render alike."""
    def furniture(pdf: Path):
        pages = {}
        for line in visual_lines(pdf):
            page = pages.setdefault(line.page, {"header": None, "number": None, "body": False})
            if line.baseline < M.height - M.top - 2:
                page["header"] = line.text
            elif PAGE_NUMBER.match(line.text.strip()):
                page["number"] = (int(PAGE_NUMBER.match(line.text.strip()).group(1)),
                                  "right" if line.x0 > M.width / 2 else "left")
            else:
                page["body"] = True
        return [pages.get(n, {"header": None, "number": None, "body": False})
                for n in range(1, page_count(pdf) + 1)]
    ours, theirs = furniture(built / "huibian.pdf"), furniture(lo_pdfs / "huibian.pdf")
    assert theirs == ours
    titles = {read_content(p).meta["title"] for p in speech_files()}
    with_header = [n for n, page in enumerate(theirs, 1) if page["header"] in titles]
    assert len(with_header) >= len(theirs) - 3 - 2 * len(titles)   # all but cover, TOC, title pages
    for n, page in enumerate(theirs, 1):
        if page["body"] and n > 2:
            assert page["number"] == (n, "right" if n % 2 else "left"), n


# The DOCX's right margin: its type area is whole grid cells wide, 1 pt short of the PDF's
DOCX_RIGHT = (twips(M.left) + M.grid_measure_twips) / TWIPS_PER_PT


def test_libreoffice_centres_the_toc_title_and_ends_its_numbers_at_the_margin(lo_pdfs):
    for stem in speech_stems():
        lines = [l for l in visual_lines(lo_pdfs / f"{stem}.pdf") if l.page == 1]
        (title,) = [l for l in lines if l.text.replace(" ", "").replace("\u3000", "") == "目录"]
        assert abs((title.x0 + title.x1) / 2 - (M.left + M.right) / 2) < 2, title
        rows = [l for l in lines if TOC_ROW.search(l.text)]
        assert rows and all(abs(l.x1 - DOCX_RIGHT) < 1.0 for l in rows), [(l.text, l.x1) for l in rows]


def test_libreoffice_sets_a_heading_number_at_its_own_width(built, lo_pdfs):
    """'1、人员变化快' with no gap after the 1: headings are off the character grid, which in
    LibreOffice pads a digit to a whole cell (as it still does in body text)."""
    gaps = []
    with pdfplumber.open(lo_pdfs / "2022-kaiban.pdf") as pdf:
        for page in pdf.pages:
            chars = sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))
            for digit, after in zip(chars, chars[1:]):
                if digit["text"].isdigit() and after["text"] == "、" and round(digit["top"]) == round(after["top"]):
                    gaps.append(after["x0"] - digit["x1"])
    assert len(gaps) >= 6 and max(gaps) < 1.0, gaps


def test_libreoffice_sets_the_date_line_without_grid_cells(built, lo_pdfs):
    """'（2022年X月X日）' off the grid: no digit or X padded to a whole cell (LibreOffice 7.4
    left 8 pt after each X on the grid). What remains is LibreOffice's own space between
    Han and Latin, a fifth of an em, which it does not let a DOCX turn off."""
    for stem in speech_stems():
        with pdfplumber.open(lo_pdfs / f"{stem}.pdf") as pdf:
            rows: dict = {}
            for char in pdf.pages[0].chars:
                rows.setdefault(round(char["top"]), []).append(char)
        (date,) = [sorted(r, key=lambda c: c["x0"]) for r in rows.values()
                   if "年" in "".join(c["text"] for c in r)]
        gaps = [b["x0"] - a["x1"] for a, b in zip(date, date[1:])]
        assert max(gaps) < 0.25 * M.char_pitch, (stem, gaps)


def test_libreoffice_shows_the_toc_page_numbers(built, lo_pdfs):
    for stem in speech_stems():
        assert pdf_toc_numbers(lo_pdfs / f"{stem}.pdf", 1) == pdf_toc_numbers(built / f"{stem}.pdf", 1)


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
    """Two one-page speeches, odd_pages: true: the PDF's blank verso is a section of its
    own in the DOCX, so LibreOffice shows page 4 blank and unnumbered, as our PDF has it;
    pages 3 and 5 carry their numbers."""
    content = two_one_page_speeches(tmp_path)
    build_into(tmp_path / "out", formats=("pdf", "docx"), content=content)
    lo = libreoffice_pdfs([tmp_path / "out" / "book.docx"], tmp_path / "lo") / "book.pdf"
    assert page_count(lo) == page_count(tmp_path / "out" / "book.pdf") == 8
    sections = section_parts(tmp_path / "out" / "book.docx")
    assert len(sections) == 8                  # cover, TOC, speech, blank verso, speech, padding
    blank = sections[3][1]
    assert not any(text(p) or "".join(p.itertext()) for p in blank.values())
    lines = visual_lines(lo)
    assert [l for l in lines if l.page == 4] == []
    numbers = [int(PAGE_NUMBER.match(l.text.strip()).group(1)) for l in lines
               if PAGE_NUMBER.match(l.text.strip())]
    assert numbers == [2, 3, 5]
