"""Where the page furniture goes: the running header and its rule, the page number, and a
TOC row's leaders and page number. Every fixed-layout writer (PDF, OFD) draws these at the
same positions, so the positions are worked out here once, in PDF points from the page's
bottom left (the layout's coordinates).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fonts import FontSet
from ..layout.pages import TocRow
from ..metrics import PageMetrics
from ..theme import Theme

HEADER_TEXT_RAISE = 4.0       # pt between the header rule and the header baseline
RULE_WIDTH = 0.5              # pt
LEADER = "."


@dataclass(frozen=True)
class Placed:
    """One-off text set without line breaking, at a baseline start."""
    role: str                 # the theme font role it is set in (fallbacks per character)
    size: float
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class TocFurniture:
    number: Placed            # the page number, right-aligned
    dots: list[float]         # x of each leader dot, on the number's baseline
    link: tuple[float, float, float, float]   # the row's clickable box (x0, y0, x1, y1)


class Furniture:
    def __init__(self, theme: Theme, fonts: FontSet, metrics: PageMetrics):
        self.theme, self.fonts, self.m = theme, fonts, metrics

    def width(self, role: str, size: float, text: str) -> float:
        return sum(self.fonts.advance(font, piece, size) for font, piece in self.fonts.runs(role, text))

    def fitted_header(self, text: str) -> tuple[str, float]:
        """The running header as printed, and its size: its own size, else set smaller to fit
        the type area, and past HEADER_MIN_SIZE cut with … (the layout warned). Every writer's
        header (PDF, OFD, DOCX) is this one decision."""
        role = self.theme.role("header")
        size = self.m.fitted_size(self.width(role.font, role.size, text), role.size)
        if len(text) < 2 or self.width(role.font, size, text) <= self.m.measure:
            return text, size
        # the longest start that fits with … after it, found in one pass over the advances
        # (cutting a character at a time and measuring again took seconds for a long title)
        room, end, used = self.m.measure - self.width(role.font, size, "…"), 0, 0.0
        for ch in text[:-2]:
            used += self.width(role.font, size, ch)
            if used > room:
                break
            end += 1
        while end and self.width(role.font, size, text[:end] + "…") > self.m.measure:
            end -= 1
        return text[:end] + "…", size

    def header(self, text: str) -> tuple[Placed, float]:
        """The header text, centred above the rule, and the rule's y (from left to right margin)."""
        role = self.theme.role("header")
        rule_y = self.m.header_rule_y
        text, size = self.fitted_header(text)
        width = self.width(role.font, size, text)
        return Placed(role.font, size, (self.m.left + self.m.right - width) / 2,
                      rule_y + HEADER_TEXT_RAISE, text), rule_y

    def page_number(self, number: int) -> Placed:
        """'— n —', 4号, odd pages right and even pages left, one character in (GB/T 9704 7.5);
        or the theme's form and position (page.page_number, page.page_number_position). The
        line stays where the standard's dash puts it, whatever the form."""
        role = self.theme.role("footer")
        text = self.theme.page_number_form.replace("{n}", str(number))
        dash_top = self.fonts.glyph_top(role.font, "—") * role.size
        y = self.m.footer_dash_y - dash_top
        if self.theme.page_number_position == "centre":
            x = (self.m.left + self.m.right - self.width(role.font, role.size, text)) / 2
        elif number % 2:
            x = self.m.right - self.m.footer_inset - self.width(role.font, role.size, text)
        else:
            x = self.m.left + self.m.footer_inset
        return Placed(role.font, role.size, x, y, text)

    def toc_row(self, row: TocRow) -> TocFurniture:
        """Dot leaders from the entry's end to its page number, and the row's link box."""
        last = row.lines[-1]
        body = self.theme.role("body").font        # numbers and leaders in one face on every row
        digits = self.theme.latin_of(last.role) or body     # the numbers' digits as the text's
        size = last.role.size
        number = str(row.page)
        number_x = self.m.right - self.width(digits, size, number)
        text_end = last.end
        step = self.m.char_pitch / 2
        # leaders on a fixed half-cell grid, so the dots of all rows line up
        x = (int((text_end - self.m.left) / step) + 1) * step + self.m.left
        dots = []
        while x + step <= number_x - size / 4:
            dots.append(x)
            x += step
        top = row.lines[0].y + size
        return TocFurniture(Placed(digits, size, number_x, last.y, number), dots,
                            (self.m.left, last.y - size * 0.3, self.m.right, top))
