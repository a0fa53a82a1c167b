"""One raw page -> its speeches: split at separators, drop furniture, take the header lines
into front matter, normalise the rest and repair its paragraphs. Records everything it does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .meta import Meta, date_text, meta_from_title_line, meta_from_what
from .normalize import SPACES, Edit, is_han, normalise, redactions
from .paragraphs import Paragraph, Repair, SourceLine, build_paragraphs
from .rules import Rules

SPEAKER_LINE = re.compile(r"^[\u4e00-\u9fff·• ]{2,20}$")
MIN_SPEECH_HAN = 20          # less Chinese than this outside any speech is a stray fragment


@dataclass
class Dropped:
    line: int
    reason: str
    text: str


@dataclass
class Changed:
    line: int
    before: str
    after: str
    edits: list[Edit]


@dataclass
class Speech:
    order: int
    lines: tuple[int, int]                      # first and last source line
    meta: Meta
    paragraphs: list[Paragraph] = field(default_factory=list)
    body: list[SourceLine] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    redactions: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    date: str | None = None
    slug: str = ""

    def kept_han(self) -> str:
        """Every Han character of the body lines, in order: what the output must contain."""
        return "".join(ch for line in self.body for ch in line.text if is_han(ch))


@dataclass
class Page:
    speeches: list[Speech]
    dropped: list[Dropped]
    year: str | None = None


def clean_page(lines: list[str], rules: Rules) -> Page:
    dropped: list[Dropped] = []
    chunks = _split(lines, rules, dropped)
    speeches = []
    for chunk in chunks:
        speech = _read_chunk(chunk, rules, dropped, len(speeches) + 1)
        if speech:
            speeches.append(speech)
    _say_where_teasers_come_from(dropped, speeches, rules)
    years = sorted({s.meta.year for s in speeches if s.meta.year})
    page = Page(speeches, sorted(dropped, key=lambda d: d.line), years[0] if len(years) == 1 else None)
    for speech in speeches:
        speech.date, note = date_text(speech.meta, page.year)
        if note:
            speech.notes.append(note)
    return page


def _say_where_teasers_come_from(dropped: list[Dropped], speeches: list[Speech], rules: Rules) -> None:
    """A teaser is usually a sentence copied from the speech: say so, so a reviewer can see
    that dropping it loses nothing."""
    kept = [s.kept_han() for s in speeches]
    for drop in dropped:
        if drop.reason.startswith("editor line with"):
            teaser = drop.text[:rules.editor.search(drop.text).start()]
            han = "".join(ch for ch in teaser if is_han(ch))
            found = any(han in text for text in kept)
            drop.reason += (": the teaser repeats the speech's own text" if found
                            else ": the teaser is not in any speech on the page")


def _split(lines: list[str], rules: Rules, dropped: list[Dropped]) -> list[list[tuple[int, str, str]]]:
    """Chunks of (line number, text, separator title) between separator lines."""
    chunks: list[list] = [[]]
    title = ""
    for number, raw in enumerate(lines, 1):
        text = raw.strip(SPACES)
        match = rules.separator(text) if text else None
        if match:
            dropped.append(Dropped(number, "speech separator", text))
            title = (match.groupdict().get("title") or "").strip()
            chunks.append([])
            continue
        chunks[-1].append((number, text, title))
    return [c for c in chunks if c]


def _read_chunk(chunk, rules: Rules, dropped: list[Dropped], order: int) -> Speech | None:
    meta, body, blank, own_drops = Meta(), [], False, []
    separator_title = chunk[0][2]
    if separator_title and (m := rules.title_line.match(separator_title)):
        meta = meta_from_title_line(m, rules)
    for number, text, _ in chunk:
        if not text:
            blank = True
            continue
        reason = _furniture(text, rules, meta, body)
        if reason is None and not body:
            reason = _header(text, rules, meta)
        if reason:
            own_drops.append(Dropped(number, reason, text))
        else:
            body.append(SourceLine(number, text, after_blank=blank and bool(body)))
        blank = False
    speech = _speech(chunk, body, meta, order, rules)
    if speech is None:
        own_drops += [Dropped(line.number, "fragment outside any speech", line.text) for line in body]
    dropped += own_drops
    return speech


def _furniture(text: str, rules: Rules, meta: Meta, body: list) -> str | None:
    """Why a line is site furniture (and not the speaker's), or None."""
    reason = rules.boilerplate_reason(text)
    if reason:
        return reason
    editor = rules.editor.search(text)
    if editor:
        teaser = text[:editor.start()].strip()
        if not meta.title:
            found = meta_from_what(editor["what"].strip(), rules)
            meta.__dict__.update({k: v for k, v in found.__dict__.items() if v})
        return "editor line" + (" with a pasted teaser in front" if teaser else "")
    if meta.title and text == meta.title:
        return "duplicated title"
    return None


def _header(text: str, rules: Rules, meta: Meta) -> str | None:
    """Title, date and speaker lines above the speech go into the front matter."""
    if (m := rules.title_line.match(text)) and not meta.title:
        meta.__dict__.update({k: v for k, v in meta_from_title_line(m, rules).__dict__.items() if v})
        return "title line, moved to front matter"
    if (m := rules.date_line.match(text)):
        meta.date = re.sub(r"\s+", "", m["date"])
        meta.year = meta.year or (m["date"][:4] if m["date"][:4].isdigit() else None)
        return "date line, moved to front matter"
    if meta.derived == "title line" and not meta.speaker and SPEAKER_LINE.match(text) \
            and not rules.salutation.match(text):
        meta.speaker = " ".join(text.split())
        return "speaker line, moved to front matter"
    return None


def _speech(chunk, body: list[SourceLine], meta: Meta, order: int, rules: Rules) -> Speech | None:
    has_salutation = any(rules.salutation.match(line.text) for line in body[:3])
    han = sum(is_han(ch) for line in body for ch in line.text)
    if not body or han < MIN_SPEECH_HAN:
        return None
    speech = Speech(order, (chunk[0][0], chunk[-1][0]), meta)
    if not meta.title:
        meta.title = f"讲话{order}"
        speech.notes.append("no title found: set `title` in the front matter")
    if not has_salutation:
        speech.notes.append("no salutation (同志们：) found at the start: check where the speech begins")
    for line in body:
        after, edits = normalise(line.text)
        if edits:
            speech.changed.append(Changed(line.number, line.text, after, edits))
        line.text = after
        speech.redactions += [(line.number, _context(after, m.start(), m.end()))
                              for m in redactions(after)]
    speech.body = body
    speech.paragraphs, speech.repairs = build_paragraphs(body, rules)
    return speech


def _context(text: str, start: int, end: int, width: int = 8) -> str:
    return f"{text[max(0, start - width):start]}【{text[start:end]}】{text[end:end + width]}"
