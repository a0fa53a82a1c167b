"""Font roles -> files on the fonts' search path (the project's folder, then the shipped one)."""

from __future__ import annotations

from fontTools.ttLib import TTFont
from reportlab.pdfbase import pdfmetrics

from handout.fonts import FontSet
from handout.settings import SHIPPED
from handout.theme import load_theme
from tests.conftest import ROOT

THEME = load_theme(ROOT / "templates" / "theme.yaml")
NOTO_SANS = ROOT / "fonts" / "NotoSansSC-Medium-GB.ttf"
ZHUQUE = ROOT / "fonts" / "ZhuqueFangsong-GB.ttf"


def cmap(path) -> set[int]:
    with TTFont(path, lazy=True) as font:
        return set(font.getBestCmap())


def postscript_name(path) -> str:
    with TTFont(path, lazy=True) as font:
        return font["name"].getDebugName(6)


def test_a_project_copy_under_a_shipped_name_is_its_own_font_in_one_process(tmp_path):
    """A resident process (build.py watch) that loaded the shipped Zhuque Fangsong and then
    sees a project's own file of that name: the new file is drawn and measured, not the old."""
    shipped = FontSet(THEME, (SHIPPED["fonts"],))
    (tmp_path / "ZhuqueFangsong-GB.ttf").write_bytes(NOTO_SANS.read_bytes())
    project = FontSet(THEME, (tmp_path, SHIPPED["fonts"]))
    assert project.fonts["fangsong"].path == tmp_path / "ZhuqueFangsong-GB.ttf"
    assert project.pdf_name("fangsong") != shipped.pdf_name("fangsong")
    assert project.fonts["heiti"] == shipped.fonts["heiti"]                 # the rest: shipped
    only_sans = min(cmap(NOTO_SANS) - cmap(ZHUQUE))       # read with fontTools
    only_zhuque = min(cmap(ZHUQUE) - cmap(NOTO_SANS))
    assert project.covers("fangsong", chr(only_sans)) and not project.covers("fangsong", chr(only_zhuque))
    assert shipped.covers("fangsong", chr(only_zhuque)) and not shipped.covers("fangsong", chr(only_sans))
    assert pdfmetrics.getFont(shipped.pdf_name("fangsong")).face.name \
        == postscript_name(ZHUQUE).encode()                  # still registered as it was
