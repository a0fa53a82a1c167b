"""Line breaking rules, each on a small case with a fake font: a cell is 10 pt, Latin 5 pt."""

import pytest

from handout.layout.linebreak import NO_END, NO_START, break_lines, make_units
from handout.model import Span

CELL = 10.0


def fake_measure(font, text, size):
    """Full-width characters take a cell; narrow quotes 4 pt (like Zhuque's); Latin 5 pt."""
    if text in "“”‘’":
        return font, 4.0
    return font, sum(CELL if ord(c) > 0x2000 else 5.0 for c in text)


def lines_of(text, chars=10, indent=0, justify=True):
    units = make_units((Span(text),), "body", 10, CELL, fake_measure)
    return break_lines(units, chars * CELL, indent * CELL, justify, CELL)


def texts(lines):
    return [line.text for line in lines]


def test_plain_han_text_fills_every_line_with_exactly_the_grid():
    lines = lines_of("一二三四五六七八九十" * 3 + "甲乙丙")
    assert texts(lines)[:3] == ["一二三四五六七八九十"] * 3
    assert all(line.xs[-1] + line.widths[-1] == pytest.approx(100) for line in lines[:-1])


def test_a_full_stop_or_comma_after_a_full_line_hangs_past_the_edge():
    # 10 cells of text, then "，": it hangs outside the measure (Word's overflowPunct);
    # the line keeps its 10 grid characters and nothing is squeezed
    lines = lines_of("一二三四，六七八九十，甲乙丙丁")
    assert texts(lines)[0] == "一二三四，六七八九十，"
    assert lines[0].xs[-1] == pytest.approx(100)               # the hanging comma starts at the edge
    assert lines[0].widths[4] == pytest.approx(CELL)            # the inner comma keeps its cell
    assert lines[1].text[0] not in NO_START


def test_a_colon_semicolon_or_exclamation_mark_hangs_like_a_full_stop():
    # LibreOffice's zh-CN hanging set is 。，、．：；！？: the DOCX keeps 10 cells here too
    for mark in "：；！？":
        lines = lines_of(f"一二三四，六七八九十{mark}甲乙丙丁")
        assert texts(lines)[0] == f"一二三四，六七八九十{mark}"
        assert lines[0].xs[-1] == pytest.approx(100)
        assert lines[0].widths[4] == pytest.approx(CELL)


def test_a_closing_quote_that_overflows_pushes_the_last_character_down_unsqueezed():
    # ” may not hang nor start a line: 十” goes down, the inner comma is not squeezed to
    # pull it in (LibreOffice cannot squeeze on the character grid), the line is stretched
    lines = lines_of("一二三四，六七八九十”甲乙丙丁")
    assert texts(lines)[0] == "一二三四，六七八九"
    assert texts(lines)[1].startswith("十”")
    assert lines[0].widths[4] == pytest.approx(CELL)
    assert lines[0].xs[-1] + lines[0].widths[-1] == pytest.approx(100)


def test_an_opening_quote_after_a_full_stop_at_the_line_end_is_pushed_down_with_its_word():
    # 。“学 at the end of a full line: 。 and “ are not squeezed into one cell
    lines = lines_of("一二三四五六七八九。“学而”乙丙丁")
    assert texts(lines)[0] == "一二三四五六七八九。"
    assert texts(lines)[1].startswith("“学")
    assert all(width == pytest.approx(CELL) for width in lines[0].widths)


def test_opening_mark_never_ends_a_line():
    lines = lines_of("一二三四五六七八九“十”甲乙丙丁戊己庚辛")
    assert all(line.text[-1] not in NO_END for line in lines)
    assert texts(lines)[1].startswith("“十”")


def test_dash_and_ellipsis_pairs_are_never_split_nor_start_a_line():
    for pair in ("——", "……"):
        lines = lines_of("一二三四五六七八九" + pair + "甲乙丙丁戊己庚辛壬")
        assert all(pair not in (line.text[-1:] + nxt.text[:1])
                   for line, nxt in zip(lines, lines[1:]))
        assert all(not line.text.startswith(pair[0]) for line in lines)


def test_a_runt_last_line_is_avoided_by_pushing_a_character_down():
    lines = lines_of("一二三四五六七八九十甲。")
    assert texts(lines) == ["一二三四五六七八九", "十甲。"]


def test_latin_words_and_numbers_stay_whole():
    lines = lines_of("一二三四五六七八2022年度X%的")
    assert any("2022" in t for t in texts(lines))
    assert all(t not in ("202", "22") for t in texts(lines))
    assert not any(line.text.startswith("%") for line in lines)


def test_first_line_indent_takes_two_cells():
    lines = lines_of("一二三四五六七八九十甲乙", indent=2)
    assert lines[0].xs[0] == pytest.approx(20)
    assert texts(lines)[0] == "一二三四五六七八"


def test_last_line_is_not_stretched():
    lines = lines_of("一二三四五六七八九十甲乙丙丁")
    last = lines[-1]
    assert last.xs == pytest.approx([i * CELL for i in range(len(last.units))])


def test_narrow_quotes_get_a_full_cell():
    lines = lines_of("说“好”字")
    assert [round(w) for w in lines[0].widths] == [10, 10, 10, 10, 10]


# -- Latin runs longer than a line (URLs, paths, serial numbers) ---------------------------------
def long_lines(text, chars=10):
    units = make_units((Span(text),), "body", 10, CELL, fake_measure, longest=chars * CELL)
    return break_lines(units, chars * CELL, 0, True, CELL)


def test_a_url_longer_than_a_line_breaks_after_slashes_dots_and_dashes_first():
    url = "http://ab.cd/ef-gh_ij?k=lm/nopq"              # Latin: 5 pt, 20 to a line
    lines = long_lines("见" + url + "。")
    assert "".join(texts(lines)) == "见" + url + "。"
    assert all(line.xs[-1] + line.widths[-1] <= 100 + 1e-6 for line in lines)
    assert [t[-1] for t in texts(lines)[:-1]] and all(t[-1] in "/.-_?&=#" for t in texts(lines)[:-1])


def test_a_run_with_no_break_mark_breaks_anywhere_filling_each_line():
    lines = long_lines("编号" + "A" * 50 + "止")
    assert texts(lines) == ["编号" + "A" * 16, "A" * 20, "A" * 14 + "止"]


def test_a_latin_run_that_fits_is_never_broken_inside_nor_stretched():
    lines = long_lines("一二三四五六七八3.5和2022-10-28等九十")
    assert any("3.5" in t for t in texts(lines)) and any("2022-10-28" in t for t in texts(lines))
    for line in lines:                                    # pieces of one word sit edge to edge
        for a, b, x, w, nx in zip(line.units, line.units[1:], line.xs, line.widths, line.xs[1:]):
            if a.kind == b.kind == "latin":
                assert nx == pytest.approx(x + w)
