"""The font cache: a font loaded from it is the font reportlab parses, and a broken or
unwritable cache only costs the parse."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from handout import fontcache
from tests.conftest import ROOT

FONT = str(ROOT / "fonts" / "ARPLKaitiMGB-GB.ttf")
# what layout and subsetting read from a face
TABLES = ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "defaultWidth", "ascent",
          "descent", "bbox", "flags", "name", "unitsPerEm", "numGlyphs")
SAMPLE = [ord(c) for c in "一、办班为什么，“症状”。"]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def same_font(a: TTFont, b: TTFont) -> None:
    for name in TABLES:
        assert getattr(a.face, name) == getattr(b.face, name), name
    assert a.face.makeSubset(SAMPLE) == b.face.makeSubset(SAMPLE)
    assert a.stringWidth("办班为什么", 16) == b.stringWidth("办班为什么", 16)
    assert a.face._pdfScale(500) == b.face._pdfScale(500)


def test_a_font_from_the_cache_is_the_font_reportlab_parses(cache_home, monkeypatch):
    parsed = TTFont("Fk", FONT)
    first = fontcache.load_ttfont("Fk", FONT)              # parses and stores
    assert fontcache.cache_file(FONT).is_file()
    monkeypatch.setattr(TTFont, "__init__", lambda *a, **k: pytest.fail("parsed again"))
    cached = fontcache.load_ttfont("Fk", FONT)
    same_font(parsed, first)
    same_font(parsed, cached)


def test_a_damaged_cache_file_is_parsed_again(cache_home):
    fontcache.load_ttfont("Fk", FONT)
    fontcache.cache_file(FONT).write_bytes(b"\x80\x05not a pickle")
    same_font(TTFont("Fk", FONT), fontcache.load_ttfont("Fk", FONT))


def test_an_unwritable_cache_folder_does_not_stop_loading(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    same_font(TTFont("Fk", FONT), fontcache.load_ttfont("Fk", FONT))


def test_a_changed_font_file_gets_a_new_cache_entry(cache_home, tmp_path):
    copy = tmp_path / "copy.ttf"
    copy.write_bytes(open(FONT, "rb").read())
    before = fontcache.cache_file(str(copy))
    copy.write_bytes(copy.read_bytes() + b"\0" * 4)          # size and time change
    assert fontcache.cache_file(str(copy)) != before


def test_no_home_folder_means_no_cache_not_an_error(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")
    monkeypatch.setattr(fontcache.Path, "home", staticmethod(no_home))
    assert fontcache.cache_file(FONT) is None
    same_font(TTFont("Fk", FONT), fontcache.load_ttfont("Fk", FONT))


def test_a_cached_font_whose_file_cannot_be_mapped_is_read(cache_home, monkeypatch):
    fontcache.load_ttfont("Fk", FONT)                       # fills the cache
    monkeypatch.setattr(fontcache, "_map", lambda path: None)
    same_font(TTFont("Fk", FONT), fontcache.load_ttfont("Fk", FONT))
