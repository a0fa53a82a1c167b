"""Front matter for a speech: title, speaker, date and occasion from what the page says.

Sources, best first: a real title line ("在……上的讲话", with date and speaker lines under it);
the site's editor line ("……小编给大家带来的市委书记在2022年……开班仪式上的演讲材料"); a title
after the separator ("【篇1】在……上的讲话"). Sites call a speech 演讲材料/讲话稿; the title
uses the office's word (patterns.yaml `kinds`): "在……上的讲话".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import lazy_pinyin

from .rules import Rules
from ..i18n import Msg

YEAR = re.compile(r"(\d{4})\s*年(?:度)?")
WHAT = re.compile(r"^(?P<speaker>[^在]{0,16}?)(?:同志)?在(?P<occasion>.{2,50}?)(?:上)?的?"
                  r"(?P<kind>讲话|演讲|发言|致辞|报告|讲稿|主持词)(?:稿|材料|全文|范文)?$")
YEAR_OR_PLACEHOLDER = re.compile(r"(?:\d{4}|\d{2,3}[xX×_]{1,2}|[xX×_]{2,4})\s*年(?:度)?")
OCCASION_SUFFIXES = ("仪式", "大会", "会")      # 开班仪式 -> 开班, 推进会 -> 推进


@dataclass
class Meta:
    title: str | None = None
    subtitle: str | None = None
    speaker: str | None = None
    date: str | None = None
    occasion: str | None = None
    year: str | None = None
    derived: str = ""          # how it was found, for the report


def meta_from_what(what: str, rules: Rules) -> Meta:
    """Parse the editor line's name for the speech: speaker, year, occasion, kind."""
    year_match = YEAR.search(what)
    plain = YEAR.sub("", what).strip()
    match = WHAT.match(plain)
    if not match:
        return Meta(title=plain or None, year=year_match and year_match[1],
                    derived=Msg("editor line names it “{what}”", what=what))
    occasion = match["occasion"].strip()
    kind = rules.kinds.get(match["kind"], match["kind"])
    return Meta(title=f"在{occasion}上的{kind}", speaker=match["speaker"].strip() or None,
                occasion=occasion, year=year_match and year_match[1],
                derived=Msg("editor line names it “{what}”", what=what))


def meta_from_title_line(match: re.Match, rules: Rules) -> Meta:
    occasion = match["occasion"].strip()
    kind = rules.kinds.get(match["kind"], match["kind"])
    return Meta(title=match.group(0) if not match["speaker"] else f"在{occasion}上的{kind}",
                speaker=match["speaker"].strip() or None, occasion=occasion,
                derived=Msg("title line"))


def date_text(meta: Meta, page_year: str | None) -> tuple[str | None, str]:
    """The date to print, and a note for the report when parts of it are placeholders."""
    if meta.date:
        return meta.date, ""
    year = meta.year or page_year
    if not year:
        return None, Msg("no date found: add `date` to the front matter")
    return f"{year}年X月X日", (Msg("only the year is known: fill in month and day") if meta.year else
                            Msg("only the year is known (year from the other speeches on the page): "
                                "fill in month and day"))


def slugs(metas: list[Meta], page_year: str | None, taken: set[str]) -> list[str]:
    """Stable ASCII file names: year + pinyin of what tells the speeches apart (2022-kaiban)."""
    occasions = [m.occasion or m.title or "" for m in metas]
    prefix = _common_prefix(occasions) if len(occasions) > 1 else ""
    out = []
    for index, (meta, occasion) in enumerate(zip(metas, occasions), 1):
        words = _pinyin_words(_distinctive(occasion[len(prefix):] or occasion))
        year = meta.year or page_year or _year_in(meta.title or "")
        slug = "-".join(part for part in (year, words) if part) or f"speech-{index}"
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out.append(slug)
    return out


def _year_in(title: str) -> str | None:
    match = YEAR.search(title)
    return match[1] if match else None


def _common_prefix(texts: list[str]) -> str:
    prefix = texts[0]
    for text in texts[1:]:
        while not text.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _distinctive(occasion: str) -> str:
    occasion = YEAR_OR_PLACEHOLDER.sub("", occasion)          # the year is the slug's own part
    han = "".join(ch for ch in occasion if "\u4e00" <= ch <= "\u9fff")
    for suffix in OCCASION_SUFFIXES:
        if han.endswith(suffix) and len(han) > len(suffix):
            han = han[:-len(suffix)]
    return han[:4]


def _pinyin_words(han: str) -> str:
    """开班 -> kaiban, 工作会议 -> gongzuo-huiyi (two characters make a word, mostly)."""
    syllables = lazy_pinyin(han)
    words = ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
    return "-".join(re.sub(r"[^a-z0-9]", "", w.lower()) for w in words if w)
