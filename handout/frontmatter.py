"""A content file's front matter: `key: value` lines, every value text as written.

Values are read as written (yamltext.py: `title: 1:30` is 1:30, not 90 in base 60); this
module decides the few keys that are not text (`order`) and the spellings of `date`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import UserError, format_diagnostic
from .i18n import N_, Msg, _
from .invisible import char_name, is_invisible
from .yamltext import is_empty, key_value_pairs

KNOWN_KEYS = ("date", "marking", "note", "occasion", "order", "source", "speaker", "subtitle", "title")
# Printed on the page: a YAML comment cutting one of these short is worth a warning.
PRINTED_KEYS = ("title", "subtitle", "speaker", "date", "occasion", "note", "marking")
# ASCII digits only: \d would also take Arabic-Indic (٢٠٢٢) and full-width (２０２２) digits.
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
# 2022-10-28, 2022-1-5, 2022/10/28, 2022.10.28, 2022年10月28日, optionally with a time after.
DATE = re.compile(r"([0-9]{4})\s*(?:([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})|年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日)"
                  r"(?:(?:\s+|T)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?")
# What a quoted value's escapes can make ("\x00", "\ud800", "\uFFFE") and no page can print:
# control characters (but tab and line breaks), surrogates, non-characters.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                         "\ufffe\uffff" + "".join(f"{chr(p + 0xfffe)}{chr(p + 0xffff)}"
                                                     for p in range(0x10000, 0x110000, 0x10000)) + "]")


@dataclass(frozen=True)
class Entry:
    """One `key: value` line: the value's text (or a node kind for lists and maps)."""
    value: str | None
    kind: str            # "text", or "list"/"mapping" for values that are not text
    line: int            # 1-based line in the content file
    comment: str         # a YAML comment right after a plain value on its line, or ""


def read_front_matter(source: str, first_line: int, path: Path, warnings: list[str],
                      strict: bool, lines: dict | None = None) -> dict:
    """The front matter `source` (whose first line is line `first_line` of the file) as
    {key: value} for every known key (None when absent); UserError on anything unusable.
    Warnings go to `warnings`, and each key's line in the file to `lines` where given (so
    that a mistake in a printed value, found later, can name its line)."""
    entries = _entries(source, first_line, path)
    if lines is not None:
        lines.update((key, entry.line) for key, entry in entries.items())
    meta: dict = dict.fromkeys(KNOWN_KEYS)
    for key, entry in entries.items():
        if key not in KNOWN_KEYS:
            _warn(path, entry.line, warnings, strict, N_("unknown front-matter key {key!r} (known: {known})"),
                  key=key, known=", ".join(KNOWN_KEYS))
            continue
        if entry.kind != "text":
            message = (N_("`{key}` must be text, not list") if entry.kind == "list" else
                       N_("`{key}` must be text, not mapping"))
            raise UserError(message, path, entry.line, key=key)
        if entry.comment and entry.value and key in PRINTED_KEYS:
            _warn(path, entry.line, warnings, strict, N_("`{comment}` is a YAML comment, so `{key}` "
                  "prints as {value!r}; put the value in quotes to print it all"),
                  comment=entry.comment, key=key, value=entry.value)
        meta[key] = _value(key, entry, path)
    if not meta["title"]:
        raise UserError("front matter has no `title:`", path, first_line)
    if not meta["title"].strip():          # str.strip takes the full-width space too
        raise UserError("`title` is blank: a handout needs a title", path, entries["title"].line)
    return meta


def _refuse_unprintable(key: str, text: str, path: Path, line: int) -> None:
    """A character no page can show, made by a quoted value's escape (`"讲话\\x00"`), or an
    invisible one: named with the content file's line, not left to fail in the template."""
    found = UNPRINTABLE.search(text)
    if found:
        raise UserError("`{key}` holds the character {code}, which cannot be printed (a "
                        "control character, surrogate or non-character, from an escape in "
                        "quotes?): take it out", path, line, key=key, code="U+%04X" % ord(found.group()))
    invisible = next((ch for ch in text if is_invisible(ch)), None)
    if invisible is not None:
        raise UserError("`{key}` holds an invisible character {name}: delete it (it prints as "
                        "nothing and no font has it)", path, line, key=key, name=char_name(invisible))


def _value(key: str, entry: Entry, path: Path):
    text = entry.value
    if text is not None:
        _refuse_unprintable(key, text, path, entry.line)
    if key == "order" and text is not None:
        if not WHOLE_NUMBER.fullmatch(text):
            raise UserError("`order` must be a whole number, not {text!r}", path, entry.line, text=text)
        return int(text)
    if key == "date" and text is not None:
        try:
            return cn_date(text, strict=True)
        except ValueError:
            raise UserError("`date`: there is no such date as {text!r}", path, entry.line,
                            text=text) from None
    return text


def cn_date(text: str, strict: bool = False) -> str:
    """A date in a usual spelling as 2022年10月28日 (GB/T 9704: Arabic numerals, no leading
    zeros), a time after it kept; any other text as written. An impossible date (2022-02-30)
    raises ValueError when `strict`, else stays as written."""
    match = DATE.fullmatch(text.strip())
    if not match:
        return text
    year, _, month, day, cn_month, cn_day, hour, minute, second = match.groups()
    try:
        date = _dt.date(int(year), int(month or cn_month), int(day or cn_day))
        if hour is not None:
            _dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        if strict:
            raise
        return text
    time = "" if hour is None else f" {int(hour)}:{minute}" + (f":{second}" if second else "")
    return f"{date.year}年{date.month}月{date.day}日{time}"


def _entries(source: str, first_line: int, path: Path) -> dict[str, Entry]:
    lines = source.split("\n")
    return {key: _entry(node, line, lines)
            for key, line, node in key_value_pairs(source, path, Msg("front matter"), first_line)}


def _entry(node, line: int, lines: list[str]) -> Entry:
    if isinstance(node, yaml.SequenceNode):
        return Entry(None, "list", line, "")
    if isinstance(node, yaml.MappingNode):
        return Entry(None, "mapping", line, "")
    value = None if is_empty(node) else node.value
    comment = ""
    if not node.style:          # plain (None, or "" from libyaml): it ends where a ` #` comment starts
        rest = lines[node.end_mark.line][node.end_mark.column:].strip()
        comment = rest if rest.startswith("#") else ""
    return Entry(value, "text", line, comment)


def _warn(path: Path, line: int, warnings: list[str], strict: bool, msgid: str, **values) -> None:
    if strict:
        raise UserError(msgid, path, line, **values)
    warnings.append(format_diagnostic("warning", _(msgid).format(**values), path, line))
