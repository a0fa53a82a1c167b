"""Build templates/reference.docx: the named styles and settings the DOCX writer starts from.

    python templates/make_reference.py          # rewrites templates/reference.docx

The reference holds what a Word user edits: which styles exist (Title, Subtitle, Heading 1,
Heading 2, Body Text, Salutation, Byline, TOC Heading, toc 1-3, Header, Footer, Footer
Even, Strong), how they relate (based on, next, outline level, keep with next), and the
East Asian typesetting switches (kinsoku, hanging punctuation, no widow control, grid).
Fonts, sizes, alignment, indents and page geometry come from theme.yaml at build time
(handout/writers/docx.py), so the theme stays the one place for numbers. A user may open
the reference in Word, change colours or spacing, and save it under the same name in
their templates folder; the writer keeps whatever the theme does not set.

Made from python-docx's default template with everything Word-for-Mac specific removed:
stylesWithEffects, customXml, the thumbnail, numbering, and every style we do not use. The
theme part stays (a package without one is invalid); no style refers to its fonts, and the
writer names the theme's fonts in its font scheme. compatibilityMode 15: Word 2013 and later
open the file as their own, not in 兼容模式.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handout import ooxml  # noqa: E402
from handout.writers.docx import deterministic_zip  # noqa: E402

OUT = Path(__file__).resolve().parent / "reference.docx"
P, C = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER

# (name as stored in styles.xml, style id, type, based on, next style, outline level)
# Word knows toc 1-3 by these lower-case names (shown as "TOC 1" in its UI), so "Update
# field" keeps using them; python-docx translates Header/Footer/Heading n itself.
STYLES = [
    ("Title", "Title", P, "Normal", "Subtitle", None),
    ("Subtitle", "Subtitle", P, "Normal", "Byline", None),
    ("Byline", "Byline", P, "Normal", "Byline", None),
    ("Heading 1", "Heading1", P, "Normal", "Body Text", 0),
    ("Heading 2", "Heading2", P, "Normal", "Body Text", 1),
    ("Body Text", "BodyText", P, "Normal", "Body Text", None),
    ("Salutation", "Salutation", P, "Normal", "Body Text", None),
    ("TOC Heading", "TOCHeading", P, "Normal", "toc 1", None),
    ("toc 1", "TOC1", P, "Normal", "Body Text", None),
    ("toc 2", "TOC2", P, "Normal", "Body Text", None),
    ("toc 3", "TOC3", P, "Normal", "Body Text", None),
    ("Header", "Header", P, "Normal", "Header", None),
    ("Footer", "Footer", P, "Normal", "Footer", None),
    ("Footer Even", "FooterEven", P, "Footer", "Footer Even", None),
    ("Strong", "Strong", C, None, None, None),
]
KEEP = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}
CUSTOM = {"Byline", "Footer Even"}          # the others are Word's built-in styles
DROP_RELS = (RT.CUSTOM_XML, RT.NUMBERING, RT.WEB_SETTINGS,
             "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'extended-properties"><Application>handout</Application>'
           b"<DocSecurity>0</DocSecurity></Properties>")


def build() -> bytes:
    document = docx.Document()
    _drop_parts(document)
    _reset_styles(document)
    for spec in STYLES:                   # all first, with their ids: a style's next may come later
        document.styles.add_style(spec[0], spec[2]).element.styleId = spec[1]
    for spec in STYLES:
        _set_up_style(document, *spec)
    _settings(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _drop_parts(document) -> None:
    """Parts that are not ours (Word for Mac leftovers, an empty numbering part)."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype in DROP_RELS:
            part.drop_rel(rel_id)
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML


def _reset_styles(document) -> None:
    """Remove every style we do not use; defaults without theme fonts, widow control off."""
    styles = document.styles
    for style in list(styles):
        if style.name not in KEEP:
            style.delete()
    root = styles.element
    defaults = root.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    ooxml.strip_theme_fonts(root)
    ooxml.lang(r_pr)
    p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    p_pr.remove(p_pr.find(qn("w:spacing")))         # Word's 10 pt after / 1.15 lines
    normal = styles["Normal"]
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = 0
    fmt.line_spacing = 1.0                           # single: the grid sets the pitch
    fmt.widow_control = False                        # the PDF layout has none either
    p_pr = normal.element.get_or_add_pPr()
    ooxml.kinsoku(p_pr, True)
    # No w:overflowPunct: absent, Word and LibreOffice both let 。，、：；！？ hang at a line
    # end, as the PDF does (HANGING in handout/layout/linebreak.py). Written out,
    # LibreOffice 7 reads it inverted (writerfilter: hanging = val == 0).
    ooxml.auto_space_de(p_pr, False)
    ooxml.auto_space_dn(p_pr, False)
    ooxml.snap_to_grid(p_pr, True)


def _set_up_style(document, name, style_id, kind, based_on, next_style, outline) -> None:
    style = document.styles[name]
    style.element.styleId = style_id
    if name not in CUSTOM:                  # python-docx marks every added style custom
        style.element.attrib.pop(qn("w:customStyle"), None)
    style.quick_style = True
    if based_on:
        style.base_style = document.styles[based_on]
    if kind == C:
        style.font.bold = True
        return
    style.next_paragraph_style = document.styles[next_style]
    p_pr = style.element.get_or_add_pPr()
    if outline is not None:
        style.paragraph_format.keep_with_next = True
        ooxml.outline_lvl(p_pr, outline)
    if name in ("Title", "Subtitle", "Byline", "Header", "Footer", "toc 1", "toc 2", "toc 3",
                "Heading 1", "Heading 2"):
        # Larger or smaller than the grid: exact line heights (set from the theme) instead,
        # or a 22 pt title would take two grid lines and two grid cells per character.
        # Headings, TOC rows, date and speaker too: on the grid LibreOffice pads every run of
        # Latin letters or digits to whole cells ("1 、人员变化快", "2022年X 月", a page
        # number short of the margin);
        # off it they keep their own width, as in the PDF.
        ooxml.snap_to_grid(p_pr, False)
    if name == "Header":
        ooxml.p_bdr_bottom(p_pr)


def _settings(document) -> None:
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    element = settings.element
    ooxml.character_spacing_control(element)
    ooxml.compatibility_mode(element, 15)
    ooxml.theme_font_lang(element)
    ooxml.remove_update_fields(element)
    for tag in ("w:proofState", "w:savePreviewPicture"):     # no thumbnail any more
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"wrote {OUT.relative_to(ROOT)}")
