"""The three-way merge of content files on its own (handout/docx_in/merge.py): what is one
place, what is a conflict, and the property that edits to different places all apply, in
either order, giving the same bytes as making them all by hand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from handout.docx_in.merge import merge_content, sentences

HEAD = "---\ntitle: 讲话\ndate: 2022年X月X日\n---\n\n"


def speech(paragraphs: list[str]) -> str:
    return HEAD + "\n\n".join(paragraphs) + "\n"


BASE = ["同志们：", "# 一、为什么办班", "第一句。第二句！第三句？", "第四段。", "第五段。"]


def test_neighbouring_paragraphs_edited_by_each_side_are_both_kept():
    ours = speech(BASE[:3] + ["第四段改了。"] + BASE[4:])
    theirs = speech(BASE[:2] + ["第一句。第二句！第三句改了？"] + BASE[3:4] + ["第五段，对方改。"])
    merged = merge_content(speech(BASE), ours, theirs)
    assert merged.conflicts == []
    assert merged.text == speech(BASE[:2] + ["第一句。第二句！第三句改了？", "第四段改了。", "第五段，对方改。"])


def test_different_sentences_of_one_paragraph_both_apply_and_the_same_one_conflicts():
    ours = speech(BASE[:2] + ["第一句改。第二句！第三句？"] + BASE[3:])
    theirs = speech(BASE[:2] + ["第一句。第二句！第三句，另改？"] + BASE[3:])
    assert merge_content(speech(BASE), ours, theirs).text == speech(
        BASE[:2] + ["第一句改。第二句！第三句，另改？"] + BASE[3:])
    clash = speech(BASE[:2] + ["第一句另一种改法。第二句！第三句？"] + BASE[3:])
    merged = merge_content(speech(BASE), ours, clash)
    assert merged.text == ours                                   # today's text kept
    assert [(c.where, c.base, c.ours, c.theirs) for c in merged.conflicts] == [
        ("¶3", "第一句。", "第一句改。", "第一句另一种改法。")]
    assert merge_content(speech(BASE), ours, clash, decide="theirs").text == clash


def test_a_paragraph_deleted_by_one_side_and_edited_by_the_other_is_a_conflict():
    ours = speech(BASE[:3] + BASE[4:])
    theirs = speech(BASE[:3] + ["第四段，改。"] + BASE[4:])
    merged = merge_content(speech(BASE), ours, theirs)
    assert merged.text == ours and len(merged.conflicts) == 1
    assert merged.conflicts[0].ours == "" and merged.conflicts[0].theirs == "第四段，改。"


def test_two_different_paragraphs_added_at_one_place_conflict_and_the_same_one_does_not():
    ours = speech(BASE + ["结尾甲。"])
    assert merge_content(speech(BASE), ours, speech(BASE + ["结尾甲。"])).text == ours
    merged = merge_content(speech(BASE), ours, speech(BASE + ["结尾乙。"]))
    assert merged.text == ours and merged.conflicts[0].theirs == "结尾乙。"


def test_front_matter_lines_merge_like_paragraphs():
    ours = speech(BASE).replace("date: 2022年X月X日", "date: 2022年10月28日")
    theirs = speech(BASE).replace("title: 讲话", "title: 在培训班上的讲话")
    assert merge_content(speech(BASE), ours, theirs).text == ours.replace("title: 讲话", "title: 在培训班上的讲话")


@given(st.text(alphabet="甲乙。！？；…”）*#\n X", max_size=60))
def test_sentences_are_the_block_cut_without_loss(text):
    assert "".join(sentences(text)) == text


# -- the property: three parties edit different places of one speech ----------------------------
PARAGRAPHS = st.lists(st.integers(1, 4), min_size=2, max_size=7)       # sentences per paragraph


@st.composite
def edit_session(draw):
    sizes = draw(PARAGRAPHS)
    places = [(p, s) for p, n in enumerate(sizes) for s in range(n)]
    chosen = draw(st.lists(st.sampled_from(places), unique=True, max_size=len(places)))
    owners = draw(st.lists(st.sampled_from("ABC"), min_size=len(chosen), max_size=len(chosen)))
    gaps = draw(st.lists(st.integers(0, len(sizes)), unique=True, max_size=3))
    gap_owners = draw(st.lists(st.sampled_from("ABC"), min_size=len(gaps), max_size=len(gaps)))
    return sizes, dict(zip(chosen, owners)), dict(zip(gaps, gap_owners))


def version(sizes, edits, added, who: str) -> str:
    """The speech with the edits of the parties in `who`: sentences rewritten, paragraphs added."""
    out = []
    for p, n in enumerate(sizes + [0]):
        if added.get(p, "-") in who:
            out.append(f"{added[p]}方在第{p}段前加的一段话。")
        if p == len(sizes):
            break
        out.append("".join(f"{'改过的' if edits.get((p, s), '-') in who else ''}第{p}段第{s}句话。"
                           for s in range(n)))
    return speech(out)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(edit_session())
def test_edits_to_different_places_all_apply_in_either_order(session):
    sizes, edits, added = session
    base, clerk = version(sizes, edits, added, ""), version(sizes, edits, added, "C")
    a, b = version(sizes, edits, added, "A"), version(sizes, edits, added, "B")
    a_first = merge_content(base, merge_content(base, clerk, a).text, b)
    b_first = merge_content(base, merge_content(base, clerk, b).text, a)
    assert a_first.conflicts == [] and b_first.conflicts == []
    assert a_first.text == b_first.text == version(sizes, edits, added, "ABC")
