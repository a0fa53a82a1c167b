"""Titles as an editor gives them: the page's title line or the piece's own heading without the
site's decorations (【3篇】, 范文, (2355字), .docx …), a byline split off into speaker and date,
a title the site printed twice in a row taken once; and where a page has no title at all, one
made from the occasion the opening sentence names (我们召开……大会 -> 在……大会上的讲话)."""

from __future__ import annotations

import re

from .normalize import normalise
from .rules import chinese_number, chinese_numeral
from .signals import KIND_WORDS, Lexicon, ends_with_kind, is_title_shaped, similarity
from ..i18n import Msg

KINDS = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
# (a speaker never starts with a colon or a dash: ……的讲话：如何当好村支部书记 is a subtitle)
BYLINE = re.compile(rf"^(?P<title>.{{4,60}}?(?:{KINDS}))(?P<speaker>[^（(。，,:：—-][^（(。，,:：]{{1,19}}?)?"
                    r"(?P<date>[（(]\s*(?:\d{4}|\d{2}[xX×]{2})\s*年[^）)]{2,10}[）)])?$")
# what an event is called where the opening names it by its verb: ……培训班开班了 -> 培训班开班式
EVENT_NAMES = {"开班": "开班式", "开学": "开学典礼", "结业": "结业式"}
# words that name the occasion of the speech itself, a few characters before the occasion named
THIS_OCCASION = re.compile(r"今天|今日|这次|本次|此次|这里|在此")
THIS_OCCASION_REACH = 8
ROLE = re.compile(r"(?:书记|长|主任|委员|代表|主席|同志|干部|老师|教师|经理|董事|领导|负责人|专员|秘书|常委)$")


def undecorated(text: str, lex: Lexicon) -> str:
    """The title without what the site added to it, spaces inside Chinese text removed."""
    text = normalise(text.strip())[0]
    while True:
        before = text
        for pattern in lex.decorations:
            text = pattern.sub("", text).strip()
        if text == before:
            return text


def split_byline(text: str) -> tuple[str, str | None, str | None]:
    """在……上的讲话市委常委、组织部长(2010年2月25日) -> title, speaker, date."""
    match = BYLINE.match(text)
    if not match or not (match["speaker"] or match["date"]):
        return text, None, None
    speaker = match["speaker"]
    if speaker and not ROLE.search(speaker):
        return text, None, None
    date = match["date"] and re.sub(r"[（()）\s]", "", match["date"])
    return match["title"], speaker, date


def undoubled(text: str, lex: Lexicon) -> tuple[str, str] | None:
    """A title glued to a (reworded) copy of itself: the two halves, else None."""
    middle = len(text) // 2
    for cut in sorted(range(4, len(text) - 3), key=lambda c: abs(c - middle)):
        first, second = text[:cut], text[cut:]
        if abs(len(first) - len(second)) > 4:
            continue
        if ends_with_kind(first) and ends_with_kind(second) and \
                similarity(first, second) >= lex.limits["title_similarity"]:
            return first, second
    return None


def is_speaker_role(text: str) -> bool:
    return bool(ROLE.search(text)) and not re.search(r"\d", text)


def title_from_opening(texts: list[str], lex: Lexicon, kind: str = "讲话") -> tuple[str, str] | None:
    """(title, occasion) from the occasion the first sentences name, or None. An occasion named
    as this one (今天, 这次 …) is preferred to one the opening recalls (前不久召开了……分析会)."""
    found = []                  # this occasion first, then the earliest sentence, then the fullest name
    for place, text in enumerate(texts):
        for pattern in lex.openings:
            for match in pattern.finditer(text):
                near = text[max(0, match.start() - THIS_OCCASION_REACH):match.end()]
                occasion = _occasion(match)
                found.append((not THIS_OCCASION.search(near), place, -len(occasion), len(found), occasion))
    if not found:
        return None
    occasion = min(found)[-1]
    return f"在{occasion}上的{kind}", occasion


def _occasion(match: re.Match) -> str:
    """The occasion's words in the order the opening gives them: “主题”演讲比赛, 新生 + 开学典礼,
    ……培训班 + 开班 (named by its verb, as 开班式)."""
    groups = {k: v for k, v in match.groupdict().items() if v}
    event = groups.get("event", "")
    return "".join(groups.get(k, "") for k in ("quote", "who", "occasion")) + EVENT_NAMES.get(event, event)


def completed_kind(text: str) -> str:
    """A title cut inside its last word (……例会上的讲) with the kind word completed (……讲话)."""
    if ends_with_kind(text):
        return text
    for kind in sorted(KIND_WORDS, key=len):
        for cut in range(len(kind) - 1, 0, -1):
            if text.endswith(kind[:cut]) and text[:-cut].endswith(("的", "上")):
                return text + kind[cut:]
    return text


def looks_like_title(text: str, lex: Lexicon) -> bool:
    return is_title_shaped(text, lex) and not re.match(r"^[一二三四五六七八九十]{1,3}、|^[（(][一二三四五六七八九十]", text)


PIECE_NUMBER = re.compile(r"(?:篇\s*|第\s*)(?P<n>[0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*篇?\s*[】\]）)]?\s*[:：]?")


def number_alike_titles(speeches: list, lex: Lexicon) -> None:
    """A page of pieces under one heading (……演讲稿篇1, ……演讲稿篇2): each title gets its piece's
    number, as the page wrote it (（篇1）, （篇二）). A piece before the first numbered one,
    holding only the end of a piece begun on the page before, takes the next piece's title and
    the number before it, flagged for review."""
    numbers = [_piece_number(s.separator) for s in speeches]
    if len(speeches) < 2 or not any(numbers):
        return
    lead = speeches[0]
    if not lead.separator and numbers[1] and _value(numbers[1]) > 1 and not ends_with_kind(lead.meta.title or ""):
        before = _value(numbers[1]) - 1
        numbers[0] = str(before) if numbers[1].isdigit() else chinese_numeral(before)
        lead.meta.title, lead.meta.derived = speeches[1].meta.title, Msg("the next piece's title (its number before it)")
        lead.notes.append(Msg("the page begins inside piece {number}: its title was taken from the next piece; "
                               "check it", number=numbers[0]))
    titles = [s.meta.title for s in speeches]
    for speech, number in zip(speeches, numbers):
        if number and titles.count(speech.meta.title) > 1:
            speech.meta.title = f"{speech.meta.title}（篇{number}）"


def _piece_number(label: str) -> str | None:
    match = None
    for match in PIECE_NUMBER.finditer(label or ""):
        pass
    return match["n"] if match else None


def _value(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else chinese_number(numeral)
