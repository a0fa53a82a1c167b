"""Each paragraph-repair rule with a small case (see the rules in handout/ingest/paragraphs.py)."""

from handout.ingest.paragraphs import SourceLine, build_paragraphs
from handout.ingest.rules import load_rules

RULES = load_rules()


def paragraphs(*texts, blank_before=()):
    lines = [SourceLine(n, t, after_blank=n in blank_before) for n, t in enumerate(texts, 1)]
    return build_paragraphs(lines, RULES)[0]


def shown(*texts, **kw):
    """Paragraphs as 'kind:level:text' with bold leads in **…**."""
    out = []
    for p in paragraphs(*texts, **kw):
        text, last, parts = p.text, 0, []
        for a, b in p.leads:
            parts += [text[last:a], "**", text[a:b], "**"]
            last = b
        parts.append(text[last:])
        out.append(f"{p.kind}:{p.level}:{''.join(parts)}")
    return out


def test_a_line_ending_with_a_comma_or_semicolon_goes_on_in_the_next():
    assert shown("通过招聘选调生，为基层补充了新鲜血液；", "通过引进研究生，储备了人才。") == [
        "para:0:通过招聘选调生，为基层补充了新鲜血液；通过引进研究生，储备了人才。"]


def test_a_line_ending_a_sentence_is_a_paragraph():
    assert len(paragraphs("第一段话。", "第二段话。")) == 2


def test_the_next_run_in_item_is_not_joined_to_the_one_before():
    got = paragraphs("一是时间保证，要按时到课；", "二是纪律保证，要遵守规定。")
    assert [p.text for p in got] == ["一是时间保证，要按时到课；", "二是纪律保证，要遵守规定。"]


def test_the_first_item_after_an_unfinished_lead_in_is_joined_and_keeps_its_bold_lead():
    assert shown("组工干部讲学习，", "一是方法。要多读书。") == [
        "para:0:组工干部讲学习，**一是方法。**要多读书。"]


def test_a_blank_line_always_ends_a_paragraph():
    assert len(paragraphs("大家要注意，", "保持干劲。", blank_before=(2,))) == 2


def test_a_long_unpunctuated_line_was_cut_mid_sentence_but_a_short_one_stands():
    assert len(paragraphs("组织工作要为实施战略选干部配班子聚人才就必然要求组工干部", "铺路架桥。")) == 1
    assert len(paragraphs("谢谢大家", "散会。")) == 2


def test_merged_run_in_items_are_split_at_the_next_numeral():
    got = paragraphs("一要有干事创业的激情。要充满活力。二要有胸怀全局的站位。要谋全局。三要有担当。")
    assert [p.text for p in got] == ["一要有干事创业的激情。要充满活力。", "二要有胸怀全局的站位。要谋全局。",
                                     "三要有担当。"]


def test_items_inside_a_paragraph_that_does_not_start_with_one_are_left_alone():
    text = "做到三个保证：一是时间保证。不要请假。二是纪律保证。不要迟到。"
    assert [p.text for p in paragraphs(text)] == [text]


def test_headings_take_levels_from_the_families_used():
    got = shown("第一，把事业当家业", "人，总是要有一点精神的。", "1、契而不舍的奋斗精神。", "组织工作任务重。")
    assert got == ["heading:1:第一，把事业当家业", "para:0:人，总是要有一点精神的。",
                   "heading:2:1、契而不舍的奋斗精神。", "para:0:组织工作任务重。"]


def test_a_numbered_line_of_several_sentences_is_a_paragraph_with_a_bold_lead():
    assert shown("1、提高学习能力。学习能力是基础能力。") == ["para:0:**1、提高学习能力。**学习能力是基础能力。"]


def test_the_four_levels_of_gb_t_9704_are_four_heading_levels():
    got = shown("一、总体要求", "（一）加强学习", "1.读书", "（1）精读", "正文。", "（2）泛读", "2．写作")
    assert got == ["heading:1:一、总体要求", "heading:2:（一）加强学习", "heading:3:1.读书",
                   "heading:4:（1）精读", "para:0:正文。", "heading:4:（2）泛读", "heading:3:2．写作"]


def test_a_fifth_heading_family_stays_a_bold_paragraph():
    got = shown("一、总体要求", "（一）加强学习", "第一，读书", "1、精读", "（1）做笔记", "正文。")
    assert got == ["heading:1:一、总体要求", "heading:2:（一）加强学习", "heading:3:第一，读书",
                   "heading:4:1、精读", "para:0:**（1）做笔记**", "para:0:正文。"]


def test_long_first_sentences_are_not_bold():
    assert shown("一是要把加强组工干部业务精通能力放到当前形势发展的大背景下和全市组织工作的现状中来认识。其次。") \
        == ["para:0:一是要把加强组工干部业务精通能力放到当前形势发展的大背景下和全市组织工作的现状中来认识。其次。"]


def test_the_salutation_is_its_own_paragraph():
    got = paragraphs("全市各级组织战线的同志们：", "今天我们开会，", "研究工作。")
    assert [(p.kind, p.text) for p in got] == [("salutation", "全市各级组织战线的同志们："),
                                               ("para", "今天我们开会，研究工作。")]
