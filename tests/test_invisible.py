"""Invisible characters (Unicode default-ignorables): the build names one as invisible, with
its line and column, instead of "character '\u200b' is in none of the fonts"."""

from __future__ import annotations

from handout.build import build_all
from handout.invisible import strip_invisible
from handout.settings import load_settings


def test_the_build_names_an_invisible_character_with_its_line_and_column(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    speech = content / "a.md"
    speech.write_text("---\ntitle: 讲话\n---\n\n同志们：\n\n今天\u00ad开会。\n", encoding="utf-8")
    settings = load_settings(tmp_path, {"formats": ("pdf",), "quiet": True})
    [result] = build_all(settings, None, echo=lambda line: None)
    assert result.error == (f"{speech.resolve()}:7: error: an invisible character U+00AD SOFT HYPHEN, "
                            "column 3: delete it (it prints as nothing and no font has it)")


def test_strip_invisible_counts_what_it_takes_out_and_keeps_the_rest():
    text = "\ufeff今天\u200b\u200b开会\u200e。X\u3000号"
    assert strip_invisible(text) == ("今天开会。X\u3000号", {"\ufeff": 1, "\u200b": 2, "\u200e": 1})
