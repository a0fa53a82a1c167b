"""A DOCX section's page: size, margins, the document grid, and its headers and footers
(the running header, the page number's form around a PAGE field), placed where the PDF puts
them (handout/metrics.py)."""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.shared import Pt, Twips

from .. import ooxml
from ..metrics import TWIPS_PER_PT, PageMetrics, twips
from ..theme import Theme
from .docx_styles import HEADER_LINE

RULE_SPACE_PT = 1                  # between the header text's line and its rule
FOOTER_DASH_EM = 0.7               # bottom of the footer line up to the top of its dash
                                   # (measured in LibreOffice's render of the 1.5 em line)


def set_up_section(section, spec, theme: Theme, m: PageMetrics, style_id,
                   header_fit: tuple[str, float] | None = None) -> None:
    """`header_fit`: the running header's text and size as the PDF sets them (shortened where
    it is too long for the type area: writers/furniture.py), so that Word keeps it on one line."""
    # start="odd" is done by the blank verso the PDF has, written out (_Body._blank_verso)
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Twips(twips(m.width)), Twips(twips(m.height))
    section.top_margin = Twips(twips(m.height - m.top))
    section.bottom_margin = Twips(twips(m.bottom))
    section.left_margin = Twips(twips(m.left))
    # the type area a whole number of grid cells wide (metrics.grid_measure_twips)
    section.right_margin = Twips(twips(m.width) - twips(m.left) - m.grid_measure_twips)
    section.gutter = 0
    header, footer = theme.role("header"), theme.role("footer")
    # header rule header_gap above the type area; top of the number's dash footer_gap below
    section.header_distance = Pt(m.height - m.header_rule_y - RULE_SPACE_PT - header.size * HEADER_LINE)
    section.footer_distance = Pt(m.footer_dash_y - footer.size * FOOTER_DASH_EM)
    ooxml.doc_grid(section._sectPr, m.line_pitch_twips,
                   ooxml.char_space(m.grid_cell_twips / TWIPS_PER_PT, m.body_size))
    # A different first page only where it differs: LibreOffice 7 shows an empty PAGE
    # field in the first-page footer of a section whose headers are all empty.
    titled = bool(spec.header) and not spec.header_on_first
    section.different_first_page_header_footer = titled
    text, size = header_fit or (spec.header, header.size)
    smaller = size if size != header.size else None
    _fill(section.header, style_id, "Header", text, size=smaller)
    _fill(section.even_page_header, style_id, "Header", text, size=smaller)
    form = theme.page_number_form
    _fill(section.footer, style_id, "Footer", spec.numbered, page_number=form)
    _fill(section.even_page_footer, style_id, "Footer Even", spec.numbered, page_number=form)
    if titled:
        # the first page's number goes on the side of that page's parity in the PDF
        first_even = (spec.first_page or 1) % 2 == 0
        _fill(section.first_page_header, style_id, "Header", None)
        _fill(section.first_page_footer, style_id, "Footer Even" if first_even else "Footer",
              spec.numbered, page_number=form)


def _fill(part, style_id, style: str, content, page_number: str = "", size: float | None = None) -> None:
    """One paragraph: the header text (at `size` pt where not the style's), or the page
    number's form around a PAGE field ('— PAGE —'); empty (in Normal, no rule) if none.
    Styles are set by id (`style_id`: name -> id): python-docx's lookup by name scans the
    document's relationships, six times per section."""
    part.is_linked_to_previous = False
    p = part.paragraphs[0]
    if not content:
        p._p.style = style_id("Normal")
        return
    p._p.style = style_id(style)
    if page_number:
        before, after = page_number.split("{n}")
        if before:
            p.add_run(before)
        p._p.extend(ooxml.field("PAGE", "1"))
        if after:
            p.add_run(after)
    else:
        run = p.add_run(content)
        if size is not None:
            run.font.size = Pt(size)
            ooxml.sz_cs(run._r.get_or_add_rPr(), round(size * 2))
