"""Pagination: put the document's blocks on the 22-line grid, page by page.

Everything sits on grid lines: body and headings one line per line, the 22 pt title and
the TOC rows too. A section starts a page and sets the running header; a heading never
ends a page without at least one line of what follows it. The TOC is laid out before the
pages it points to exist, so its rows are filled in afterwards (`_fill_toc`); its length
does not depend on the numbers, so one pass is enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import format_diagnostic
from ..i18n import _
from ..fonts import FontSet
from ..invisible import DEFAULT_IGNORABLE, missing_character
from ..metrics import PageMetrics
from ..model import Block, Document, Span
from ..theme import TextRole, Theme
from .linebreak import Line, break_lines, make_units

TOC_NUMBER_CELLS = 3      # room kept for the page number at the end of a TOC row
TOC_MIN_LEADER_CELLS = 2  # at least this much dot leader between text and number


@dataclass(slots=True)
class PlacedLine:
    """A line of text at its place: x of the line box's left edge, baseline y (pt), and the
    grid row (0 = first) it is on."""
    line: Line
    x: float
    y: float
    role: TextRole
    block: Block
    row: int

    @property
    def end(self) -> float:
        """x of the end of its text."""
        return self.x + self.line.end

    @property
    def in_toc(self) -> bool:
        """A TOC row or the TOC's title."""
        return self.role.name.startswith("toc")


@dataclass
class TocRow:
    """A TOC entry: its text lines; the target anchor and page number (filled later)."""
    entry: Block
    lines: list[PlacedLine]
    page: int = 0


@dataclass
class Page:
    number: int
    header: str | None = None
    numbered: bool = True          # False: the page counts but shows no number (a cover)
    padding: bool = False          # a blank page a <pad> added: kept even at the end
    lines: list[PlacedLine] = field(default_factory=list)
    toc_rows: list[TocRow] = field(default_factory=list)
    anchors: list[tuple[Block, float]] = field(default_factory=list)   # (block, y of its top)

    @property
    def is_empty(self) -> bool:
        return not self.lines


@dataclass
class Layout:
    pages: list[Page]
    anchor_pages: dict[str, int]
    warnings: list[str]


class Paginator:
    """Walks the blocks once, placing lines at a cursor (page, grid line)."""

    def __init__(self, doc: Document, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.doc, self.theme, self.fonts, self.m = doc, theme, fonts, metrics
        self.pages: list[Page] = []
        self.row = 0                    # next free grid line on the current page
        self.header: str | None = None
        self.header_on_first = True
        self.numbered = True
        self.warnings: list[str] = []
        self._heading_lines: dict[int, list[Line]] = {}   # id(block) -> lines, looked ahead

    # -- the walk -------------------------------------------------------------------
    def run(self, start_page: int = 1) -> Layout:
        self._new_page(start_page)
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            handler = getattr(self, f"_place_{block.kind}")
            handler(block, blocks[i + 1:])
        last_unused = self.page.is_empty and not self.page.padding
        pages = self.pages[:-1] if len(self.pages) > 1 and last_unused else self.pages
        anchors = {b.anchor: p.number for p in pages for b, _ in p.anchors}
        _fill_toc(pages, anchors)
        return Layout(pages, anchors, self.warnings)

    def _place_section(self, block: Block, rest) -> None:
        if not self.page.is_empty:
            self._new_page()
        spec = block.spec
        if spec.odd_start and self.page.number % 2 == 0:
            # a blank verso: counted, but no number and no header (GB/T 9704 7.5)
            self.page.numbered, self.page.header = False, None
            self._new_page()
        self.header = spec.header
        if self.header:     # the writers set it without breaking, but with the same fonts
            role = self.theme.role("header")
            _, width = self._measure(block)(role.font, self.header, role.size)
            self._warn_long_header(block, width, role.size)
        self.header_on_first = spec.header_on_first
        self.numbered = spec.numbered
        self.page.header = self.header if self.header_on_first else None
        self.page.numbered = self.numbered

    def _place_pagebreak(self, block: Block, rest) -> None:
        if not self.page.is_empty:
            self._new_page()

    def _place_pad(self, block: Block, rest) -> None:
        """Blank pages to a multiple of spec.multiple, leaving spec.leave pages to come."""
        spec = block.spec
        if not self.page.is_empty:
            self._new_page()
        done = len(self.pages) - 1                   # pages before the current, empty one
        blanks = -(done + spec.leave) % spec.multiple
        if spec.blank_last and not blanks:
            blanks = spec.multiple
        for _blank in range(blanks):
            self.page.numbered, self.page.header, self.page.padding = False, None, True
            self._new_page()

    def _place_space(self, block: Block, rest) -> None:
        if self.row > 0 or block.spec.at_top:
            self.row = min(self.row + block.spec.lines, self.m.lines)

    def _place_title(self, block: Block, rest) -> None:
        self._place_text(block, balanced=True)

    def _place_subtitle(self, block: Block, rest) -> None:
        self._place_text(block)

    _place_byline = _place_subtitle
    _place_para = _place_subtitle

    def _place_heading(self, block: Block, rest) -> None:
        lines = self._heading_lines.pop(id(block), None) or self._break(block)
        room = self.m.lines - self.row - len(lines)
        following = 0
        for nxt in rest:                   # headings chain: 一、 then 1、 then text
            following += len(self._lines_ahead(nxt)) if nxt.kind == "heading" else 1
            # past the page's end the answer is known: looking further down a long run of
            # headings made placing them quadratic
            if nxt.kind != "heading" or following > room:
                break
        if following > room and self.row > 0:
            self._new_page()
        self._put_lines(block, lines)

    def _lines_ahead(self, heading: Block) -> list[Line]:
        """A following heading's lines, kept until it is placed: it is broken once."""
        lines = self._heading_lines.get(id(heading))
        if lines is None:
            lines = self._heading_lines[id(heading)] = self._break(heading)
        return lines

    def _place_toc(self, block: Block, rest) -> None:
        depth, title = block.spec.depth, block.spec.title
        if title:
            self._place_text(Block("para", role="toc-title", spans=(Span(title),), source=block.source))
        for entry in self.doc.listed():
            if entry.toc <= depth:
                self._place_toc_row(entry)

    # -- helpers --------------------------------------------------------------------
    def _place_toc_row(self, entry: Block) -> None:
        role = self.theme.role(f"toc-{min(entry.toc, 4)}")
        cell = self._cell(role)
        lines = self._toc_lines(entry, role, cell)
        row = TocRow(entry, [])
        if self.row + len(lines) > self.m.lines:
            self._new_page()
        for line in lines:
            placed = PlacedLine(line, self.m.left + role.indent * cell, self._baseline(role), role,
                                entry, self.row)
            row.lines.append(placed)
            self.page.lines.append(placed)
            self.row += 1
        self.page.toc_rows.append(row)

    def _toc_lines(self, entry: Block, role: TextRole, cell: float) -> list[Line]:
        """A TOC entry's lines, leaving room for leaders and the page number; kept like a
        paragraph's (an edit elsewhere does not break the contents again)."""
        text = entry.toc_text or entry.text
        room = self.m.measure - role.indent * cell - (TOC_NUMBER_CELLS + TOC_MIN_LEADER_CELLS) * cell

        def break_entry(measure) -> list[Line]:
            units = make_units((Span(text),), role.font, role.size, cell, measure,
                               cache=self.fonts.units, longest=room,
                               latin=self.theme.latin_of(role))
            return break_lines(units, room, 0.0, False, cell)
        return self._kept_lines(("toc", text, role, cell, room), entry, break_entry)

    def _place_text(self, block: Block, balanced: bool = False) -> None:
        self._put_lines(block, self._break(block, balanced))

    def _put_lines(self, block: Block, lines: list[Line]) -> None:
        role = self.theme.role(block.role)
        for i, line in enumerate(lines):
            if self.row >= self.m.lines:
                self._new_page()
            if i == 0 and block.anchor:
                self.page.anchors.append((block, self.m.cell_top(self.row)))
            self.page.lines.append(PlacedLine(line, self._line_x(line, role), self._baseline(role),
                                              role, block, self.row))
            self.row += 1

    def _break(self, block: Block, balanced: bool = False) -> list[Line]:
        """The block's lines; a paragraph broken before with these fonts (build.py watch:
        every paragraph an edit did not touch) is not broken again."""
        role = self.theme.role(block.role)
        cell = self._cell(role)
        key = (tuple((span.text, span.bold) for span in block.spans), role, cell, self.m.measure, balanced)
        return self._kept_lines(key, block,
                                lambda measure: self._break_afresh(block, role, cell, balanced, measure))

    def _kept_lines(self, key, block: Block, break_afresh) -> list[Line]:
        """The lines kept under `key` (FontSet.broken), else `break_afresh(measure)`'s, kept
        unless a character fell back: its warning names this block, so it is given again."""
        lines = self.fonts.broken.peek(key)
        if lines is None:
            measure = self._measure(block)
            lines = break_afresh(measure)
            if not measure.fell_back:
                self.fonts.broken.put(key, lines)
        return lines

    def _break_afresh(self, block: Block, role: TextRole, cell: float, balanced: bool,
                      measure) -> list[Line]:
        units = make_units(block.spans, role.font, role.size, cell, measure, role.bold,
                           self.fonts.units, longest=self.m.measure - role.indent * cell,
                           latin=self.theme.latin_of(role))
        room = self.m.measure
        if balanced:
            room = _balanced_room(sum(u.width for u in units), room, cell)
        return break_lines(units, room, role.indent * cell, role.align == "justify", cell)

    def _line_x(self, line: Line, role: TextRole) -> float:
        free = self.m.measure - line.end
        shift = {"center": free / 2, "right": free}.get(role.align, 0.0)
        return self.m.left + shift

    def _cell(self, role: TextRole) -> float:
        return self.m.cell(role.size)

    def _baseline(self, role: TextRole) -> float:
        return self.m.baseline(self.row, role.size)

    def _measure(self, block: Block):
        """A measurer for make_units that falls back per character and reports it
        (`measure.fell_back` says whether it did)."""
        def measure(role: str, text: str, size: float) -> tuple[str, float]:
            found = self.fonts.resolve(role, text)
            # an invisible character is refused even where a fallback face has a glyph for it
            invisible = DEFAULT_IGNORABLE.search(text)
            missing = found.missing or (invisible.group() if invisible else None)
            if missing:
                raise missing_character(missing, block.source.path if block.source else None,
                                        block.source.line if block.source else None)
            for ch, other in found.fallbacks:
                measure.fell_back = True
                self._warn_fallback(block, ch, role, other)
            return found.font, self.fonts.advance(found.font, text, size)
        measure.fell_back = False
        return measure

    def _warn_long_header(self, block: Block, width: float, size: float) -> None:
        """A running header wider than the type area is set smaller, or cut: say so."""
        if width <= self.m.measure:
            return
        fitted = self.m.fitted_size(width, size)
        text = (_("the running header ({count} characters) is wider than the type area: set at "
                  "{size:.1f} pt; a shorter `header:` or title reads better")
                if width * fitted / size <= self.m.measure + 0.01 else
                _("the running header ({count} characters) is wider than the type area: cut to fit "
                  "at {size:.1f} pt; a shorter `header:` or title reads better"))
        src = block.source
        message = format_diagnostic("warning", text.format(count=len(self.header), size=fitted),
                                    src.path if src else None, src.line if src else None)
        if message not in self.warnings:
            self.warnings.append(message)

    def _warn_fallback(self, block: Block, ch: str, role: str, found: str) -> None:
        src = block.source
        text = _("{ch!r} ({code}) is not in the {role} font; set in {found}").format(
            ch=ch, code="U+%04X" % ord(ch), role=role, found=found)
        message = format_diagnostic("warning", text, src.path if src else None,
                                    src.line if src else None)
        if message not in self.warnings:
            self.warnings.append(message)

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def _new_page(self, number: int | None = None) -> None:
        number = number if number is not None else self.pages[-1].number + 1
        self.pages.append(Page(number, header=self.header, numbered=self.numbered))
        self.row = 0


def _balanced_room(natural: float, room: float, cell: float) -> float:
    """Width that splits a long title into lines of nearly equal length (GB/T 9704 7.3.1)."""
    if natural <= room:
        return room
    n = -(-natural // room)                      # lines needed
    return min(room, (-(-natural / n // cell) + 1) * cell)


def _fill_toc(pages: list[Page], anchors: dict[str, int]) -> None:
    for page in pages:
        for row in page.toc_rows:
            row.page = anchors.get(row.entry.anchor, 0)


def lay_out(doc: Document, theme: Theme, fonts: FontSet, metrics: PageMetrics,
            start_page: int = 1) -> Layout:
    """Place the whole document; page numbers start at `start_page`."""
    return Paginator(doc, theme, fonts, metrics).run(start_page)
