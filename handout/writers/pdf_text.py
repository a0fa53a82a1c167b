"""Laid-out lines as PDF text operators: one text object per line, glyphs placed by TJ arrays.

Why not reportlab's text objects: one per run of equal spacing cost ~60 % of the PDF
writer's time, and a run's character spacing (Tc) is read back wrong by pdfminer after
the last glyph of each string. Here every glyph's position is explicit (a TJ adjustment
from where the previous glyph ended, Tc stays 0), so viewers, pdfplumber and poppler all
agree to the hundredth of a point, and a line costs one operator string.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..fonts import FontSet
from ..layout.pages import PlacedLine

FAKE_BOLD_STROKE = 0.035      # stroke width in em for a fake bold (fill + stroke)


class LineDrawer:
    """Draws PlacedLines on one canvas; remembers each character's subset code per document."""

    def __init__(self, canvas: Canvas, fonts: FontSet):
        self.canvas, self.fonts = canvas, fonts
        # (role, character, size) -> (subset font resource, escaped code, advance in pt)
        self.codes: dict[tuple[str, str, float], tuple[str, str, float]] = {}

    def draw(self, placed: PlacedLine) -> None:
        ops, tj = ["q BT"], _TJ()
        pen = font = bold = None
        codes = self.codes
        for role, size, is_bold, x, ch in glyphs(placed, self.fonts):
            glyph = codes.get((role, ch, size)) or self._code(role, ch, size)
            name = glyph[0]
            if (name, size) != font or is_bold != bold:
                tj.flush(ops)
                if pen is None:
                    ops.append(f"1 0 0 1 {fp_str(x)} {fp_str(placed.y)} Tm")
                    pen = x
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
        ops.append("ET Q")
        self.canvas._code.append(" ".join(ops))

    def _code(self, role: str, ch: str, size: float) -> tuple[str, str, float]:
        """reportlab assigns a character its subset and code per document, in the order the
        characters are first drawn."""
        font = pdfmetrics.getFont(self.fonts.pdf_name(role))
        (subset, data), = font.splitString(ch, self.canvas._doc)
        glyph = (font.getSubsetInternalName(subset, self.canvas._doc), escapePDF(data),
                 self.fonts.advance(role, ch, size))
        self.codes[(role, ch, size)] = glyph
        return glyph


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
