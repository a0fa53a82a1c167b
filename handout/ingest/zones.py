"""One piece of a page: the header above the speech, the speech, the footer below it.

The speech begins at its salutation or, without one, at the first sentence that is not the
site's. Above it, a line is a title, date or speaker line (front matter) or furniture; below it,
every line is kept unless a signal says it is the site's (lexicon words, an info line, the title
repeated, a summary, an editor sentence), and from an end marker (预览结束, 相关文章 …) on, the
rest of the piece is the page's footer. Every line dropped names its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .meta import Meta, meta_from_title_line, meta_from_what
from .paragraphs import SourceLine
from .rules import Rules
from .signals import (Lexicon, editor_sentences, ends_with_kind, furniture_reason, han_count,
                      is_end_marker, is_sentence_like, similarity, summary_label)
from .titles import completed_kind, is_speaker_role, looks_like_title, split_byline, title_from_opening, undecorated
from .unglue import Fragment
from ..i18n import Msg

SPEAKER_LINE = re.compile(r"^[\u4e00-\u9fff·• XＸ×]{2,20}$")        # 市长 张XX: X is a placeholder
SPEAKER_LABEL = re.compile(r"^(?:发言人|讲话人|主讲人|演讲人|报告人|致辞人)\s*[:：]\s*(?P<name>[\u4e00-\u9fff·]{2,10})$")
# 作者：董事长 王XX / 作者 | 局长 李XX: an account's byline that names the speaker by office
AUTHOR_LINE = re.compile(r"^作者\s*[:：|｜]\s*(?P<name>[\u4e00-\u9fff·XＸ× ]{2,20})$")
MIN_SPEECH_HAN = 20          # less Chinese than this outside any speech is a stray fragment
PARTIAL_MIN_HAN = 4          # ... but in one of a page's numbered pieces, a sentence is speech
SENTENCE_END = "。！？!?"
COUNTED = re.compile(r"\d+\s*篇|[一二三四五六七八九十]+篇")   # a page title for several pieces
PIECE_TITLE_LOOKBACK = 3     # a new piece's title stands at most this many lines above its salutation
TITLE_MOVED = Msg("title line, moved to front matter")
LINK_REASON = "bookmark or download link"      # patterns.yaml: 收藏《……》
LINKED_NAME = re.compile(r"《([^》]{2,60})》?$")
BYLINE_TITLE = re.compile(r"^[\u4e00-\u9fffXx×*]{1,8}同志(?:讲话|发言|致辞)$")
JOINED = ("和", "与", "及", "暨")
SUBTITLE = re.compile(r"^\s*(?:——|—|--)\s*\S")     # ——《……规定》专题党课, under the main title


@dataclass
class Dropped:
    line: int
    reason: str
    text: str


@dataclass
class Chunk:
    fragments: list[Fragment]
    separator_title: str             # a title the separator carries (【篇1】在……上的讲话)
    separator_label: str = ""        # the separator line itself (……交流发言篇1): a last resort


def split_pieces(chunk: Chunk, rules: Rules, lex: Lexicon) -> list[Chunk]:
    """A piece that begins without a separator: a title line ending in 讲话/发言稿/结束语 …, its
    salutation a few lines below, after a speech has begun."""
    frags, cuts, seen_speech = chunk.fragments, [], False
    for index, frag in enumerate(frags):
        if rules.salutation.match(frag.text):
            title = _title_above(frags, index, rules, lex)
            if seen_speech and title is not None and (not cuts or title > cuts[-1]):
                cuts.append(title)
            seen_speech = True
    if not cuts:
        return [chunk]
    bounds = [0] + cuts + [len(frags)]
    return [Chunk(frags[a:b], chunk.separator_title if a == 0 else "",
                  chunk.separator_label if a == 0 else "") for a, b in zip(bounds, bounds[1:])]


def _title_above(frags: list[Fragment], index: int, rules: Rules, lex: Lexicon) -> int | None:
    seen = 0
    for above in range(index - 1, -1, -1):
        text = frags[above].text
        if not text:
            continue
        if looks_like_title(text, lex) and ends_with_kind(undecorated(text, lex)):
            return above
        seen += 1
        if seen == PIECE_TITLE_LOOKBACK:
            break
    return None


def read_chunk(chunk: Chunk, rules: Rules, lex: Lexicon, dropped: list[Dropped], sites: set[str],
               partial: bool = False):
    """(first line, last line, meta, body lines, notes) of the piece's speech, or None.
    `sites` collects the site's names from the furniture, to take them out of the speech.
    `partial`: the chunk is one of a page's numbered pieces, so a few sentences of it (the end
    of a piece begun on the page before, the start of one the preview cuts off) are speech."""
    meta, titles, body, own, notes = Meta(), [], [], [], []
    if chunk.separator_title:
        titles.append(chunk.separator_title)
    start = _speech_start(chunk.fragments, rules, lex, partial)
    footer_from = None
    blank = False
    for position, frag in enumerate(chunk.fragments):
        text = frag.text
        if not text:
            blank = True
            continue
        if position < start:
            reason = _header(text, rules, lex, meta, titles)
            if not ends_with_kind(undecorated(text, lex)):      # any header line but the title's
                sites.update(lex.site_name.findall(text))
        elif footer_from:
            reason = Msg("page footer (below “{line}”)", line=footer_from)
        else:
            reason = _body_furniture(text, rules, lex, titles)
            if _ends_preview(text, rules, lex):
                footer_from = text[:12]
            if reason is None:
                text = _without_site_names(frag, _without_editor_sentences(frag, text, lex, own), sites, own)
            else:
                sites.update(lex.site_name.findall(text))
        if reason:
            own.append(Dropped(frag.number, reason, frag.text))
        elif text:
            body.append(SourceLine(frag.number, text, after_blank=blank and bool(body)))
        blank = False
    _drop_trailing_titles(body, lex, own)
    han = sum(han_count(line.text) for line in body)
    if not body or han < (PARTIAL_MIN_HAN if partial else MIN_SPEECH_HAN):
        own += [Dropped(line.number, Msg("fragment outside any speech"), line.text) for line in body]
        dropped += own
        return None
    linked = [m[1] for d in own if d.reason.startswith(LINK_REASON) and (m := LINKED_NAME.search(d.text))]
    chosen = _choose_title(meta, titles, chunk.separator_label, body, rules, lex, notes, linked)
    dropped += [_unless_chosen(d, chosen, lex) for d in own]
    if han < MIN_SPEECH_HAN:
        notes.append(Msg("only a few sentences of this piece are on the page: check them"))
    if not any(rules.salutation.match(line.text) for line in body[:3]):
        notes.append(Msg("no salutation (同志们：) found at the start: check where the speech begins"))
    numbers = [f.number for f in chunk.fragments]
    return min(numbers), max(numbers), meta, body, notes


def _drop_trailing_titles(body: list[SourceLine], lex: Lexicon, own: list[Dropped]) -> None:
    """Titles of other speeches listed below this one, with no speech of theirs after them:
    the site's links to related pages."""
    while body and looks_like_title(body[-1].text, lex) and ends_with_kind(undecorated(body[-1].text, lex)):
        line = body.pop()
        own.append(Dropped(line.number, Msg("another speech's title below this one (a link)"), line.text))


def _speech_start(frags: list[Fragment], rules: Rules, lex: Lexicon, partial: bool = False) -> int:
    """Index of the salutation, or of the first sentence that is not the site's (in a partial
    piece, the first line with a sentence's punctuation that is not)."""
    for index, frag in enumerate(frags):
        if rules.salutation.match(frag.text):
            return index
    for index, frag in enumerate(frags):
        text = frag.text
        if not text or rules.boilerplate_reason(text) or furniture_reason(text, lex) \
                or summary_label(text, lex) or rules.editor.search(text) or editor_sentences(text, lex):
            continue
        if rules.heading_family(text) is not None or (is_sentence_like(text, lex)
                                                      and not looks_like_title(text, lex)):
            return _short_sentences_above(frags, index, rules, lex)
    if partial:
        for index, frag in enumerate(frags):
            if frag.text and any(ch in frag.text for ch in SENTENCE_END) and not furniture_reason(frag.text, lex) \
                    and not rules.boilerplate_reason(frag.text) and not editor_sentences(frag.text, lex):
                return index
    return len(frags)


def _short_sentences_above(frags: list[Fragment], index: int, rules: Rules, lex: Lexicon) -> int:
    """The speech's own short sentences just above its first long one (天空为什么这么蓝？):
    lines that end a sentence and carry no site signal belong to the speech, not the header."""
    while index > 0:
        text = frags[index - 1].text
        if text and not (text.rstrip()[-1] in SENTENCE_END and _is_plain(text, rules, lex)):
            break
        index -= 1
    while index < len(frags) and not frags[index].text:
        index += 1
    return index


def _is_plain(text: str, rules: Rules, lex: Lexicon) -> bool:
    """No signal of the site's: no furniture, summary label, editor line, boilerplate."""
    return not (rules.boilerplate_reason(text) or furniture_reason(text, lex) or summary_label(text, lex)
                or rules.editor.search(text) or editor_sentences(text, lex) or rules.separator(text))


def _header(text: str, rules: Rules, lex: Lexicon, meta: Meta, titles: list[str]) -> str:
    """What a line above the speech is: front matter (title, date, speaker) or furniture."""
    if (m := AUTHOR_LINE.match(text)) and any(is_speaker_role(part) for part in m["name"].split()):
        meta.speaker = meta.speaker or " ".join(m["name"].split())
        return Msg("speaker line, moved to front matter")
    reason = rules.boilerplate_reason(text)
    if reason == "page title" and ends_with_kind(undecorated(text, lex)):
        if not COUNTED.search(text):
            reason = None                 # 在……上的讲话（精选）: the speech's title, decorated
        else:
            titles.append(text)           # ……演讲稿十一篇: the collection's; a title of last resort
    if reason:
        return reason
    editor = rules.editor.search(text)
    spans = editor_sentences(text, lex)
    if editor or spans:
        if editor and not meta.title:
            found = meta_from_what(editor["what"].strip(), rules)
            meta.__dict__.update({k: v for k, v in found.__dict__.items() if v})
        teaser = text[:editor.start() if editor else spans[0][0]].strip()
        return Msg("editor line with a pasted teaser in front") if teaser else Msg("editor line")
    if (m := rules.date_line.match(text)):
        meta.date = re.sub(r"\s+", "", m["date"])
        meta.year = meta.year or (m["date"][:4] if m["date"][:4].isdigit() else None)
        return Msg("date line, moved to front matter")
    if (m := SPEAKER_LABEL.match(text)) or (titles and _is_speaker_line(text)):
        meta.speaker = m["name"] if m else " ".join(text.split())
        return Msg("speaker line, moved to front matter")
    reason = _site_signal(text, lex)
    if reason:
        return reason
    if titles and SUBTITLE.match(text):
        return Msg("subtitle under the title (not used as the title: add it there if wanted)")
    if looks_like_title(text, lex):
        repeated = _repeats_a_title(text, titles, lex)
        titles.append(text)
        return Msg("duplicated title") if repeated else TITLE_MOVED
    return Msg("page header above the speech (not a sentence of it)")


def _site_signal(text: str, lex: Lexicon) -> str | None:
    """Furniture words or an info line, or the site's summary label."""
    label = summary_label(text, lex)
    return furniture_reason(text, lex) or (Msg("the site's {label} (summary)", label=label) if label else None)


def _repeats_a_title(text: str, titles: list[str], lex: Lexicon) -> bool:
    bare = undecorated(text, lex)
    return any(similarity(bare, undecorated(t, lex)) >= lex.limits["title_similarity"] for t in titles)


def _is_speaker_line(text: str) -> bool:
    return bool(SPEAKER_LINE.match(text)) and not ends_with_kind(text) \
        and any(is_speaker_role(part) for part in text.split())


def _body_furniture(text: str, rules: Rules, lex: Lexicon, titles: list[str]) -> str | None:
    spans = editor_sentences(text, lex)
    rest = "".join(text[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(text)]))
    if spans and han_count(rest) >= lex.limits["sentence_min_han"]:
        return None                       # the speaker's sentences stay, the editor's go
    reason = rules.boilerplate_reason(text)
    if reason:
        return reason
    if _ends_preview(text, rules, lex):
        return Msg("end of the speech's preview, the page footer follows")
    reason = _site_signal(text, lex)
    if reason:
        return reason
    if looks_like_title(text, lex) and _repeats_a_title(text, titles, lex):
        return Msg("duplicated title")
    return None


def _ends_preview(text: str, rules: Rules, lex: Lexicon) -> bool:
    """An end marker (相关新闻, 往期推荐 …), not a heading of the speech (四、推荐阅读书目)."""
    return is_end_marker(text, lex) and rules.heading_family(text) is None


def _without_site_names(frag: Fragment, text: str, sites: set[str], own: list[Dropped]) -> str:
    """The site's own name (learnt from its header and info lines) glued into a speech line."""
    for name in sorted(sites, key=len, reverse=True):
        if name in text and text != name:
            own.append(Dropped(frag.number, Msg("the site's name inserted into the text"), name))
            text = text.replace(name, "")
    return text.strip()


def _first_copy(titles: list[str], lex: Lexicon) -> str:
    """The last title above the speech (the piece's own), as the page first gave it: later
    copies of a title tend to carry more of the site's additions."""
    last = undecorated(titles[-1], lex)
    for title in titles:
        if similarity(undecorated(title, lex), last) >= lex.limits["title_similarity"]:
            return title
    return titles[-1]


def _without_editor_sentences(frag: Fragment, text: str, lex: Lexicon, own: list[Dropped]) -> str:
    """An editor's sentence inside a kept line goes; the speaker's sentences around it stay."""
    spans = editor_sentences(text, lex)
    for start, end in reversed(spans):
        own.append(Dropped(frag.number, Msg("editor sentence inside a line"), text[start:end]))
        text = text[:start] + text[end:]
    return text.strip()


def _choose_title(meta: Meta, titles: list[str], label: str, body: list[SourceLine], rules: Rules,
                  lex: Lexicon, notes: list[str], linked: list[str] = ()) -> str | None:
    """The title line chosen (None where the title comes from elsewhere). The piece's own heading (the last title line above it that does not count pieces),
    else the editor line's name for it, else the separator's words, else the occasion its
    opening names."""
    titles = [t for t in titles if han_count(undecorated(t, lex)) >= 2]
    # a line naming its kind (……的讲话) is the title; other title-shaped lines near it are chrome
    titles = [t for t in titles if ends_with_kind(undecorated(t, lex))] or titles
    # not a byline (xxx同志讲话) nor the second half of two titles the page joined (……和在……的讲话)
    titles = [t for t in titles if not (BYLINE_TITLE.match(t) or t.startswith(JOINED))] or titles
    own = [t for t in titles if not COUNTED.search(t)] or titles
    if not own and not meta.title and han_count(undecorated(label, lex)) >= 2:
        own = [label]
    if own:
        chosen = _first_copy(own, lex)
        text, speaker, date = split_byline(undecorated(chosen, lex))
        found = rules.title_line.match(text)
        parsed = meta_from_title_line(found, rules) if found else Meta(title=text, derived=Msg("title line"))
        meta.title, meta.derived = parsed.title, Msg("title line “{line}”", line=chosen)
        meta.speaker = meta.speaker or speaker or parsed.speaker
        meta.occasion = meta.occasion or parsed.occasion
        meta.year = meta.year or parsed.year
        meta.date = meta.date or date
        return chosen
    if meta.title:
        return None
    if linked and han_count(linked[-1]) >= 4:            # 收藏《在安委会例会上的讲 (the link, cut)
        meta.title, meta.derived = completed_kind(undecorated(linked[-1], lex)), Msg("the page's bookmark link names it")
        notes.append(Msg("no title on the page: “{title}” was taken from the page's link to the "
                         "document; check it", title=meta.title))
        return None
    opening = title_from_opening([line.text for line in body[:4]], lex)
    if opening:
        meta.title, meta.occasion = opening
        meta.derived = Msg("made from the occasion its opening names")
        notes.append(Msg("no title on the page: “{title}” was made from the opening; check it",
                         title=meta.title))
        return None
    # the first words of the first real sentence, not a greeting (大家好！) above it
    lines = [line.text for line in body if is_sentence_like(line.text, lex)] or [line.text for line in body]
    clauses = re.split(r"[，。！？,!?：:；;]", "".join(lines[:3]))
    first = next(c for c in clauses if han_count(c))[:20]     # a speech has >= 20 Han characters
    meta.title, meta.derived = first, Msg("the first words (no title found)")
    notes.append(Msg("no title found: set `title` in the front matter"))
    return None


def _unless_chosen(line: Dropped, chosen: str | None, lex: Lexicon) -> Dropped:
    """A title-shaped header line that did not become the title says so in the report."""
    if line.reason != TITLE_MOVED or (chosen and similarity(undecorated(line.text, lex),
                                                             undecorated(chosen, lex)) >= lex.limits["title_similarity"]):
        return line
    return Dropped(line.line, Msg("page header above the speech (a heading, not this speech's title)"), line.text)
