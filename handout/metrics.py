"""Page metrics: the one place where millimetres become points and the grid is computed.

GB/T 9704 asks for 22 lines of 28 characters in a 156 x 225 mm type area. 28 x 16 pt is
158 mm, so a 16 pt character cannot simply sit next to the next one: the character
*pitch* is 156 mm / 28 = 15.79 pt and every glyph is set with -0.21 pt tracking. The PDF
writer places glyphs on that pitch; the DOCX writer turns the same numbers into
w:docGrid values. Both read them from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .theme import Theme

PT_PER_MM = 72 / 25.4
TWIPS_PER_PT = 20           # OOXML's unit
# Ideographic em box: CJK fonts put the em box from -0.12 em to +0.88 em around the baseline.
EM_BOX_ASCENT = 0.88


def mm(value: float) -> float:
    """Millimetres to PDF points."""
    return value * PT_PER_MM


def twips(points: float) -> int:
    """Points to the nearest whole twip."""
    return round(points * TWIPS_PER_PT)


def twips_down(points: float) -> int:
    """Points to whole twips, rounded down (a length that must not grow past what it measures)."""
    return math.floor(points * TWIPS_PER_PT)


HEADER_MIN_SIZE = 7.5     # pt: the smallest a running header too long for the line is set at

@dataclass(frozen=True)
class PageMetrics:
    """Geometry of one page in points, origin bottom-left as in PDF."""
    width: float
    height: float
    left: float            # x of the type area's left edge
    right: float           # x of its right edge
    top: float             # y of its top edge
    bottom: float          # y of its bottom edge
    lines: int             # grid lines per page
    chars: int             # grid characters per line
    body_size: float       # pt
    header_gap: float      # pt between type area top and the header rule
    footer_gap: float      # pt between type area bottom and the page number's dash
    footer_inset: float    # pt between type area side and the page number

    @property
    def measure(self) -> float:
        """Width of the type area (pt)."""
        return self.right - self.left

    @property
    def char_pitch(self) -> float:
        """Advance of one grid character: 156 mm / 28 = 15.79 pt."""
        return self.measure / self.chars

    @property
    def grid_cell_twips(self) -> int:
        """The DOCX grid's character pitch: the pitch in whole twips, rounded down (15.79 pt
        -> 315 twips = 15.75 pt), as LibreOffice keeps it."""
        return twips_down(self.char_pitch)

    @property
    def grid_measure_twips(self) -> int:
        """The DOCX type area's width: whole grid cells (28 x 315 = 8820 twips, 155.6 mm,
        where the PDF's 156 mm is 8845). LibreOffice centres its character grid in the type
        area, half the remainder in from the left, and a paragraph it formats before moving
        it into place (in a booklet: after a heading kept with it) keeps its lines offset
        by that half: set half a cell in, one character short. With no remainder the grid
        starts at the margin, where every line is set."""
        return self.chars * self.grid_cell_twips

    @property
    def line_pitch(self) -> float:
        """Distance between baselines: 225 mm / 22 = 28.99 pt."""
        return (self.top - self.bottom) / self.lines

    @property
    def line_pitch_twips(self) -> int:
        """The line pitch in whole twips, rounded down so that 22 lines fit the type area."""
        return twips_down(self.line_pitch)

    @property
    def header_rule_y(self) -> float:
        """y of the running header's rule, header_gap above the type area."""
        return self.top + self.header_gap

    @property
    def footer_dash_y(self) -> float:
        """y of the top of the page number's dash, footer_gap below the type area."""
        return self.bottom - self.footer_gap

    def fitted_size(self, width: float, size: float) -> float:
        """The size one-off text (the running header) of `width` at `size` is set at to stay
        within the type area: its own, else smaller down to HEADER_MIN_SIZE (past that the
        text is cut: writers/furniture.py). In whole half points, rounded down: a DOCX run's
        size is in half points, and the DOCX header must be the PDF's."""
        if width <= self.measure:
            return size
        return max(HEADER_MIN_SIZE, math.floor(2 * size * self.measure / width) / 2)

    def cell(self, size: float) -> float:
        """A full-width character's advance at `size` pt, in proportion to the grid."""
        return self.char_pitch * size / self.body_size

    def grid_cell(self, size: float) -> float:
        """A full-width character's advance at `size` pt in the DOCX (pt): in proportion to its
        grid's whole-twip cell, so that a line of text off the grid (a heading) is no wider
        than the grid's 28 cells."""
        return self.grid_cell_twips / TWIPS_PER_PT * size / self.body_size

    def cell_top(self, line_index: int) -> float:
        """y of the top of grid line `line_index` (0 = first)."""
        return self.top - line_index * self.line_pitch

    def baseline(self, line_index: int, size: float | None = None) -> float:
        """Baseline y of grid line `line_index` (0 = first) for text of `size` pt.

        The em box is centred in the grid cell, so 16 pt body text and a 22 pt title share
        the same cell centre and the first line's glyphs touch the type area's top edge
        as closely as the pitch allows.
        """
        size = size or self.body_size
        return self.cell_top(line_index) - (self.line_pitch - size) / 2 - EM_BOX_ASCENT * size


def page_metrics(theme: Theme) -> PageMetrics:
    width, height = (mm(v) for v in theme.page_mm)
    m = {k: mm(v) for k, v in theme.margins_mm.items()}
    body = theme.role("body").size
    return PageMetrics(
        width=width, height=height,
        left=m["left"], right=width - m["right"],
        top=height - m["top"], bottom=m["bottom"],
        lines=theme.grid_lines, chars=theme.grid_chars, body_size=body,
        header_gap=mm(theme.header_gap_mm), footer_gap=mm(theme.footer_gap_mm),
        footer_inset=theme.footer_inset_chars * body,
    )
