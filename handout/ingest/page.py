"""One raw page -> its speeches. The steps, each recorded for the report:

1. repair the source lines (repair.py: entities, escapes, pinyin, emoji, traditional characters,
   the site's fragments inside a line, preview chunks);
2. drop lines that repeat the start of the next one (a site's summary), cut glued lines apart
   (unglue.py) and split the page at separators and where a new titled piece begins;
3. in each piece, read the header above the speech's start into front matter or drop it as
   furniture, then keep the body line by line unless a signal says it is the site's (zones.py);
4. normalise the kept lines and repair their paragraphs (normalize.py, paragraphs.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .filelines import apply_layout
from .meta import Meta, date_text
from .normalize import Edit, is_han, normalise, redactions
from .paragraphs import Paragraph, Repair, SourceLine, build_paragraphs
from .repair import Fix, repair_page
from .rules import Rules
from .signals import Lexicon, han_count, load_lexicon, squeeze
from .unglue import Fragment, fragments
from .titles import number_alike_titles
from .zones import Chunk, Dropped, read_chunk, split_pieces
from ..i18n import N_, Msg


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
    separator: str = ""                         # the 篇N line above it, if the page numbers its pieces

    def kept_han(self) -> str:
        """Every Han character of the body lines, in order: what the output must contain."""
        return "".join(ch for line in self.body for ch in line.text if is_han(ch))


@dataclass
class Page:
    speeches: list[Speech]
    dropped: list[Dropped]
    year: str | None = None
    raw: list[str] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    cuts: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean_page(lines: list[str], rules: Rules, layout=None) -> Page:
    lex = load_lexicon()
    dropped = [Dropped(n, why, lines[n - 1]) for n, why in sorted(layout.furniture.items())] if layout else []
    raw, lines = lines, [("" if layout and n in layout.furniture else text) for n, text in enumerate(lines, 1)]
    prepared = repair_page(lines, lex)
    dropped += _emptied_lines(lines, prepared)
    repeated = _summaries(prepared.lines, lex, dropped) | _repeated_blocks(prepared.lines, lex, dropped)
    frags, cuts = fragments(prepared.lines, lex, repeated)
    speeches, sites = [], set()
    chunks = _split(frags, rules, dropped)
    numbered = any(chunk.separator_label for chunk in chunks)
    for chunk in chunks:
        for piece in split_pieces(chunk, rules, lex):
            read = read_chunk(piece, rules, lex, dropped, sites, partial=numbered)
            if layout:                   # a file's own layout (a short one is a speech too)
                numbers = [f.number for f in piece.fragments]
                read = apply_layout(read or (min(numbers), max(numbers), Meta(), [], []), dropped,
                                    prepared.lines, layout)
            speech = _speech(read, rules, len(speeches) + 1, layout)
            if speech:
                speech.separator = piece.separator_label
                speeches.append(speech)
    number_alike_titles(speeches, lex)
    _say_where_teasers_come_from(dropped, speeches, rules, lex)
    years = sorted({s.meta.year for s in speeches if s.meta.year})
    page = Page(speeches, sorted(dropped, key=lambda d: d.line), years[0] if len(years) == 1 else None,
                raw=raw, fixes=prepared.fixes, cuts=cuts, notes=prepared.notes)
    for speech in speeches:
        speech.date, note = date_text(speech.meta, page.year)
        if note:
            speech.notes.append(note)
    return page


def _emptied_lines(raw: list[str], prepared) -> list[Dropped]:
    """A line the repairs left empty is dropped, with the repairs as its reason."""
    out = []
    for index, (before, after) in enumerate(zip(raw, prepared.lines)):
        if before.strip() and not after:
            reasons = sorted({f.reason for f in prepared.fixes if f.line == index + 1})
            reasons = [r if isinstance(r, Msg) else Msg(r) for r in reasons]   # each translated alone
            reason = reasons[-1] if reasons else Msg("emptied by repairs")
            for earlier in reversed(reasons[:-1]):
                reason = Msg("{reason}; {more}", reason=earlier, more=reason)
            out.append(Dropped(index + 1, reason, before.strip()))
    return out


def _summaries(lines: list[str], lex: Lexicon, dropped: list[Dropped]) -> set[int]:
    """A line that is the start of one of the next lines: the site's summary of the text."""
    out = set()
    for index, text in enumerate(lines):
        short = squeeze(text)
        if len(short) < lex.limits["summary_prefix_min"]:
            continue
        for later in range(index + 1, min(index + 4, len(lines))):
            longer = squeeze(lines[later])
            if len(longer) > len(short) and longer.startswith(short):
                dropped.append(Dropped(index + 1, Msg("summary: repeats the start of line {line}", line=later + 1), text))
                out.add(index)
                break
    return out


def _repeated_blocks(lines: list[str], lex: Lexicon, dropped: list[Dropped]) -> set[int]:
    """Lines the page prints a second time (a title, salutation and paragraphs repeated below
    the first copy): the second copy goes. Only a run with enough text counts, so a short line
    the speaker says twice (同志们：, 谢谢大家！) stays."""
    keys = [squeeze(text) for text in lines]
    first: dict[str, int] = {}
    out: set[int] = set()
    for index, key in enumerate(keys):
        if index in out or not key:
            continue
        earlier = first.setdefault(key, index)
        if earlier == index or han_count(key) < lex.limits["repeat_line_min_han"]:
            continue
        start, end = index, index + 1                       # grow the run both ways
        while start - 1 > earlier + (index - start) and keys[start - 1] == keys[earlier - (index - start) - 1]:
            start -= 1
        while end < len(keys) and earlier + (end - index) < start and keys[end] == keys[earlier + (end - index)]:
            end += 1
        run = [i for i in range(start, end) if keys[i]]
        if sum(han_count(keys[i]) for i in run) < lex.limits["repeat_block_min_han"]:
            continue
        offset = index - earlier
        for i in run:
            dropped.append(Dropped(i + 1, Msg("repeats line {line} (the page printed it twice)", line=i - offset + 1), lines[i]))
            out.add(i)
    return out


def _split(frags: list[Fragment], rules: Rules, dropped: list[Dropped]) -> list[Chunk]:
    """Chunks of fragments between separator lines (……篇1, 【篇2】……)."""
    chunks = [Chunk([], "")]
    for frag in frags:
        match = rules.separator(frag.text) if frag.text else None
        if match:
            dropped.append(Dropped(frag.number, Msg("speech separator"), frag.text))
            chunks.append(Chunk([], (match.groupdict().get("title") or "").strip(), frag.text))
            continue
        chunks[-1].fragments.append(frag)
    return [c for c in chunks if c.fragments]


def _say_where_teasers_come_from(dropped: list[Dropped], speeches: list[Speech], rules: Rules,
                                 lex: Lexicon) -> None:
    """A teaser is usually a sentence copied from the speech: say so, so a reviewer can see
    that dropping it loses nothing."""
    from .signals import editor_sentences
    kept = [s.kept_han() for s in speeches]
    for drop in dropped:
        if drop.reason.startswith("editor line with"):
            editor = rules.editor.search(drop.text)
            spans = editor_sentences(drop.text, lex)
            start = editor.start() if editor else (spans[0][0] if spans else 0)
            han = "".join(ch for ch in drop.text[:start] if is_han(ch))
            found = any(han in text for text in kept)
            teaser = (N_("{reason}: the teaser repeats the speech's own text") if found else
                      N_("{reason}: the teaser is not in any speech on the page"))
            drop.reason = Msg(teaser, reason=drop.reason)


def _speech(read, rules: Rules, order: int, layout=None) -> Speech | None:
    if read is None:
        return None
    first, last, meta, body, notes = read
    speech = Speech(order, (first, last), meta, notes=notes)
    for line in body:
        after, edits = normalise(line.text)
        if edits:
            speech.changed.append(Changed(line.number, line.text, after, edits))
        line.text = after
        speech.redactions += [(line.number, _context(after, m.start(), m.end()))
                              for m in redactions(after)]
    speech.body = body
    speech.paragraphs, speech.repairs = build_paragraphs(body, rules, layout)
    return speech


def _context(text: str, start: int, end: int, width: int = 8) -> str:
    return f"{text[max(0, start - width):start]}【{text[start:end]}】{text[end:end + width]}"
