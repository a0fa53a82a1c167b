"""The headings' numbering checked: the office's most common structural slip.

GB/T 9704 7.3.3 numbers the four levels 一、 （一） 1. （1）. A speech that goes 一、 then 三、,
starts a level at （二）, puts （一） under no 一、 heading, or goes from 一、 straight to 1.
(skipping （一）) was almost always edited by hand and left half done. Each is a warning naming
the heading's line (an error with --strict); the build (content.py) and ingest both check.
Headings without a number (第一句话 counts as one; 关于…… does not) are not checked.
"""

from __future__ import annotations

import re

from .i18n import Msg

NUMERALS = "一二三四五六七八九十"
# A heading's number: its numeral, in the forms speeches use at any level.
NUMBER = re.compile(r"^(?:第(?P<di>[一二三四五六七八九十]{1,3})"
                    r"|(?P<cn>[一二三四五六七八九十]{1,3})、"
                    r"|[（(](?P<pcn>[一二三四五六七八九十]{1,3})[）)]"
                    r"|(?P<arabic>\d{1,2})[、．.](?!\d)"
                    r"|[（(](?P<parabic>\d{1,2})[）)])")


def chinese_number(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20 (enough for enumerations)."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return NUMERALS.index(numeral) + 1
    tens, _, ones = numeral.partition("十")
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)


def chinese_numeral(number: int) -> str:
    """The inverse of chinese_number for 1..99."""
    tens, ones = divmod(number, 10)
    text = (NUMERALS[tens - 1] if tens > 1 else "") + ("十" if tens else "")
    return text + (NUMERALS[ones - 1] if ones else "")


def heading_number(text: str) -> tuple[str, int, str] | None:
    """(form, number, the number as written) of a heading that starts with one
    (一、… -> ("cn", 1, "一、")), else None."""
    match = NUMBER.match(text)
    if match is None:
        return None
    form = match.lastgroup
    try:
        return form, chinese_number(match.group(form)), match.group(0)
    except ValueError:               # 十十: not a numeral
        return None


def _respelled(found: tuple[str, int, str], number: int) -> str:
    """The number as `found` writes its own, with `number` in its place: 三、 -> 二、."""
    form, old, written = found
    spell = str if form in ("arabic", "parabic") else chinese_numeral
    return written.replace(spell(old), spell(number), 1)


def numbering_problems(headings: list[tuple[int, str, int]]) -> list[tuple[int, Msg]]:
    """(line, message) for each slip in `headings`, (level, text, line) in reading order;
    each message a Msg, shown translated by whoever prints it."""
    problems: list[tuple[int, str]] = []
    open_at: dict[int, str] = {}               # level -> the heading open at that level
    last: dict[int, tuple[str, int, str]] = {}     # level -> (form, number, text) of its last heading
    for level, text, line in headings:
        for deeper in [lv for lv in open_at if lv >= level]:
            del open_at[deeper]
        for deeper in [lv for lv in last if lv > level]:
            del last[deeper]
        parent = max(open_at, default=0)
        if parent < level - 1:
            problems.append((line, Msg(
                "heading “{text}” (level {level}) follows “{parent_text}” (level {parent}) with "
                "no level-{above} heading between", text=_clip(text), level=level,
                parent_text=_clip(open_at[parent]), parent=parent, above=level - 1) if parent else
                Msg("heading “{text}” (level {level}) is under no level-{above} heading",
                    text=_clip(text), level=level, above=level - 1)))
        found = heading_number(text)
        if found is not None:
            form, number, written = found
            before = last.get(level)
            expected = before[1] + 1 if before and before[0] == form else 1
            if number != expected and (before is None or before[0] == form):
                values = dict(text=_clip(text), written=written, expected=_respelled(found, expected))
                if before:
                    message = Msg("heading “{text}” is numbered {written} after “{before}”: "
                                  "{expected} is expected", before=_clip(before[2]), **values)
                elif parent:
                    message = Msg("heading “{text}” is numbered {written} as the first under "
                                  "“{parent_text}”: {expected} is expected",
                                  parent_text=_clip(open_at[parent]), **values)
                else:
                    message = Msg("heading “{text}” is numbered {written} as the first: "
                                  "{expected} is expected", **values)
                problems.append((line, message))
            last[level] = (form, number, text)
        open_at[level] = text
    return problems


def _clip(text: str, width: int = 16) -> str:
    return text if len(text) <= width else text[:width] + "…"
