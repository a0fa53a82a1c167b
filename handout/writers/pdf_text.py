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
        self.codes: dict[tuple[str, str], tuple[str, bytes]] = {}

    def draw(self, placed: PlacedLine) -> None:
        ops, items = ["q BT"], []
        pen = font = bold = None
        for role, size, is_bold, x, ch in glyphs(placed, self.fonts):
            name, code = self._code(self.fonts.pdf_name(role), ch)
            if (name, size) != font or is_bold != bold:
                _flush(ops, items)
                if pen is None:
                    ops.append(f"1 0 0 1 {fp_str(x)} {fp_str(placed.y)} Tm")
                    pen = x
                if (name, size) != font:
                    ops.append(f"{name} {fp_str(size)} Tf")
                if is_bold != bold:
                    ops.append(f"{fp_str(size * FAKE_BOLD_STROKE)} w 2 Tr" if is_bold else "0 Tr")
                font, bold = (name, size), is_bold
            if abs(x - pen) > 0.001:
                items.append(-(x - pen) * 1000 / size)
            items.append(code)
            pen = x + self.fonts.advance(role, ch, size)
        _flush(ops, items)
        ops.append("ET Q")
        self.canvas._code.append(" ".join(ops))

    def _code(self, font_name: str, ch: str) -> tuple[str, bytes]:
        """(subset font resource name, byte) of a character; reportlab assigns both per document."""
        key = (font_name, ch)
        if key not in self.codes:
            font = pdfmetrics.getFont(font_name)
            (subset, data), = font.splitString(ch, self.canvas._doc)
            self.codes[key] = (font.getSubsetInternalName(subset, self.canvas._doc), data)
        return self.codes[key]


def _flush(ops: list[str], items: list) -> None:
    """Emit the pending glyphs as one TJ array: strings of bytes between position numbers."""
    if not items:
        return
    parts, pending = [], b""
    for item in items:
        if isinstance(item, bytes):
            pending += item
        else:
            if pending:
                parts.append(f"({_escape(pending)})")
                pending = b""
            parts.append(fp_str(item))
    if pending:
        parts.append(f"({_escape(pending)})")
    ops.append(f"[{' '.join(parts)}] TJ")
    items.clear()


def _escape(data: bytes) -> str:
    """A PDF string literal's inside, bytes >= 0x80 as octal (the content stream is ASCII)."""
    return escapePDF(data)


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
