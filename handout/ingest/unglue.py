"""Lines a site glued together, cut apart: a title run into the salutation (……的讲话同志们：今天……),
the header pieces before it (a title printed twice, a date in brackets), and a whole page on
one line whose paragraphs are separated only by spaces. Every cut is listed in the report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import chinese_number, chinese_numeral
from .signals import KIND_WORDS, Lexicon
from .titles import looks_like_title, undoubled
from ..i18n import Msg

ADDRESSEES = "(?:同志们|同事们|朋友们|同学们|老师们|女士们|先生们|学员们|各位领导|各位来宾|各位委员)"
SALUTATION_IN_LINE = re.compile(                   # (老师们，同学们，大家好: several addressees in a row)
    r"(?:尊敬的[^。！？!?：:]{1,40}?|亲爱的[^。！？!?：:，,]{0,10}?|各位|全体)?"
    rf"(?:{ADDRESSEES}[，,、])*{ADDRESSEES}"
    r"(?:[^。！？!?：:]{0,30}?[:：]|[，,](?=大家(?:上午|下午|晚上)?好))")
KINDS = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
# titles a one-line page begins with, glued to each other and to the speech:
# 县委书记在……上的讲话201X/X/XX在……上的讲话xxx同志讲话今天这次会议，……
GLUED_TITLE = re.compile(rf"^[^。！？!?，,；;：:“”]{{4,60}}?(?:{KINDS})(?:范文|精选|全文|(?:19|20)\d{{2}}年)*")
GLUED_TITLE_REST = 20            # ... followed by at least this much of the page
DATE = re.compile(r"^[（(]?\s*(?:\d{4}|\d{2}[xX×]{2}|[X×]{1,4})\s*年[^）)]{0,10}[）)]?$")
PARAGRAPH_GAP = re.compile(r"(?<=[。！？!?：:…])\s+(?=\S)|\s+(?=[一二三四五六七八九十]{1,3}、)")
# 一、 or （一） right after a full stop inside a line: a heading the page lost its line break before
GLUED_HEADING = re.compile(r"(?<=[。！？!?：:])(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^\s]{4})")
HEADING_THEN_SPACE = re.compile(r"^([一二三四五六七八九十]{1,3}、[^。！？，,\s]{2,30})\s+(\S.*)$")
NUMBERED = re.compile(r"篇\s*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})")
NUMBERED_REACH = 30              # a piece heading before 篇N is at most this long
NUMBERED_MIN = 4                 # ... and at least this long
SALUTATION_WITHIN = 150          # a salutation this far into a line may have a title glued before it
HEADER_MAX = 120                 # ... which is at most this long
LONG_LINE = 200                  # a line this long with spaces after its full stops is many paragraphs


@dataclass
class Fragment:
    number: int
    text: str


def fragments(lines: list[str], lex: Lexicon, skip: set[int]) -> tuple[list[Fragment], list[tuple[int, str]]]:
    """The page's lines as fragments (several per glued line) and the cuts made, for the report."""
    out: list[Fragment] = []
    cuts: list[tuple[int, str]] = []
    heading = numbered_heading([t for i, t in enumerate(lines) if i not in skip])
    for index, text in enumerate(lines):
        number = index + 1
        if index in skip:
            continue
        glued = _cut_numbered(text, heading) if heading else [text]
        if len(glued) == 1 and not out and len(text) >= LONG_LINE:
            glued = _cut_glued_titles(text, lex)
        if len(glued) > 1:
            cuts.append((number, Msg("cut before and after each “{heading}篇N” glued into the line", heading=heading)))
            for piece in glued:
                pieces, what = _cut_line(piece, lex)
                out += [Fragment(number, p) for p in pieces]
            continue
        pieces, what = _cut_line(text, lex)
        if what:
            cuts.append((number, what))
        out += [Fragment(number, piece) for piece in pieces] or [Fragment(number, "")]
    return out, cuts


def _cut_glued_titles(text: str, lex: Lexicon) -> list[str]:
    """The title lines a one-line page begins with, each cut off (a title, its date, a copy)."""
    if SALUTATION_IN_LINE.search(text, 0, SALUTATION_WITHIN + 40):
        return [text]                             # the salutation cut does it
    out = []
    while (match := GLUED_TITLE.match(text)) and len(text) - match.end() >= GLUED_TITLE_REST \
            and looks_like_title(match.group(), lex):
        out.append(match.group())
        text = text[match.end():]
    return out + [text]


def numbered_heading(lines: list[str]) -> str | None:
    """The heading a page puts before each of its pieces (……演讲稿篇1 … ……演讲稿篇2), learnt from
    the page itself: the longest text (starting with a Chinese character) found before two or
    more 篇N. None when no heading recurs."""
    befores = [squeeze_right(text[max(0, m.start() - NUMBERED_REACH):m.start()])
               for text in lines for m in NUMBERED.finditer(text)]
    counts: dict[str, int] = {}
    for before in befores:
        for size in range(NUMBERED_MIN, len(before) + 1):
            counts[before[-size:]] = counts.get(before[-size:], 0) + 1
    found = [t for t, n in counts.items() if n >= 2 and re.match(r"[\u4e00-\u9fff《“]", t)]
    return max(found, key=len) if found else None


def squeeze_right(text: str) -> str:
    return text.rstrip()


def _cut_numbered(text: str, heading: str) -> list[str]:
    """The line cut before and after each heading+篇N, N counting 1, 2, 3 … (so 篇15月1日 is
    篇1 then 5月1日, as the next heading is 篇2)."""
    pattern = re.compile(re.escape(heading) + r"\s*篇\s*(?P<n>[0-9]{1,3}|[一二三四五六七八九十]{1,3})")
    out, at, expected = [], 0, 1
    for match in pattern.finditer(text):
        digits = match["n"]
        if digits[0].isdigit():
            take = next((str(n) for n in (expected, 1) if digits.startswith(str(n))), None)
        else:
            take = next((chinese_numeral(n) for n in (expected, 1) if digits.startswith(chinese_numeral(n))), None)
        if take is None or match.start() < at:
            continue
        expected = chinese_number(take) + 1
        end = match.start("n") + len(take)
        out += [text[at:match.start()].strip(), text[match.start():end]]
        at = end
    out.append(text[at:].strip())
    return [piece for piece in out if piece]


def _cut_line(text: str, lex: Lexicon) -> tuple[list[str], str]:
    match = SALUTATION_IN_LINE.search(text, 0, SALUTATION_WITHIN + 40)
    if match and match.start() <= SALUTATION_WITHIN and (match.start() > 0 or match.end() < len(text)):
        before, rest = text[:match.start()].strip(), text[match.end():].strip()
        headers = _header_pieces(before, lex) if before and _header_like(before) else []
        if (headers and all(_title_or_date(h, lex) for h in headers)) or (not before and rest):
            opening = [match.group() + rest] if match.group()[-1] in ",，" else [match.group(), rest]
            body = [p for piece in opening if piece for p in _paragraphs(piece)]
            body = [p for piece in body for p in GLUED_HEADING.split(piece) if p]
            what = (Msg("cut: the title (and what follows it) is glued to the salutation") if headers
                    else Msg("cut: the salutation is glued to the first paragraph"))
            return headers + body, what
    pieces = _paragraphs(text)
    if len(pieces) > 1:
        return pieces, Msg("cut at the spaces between paragraphs (the page was one line)")
    pieces = [p for p in GLUED_HEADING.split(text) if p]
    return pieces, (Msg("cut before a heading glued to the sentence before it") if len(pieces) > 1 else "")


def _header_like(text: str) -> bool:
    """Could be a title (and date) glued before the salutation, not the salutation's own
    start (全市各级组织战线的|同志们：)."""
    return (len(text) <= HEADER_MAX and not re.search(r"[。！？!?，,]", text)
            and not text.endswith(("的", "、", "和", "及", "与")))


def _title_or_date(text: str, lex: Lexicon) -> bool:
    return looks_like_title(text, lex) or bool(DATE.match(text))


def _header_pieces(text: str, lex: Lexicon) -> list[str]:
    """标题 文章标题：标题 （日期） -> the pieces; a title glued to its own copy -> two pieces."""
    out = []
    for piece in re.split(r"\s+", text) if text else []:
        doubled = undoubled(piece, lex)
        out += list(doubled) if doubled else [piece]
    return out


def _paragraphs(text: str) -> list[str]:
    if len(text) < LONG_LINE or not PARAGRAPH_GAP.search(text):
        return [text]
    out = []
    for piece in PARAGRAPH_GAP.split(text):
        heading = HEADING_THEN_SPACE.match(piece)
        out += [heading[1], heading[2]] if heading else [piece] if piece else []
    return out
