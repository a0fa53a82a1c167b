"""Titles as an editor gives them: the page's title line or the piece's own heading without the
site's decorations (【3篇】, 范文, (2355字), .docx …), a byline split off into speaker and date,
a title the site printed twice in a row taken once; and where a page has no title at all, one
made from the occasion the opening sentence names (我们召开……大会 -> 在……大会上的讲话)."""

from __future__ import annotations

import re

from .normalize import normalise
from .signals import KIND_WORDS, Lexicon, ends_with_kind, is_title_shaped, similarity

KINDS = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
BYLINE = re.compile(rf"^(?P<title>.{{4,60}}?(?:{KINDS}))(?P<speaker>[^（(。，,]{{2,20}}?)?"
                    r"(?P<date>[（(]\s*(?:\d{4}|\d{2}[xX×]{2})\s*年[^）)]{2,10}[）)])?$")
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
    """(title, occasion) from the occasion the first sentences name, or None."""
    for text in texts:
        for pattern in lex.openings:
            match = pattern.search(text)
            if not match:
                continue
            groups = match.groupdict()
            occasion = groups.get("occasion") or f"{groups['quote']}{groups['event']}"
            return f"在{occasion}上的{kind}", occasion
    return None


def looks_like_title(text: str, lex: Lexicon) -> bool:
    return is_title_shaped(text, lex) and not re.match(r"^[一二三四五六七八九十]{1,3}、|^[（(][一二三四五六七八九十]", text)
