"""Repairs to the source lines before they are read: what a site's machinery did to the text.

Each repair is recorded (line, reason, what was taken out or put in) for the report and the
review page: HTML entities decoded, backslashes before quotes removed, pinyin readings after
converted characters (發(fā)) and emoji removed, a traditional-character page converted to
simplified (OpenCC), the site's fragments inside a line taken out (lexicon.yaml `inline`), and a
preview cut into numbered chunks (1、… 2、…) put back together.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..body import BOLD, is_lead
from ..invisible import describe_removed, strip_invisible
from .normalize import SPACES, is_han
from .signals import Lexicon
from ..i18n import Msg

ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
ESCAPE = re.compile(r"\\+(?=[\"'“”‘’])|(?<!\S)\\+(?!\S)")
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# 發(fā): closed, or cut open by the end of a preview (發(fā at the line's end)
PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,7}}(?:\)|$)")
# an anti-copy watermark: a closing quote between two characters with no opening quote in the line
STRAY_QUOTE = re.compile(r"(?<=[\u4e00-\u9fff])[’`](?=[\u4e00-\u9fff])")
# (not ★ ☆: sources use them for redacted names, 建设壮美☆, as they use X)
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u2604\u2607-\u27BF\uFE0F\u200D\u2B50\u2B55]+")
CHUNK = re.compile(r"^(\d{1,2})、")
YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}$")


@dataclass
class Fix:
    line: int
    reason: str
    old: str
    new: str = ""


@dataclass
class Prepared:
    lines: list[str]                      # the repaired text of every source line
    fixes: list[Fix] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def repair_page(raw: list[str], lex: Lexicon) -> Prepared:
    page = Prepared([line.strip(SPACES) for line in raw])
    convert = _t2s_if_traditional(page.lines, lex)
    if convert:
        page.notes.append(Msg("the page is in traditional characters: converted to simplified (OpenCC t2s)"))
    for index, text in enumerate(page.lines):
        number = index + 1
        text = _replace(text, number, page, "HTML entity decoded", ENTITY, lambda m: html.unescape(m.group()))
        text = _replace(text, number, page, Msg("backslash before a quote (escaped markup)"), ESCAPE)
        text = _replace(text, number, page, Msg("pinyin reading after a converted character"), PINYIN)
        text = _replace(text, number, page, Msg("emoji"), EMOJI)
        if "‘" not in text:
            text = _replace(text, number, page, Msg("stray quote mark inside a word (a site's watermark)"), STRAY_QUOTE)
        text = _strip_invisible(text, number, page)
        if convert:
            converted = convert(text)
            if converted != text:
                page.fixes.append(Fix(number, Msg("traditional → simplified characters"), text, converted))
                text = converted
        for reason, pattern in lex.inline:
            text = _replace(text, number, page, reason, pattern)
        text = _unmark_leads(text, number, page)
        page.lines[index] = text.strip(SPACES)
    _rejoin_preview_chunks(page)
    _rejoin_split_year(page)
    return page


def _strip_invisible(text: str, number: int, page: Prepared) -> str:
    """Invisible characters (zero width space, soft hyphen, direction marks, …; WeChat copies
    are full of them) would stop the build on a character nobody can see: taken out, each
    recorded by its name, since it shows as nothing."""
    clean, found = strip_invisible(text)
    if found:
        page.fixes.append(Fix(number, Msg("invisible characters"), describe_removed(found)))
    return clean


def _unmark_leads(text: str, number: int, page: Prepared) -> str:
    """`**…**` copied from a Markdown page, where our content format would read it as a bold
    lead (body.py): the marks are the site's, and kept they would vanish from the page. Other
    asterisks are the speaker's text (张**同志, 7*24) and stay."""
    pos = 0
    while (match := BOLD.search(text, pos)) is not None:     # as body.runs() reads the text
        if not is_lead(text, match):
            pos = match.start() + 1
            continue
        page.fixes.append(Fix(number, Msg("Markdown bold marks copied from the site"), match.group(), match.group(1)))
        text = text[:match.start()] + match.group(1) + text[match.end():]
        pos = match.start() + len(match.group(1))
    return text


def _replace(text: str, number: int, page: Prepared, reason: str, pattern: re.Pattern,
             new=lambda m: "") -> str:
    def record(match: re.Match) -> str:
        out = new(match)
        page.fixes.append(Fix(number, reason, match.group(), out))
        return out
    return pattern.sub(record, text)


@lru_cache(maxsize=1)
def _opencc():
    import opencc
    return opencc.OpenCC("t2s").convert


def _t2s_if_traditional(lines: list[str], lex: Lexicon):
    """The converter when enough of the page's characters are traditional, else None."""
    text = "".join(lines)
    han = [ch for ch in text if is_han(ch)]
    if not han:
        return None
    convert = _opencc()
    changed = sum(a != b for a, b in zip(text, convert(text)) if is_han(a))
    return convert if changed / len(han) >= lex.limits["traditional_share"] else None


def _rejoin_preview_chunks(page: Prepared) -> None:
    """Document sites cut a preview into chunks numbered 1、 2、 3、 at line starts, often
    mid-word: when consecutive lines carry the numbers 1, 2, 3 … and a chunk break falls
    inside a sentence, the numbers are the site's: take them out and join the chunks."""
    numbered = [(i, int(m[1])) for i, t in enumerate(page.lines) if (m := CHUNK.match(t))]
    run = _counting_run(numbered, page.lines)
    if len(run) < 2 or not any(_cut_mid_sentence(page.lines[i - 1]) for i in run[1:] if i > 0):
        return
    for index in run:
        text = page.lines[index]
        counter = CHUNK.match(text).group()
        page.fixes.append(Fix(index + 1, Msg("preview chunk counter"), counter))
        page.lines[index] = text[len(counter):]
    for index in run[1:]:
        before = index - 1
        if before >= 0 and _cut_mid_sentence(page.lines[before]):
            page.fixes.append(Fix(index + 1, Msg("joined to line {line}: the preview chunk "
                                                 "broke a sentence", line=before + 1), page.lines[index]))
            page.lines[before] += page.lines[index]
            page.lines[index] = ""


def _counting_run(numbered: list[tuple[int, int]], lines: list[str]) -> list[int]:
    """Indexes of the longest run of lines numbered 1, 2, 3 … with only blank lines between."""
    best: list[int] = []
    for start, (index, number) in enumerate(numbered):
        if number != 1:
            continue
        run = [index]
        for next_index, next_number in numbered[start + 1:]:
            gap = lines[run[-1] + 1:next_index]
            if next_number != len(run) + 1 or any(gap):
                break
            run.append(next_index)
        best = max(best, run, key=len)
    return best


def _cut_mid_sentence(text: str) -> bool:
    return bool(text) and is_han(text[-1])


def _rejoin_split_year(page: Prepared) -> None:
    """A title wrapped after its year (2019 / 年村安全生产会发言稿) is one line."""
    for index in range(len(page.lines) - 1):
        text, after = page.lines[index], page.lines[index + 1]
        if YEAR_ONLY.match(text) and after.startswith("年"):
            page.fixes.append(Fix(index + 1, Msg("year wrapped onto its own line: joined to line {line}", line=index + 2), text))
            page.lines[index + 1] = text + after
            page.lines[index] = ""
