"""Laid-out lines as PDF text operators: one text object per line, glyphs placed by TJ arrays.

Why not reportlab's text objects: one per run of equal spacing cost ~60 % of the PDF
writer's time, and a run's character spacing (Tc) is read back wrong by pdfminer after
the last glyph of each string. Here every glyph's position is explicit (a TJ adjustment
from where the previous glyph ended, Tc stays 0), so viewers, pdfplumber and poppler all
agree to the hundredth of a point, and a line costs one operator string.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str

from ..fonts import FontSet
from ..layout.pages import PlacedLine
from ..memo import Memo
from .furniture import Placed
from .pdf_fonts import PdfFonts, Used

FAKE_BOLD_STROKE = 0.035      # stroke width in em for a fake bold (fill + stroke)


class LineDrawer:
    """Turns PlacedLines into operators, and collects the glyphs a document uses.

    `kept` (optional, a Memo owned by the writer, so by one font set) keeps each line's
    operators across documents: a rebuild after an edit draws again only the lines that
    changed. A glyph's code is its glyph id in the font file (pdf_fonts.py), so a line's
    operators depend on nothing but its glyphs and their places."""

    def __init__(self, fonts: FontSet, pdf_fonts: PdfFonts, kept: Memo | None = None):
        self.fonts, self.pdf_fonts, self.kept = fonts, pdf_fonts, kept
        self.used: set[Used] = set()        # the glyphs the document draws

    def draw(self, placed: PlacedLine) -> str:
        """The line's text object: placed by its first glyph's x and the baseline, then the
        glyphs relative to that. Kept without the baseline, so a line an edit moved down a
        row (or onto the next page) is not drawn again. A Line is never changed once made,
        and the layout hands out the same Line for a paragraph an edit did not touch; the
        kept value holds it, so its id is not reused while kept."""
        _line, first_x, glyph_ops = self._kept((placed.x, id(placed.line)),
                                               lambda: (placed.line, *self._operators(placed)))
        where = "" if first_x is None else f" 1 0 0 1 {fp_str(first_x)} {fp_str(placed.y)} Tm"
        return f"q BT{where}{glyph_ops} ET Q"

    def draw_plain(self, placed: Placed, char_space: float = 0.0) -> str:
        """One-off text (header, page and TOC numbers, leaders) at its natural advances,
        each character in the role's font or the first fallback that has it (as body text);
        `char_space` added after each glyph. Kept like the lines: it recurs in every rebuild."""
        key = ("plain", placed, char_space)
        _none, _x, operators = self._kept(
            key, lambda: (None, None, *self._plain_operators(placed, char_space)))
        return operators

    def _kept(self, key, make) -> tuple:
        """make() -> (Line or None, first x, operators, glyphs), kept under `key`; the glyphs
        join the document's, the rest is returned."""
        found = None if self.kept is None else self.kept.peek(key)
        if found is None:
            found = make()
            if self.kept is not None:
                self.kept.put(key, found)
        self.used |= found[3]
        return found[:3]

    def _plain_operators(self, placed: Placed, char_space: float) -> tuple[str, frozenset]:
        ops, used = [f"q BT 1 0 0 1 {fp_str(placed.x)} {fp_str(placed.y)} Tm"], set()
        if char_space:
            ops.append(f"{fp_str(char_space)} Tc")
        for font, piece in self.fonts.runs(placed.role, placed.text):
            glyphs = [self.pdf_fonts.glyph(font, ch, placed.size) for ch in piece]
            used.update(g.used for g in glyphs)
            codes = "".join(g.code for g in glyphs)
            ops.append(f"{glyphs[0].font} {fp_str(placed.size)} Tf <{codes}> Tj")
        return " ".join(ops) + " ET Q", frozenset(used)

    def _operators(self, placed: PlacedLine) -> tuple[float | None, str, frozenset]:
        """The x of the first glyph (None: nothing drawn), the operators that follow, and
        the glyphs they use."""
        ops, tj, used = [""], _TJ(), set()
        pen = font = bold = first_x = None
        glyph_of = self.pdf_fonts.glyph
        for role, size, is_bold, x, ch in glyphs(placed, self.fonts):
            glyph = glyph_of(role, ch, size)
            used.add(glyph.used)
            if (glyph.font, size) != font or is_bold != bold:
                tj.flush(ops)
                if pen is None:
                    first_x = pen = x
                if (glyph.font, size) != font:
                    ops.append(f"{glyph.font} {fp_str(size)} Tf")
                if is_bold != bold:
                    ops.append(f"{fp_str(size * FAKE_BOLD_STROKE)} w 2 Tr" if is_bold else "0 Tr")
                font, bold = (glyph.font, size), is_bold
            if abs(x - pen) > 0.001:
                tj.move(-(x - pen) * 1000 / size)
            tj.pending.append(glyph.code)
            pen = x + glyph.advance
        tj.flush(ops)
        return (None if pen is None else first_x), " ".join(ops), frozenset(used)


def line_cost(kept: tuple) -> int:
    """About the bytes a kept entry occupies, key included: its operators, per glyph an
    entry of a set, and the Line it holds, if any (as the layout's memo counts it: it may
    outlive that memo's entry)."""
    line, _first_x, operators, used = kept
    units = len(line.units) if line is not None else 0
    return len(operators) + 120 * len(used) + 110 * units + 300


class _TJ:
    """One TJ array being written: glyph strings between position adjustments. Glyphs
    with no adjustment between them share a string."""
    __slots__ = ("parts", "pending")

    def __init__(self):
        self.parts: list[str] = []
        self.pending: list[str] = []        # hex codes of the string not yet closed

    def move(self, adjustment: float) -> None:
        self._close()
        self.parts.append(fp_str(adjustment))

    def flush(self, ops: list[str]) -> None:
        self._close()
        if self.parts:
            ops.append(f"[{' '.join(self.parts)}] TJ")
            self.parts.clear()

    def _close(self) -> None:
        if self.pending:
            self.parts.append(f"<{''.join(self.pending)}>")
            self.pending.clear()


def glyphs(placed: PlacedLine, fonts: FontSet):
    """(font role, size, bold, x, character) of every glyph of a line, where it is drawn."""
    line = placed.line
    for unit, cell_x, width in zip(line.units, line.xs, line.widths):
        if unit.kind == "space":
            continue
        if len(unit.text) > 1:         # a Latin word, or —— / …… filling two cells
            inner = 0.0 if unit.kind == "latin" else (width - unit.glyph) / len(unit.text)
            x = placed.x + cell_x
            for ch in unit.text:
                yield unit.font, unit.size, unit.bold, x, ch
                x += fonts.advance(unit.font, ch, unit.size) + inner
        else:
            yield unit.font, unit.size, unit.bold, placed.x + cell_x + _glyph_offset(unit, width), unit.text


def _glyph_offset(unit, width: float) -> float:
    """Where a glyph sits in its cell: opening marks hug the right side (they belong to
    what follows), closing marks the left, everything else is centred."""
    if unit.kind == "open":
        return width - unit.glyph
    if unit.kind in ("close", "latin"):
        return 0.0
    return (width - unit.glyph) / 2
