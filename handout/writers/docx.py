"""The DOCX writer: the document model as an editable Word file that pages like the PDF.

It starts from templates/reference.docx (the named styles, see templates/make_reference.py),
sets fonts, sizes, alignment and indents on those styles from the theme, and writes every
block as a paragraph in its style: a Word user restyles the whole handout in one place.
Page geometry and the 22 x 28 document grid come from handout/metrics.py, as for the PDF.

From the layout it takes only what Word cannot know before it paginates: the page number
of every TOC entry (the TOC field's result is filled, so nothing asks to be updated), where
the balanced title breaks, which blank lines the PDF kept, and on which side the number of a
section's first page goes. Every model section becomes a DOCX section with its own header.
"""

from __future__ import annotations

import copy
import io
import itertools
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from .. import ooxml
from ..errors import UserError
from ..layout.pages import Layout, PlacedLine
from ..metrics import PageMetrics
from ..model import Block, Document, SectionSpec
from ..settings import source_date_epoch
from ..theme import Theme
from .docx_package import (deterministic_zip, linear_part_lookups, set_core_properties,
                           set_custom_properties)
from .docx_sections import set_up_section
from .furniture import Furniture
from .docx_styles import STYLE_OF_ROLE, add_used_styles, apply_theme, rare_face

# the styles' own outline levels
OUTLINE_OF_STYLE = {"Heading 1": 0, "Heading 2": 1, "Heading 3": 2, "Heading 4": 3}
BODY_TEXT_LEVEL = 9                                    # outline level of ordinary text
TOC_KEY = "toc"
SPACER_HEIGHT = 0.7                # pt, Word's smallest exact line height


class DocxWriter:
    name = "docx"
    suffix = ".docx"

    def __init__(self, theme: Theme, fonts, metrics: PageMetrics, reference: Path):
        """`reference`: reference.docx as the templates' search path finds it (jobs.py)."""
        self.theme, self.fonts, self.m = theme, fonts, metrics
        self.furniture = Furniture(theme, fonts, metrics)      # the header's text and size
        # the reference with the theme applied to its styles is the same for every document:
        # made once, before any worker is forked (it cost a third of a speech's DOCX)
        self.styled = _styled_reference(reference, theme, metrics)

    def render(self, doc: Document, layout: Layout) -> bytes:
        """The DOCX as bytes, identical for identical input (SOURCE_DATE_EPOCH or 2000-01-01)."""
        document = docx.Document(io.BytesIO(self.styled))
        add_used_styles(document, _roles_used(doc), self.theme, self.m)
        body = _Body(document, doc, layout, rare_face(self.fonts, self.theme))
        body.write()
        for section, spec in zip(document.sections, body.sections):
            header = self.furniture.fitted_header(spec.header) if spec.header else None
            set_up_section(section, spec, self.theme, self.m, body.style_id, header)
        epoch = source_date_epoch()
        set_core_properties(document, doc, epoch)
        set_custom_properties(document, doc)
        buffer = io.BytesIO()
        document.save(buffer)
        return deterministic_zip(buffer.getvalue(), epoch)


def _styled_reference(path: Path, theme: Theme, m: PageMetrics) -> bytes:
    """The reference document's bytes with the theme applied to its named styles."""
    try:
        document = docx.Document(str(path))
        apply_theme(document, theme, m)
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise UserError("cannot use this reference document: {why}", path, why=exc) from None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- where the PDF put things ------------------------------------------------------------------
class _Placement:
    """Page and grid row of every block's first line in the PDF layout, and the free rows
    before it (blank lines the PDF kept: a space at a page top is dropped there)."""

    def __init__(self, layout: Layout):
        self.first: dict = {}           # key -> (page number, row, rows free before it)
        self.lines: dict = {}           # id(block) -> its PlacedLines (not TOC rows)
        self.toc_lines = {id(row.entry): [placed.line.text for placed in row.lines]
                          for page in layout.pages for row in page.toc_rows}
        for page in layout.pages:
            row_after_previous = 0
            for placed in page.lines:
                key = TOC_KEY if placed.in_toc else id(placed.block)
                row = placed.row
                self.first.setdefault(key, (page.number, row, row - row_after_previous))
                if key != TOC_KEY:
                    self.lines.setdefault(key, []).append(placed)
                row_after_previous = row + 1

    def page(self, key) -> int | None:
        return self.first[key][0] if key in self.first else None

    def gap(self, key) -> int:
        return max(0, self.first[key][2]) if key in self.first else 0


# -- the body ----------------------------------------------------------------------------------
class _Section:
    """A model section: its settings, and the page its first line is on in the PDF."""

    def __init__(self, spec: SectionSpec):
        self.header, self.header_on_first, self.numbered = spec.header, spec.header_on_first, spec.numbered
        self.first_page: int | None = None
        self.paragraphs = 0


def _roles_used(doc: Document) -> set[str]:
    """The text roles a document sets text in: its blocks' and its contents rows'."""
    depth = max((block.spec.depth for block in doc.blocks if block.kind == "toc"), default=0)
    rows = {f"toc-{min(entry.toc, 4)}" for entry in doc.listed() if entry.toc <= depth}
    return {block.role for block in doc.blocks} | rows


class _Body:
    """Writes the blocks in order: paragraphs, section breaks, the filled TOC field."""

    def __init__(self, document, doc: Document, layout: Layout, rare_face=lambda role, ch: None):
        self.document, self.doc, self.layout = document, doc, layout
        self.rare_face, self.role = rare_face, "body"    # the role of the text being written
        self.place = _Placement(layout)
        self.sections: list[_Section] = []
        self.last = None                  # the last paragraph written
        self.bookmarks = 0
        self.break_before = False
        self.toc_end = None               # the paragraph where the TOC field ends
        # python-docx's add_paragraph scans the whole body for its final sectPr on every call
        # (quadratic: 44 s for a 300-speech booklet); insert before it directly instead.
        self.body_end = document.element.body.sectPr
        self.style_ids: dict[str, str | None] = {}
        self.tabs: dict = {}              # style name -> its w:tabs (TOC rows)
        # the blank versos the PDF inserted before odd-page starts (counted, unnumbered)
        self.blank_pages = {p.number for p in layout.pages if p.is_empty and not p.numbered}
        linear_part_lookups(document)

    def write(self) -> None:
        for block in self.doc.blocks:
            getattr(self, f"_write_{block.kind}")(block)
        if self.last is not None and self.last is self.toc_end:
            self._spacer()
        self._blank_end()

    # -- structure
    def _write_section(self, block: Block) -> None:
        self._start(_Section(block.spec))

    def _start(self, spec: _Section) -> None:
        if self.last is not None and self.last is self.toc_end:
            self._spacer()
        if self.sections and self.sections[-1].paragraphs:
            # the section so far ends with the last paragraph: its sectPr goes there, the
            # body's final sectPr carries on for the new section
            sentinel = self.document.element.body.get_or_add_sectPr()
            self.last._p.set_sectPr(copy.deepcopy(sentinel))
            self.sections.append(spec)
        elif self.sections:
            self.sections[-1] = spec          # an empty section: replaced
        else:
            self.sections.append(spec)
        self.break_before = False

    def _blank_verso(self, page: int) -> None:
        """The PDF's blank verso as a section of one empty paragraph, no header, no number,
        before the section now starting. Not w:type oddPage: LibreOffice turns an odd-page
        start of a section with a different first page into three page styles, and the
        second page of the section gets the first page's empty header and the odd footer."""
        p = self._new_paragraph("Normal")
        p._p.set_sectPr(copy.deepcopy(self.document.element.body.get_or_add_sectPr()))
        blank = _Section(SectionSpec(numbered=False))
        blank.first_page, blank.paragraphs = page, 1
        self.sections.insert(len(self.sections) - 1, blank)

    def _write_pad(self, block: Block) -> None:
        """Nothing here: the PDF's padding pages are written as blank versos before the
        section after them (_paragraph), or at the end (_blank_end)."""

    def _blank_end(self) -> None:
        """The PDF's blank pages after its last page with text (a booklet padded to a
        multiple of four), each a section of one empty paragraph, no header, no number."""
        last = max((p.number for p in self.layout.pages if not p.is_empty), default=0)
        for number in sorted(n for n in self.blank_pages if n > last):
            self._start(_Section(SectionSpec(numbered=False)))
            section = self.sections[-1]
            self.last = self._new_paragraph("Normal")
            section.first_page, section.paragraphs = number, 1

    def _write_pagebreak(self, block: Block) -> None:
        self.break_before = bool(self.sections and self.sections[-1].paragraphs)

    def _write_space(self, block: Block) -> None:
        """Nothing here: blank lines are written before the next block, as many as the
        PDF layout left free (see _Placement)."""

    # -- text
    def _write_text(self, block: Block) -> None:
        key = id(block)
        self._blank_lines(key)
        style = STYLE_OF_ROLE.get(block.role, block.role)
        p = self._paragraph(style, key)
        self.role = block.role
        lines = self.place.lines.get(key, [])
        if block.kind == "title" and len(lines) > 1:
            self._runs_by_line(p, lines)        # the PDF's balanced title lines
        else:
            self._spans(p, block.spans, latin_breaks(block.text, lines))
        wanted = block.toc - 1 if block.toc else BODY_TEXT_LEVEL
        if OUTLINE_OF_STYLE.get(style, BODY_TEXT_LEVEL) != wanted:
            ooxml.outline_lvl(p._p.get_or_add_pPr(), wanted)
        if block.toc:
            # the entry as the TOC lists it (no final 。, the speaker after a speech's title),
            # so that updating the TOC writes what it already shows
            p._p.extend(ooxml.tc_field(toc_text(block), block.toc))
        if block.anchor:
            self._bookmark(p, block.anchor)

    _write_title = _write_subtitle = _write_byline = _write_heading = _write_para = _write_text

    def _runs_by_line(self, p, lines: list[PlacedLine]) -> None:
        for i, placed in enumerate(lines):
            if i:
                p.add_run().add_break()
            runs: list[tuple[bool, str]] = []
            for unit in placed.line.units:
                bold = unit.bold and not placed.role.bold
                if runs and runs[-1][0] == bold:
                    runs[-1] = (bold, runs[-1][1] + unit.text)
                else:
                    runs.append((bold, unit.text))
            for bold, text in runs:
                self._run(p, text, bold)

    def _spans(self, p, spans, breaks: list[int]) -> None:
        """The spans as runs, with a break opportunity at each offset in `breaks`."""
        start, breaks = 0, list(breaks)
        for span in spans:
            end, done = start + len(span.text), 0
            while breaks and breaks[0] <= end:
                cut = breaks.pop(0) - start
                if cut > done:
                    self._run(p, span.text[done:cut], span.bold)
                p._p.append(ooxml.break_opportunity())
                done = cut
            if done < len(span.text):
                self._run(p, span.text[done:], span.bold)
            start = end

    def _bookmark(self, p, anchor: str) -> None:
        self.bookmarks += 1
        start = ooxml.bookmark_start(self.bookmarks, bookmark_name(anchor))
        p._p.insert(1 if p._p.pPr is not None else 0, start)
        p._p.append(ooxml.bookmark_end(self.bookmarks))

    # -- the table of contents
    def _write_toc(self, block: Block) -> None:
        self._blank_lines(TOC_KEY)
        depth, title = block.spec.depth, block.spec.title
        if title:
            self._paragraph("TOC Heading", TOC_KEY).add_run(title)
        entries = [e for e in self.doc.listed() if e.toc <= depth]
        for i, entry in enumerate(entries):
            style = STYLE_OF_ROLE[f"toc-{min(entry.toc, 4)}"]
            p = self._paragraph(style, TOC_KEY)
            self._style_tabs(p, style)
            if i == 0:
                # built from the TC fields (\\f), not from the headings' outline levels
                p._p.extend([ooxml.fld_char("begin"),
                             ooxml.instr_text(f'TOC \\f \\l "1-{depth}" \\h \\z'),
                             ooxml.fld_char("separate")])
            p._p.append(_toc_entry(entry, self.layout.anchor_pages.get(entry.anchor, 0),
                                   self.place.toc_lines.get(id(entry))))
            if i == len(entries) - 1:
                p._p.append(ooxml.fld_char("end"))
                self.toc_end = p

    def _style_tabs(self, p, style: str) -> None:
        """The style's tab stops (the TOC's dot leader to the right margin) on the paragraph
        too: docx-preview, the previewer web office systems embed, reads only a paragraph's
        own tab stops (and those only with its `experimental` option)."""
        if style not in self.tabs:
            p_pr = self.document.styles[style].element.pPr
            self.tabs[style] = p_pr.find(qn("w:tabs")) if p_pr is not None else None
        if self.tabs[style] is not None:
            ooxml.put(p._p.get_or_add_pPr(), copy.deepcopy(self.tabs[style]))

    def _spacer(self) -> None:
        """A 0.7 pt paragraph to carry the section break after a TOC. LibreOffice 7 loses
        the PAGE field of the section's footers when the break shares a paragraph with the
        end of the TOC field. A full page still holds it: 22 grid lines leave 0.9 pt."""
        p = self._paragraph("Normal", TOC_KEY)
        p.paragraph_format.line_spacing = Pt(SPACER_HEIGHT)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        ooxml.snap_to_grid(p._p.get_or_add_pPr(), False)

    # -- helpers
    def style_id(self, name: str, kind=WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """python-docx looks a style name up by scanning styles.xml: once per name here."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.part.get_style_id(name, kind)
        return self.style_ids[name]

    def _run(self, p: Paragraph, text: str, bold: bool) -> None:
        """A run of body text; bold is the character style Strong (a Word user restyles it).
        A rare ideograph the role's font lacks is a run of its own naming a fallback face."""
        style = self.style_id("Strong", WD_STYLE_TYPE.CHARACTER) if bold else None
        for face, piece in itertools.groupby(text, lambda ch: self.rare_face(self.role, ch)):
            r = ooxml.run("".join(piece), style)
            if face:
                ooxml.r_fonts(r.get_or_add_rPr(), face)
            p._p.append(r)

    def _new_paragraph(self, style: str) -> Paragraph:
        element = ooxml.paragraph(self.style_id(style))
        self.body_end.addprevious(element)
        return Paragraph(element, self.document._body)

    def _blank_lines(self, key) -> None:
        for _ in range(self.place.gap(key)):
            self._paragraph("Normal", key)

    def _paragraph(self, style: str, key):
        if not self.sections:
            self.sections.append(_Section(SectionSpec()))      # content before any <section>
        section = self.sections[-1]
        if section.first_page is None:
            section.first_page = self.place.page(key)
            blank = section.first_page - 1 if section.first_page is not None else None
            blanks = []
            while blank in self.blank_pages:          # a blank verso, or a booklet's padding
                blanks.insert(0, blank)
                blank -= 1
            for number in blanks:
                self._blank_verso(number)
        p = self._new_paragraph(style)
        if self.break_before:
            p.paragraph_format.page_break_before = True
            self.break_before = False
        section.paragraphs += 1
        self.last = p
        return p


def latin_breaks(text: str, lines: list[PlacedLine]) -> list[int]:
    """Offsets in `text` where the PDF broke a line between two Latin characters: a run too
    long for any line (a URL, 120 letters), broken where the line was full. LibreOffice
    would move such a run to a line of its own first and break it only where that is full;
    a break opportunity where the PDF broke makes it break there too."""
    breaks, end = [], 0
    for placed, following in zip(lines, lines[1:]):
        piece = placed.line.text.strip()
        found = text.find(piece, end)
        if not piece or found < 0:
            return []                     # text and lines disagree (spaces): no help, no harm
        end = found + len(piece)
        if placed.line.units[-1].kind == following.line.units[0].kind == "latin":
            breaks.append(end)
    return breaks


def bookmark_name(anchor: str) -> str:
    """Hidden bookmark (leading underscore) at a listed heading; Word's TOC uses _Toc…."""
    return f"_Toc_{anchor}"


def toc_text(block: Block) -> str:
    return block.toc_text or block.text


def _toc_entry(entry: Block, page: int, lines: list[str] | None = None):
    """Entry text, a tab (dot leader from the style), the page number as a PAGEREF with its
    cached result; all inside a hyperlink to the heading's bookmark. An entry the PDF wraps
    is broken where the PDF breaks it (`lines`), which the row's width alone does not
    reproduce: the PDF keeps room for leader and number on every line."""
    name = bookmark_name(entry.anchor)
    text = toc_text(entry)
    if lines and len(lines) > 1 and "".join(lines) == text:
        text = "\n".join(lines)
    runs = [ooxml.run(text), ooxml.run("\t"),
            *ooxml.field(f"PAGEREF {name} \\h", str(page))]
    return ooxml.hyperlink(name, runs)
