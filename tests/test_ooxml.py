"""handout/ooxml.py: XML in, XML out, one case per element the module writes."""

from __future__ import annotations

import re

import pytest
from docx.oxml import parse_xml
from lxml import etree

from handout import ooxml

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def el(xml: str):
    """Parse a w: fragment; the namespace declaration is added to the root."""
    return parse_xml(re.sub(r"^<(w:\w+)", rf"<\1 {W}", xml))


def xml(element) -> str:
    """Serialise without namespace declarations, for compact comparisons."""
    return re.sub(r' xmlns:\w+="[^"]+"', "", etree.tostring(element, encoding=str))


# -- run properties --------------------------------------------------------------------------
def test_r_fonts_names_every_script_and_drops_theme_fonts():
    r_pr = el('<w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/>'
              '<w:b/></w:rPr>')
    ooxml.r_fonts(r_pr, "仿宋_GB2312")
    assert xml(r_pr) == ('<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" '
                         'w:eastAsia="仿宋_GB2312" w:cs="仿宋_GB2312" w:hint="eastAsia"/>'
                         '<w:b/></w:rPr>')


def test_r_fonts_goes_first_in_an_rpr_without_one():
    r_pr = el('<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>')
    ooxml.r_fonts(r_pr, "黑体")
    assert xml(r_pr).startswith('<w:rPr><w:rFonts w:ascii="黑体"')
    assert xml(r_pr).endswith('<w:b/><w:sz w:val="32"/></w:rPr>')


def test_strip_theme_fonts_removes_all_four_theme_attributes():
    styles = el('<w:styles><w:style><w:rPr><w:rFonts w:asciiTheme="a" w:hAnsiTheme="b" '
                'w:eastAsiaTheme="c" w:cstheme="d" w:ascii="X"/></w:rPr></w:style></w:styles>')
    assert ooxml.strip_theme_fonts(styles) == 4
    assert xml(styles) == '<w:styles><w:style><w:rPr><w:rFonts w:ascii="X"/></w:rPr></w:style></w:styles>'


def test_lang_is_chinese_for_east_asian_text_and_goes_last():
    r_pr = el('<w:rPr><w:lang w:val="en-US" w:eastAsia="ja-JP"/><w:b/></w:rPr>')
    ooxml.lang(r_pr)
    r_pr2 = el('<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>')
    ooxml.lang(r_pr2)
    assert xml(r_pr2) == ('<w:rPr><w:b/><w:sz w:val="32"/>'
                          '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>')
    assert 'w:eastAsia="zh-CN"' in xml(r_pr)


def test_w_scale_sits_between_spacing_and_size():
    r_pr = el('<w:rPr><w:rFonts w:ascii="A"/><w:sz w:val="32"/></w:rPr>')
    ooxml.w(r_pr, 98)
    assert xml(r_pr) == '<w:rPr><w:rFonts w:ascii="A"/><w:w w:val="98"/><w:sz w:val="32"/></w:rPr>'


def test_sz_writes_both_sizes():
    r_pr = el('<w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr>')
    ooxml.sz(r_pr, 32)
    assert xml(r_pr) == ('<w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/>'
                         '<w:lang w:val="en-US"/></w:rPr>')


# -- paragraph properties --------------------------------------------------------------------
def test_east_asian_switches_in_schema_order():
    p_pr = el('<w:pPr><w:pStyle w:val="BodyText"/><w:jc w:val="both"/></w:pPr>')
    ooxml.snap_to_grid(p_pr, True)
    ooxml.auto_space_dn(p_pr)
    ooxml.kinsoku(p_pr)
    ooxml.auto_space_de(p_pr)
    ooxml.overflow_punct(p_pr, True)
    assert xml(p_pr) == ('<w:pPr><w:pStyle w:val="BodyText"/><w:kinsoku w:val="1"/>'
                         '<w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/>'
                         '<w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="1"/>'
                         '<w:jc w:val="both"/></w:pPr>')


def test_snap_to_grid_off_replaces_on():
    p_pr = el('<w:pPr><w:snapToGrid w:val="1"/></w:pPr>')
    ooxml.snap_to_grid(p_pr, False)
    assert xml(p_pr) == '<w:pPr><w:snapToGrid w:val="0"/></w:pPr>'


def test_ind_writes_characters_and_twips():
    p_pr = el('<w:pPr><w:spacing w:line="240"/><w:jc w:val="both"/></w:pPr>')
    ooxml.ind(p_pr, first_line_chars=200, first_line=630)
    assert xml(p_pr) == ('<w:pPr><w:spacing w:line="240"/>'
                         '<w:ind w:firstLineChars="200" w:firstLine="630"/>'
                         '<w:jc w:val="both"/></w:pPr>')
    ooxml.ind(p_pr, left_chars=200, left=630, right_chars=450, right=1418)
    assert '<w:ind w:leftChars="200" w:left="630" w:rightChars="450" w:right="1418"/>' in xml(p_pr)


def test_outline_lvl_before_rpr_and_sect_pr():
    p_pr = el('<w:pPr><w:jc w:val="both"/><w:rPr><w:b/></w:rPr><w:sectPr/></w:pPr>')
    ooxml.outline_lvl(p_pr, 9)
    assert xml(p_pr) == ('<w:pPr><w:jc w:val="both"/><w:outlineLvl w:val="9"/>'
                         '<w:rPr><w:b/></w:rPr><w:sectPr/></w:pPr>')


def test_p_bdr_bottom_is_a_single_rule():
    p_pr = el('<w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>')
    ooxml.p_bdr_bottom(p_pr)
    assert xml(p_pr) == ('<w:pPr><w:pStyle w:val="Header"/><w:pBdr><w:bottom w:val="single" '
                         'w:sz="4" w:space="1" w:color="auto"/></w:pBdr>'
                         '<w:jc w:val="center"/></w:pPr>')


# -- section, settings, font table -----------------------------------------------------------
def test_char_space_is_the_pitch_delta_in_4096ths_of_a_point():
    assert ooxml.char_space(442.205 / 28, 16) == -848        # 28 characters of 三号 on 156 mm
    assert ooxml.char_space(16, 16) == 0
    assert ooxml.char_space(15.5 + 1200 / 4096, 15.5) == 1200


def test_doc_grid_replaces_the_default_and_keeps_order():
    sect_pr = el('<w:sectPr><w:pgSz w:w="11906"/><w:cols w:space="720"/>'
                 '<w:docGrid w:linePitch="360"/></w:sectPr>')
    ooxml.doc_grid(sect_pr, 579, -848)
    assert xml(sect_pr) == ('<w:sectPr><w:pgSz w:w="11906"/><w:cols w:space="720"/>'
                            '<w:docGrid w:type="linesAndChars" w:linePitch="579" '
                            'w:charSpace="-848"/></w:sectPr>')


def test_doc_grid_goes_after_title_pg():
    sect_pr = el('<w:sectPr><w:pgMar w:top="2098"/><w:titlePg/></w:sectPr>')
    ooxml.doc_grid(sect_pr, 579, -848)
    assert xml(sect_pr).index("titlePg") < xml(sect_pr).index("docGrid")


def test_settings_compress_punctuation_no_update_fields_chinese_theme_language():
    settings = el('<w:settings><w:zoom w:val="bestFit"/><w:characterSpacingControl '
                  'w:val="doNotCompress"/><w:updateFields w:val="true"/><w:compat/>'
                  '<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/></w:settings>')
    ooxml.character_spacing_control(settings)
    ooxml.remove_update_fields(settings)
    ooxml.theme_font_lang(settings)
    assert xml(settings) == ('<w:settings><w:zoom w:val="bestFit"/><w:characterSpacingControl '
                             'w:val="compressPunctuation"/><w:compat/><w:themeFontLang '
                             'w:val="en-US" w:eastAsia="zh-CN"/></w:settings>')


def test_font_entry_with_alt_name_and_gb2312_charset():
    assert xml(ooxml.font("仿宋_GB2312", "仿宋")) == (
        '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>'
        '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')


# -- runs: fields, bookmarks, hyperlinks -----------------------------------------------------
def test_field_has_a_cached_result_and_is_not_dirty():
    runs = ooxml.field("PAGE", "7")
    assert "".join(xml(r) for r in runs) == (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_fld_simple():
    assert xml(ooxml.fld_simple("PAGE", "1")) == (
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')


def test_bookmark_start_and_end():
    assert xml(ooxml.bookmark_start(3, "_Toc_h3")) == '<w:bookmarkStart w:id="3" w:name="_Toc_h3"/>'
    assert xml(ooxml.bookmark_end(3)) == '<w:bookmarkEnd w:id="3"/>'


def test_hyperlink_to_a_bookmark_with_tab_and_styled_run():
    link = ooxml.hyperlink("_Toc_h1", [ooxml.run("一、办班", "Strong"), ooxml.run("\t")])
    assert xml(link) == ('<w:hyperlink w:anchor="_Toc_h1" w:history="1">'
                         '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>一、办班</w:t></w:r>'
                         '<w:r><w:tab/></w:r></w:hyperlink>')


def test_put_refuses_a_parent_it_does_not_know():
    with pytest.raises(KeyError):
        ooxml.put(el("<w:tbl/>"), ooxml.make("tblPr"))
