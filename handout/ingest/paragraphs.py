"""Repairing paragraphs: source lines -> headings and paragraphs as a careful editor sets them.

The rules, each with a test in tests/ingest/test_paragraphs.py:

1. A line that starts with a heading numeral (一、 （一） 第一， 1. 1、 （1） …) and is one short
   sentence is a heading. The outermost family used in the speech is level 1, the next level
   2, and so on to level 4 (GB/T 9704 7.3.3: 一、 （一） 1. （1））; a fifth family stays
   paragraphs with a bold lead.
2. A line is joined to the paragraph before it when that paragraph ends mid-sentence (with
   ，；、 or, for a long line, with no punctuation at all), unless a blank line separates them,
   one of them is a heading or salutation, or the line starts the next run-in item of the
   paragraph's own enumeration (一是……；  二是……).
3. A paragraph that starts a run-in item (一要……) is split where the next item of the same
   enumeration follows a full stop (……。二要……): two items merged into one line.
4. A paragraph (or a joined line inside one) that starts with a run-in item or a numbered lead
   gets its first sentence in bold, when that sentence is short (a lead, not a whole argument).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..body import MAX_LEVEL
from .normalize import is_han
from .rules import Rules, chinese_numeral
from ..i18n import Msg

SENTENCE_END = "。！？"
CONTINUES = "，；、,;"              # a line ending in one of these goes on in the next line
HEADING_MAX_CHARS = 50
LEAD_MAX_CHARS = 40
UNPUNCTUATED_BREAK_MIN = 20        # an unpunctuated line this long was cut mid-sentence
ATTACHMENTS = re.compile(r"^附\s*件\s*[：:]\s*")
SUBJECT_MIN_HAN = 2                # a heading's words after its numeral
OUTLINE_LEVELS = 10                # Word's levels 1-9 rank before the numeral families (0, 1, …)


@dataclass
class SourceLine:
    number: int
    text: str
    after_blank: bool = False


@dataclass
class Paragraph:
    kind: str                       # heading | salutation | para
    text: str
    lines: list[int] = field(default_factory=list)
    level: int = 0                  # headings: 1 to 4
    family: int | None = None       # headings: numbering family
    starts: list[int] = field(default_factory=lambda: [0])   # where each joined line begins
    leads: list[tuple[int, int]] = field(default_factory=list)   # paras: bold (start, end)


@dataclass
class Repair:
    """A join or split, for the report."""
    lines: list[int]
    what: str


def build_paragraphs(lines: list[SourceLine], rules: Rules, layout=None) -> tuple[list[Paragraph], list[Repair]]:
    """`layout` (readers.Layout): what a Word or PDF file says of its lines: their outline
    levels, and that each line is a paragraph as its author made it (never joined or split)."""
    repairs: list[Repair] = []
    paragraphs = [_classify(line, rules, layout) for line in lines]
    if layout is None or not layout.apart:
        paragraphs = _join_lines(paragraphs, lines, rules, repairs)
        paragraphs = [piece for p in paragraphs for piece in _split_merged_items(p, rules, repairs)]
    _items_are_not_headings(paragraphs, rules)
    _assign_levels(paragraphs)
    for paragraph in paragraphs:
        if paragraph.kind == "para" and not paragraph.leads:
            paragraph.leads = _leads(paragraph, rules)
    return paragraphs, repairs


def _classify(line: SourceLine, rules: Rules, layout=None) -> Paragraph:
    text = line.text
    if rules.salutation.match(text):
        return Paragraph("salutation", text, [line.number])
    family = rules.heading_family(text)
    outline = layout.headings.get(line.number) if layout is not None else None
    if outline is not None:           # a Word heading: its level ranks it, above typed numerals
        return Paragraph("heading", text, [line.number], family=outline - OUTLINE_LEVELS)
    if family is not None and _is_heading_shaped(text) and _names_a_subject(text, rules, family):
        return Paragraph("heading", text, [line.number], family=family)
    return Paragraph("para", text, [line.number])


def _is_heading_shaped(text: str) -> bool:
    """One short sentence: no sentence end before its last character, no dangling comma."""
    return (len(text) <= HEADING_MAX_CHARS
            and not any(ch in SENTENCE_END + "；;" for ch in text[:-1])
            and not text.endswith(tuple(CONTINUES)))


def _names_a_subject(text: str, rules: Rules, family: int) -> bool:
    """A heading says what it is about: a bare ordinal (第二点, 一、) is a signpost, not one."""
    rest = text[rules.headings[family].match(text).end():]
    return sum(1 for ch in rest if is_han(ch)) >= SUBJECT_MIN_HAN


def _join_lines(paragraphs: list[Paragraph], lines: list[SourceLine], rules: Rules,
                repairs: list[Repair]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for paragraph, line in zip(paragraphs, lines):
        previous = out[-1] if out else None
        if previous and not line.after_blank and _continues(previous, paragraph, rules):
            repairs.append(Repair([previous.lines[-1], line.number],
                                  Msg("joined: line {line} ends mid-sentence (“{end}”)",
                                      line=previous.lines[-1], end=previous.text[-1])))
            previous.starts.append(len(previous.text))
            previous.text += paragraph.text
            previous.lines += paragraph.lines
        else:
            out.append(paragraph)
    return out


def _continues(previous: Paragraph, line: Paragraph, rules: Rules) -> bool:
    if previous.kind != "para" or line.kind != "para":
        return False
    last = previous.text[-1]
    cut = last in CONTINUES or (is_han(last) and len(previous.text) >= UNPUNCTUATED_BREAK_MIN)
    return cut and not _is_next_item(previous.text, line.text, rules)


def _is_next_item(previous: str, text: str, rules: Rules) -> bool:
    """二是…… after a paragraph that began with 一是……: a new item, not a continuation."""
    mine, theirs = rules.run_in_item(text), rules.run_in_item(previous)
    return bool(mine and theirs and mine[0] == theirs[0] and mine[2] > theirs[2])


def _split_merged_items(paragraph: Paragraph, rules: Rules, repairs: list[Repair]) -> list[Paragraph]:
    item = rules.run_in_item(paragraph.text) if paragraph.kind == "para" else None
    if not item:
        return [paragraph]
    family, kind, number = item
    cuts, text = [0], paragraph.text
    while True:
        marker = _item_marker(rules, family, kind, number + 1)
        match = re.compile(f"(?<=[{SENTENCE_END}”」』])" + re.escape(marker)).search(text, cuts[-1])
        if not match:
            break
        cuts.append(match.start())
        number += 1
        repairs.append(Repair(paragraph.lines[:], Msg("split before “{marker}”: two run-in items "
                                                      "were merged in one line", marker=marker)))
    cuts.append(len(text))
    return [Paragraph("para", text[a:b], paragraph.lines[:],
                      starts=[0] + [s - a for s in paragraph.starts if a < s < b])
            for a, b in zip(cuts, cuts[1:])]


def _item_marker(rules: Rules, family: int, kind: str, number: int) -> str:
    """The text that starts item `number` of a run-in family: 二要, 第三，…"""
    numeral = chinese_numeral(number)
    return f"第{numeral}{kind}" if rules.run_in[family].pattern.startswith("^第") else numeral + kind


def _items_are_not_headings(paragraphs: list[Paragraph], rules: Rules) -> None:
    """Lines of one numbering family next to each other (1.……； 2.……； 3.……。) are the items
    of a list, not headings: a heading is followed by its text before the next one. (Word's
    own headings, by their outline level, are headings whatever follows them.)"""
    families = [_item_family(p, rules) for p in paragraphs]
    for index, (paragraph, family) in enumerate(zip(paragraphs, families)):
        if paragraph.kind != "heading" or family is None:
            continue
        neighbours = families[max(0, index - 1):index] + families[index + 1:index + 2]
        if family in neighbours:
            paragraph.kind, paragraph.family = "para", None


def _item_family(paragraph: Paragraph, rules: Rules) -> int | None:
    """The numbering family of a one-sentence numbered line (an item or a heading by its shape)."""
    if paragraph.kind == "heading":
        return paragraph.family if paragraph.family is not None and paragraph.family >= 0 else None
    text = ATTACHMENTS.sub("", paragraph.text)            # 附件：1．…… then 2．…… below it
    if paragraph.kind != "para" or any(ch in SENTENCE_END for ch in text[:-1]):
        return None
    return rules.heading_family(text)


def _assign_levels(paragraphs: list[Paragraph]) -> None:
    """Outermost heading family -> level 1, the next -> 2, … to 4; deeper ones become
    bold-led paragraphs."""
    families = sorted({p.family for p in paragraphs if p.kind == "heading"})
    for paragraph in paragraphs:
        if paragraph.kind != "heading":
            continue
        rank = families.index(paragraph.family)
        if rank < MAX_LEVEL:
            paragraph.level = rank + 1
        else:
            paragraph.kind, paragraph.leads = "para", [(0, len(paragraph.text))]


def _leads(paragraph: Paragraph, rules: Rules) -> list[tuple[int, int]]:
    """Bold leads at the paragraph's start and at the start of each line joined into it."""
    leads: list[tuple[int, int]] = []
    for start in paragraph.starts:
        length = _lead_length(paragraph.text[start:], rules)
        if length and (not leads or start >= leads[-1][1]):
            leads.append((start, start + length))
    return leads


def _lead_length(text: str, rules: Rules) -> int:
    """Length of a bold lead (一是方法。) at the start of a paragraph, or 0."""
    if not (rules.run_in_item(text) or rules.heading_family(text) is not None):
        return 0
    match = re.search(f"[{SENTENCE_END}]", text)
    if not match or match.end() > LEAD_MAX_CHARS:
        return 0
    end = match.end()
    while end < len(text) and text[end] in "”’」』）)":
        end += 1                                          # a closing quote belongs to the lead
    return end
