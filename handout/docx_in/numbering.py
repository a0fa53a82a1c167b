"""Automatic numbering as Word shows it: 一、 （一） 1. （1） ① … drawn by Word, not typed.

A numbered paragraph names a list (w:numPr: numId and level, on the paragraph or on its style);
the list names an abstract definition (numbering.xml) whose levels give the number format
(chineseCounting, decimal, decimalEnclosedCircle, ideographTraditional, …) and the text around
it (lvlText "%1、", "（%2）"). Counters run per abstract definition, as Word runs them: a level
counts up, the deeper levels start again; a list with a start override starts again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..ooxml import W

DIGITS = "零一二三四五六七八九"
TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
BULLET = "•"
MAX_LEVELS = 9


def chinese(n: int) -> str:
    """一 … 十 … 十一 … 二十 … 一百零一 (chineseCounting, chineseCountingThousand)."""
    if n <= 0:
        return DIGITS[0]
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + DIGITS[rest] if rest < 10 else
                                ("一" + chinese(rest) if rest < 20 else chinese(rest)))
    return DIGITS[n // 100 % 10] + "百" + tail


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def letters(n: int) -> str:
    """a … z, aa … zz (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n),
    "decimalEnclosedCircleChinese": lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2473 + n) if 0 < n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2487 + n) if 0 < n <= 20 else f"{n}.",
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "chineseLegalSimplified": lambda n: chinese(n).translate(str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")),
    "japaneseCounting": chinese,
    "taiwaneseCounting": chinese,
    "taiwaneseCountingThousand": chinese,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: TRADITIONAL[(n - 1) % 10] if n > 0 else "",
    "ideographZodiac": lambda n: ZODIAC[(n - 1) % 12] if n > 0 else "",
    "lowerLetter": letters,
    "upperLetter": lambda n: letters(n).upper(),
    "lowerRoman": roman,
    "upperRoman": lambda n: roman(n).upper(),
    "ordinal": lambda n: f"{n}.",
    "none": lambda n: "",
}


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str           # lvlText: "%1、", "（%2）", a bullet character
    legal: bool         # w:isLgl: every number of the text in decimal
    suffix: str         # tab | space | nothing: what Word puts between number and text
    restart: int | None  # w:lvlRestart: restart after this level (1-based), 0: never


class Numbering:
    """The numbering definitions of one file and the counters of the paragraphs read so far."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, Level]] = {}      # abstractNumId -> ilvl -> Level
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}   # numId -> (abstract, start overrides)
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            self.levels[abstract.get(f"{W}abstractNumId", "")] = {
                int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in abstract.findall(f"{W}lvl")}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            overrides = {}
            for over in num.findall(f"{W}lvlOverride"):
                start = over.find(f"{W}startOverride")
                if start is not None:
                    overrides[int(over.get(f"{W}ilvl", "0"))] = _int(start.get(f"{W}val"), 1)
            self.lists[num.get(f"{W}numId", "")] = (ref.get(f"{W}val", "") if ref is not None else "",
                                                    overrides)

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The number Word draws before this paragraph ('' when none), counting it."""
        if not num_id or num_id == "0" or num_id not in self.lists:
            return ""
        abstract, overrides = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(abstract, [None] * MAX_LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                if lvl < MAX_LEVELS:
                    counters[lvl] = start - 1 if lvl == ilvl else None
        ilvl = min(ilvl, MAX_LEVELS - 1)
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            rule = levels.get(deeper)
            if rule is None or rule.restart != 0 and (rule.restart is None or rule.restart > ilvl):
                counters[deeper] = None
        return _text(level, levels, counters)


def _text(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
    if level.fmt == "bullet":
        shown = level.text if level.text and all(_printable(ch) for ch in level.text) else BULLET
        return shown + " "
    out, i = "", 0
    while i < len(level.text):
        ch = level.text[i]
        if ch == "%" and i + 1 < len(level.text) and level.text[i + 1].isdigit():
            n = int(level.text[i + 1]) - 1
            other = levels.get(n)
            value = counters[n] if n < MAX_LEVELS and counters[n] is not None else (other.start if other else 1)
            fmt = "decimal" if level.legal or other is None else other.fmt
            out += FORMATS.get(fmt, str)(value)
            i += 2
        else:
            out += ch
            i += 1
    if not out:
        return ""
    # a tab after "一、" is layout, not text; after "1" or "a" Word's tab reads as a space
    joins = level.suffix == "nothing" or not out[-1].isascii() or not out[-1].isalnum()
    return out if joins else out + " "


def _printable(ch: str) -> bool:
    """Not a symbol-font private-use character (Word's  in Symbol, § in Wingdings)."""
    return not 0xE000 <= ord(ch) <= 0xF8FF and ch not in "§Øü"


def _level(lvl) -> Level:
    def val(name: str, default: str | None = None) -> str | None:
        found = lvl.find(f"{W}{name}")
        return found.get(f"{W}val", default) if found is not None else default
    restart = val("lvlRestart")
    return Level(_int(val("start"), 1), val("numFmt", "decimal") or "decimal", val("lvlText", "") or "",
                 lvl.find(f"{W}isLgl") is not None, val("suff", "tab") or "tab",
                 _int(restart, 0) if restart is not None else None)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


HEADING_NAME = ("heading", "标题")
ALIGN = {"center": "center", "centre": "center", "right": "right", "end": "right"}


class Look(NamedTuple):
    label: str              # the automatic number Word draws ('' when none)
    outline: int | None     # outline level 1-9; None: body text
    align: str              # center | right | left
    size: str               # the style and direct font size: two lines alike look alike


class Outline:
    """Each paragraph's automatic number, Word outline level and alignment, from the
    paragraph's own properties or its style's (and the styles that style is based on)."""

    def __init__(self, numbering_root, styles):
        self.numbering = Numbering(numbering_root)
        self.styles = styles
        self.level_style = {lvl_style: (abstract, ilvl)       # a level tied to a style (w:pStyle)
                            for abstract, levels in _level_styles(numbering_root).items()
                            for ilvl, lvl_style in levels.items()}

    def of(self, p, style_id: str | None) -> Look:
        p_pr = p.find(f"{W}pPr")
        num_id, ilvl = _num_pr(p_pr)
        outline, align = _outline(p_pr), _align(p_pr)
        for sid, style in self.styles._chain(style_id or self.styles.default_paragraph):
            s_pr = style.find(f"{W}pPr") if style is not None else None
            style_num, style_ilvl = _num_pr(s_pr)
            num_id = num_id if num_id is not None else style_num
            if ilvl is None:
                ilvl = style_ilvl if style_ilvl is not None else self._level_of_style(sid)
            if outline is None:
                outline = _outline(s_pr) if _outline(s_pr) is not None else _heading_number(style)
            align = align or _align(s_pr)
        label = self.numbering.label(num_id, ilvl or 0) if num_id else ""
        size = p.find(f".//{W}r/{W}rPr/{W}sz")
        return Look(label, outline, align or "left",
                    f"{style_id}/{size.get(f'{W}val') if size is not None else ''}")

    def _level_of_style(self, style_id: str) -> int | None:
        found = self.level_style.get(style_id)
        return found[1] if found else None


def _level_styles(root) -> dict[str, dict[int, str]]:
    if root is None:
        return {}
    out: dict[str, dict[int, str]] = {}
    for abstract in root.iter(f"{W}abstractNum"):
        for lvl in abstract.findall(f"{W}lvl"):
            style = lvl.find(f"{W}pStyle")
            if style is not None:
                out.setdefault(abstract.get(f"{W}abstractNumId", ""), {})[int(lvl.get(f"{W}ilvl", "0"))] = \
                    style.get(f"{W}val", "")
    return out


def _num_pr(p_pr) -> tuple[str | None, int | None]:
    num = p_pr.find(f"{W}numPr") if p_pr is not None else None
    if num is None:
        return None, None
    num_id, ilvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
    return (num_id.get(f"{W}val") if num_id is not None else None,
            _int(ilvl.get(f"{W}val"), 0) if ilvl is not None else None)


def _align(p_pr) -> str | None:
    found = p_pr.find(f"{W}jc") if p_pr is not None else None
    return ALIGN.get(found.get(f"{W}val", ""), "left") if found is not None else None


def _outline(p_pr) -> int | None:
    """w:outlineLvl 0-8 is a heading level 1-9 (9 is body text)."""
    found = p_pr.find(f"{W}outlineLvl") if p_pr is not None else None
    value = _int(found.get(f"{W}val"), 9) if found is not None else None
    return value + 1 if value is not None and value < 9 else None


def _heading_number(style) -> int | None:
    """A style named heading N (Word's built-in headings, by name in any language's file)."""
    name = style.find(f"{W}name") if style is not None else None
    text = (name.get(f"{W}val", "") if name is not None else "").replace(" ", "").lower()
    for prefix in HEADING_NAME:
        if text.startswith(prefix) and text[len(prefix):].isdigit():
            return int(text[len(prefix):])
    return None
