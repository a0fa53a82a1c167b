"""Raw OOXML (WordprocessingML) that python-docx has no API for: the one module that does it.

Every helper is named after the element it writes and either returns a new element or sets
that element on the parent it is given (replacing an old one), in the child order the
schema (ECMA-376 Part 1) demands: Word refuses a file whose pPr children are out of order,
LibreOffice silently ignores them. What python-docx can do (page size, margins, header and
footer parts, w:titlePg, w:evenAndOddHeaders, tab stops, line spacing, keep-with-next,
font size, bold) is done through python-docx in the writer, not here.
"""

from __future__ import annotations

import re

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

# Child order of the parents we touch (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28, §17.6.17,
# §17.8.3.10), cut down to the children that exist in our documents or that we write.
_ORDER = {
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
            "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
            "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
            "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
            "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
            "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
            "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    "sectPr": ("headerReference", "footerReference", "footnotePr", "endnotePr", "type",
               "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
               "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
               "rtlGutter", "docGrid", "printerSettings", "sectPrChange"),
    "compat": ("useFELayout", "compatSetting"),
    "font": ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig",
             "embedRegular", "embedBold", "embedItalic", "embedBoldItalic"),
    "settings": ("writeProtection", "view", "zoom", "removePersonalInformation",
                 "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                 "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
                 "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts",
                 "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
                 "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
                 "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
                 "proofState", "formsDesign", "attachedTemplate", "linkStyles",
                 "stylePaneFormatFilter", "stylePaneSortMethod", "documentType",
                 "mailMerge", "revisionView", "trackRevisions", "doNotTrackMoves",
                 "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
                 "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
                 "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps",
                 "showEnvelope", "summaryLength", "clickAndTypeStyle",
                 "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting",
                 "bookFoldPrinting", "bookFoldPrintingSheets",
                 "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
                 "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
                 "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
                 "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
                 "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
                 "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
                 "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
                 "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
                 "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt",
                 "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
                 "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                 "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping"),
}
THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
W = "{%s}" % nsmap["w"]             # the WordprocessingML namespace, as lxml spells it
_W_NSMAP = {"w": nsmap["w"]}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CHAR_SPACE_UNITS = 4096       # w:docGrid/@w:charSpace is in 1/4096 pt


def make(tag: str, **attrs) -> object:
    """A new w:`tag` element; keyword arguments become w: attributes (values as strings).

    What docx.oxml.OxmlElement("w:tag", …) makes, through the same parser (so the element
    gets python-docx's class), without re-parsing the prefixed names on every call: a
    booklet makes tens of thousands of elements."""
    return oxml_parser.makeelement(W + tag, {W + k: str(v) for k, v in attrs.items()}, _W_NSMAP)


def put(parent, child):
    """Set `child` on `parent`, replacing a child with the same tag, in schema order."""
    old = parent.find(child.tag)
    if old is not None:
        old.addnext(child)
        parent.remove(old)
        return child
    order = _ORDER[parent.tag.split("}")[1]]
    name = child.tag.split("}")[1]
    later = {qn(f"w:{t}") for t in order[order.index(name) + 1:]}
    for i, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def _on_off(parent, tag: str, on: bool):
    """An on/off property written out either way, so a style can switch off what it inherits."""
    return put(parent, make(tag, val="1" if on else "0"))


# -- run properties ----------------------------------------------------------------------
def r_fonts(r_pr, name: str, latin: str | None = None):
    """w:rFonts naming `name` for every script, theme fonts removed.

    Word and LibreOffice prefer a theme font (w:eastAsiaTheme …) over the named one, and
    python-docx's Font.name writes only w:ascii/w:hAnsi, so the Chinese face would never be
    used. Latin, East Asian and complex script all get the same font, so quotes, dashes and
    digits cannot land in a Western face; w:hint sends ambiguous characters (“”—…) to the
    East Asian slot. `latin` (a house style: Times New Roman) names the face of the ASCII
    and Latin slots (w:ascii, w:hAnsi) instead; the hint still keeps “”—… Chinese.
    """
    return put(r_pr, make("rFonts", ascii=latin or name, hAnsi=latin or name, eastAsia=name,
                          cs=name, hint="eastAsia"))


def strip_theme_fonts(root) -> int:
    """Remove theme font references from every w:rFonts under `root`; returns how many."""
    removed = 0
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            if fonts.attrib.pop(qn(f"w:{attr}"), None) is not None:
                removed += 1
    return removed


def lang(r_pr, latin: str = "en-US", east_asia: str = "zh-CN"):
    """w:lang: East Asian text is Chinese (LibreOffice picks an SC fallback font from it)."""
    return put(r_pr, make("lang", val=latin, eastAsia=east_asia))


def w(r_pr, percent: int):
    """w:w, the horizontal scale of the characters in percent."""
    return put(r_pr, make("w", val=percent))


def char_spacing(r_pr, twentieths: int):
    """w:spacing in a run's properties: space added after every character, in 1/20 pt."""
    return put(r_pr, make("spacing", val=twentieths))


def sz_cs(r_pr, half_points: int):
    """w:szCs, the complex-script size (python-docx's Font.size writes only w:sz)."""
    return put(r_pr, make("szCs", val=half_points))


def sz(r_pr, half_points: int):
    """w:sz and w:szCs, for the document defaults (python-docx has no API for them)."""
    put(r_pr, make("sz", val=half_points))
    return sz_cs(r_pr, half_points)


# -- paragraph properties ----------------------------------------------------------------
def snap_to_grid(p_pr, on: bool = True):
    """w:snapToGrid: use the section's document grid for line height and character pitch."""
    return _on_off(p_pr, "snapToGrid", on)


def kinsoku(p_pr, on: bool = True):
    """w:kinsoku: East Asian line-start/line-end prohibitions (no ，at a line start)."""
    return _on_off(p_pr, "kinsoku", on)


def overflow_punct(p_pr, on: bool = True):
    """w:overflowPunct: a closing mark may hang past the line end instead of pushing a character down."""
    return _on_off(p_pr, "overflowPunct", on)


def auto_space_de(p_pr, on: bool = False):
    """w:autoSpaceDE: extra space between Han and Latin letters (off: the PDF adds none)."""
    return _on_off(p_pr, "autoSpaceDE", on)


def auto_space_dn(p_pr, on: bool = False):
    """w:autoSpaceDN: extra space between Han and digits (off, as in the PDF)."""
    return _on_off(p_pr, "autoSpaceDN", on)


def ind(p_pr, first_line_chars: int | None = None, first_line: int | None = None,
        left_chars: int | None = None, left: int | None = None,
        right_chars: int | None = None, right: int | None = None):
    """w:ind in hundredths of a character (Word) and twips (LibreOffice 7 reads only these).

    Word uses the *Chars values when present; writing the twips too keeps other readers right.
    """
    attrs = {"leftChars": left_chars, "left": left, "rightChars": right_chars, "right": right,
             "firstLineChars": first_line_chars, "firstLine": first_line}
    return put(p_pr, make("ind", **{k: v for k, v in attrs.items() if v is not None}))


def outline_lvl(p_pr, level: int):
    """w:outlineLvl, 0-based; 9 is body text (not in the TOC, not in the navigation pane)."""
    return put(p_pr, make("outlineLvl", val=level))


def p_bdr_bottom(p_pr, eighths: int = 4, space_pt: int = 1):
    """w:pBdr with a single bottom rule (the running header's rule), width in 1/8 pt."""
    border = make("pBdr")
    border.append(make("bottom", val="single", sz=eighths, space=space_pt, color="auto"))
    return put(p_pr, border)


# -- section, settings, font table -------------------------------------------------------
def char_space(pitch_pt: float, font_pt: float) -> int:
    """The w:docGrid/@w:charSpace value for a character pitch: Word stores the difference
    between the pitch and the Normal style's font size, in 1/4096 pt (negative: tighter)."""
    return round((pitch_pt - font_pt) * CHAR_SPACE_UNITS)


def doc_grid(sect_pr, line_pitch: int, char_space_value: int, grid_type: str = "linesAndChars"):
    """w:docGrid: `line_pitch` in twips, the character pitch as a w:charSpace delta."""
    return put(sect_pr, make("docGrid", type=grid_type, linePitch=line_pitch,
                             charSpace=char_space_value))


def character_spacing_control(settings, value: str = "compressPunctuation"):
    """w:characterSpacingControl: compress full-width punctuation (python-docx: doNotCompress)."""
    return put(settings, make("characterSpacingControl", val=value))


def theme_font_lang(settings, east_asia: str = "zh-CN"):
    """w:themeFontLang: the language theme fonts would be picked for."""
    return put(settings, make("themeFontLang", val="en-US", eastAsia=east_asia))


def compatibility_mode(settings, version: int = 15):
    """w:compat/w:compatSetting compatibilityMode: 15 is Word 2013 and later (14, python-docx's,
    opens them in 兼容模式, compatibility mode)."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = put(settings, make("compat"))
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(version))
            return setting
    return put(compat, make("compatSetting", name="compatibilityMode",
                            uri="http://schemas.microsoft.com/office/word", val=version))


def remove_update_fields(settings) -> None:
    """No w:updateFields: it makes Word ask to update fields on every open."""
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)


def font(name: str, alt_name: str, charset: str = "86", family: str = "modern",
         pitch: str = "fixed"):
    """A w:font entry for word/fontTable.xml: Word substitutes `alt_name` when `name` is
    missing. Charset 86 is GB 2312."""
    entry = make("font", name=name)
    for tag, value in (("altName", alt_name), ("charset", charset), ("family", family),
                       ("pitch", pitch)):
        put(entry, make(tag, val=value))
    return entry


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"      # DrawingML (the theme part)


def theme_fonts(theme_xml: bytes, major: str, minor: str, latin: str | None = None) -> bytes:
    """The theme part's font scheme naming `major` (headings) and `minor` (body) for Latin,
    East Asian and simplified Chinese (Hans) text: what Word offers as 标题/正文 fonts for
    new text, the same faces the styles name (`latin`, where given, for Latin text)."""
    root = etree.fromstring(theme_xml)
    for kind, name in (("majorFont", major), ("minorFont", minor)):
        scheme = root.find(f".//{_A}fontScheme/{_A}{kind}")
        for child in scheme:
            if child.tag in (f"{_A}latin", f"{_A}ea") or child.get("script") == "Hans":
                child.set("typeface", (latin or name) if child.tag == f"{_A}latin" else name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- runs: fields, bookmarks, hyperlinks -------------------------------------------------
def paragraph(style_id: str | None = None):
    """A w:p with its w:pPr and, unless the style is the default one, a w:pStyle (what
    python-docx's CT_P.style writes, without its schema-order searches)."""
    p, p_pr = make("p"), make("pPr")
    if style_id:
        p_pr.append(make("pStyle", val=style_id))
    p.append(p_pr)
    return p


_RUN_BREAKS = re.compile(r"(\t|\r|\n)")


def run(text: str = "", style: str | None = None):
    """A w:r with `text`, optionally in a character style: a tab becomes w:tab, a line break
    w:br, the rest w:t (as python-docx's Run.text does, without its loop per character)."""
    r = make("r")
    if style:
        r_pr = make("rPr")
        r_pr.append(make("rStyle", val=style))
        r.append(r_pr)
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            r.append(make("tab"))
        elif piece in ("\r", "\n"):
            r.append(make("br"))
        elif piece:
            t = make("t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(XML_SPACE, "preserve")
            r.append(t)
    return r


def break_opportunity():
    """A run holding w:sym U+200B (zero width space): where a line may break inside a Latin
    run, drawn as nothing. A symbol, not text: whoever reads the runs' w:t (python-docx,
    `ingest FILE.docx`) does not get it, so the speech's text stays as written."""
    r = make("r")
    r.append(make("sym", char="200B"))
    return r


def fld_char(kind: str):
    """A run holding w:fldChar of type begin | separate | end."""
    r = make("r")
    r.append(make("fldChar", fldCharType=kind))
    return r


def instr_text(instruction: str):
    """A run holding a field instruction (spaces around it, as Word writes it)."""
    r = make("r")
    t = make("instrText")
    t.set(XML_SPACE, "preserve")
    t.text = f" {instruction} "
    r.append(t)
    return r


def field(instruction: str, result: str, style: str | None = None) -> list:
    """A complex field with its cached result: begin, instruction, separate, result, end.
    Not marked dirty, so Word shows the result and does not ask to update it."""
    return [fld_char("begin"), instr_text(instruction), fld_char("separate"),
            run(result, style), fld_char("end")]


def tc_field(entry: str, level: int) -> list:
    """A TC field: the table of contents entry for the paragraph it sits in, as an update of
    the TOC (TOC \\f) writes it. A field without a result: Word and LibreOffice show nothing."""
    text = entry.replace("\\", "\\\\").replace('"', '\\"')
    return [fld_char("begin"), instr_text(f'TC "{text}" \\l {level}'), fld_char("end")]


def fld_simple(instruction: str, result: str):
    """w:fldSimple with a cached result."""
    simple = make("fldSimple", instr=f" {instruction} ")
    simple.append(run(result))
    return simple


def bookmark_start(bookmark_id: int, name: str):
    return make("bookmarkStart", id=bookmark_id, name=name)


def bookmark_end(bookmark_id: int):
    return make("bookmarkEnd", id=bookmark_id)


def hyperlink(anchor: str, children) -> object:
    """w:hyperlink to a bookmark in this document (no relationship needed)."""
    link = make("hyperlink", anchor=anchor, history="1")
    link.extend(children)
    return link
