"""A Word or PDF file's lines after the page cleaner: what the file itself says wins.

The page cleaner (zones.py) was made for web pages, where a short line, a date, a line without
Chinese or a second copy of a title is most often the site's. In a file the author typed every
line, so a line the cleaner dropped is put back unless it is page furniture of a document:

- the red-head block of a 公文 (份号, 密级, 紧急程度, 发文机关标志 “……文件”, 发文字号, 签发人)
  and its 版记 (抄送, 印发), a table of contents' entries (…… 2), and a script's presenter
  markers (“Page 1 开始”); named in the report;
- a line without Chinese that is not set flush right (a signature is);
- page numbers and running headers, which the PDF reader found by their place.

The title block (the centred lines at the top, as the file sets them) gives the front matter:
the title (one title, however many lines), a ——subtitle, a date, a speaker. The addressee line
(主送, ending in a colon) stays the first paragraph, the closing organ and date (落款) stay the
last ones, and that date fills `date` when none is known.
"""

from __future__ import annotations

import re

from .normalize import is_han
from .paragraphs import SourceLine
from .zones import Dropped
from ..i18n import Msg

RED_HEAD = (
    ("份号", re.compile(r"^\d{3,8}$")),
    ("密级", re.compile(r"^(?:绝密|机密|秘密|内部)\s*[★☆]?\s*(?:\d+\s*年|长期)?$")),
    ("紧急程度", re.compile(r"^(?:特急|加急|特提|平急)$")),
    ("发文字号", re.compile(r"^\S{1,16}?[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号$")),
    ("签发人", re.compile(r"^签\s*发\s*人[：:]")),
)
ORGAN_MARK = re.compile(r"^(?!关于).{2,24}(?:文件|公报|简报|通报|纪要)$")       # 发文机关标志
IMPRINT = (
    (Msg("版记: 抄送"), re.compile(r"^抄\s*送[：:]")),
    (Msg("版记: 印发"), re.compile(r"^.{0,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")),
    (Msg("版记: 主题词"), re.compile(r"^主\s*题\s*词[：:]")),
    (Msg("presenter marker"), re.compile(r"^(?:page|slide|ppt|幻灯片|第)\s*\d+\s*(?:页)?\s*(?:开始|结束|start|end)$",
                                     re.I)),
)
TOC_ENTRY = re.compile(r"(?:[.．·…]\s*){4,}\d{1,4}$")          # 一、办班为什么 ........ 2
SUBTITLE = re.compile(r"^\s*(?:——|—|－－|--|─)+\s*(?P<text>.+)$")
DATE_ONLY = re.compile(r"^\s*[（(]?\s*(?P<date>(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月"
                       r"\s*\S{1,3}\s*日)\s*[)）]?\s*$")
ADDRESSEE = re.compile(r"[：:]\s*$")
SPEAKER_MAX_HAN = 12
TITLE_KINDS = re.compile(r"(?:讲话|发言|致辞|报告|通知|意见|方案|决定|办法|说明书|规定|总结|讲稿|主持词|通报|请示|函)"
                         r"(?:稿|材料)?$")
TITLE_MOVED = Msg("title line, moved to front matter")
TITLE_FALLBACK = 20
NO_SALUTATION = "no salutation"         # zones.py's note, not true when a 主送 line opens it


def _moved_line(role: str) -> Msg:
    """The reason for a title-block line whose text went into the front matter."""
    return {"subtitle": Msg("subtitle line, moved to front matter"),
            "date": Msg("date line, moved to front matter"),
            "speaker": Msg("speaker line, moved to front matter")}.get(role) or \
        Msg("{role} line, moved to front matter", role=role)


def furniture_kind(text: str, in_head: bool) -> str | None:
    """Which document furniture a line is (None: the speaker's text)."""
    text = text.strip()
    for name, pattern in RED_HEAD if in_head else ():
        if pattern.match(text):
            return Msg("red-head block: {name}", name=name)
    if in_head and ORGAN_MARK.match(text):
        return Msg("red-head block: 发文机关标志")
    for name, pattern in IMPRINT:
        if pattern.match(text):
            return name
    if TOC_ENTRY.search(text):
        return Msg("table of contents entry (the handout makes its own)")
    return None


def title_block(lines: list[str], layout) -> tuple[dict[int, str], dict[int, str]]:
    """({line: role} of the title block, {line: reason} of the red-head furniture above and in it).
    Roles: title, subtitle, date, speaker. The block is the centred lines at the top."""
    roles, furniture, title_look = {}, {}, None
    for number, text in enumerate(lines, 1):
        if not text.strip() or number in layout.furniture:       # a running header above it
            continue
        kind = furniture_kind(text, in_head=True)
        if kind:
            furniture[number] = kind
            continue
        if layout.aligned.get(number) != "center":
            break
        look = layout.looks.get(number)
        if SUBTITLE.match(text) and roles:
            roles[number] = "subtitle"
        elif DATE_ONLY.match(text) and roles:
            roles[number] = "date"
        elif title_look is None:
            roles[number], title_look = "title", look
        elif look == title_look and "title" in roles.values() and list(roles.values())[-1] == "title":
            roles[number] = "title"                # the title's next line
        elif _speaker_like(text):
            roles[number] = "speaker"
        elif list(roles.values())[-1] == "title" and not _speaker_like(text):
            roles[number] = "title"                # a title set in two sizes (organ + subject)
        else:
            break
    return roles, furniture


def _speaker_like(text: str) -> bool:
    han = sum(1 for ch in text if is_han(ch))
    return 0 < han <= SPEAKER_MAX_HAN and not TITLE_KINDS.search(text) and not re.search(r"[。！？；]", text)


def apply_layout(read, dropped: list[Dropped], lines: list[str], layout):
    """The cleaner's reading of one piece (first, last, meta, body, notes), corrected by what
    the file says; `dropped` is the page's list, changed in place."""
    first, last, meta, body, notes = read
    roles, furniture = title_block(lines, layout)
    roles = {n: role for n, role in roles.items() if first <= n <= last}      # this piece's own
    _front_matter(meta, roles, lines)
    in_block = set(roles) | set(furniture)
    body[:] = [line for line in body if line.number not in in_block]
    for line in list(body):
        kind = furniture_kind(line.text, in_head=False)
        if kind:
            body.remove(line)
            dropped.append(Dropped(line.number, kind, line.text))
    # where the speech starts: as the cleaner found it, or else right below the title block
    start = min((line.number for line in body), default=max(in_block, default=first - 1) + 1)
    restored = []
    for drop in list(dropped):
        if drop.line in layout.furniture or not first <= drop.line <= last:
            continue
        if drop.line in roles:
            drop.reason = TITLE_MOVED if roles[drop.line] == "title" else _moved_line(roles[drop.line])
            continue
        if drop.line in furniture:
            drop.reason = furniture[drop.line]
            continue
        keep_out = _still_furniture(drop, start, layout)
        if keep_out:
            drop.reason = keep_out
            continue
        dropped.remove(drop)
        restored.append(SourceLine(drop.line, drop.text))
    dropped += [Dropped(n, TITLE_MOVED if roles[n] == "title" else _moved_line(roles[n]),
                        lines[n - 1]) for n in roles if not any(d.line == n for d in dropped)]
    dropped += [Dropped(n, why, lines[n - 1]) for n, why in furniture.items()
                if not any(d.line == n for d in dropped)]
    body[:] = sorted(body + restored, key=lambda line: line.number)
    if not body:
        return None
    if ADDRESSEE.search(body[0].text):     # 主送 (各县（市、区）委：) opens it as a salutation would
        notes[:] = [n for n in notes if not n.startswith(NO_SALUTATION)]
    if not meta.date:
        meta.date = _closing_date(body)
    if not meta.title:                    # the page cleaner found none either (a short file)
        meta.title = re.split(r"[，。！？：；,.!?:;]", body[0].text.strip())[0][:TITLE_FALLBACK] or body[0].text[:TITLE_FALLBACK]
        meta.derived = Msg("the first words (no title found)")
        notes.append(Msg("no title found: set `title` in the front matter"))
    return first, last, meta, body, notes


def _front_matter(meta, roles: dict[int, str], lines: list[str]) -> None:
    title = "".join(lines[n - 1].strip() for n, role in roles.items() if role == "title")
    if title:
        meta.title, meta.derived = title, Msg("the file's title lines")
    for number, role in roles.items():
        text = lines[number - 1].strip()
        if role == "subtitle":
            meta.subtitle = SUBTITLE.match(text)["text"].strip()
        elif role == "date":
            meta.date = re.sub(r"\s+", "", DATE_ONLY.match(text)["date"])
        elif role == "speaker":
            meta.speaker = " ".join(text.split())


def _still_furniture(drop: Dropped, start: int, layout) -> str | None:
    """Why a line the cleaner dropped stays out of the speech (None: it is put back)."""
    text = drop.text.strip()
    kind = furniture_kind(text, in_head=drop.line < start)
    if kind:
        return kind
    if drop.line < start:                 # above the speech: only the addressee line (主送) is its
        return None if ADDRESSEE.search(text) and len(text) > 4 else drop.reason
    if not any(is_han(ch) for ch in text) and layout.aligned.get(drop.line) != "right":
        return drop.reason
    return None


def _closing_date(body: list[SourceLine]) -> str | None:
    """The date of the 落款: a line that is only a date, among the last three."""
    for line in reversed(body[-3:]):
        match = DATE_ONLY.match(line.text)
        if match:
            return re.sub(r"\s+", "", match["date"])
    return None
