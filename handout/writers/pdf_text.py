"""Laid-out lines as PDF text operators: one text object per line, glyphs placed by TJ arrays.

Why not reportlab's text objects: one per run of equal spacing cost ~60 % of the PDF
writer's time, and a run's character spacing (Tc) is read back wrong by pdfminer after
the last glyph of each string. Here every glyph's position is explicit (a TJ adjustment
from where the previous glyph ended, Tc stays 0), so viewers, pdfplumber and poppler all
agree to the hundredth of a point, and a line costs one operator string.
"""

from __future__ import annotations

from collections import defaultdict

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..fonts import FontSet
from ..layout.pages import PlacedLine
from ..memo import Memo

FAKE_BOLD_STROKE = 0.035      # stroke width in em for a fake bold (fill + stroke)


class LineDrawer:
    """Draws PlacedLines on one canvas; remembers each character's subset code per document.

    `kept` (optional, a Memo owned by the writer, so by one font set) keeps each line's
    operators across documents: a rebuild after an edit draws again only the lines that
    changed. A line's operators depend on its glyphs and places and on the codes of its
    characters, which assign_codes makes a function of the document's character set alone."""

    def __init__(self, canvas: Canvas, fonts: FontSet, kept: Memo | None = None):
        self.canvas, self.fonts, self.kept = canvas, fonts, kept
        # (role, character, size) -> (subset font resource, escaped code, advance in pt)
        self.codes: dict[tuple[str, str, float], tuple[str, str, float]] = {}
        self.charset = ""          # every font's characters, as assign_codes gave them codes

    def assign_codes(self, pages) -> None:
        """Give every character of the lines its subset code before anything is drawn: per
        font in code-point order, the fonts in name order. reportlab would number them in
        the order they are first drawn, so that one character added on page 1 changed the
        codes, and so the operators, of every later page."""
        units = {}                    # units are shared: each distinct one once
        for page in pages:
            for placed in page.lines:
                units.update(zip(map(id, placed.line.units), placed.line.units))
        by_pdf_font: dict[str, set[str]] = defaultdict(set)
        for unit in units.values():
            if unit.kind != "space":
                by_pdf_font[self.fonts.pdf_name(unit.font)].update(unit.text)
        doc, parts = self.canvas._doc, []
        for name in sorted(by_pdf_font):
            text = "".join(sorted(by_pdf_font[name]))
            font = pdfmetrics.getFont(name)
            pieces = font.splitString(text, doc)
            codes = [subset << 8 | code for subset, data in pieces for code in data]
            names = [font.getSubsetInternalName(subset, doc) for subset in dict.fromkeys(s for s, _ in pieces)]
            # A character whose code is its code point (ASCII: reportlab's fixed subset 0)
            # has that code in every document, so only the others say what a line needs.
            assigned = "".join(ch for ch, code in zip(text, codes) if code != ord(ch))
            parts.append(f"{' '.join(names)}:{assigned}")
        self.charset = "\n".join(parts)

    def draw(self, placed: PlacedLine) -> None:
        """The line's text object: placed by its first glyph's x and the baseline, then the
        glyphs relative to that. Kept without the baseline, so a line an edit moved down a
        row (or onto the next page) is not drawn again."""
        if self.kept is None:
            first_x, glyph_ops = self._operators(placed)
        else:
            line = placed.line
            units = tuple(line.units)
            # Units by identity: the kept value holds them, so no id is reused while kept.
            key = (self.charset, placed.x, tuple(map(id, units)), tuple(line.xs), tuple(line.widths))
            found = self.kept.peek(key)
            if found is None:
                found = (units, *self._operators(placed))
                self.kept.put(key, found)
            _units, first_x, glyph_ops = found
        where = "" if first_x is None else f" 1 0 0 1 {fp_str(first_x)} {fp_str(placed.y)} Tm"
        self.canvas._code.append(f"q BT{where}{glyph_ops} ET Q")

    def _operators(self, placed: PlacedLine) -> tuple[float | None, str]:
        """The x of the first glyph (None: nothing drawn), and the operators that follow."""
        ops, tj = [""], _TJ()
        pen = font = bold = None
        codes = self.codes
        for role, size, is_bold, x, ch in glyphs(placed, self.fonts):
            glyph = codes.get((role, ch, size)) or self._code(role, ch, size)
            name = glyph[0]
            if (name, size) != font or is_bold != bold:
                tj.flush(ops)
                if pen is None:
                    first_x = pen = x
                if (name, size) != font:
                    ops.append(f"{name} {fp_str(size)} Tf")
                if is_bold != bold:
                    ops.append(f"{fp_str(size * FAKE_BOLD_STROKE)} w 2 Tr" if is_bold else "0 Tr")
                font, bold = (name, size), is_bold
            if abs(x - pen) > 0.001:
                tj.move(-(x - pen) * 1000 / size)
            tj.pending.append(glyph[1])
            pen = x + glyph[2]
        tj.flush(ops)
        return (None if pen is None else first_x), " ".join(ops)

    def _code(self, role: str, ch: str, size: float) -> tuple[str, str, float]:
        """The character's subset and code in this document (assign_codes gave them)."""
        font = pdfmetrics.getFont(self.fonts.pdf_name(role))
        (subset, data), = font.splitString(ch, self.canvas._doc)
        glyph = (font.getSubsetInternalName(subset, self.canvas._doc), escapePDF(data),
                 self.fonts.advance(role, ch, size))
        self.codes[(role, ch, size)] = glyph
        return glyph


def line_cost(kept: tuple) -> int:
    """About the bytes a kept line occupies, key included: its operators, and per unit an
    id (an int), a reference in four tuples and a float of its own."""
    units, _first_x, operators = kept
    return len(operators) + 100 * len(units) + 600


class _TJ:
    """One TJ array being written: glyph strings between position adjustments. Glyphs
    with no adjustment between them share a string."""
    __slots__ = ("parts", "pending")

    def __init__(self):
        self.parts: list[str] = []
        self.pending: list[str] = []        # escaped codes of the string not yet closed

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
            self.parts.append(f"({''.join(self.pending)})")
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
