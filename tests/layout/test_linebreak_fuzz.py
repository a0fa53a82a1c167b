"""Property tests: for any mix of Han text, Latin, digits and punctuation, the line breaker
loses no character, never overflows the measure, and never puts a closing mark at a line start (or an opening mark at a
line end) unless the text leaves no legal break at all."""

from hypothesis import given, settings, strategies as st

from handout.layout.linebreak import HANGING, NO_END, NO_START, atoms_of, break_lines, make_units
from handout.model import Span
from tests.layout.test_linebreak import CELL, fake_measure

HAN = st.sampled_from("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质")
PUNCT = st.sampled_from("，。、；：？！“”‘’（）《》——……·")
LATIN = st.sampled_from(["X", "2022", "10:30", "GDP", "X%", "3", " "])
PIECES = st.lists(st.one_of(HAN, HAN, HAN, PUNCT, LATIN), min_size=1, max_size=120)


@settings(max_examples=1000, deadline=None)
@given(PIECES, st.integers(5, 30), st.booleans())
def test_no_character_is_lost_and_kinsoku_holds(pieces, chars, justify):
    text = "".join(pieces)
    units = make_units((Span(text),), "body", 10, CELL, fake_measure)
    lines = break_lines(units, chars * CELL, 2 * CELL, justify, CELL)
    assert "".join(l.text for l in lines).replace(" ", "") == text.replace(" ", "")
    longest_atom = max((sum(u.width for u in a) for a in atoms_of(units)), default=0)
    if longest_atom <= (chars - 2) * CELL:        # a legal break always exists
        for i, line in enumerate(lines):                # nothing sticks out of the measure
            if line.units:
                end = line.xs[-1] if line.text[-1] in HANGING else line.xs[-1] + line.widths[-1]
                assert end <= chars * CELL + 1e-6, line.text        # a hanging 。， starts at the edge
        for before, line in zip(lines, lines[1:]):
            assert line.text[:1] not in NO_START, (before.text, line.text)
            assert before.text[-1:] not in NO_END, (before.text, line.text)
