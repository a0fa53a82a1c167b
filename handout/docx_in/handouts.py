"""One of our own DOCX (a speech or the booklet), edited, back to its content file(s).

The DOCX carries, per speech, the slug, the sha256 of the content file it was built from,
that file's front matter and the file itself, its base (docProps/custom.xml). Each speech's
paragraphs are read back as content blocks: the title block (Marking, Title, Subtitle, Byline,
Note) edits the front matter's marking, title, subtitle, date, speaker and note; the rest is
the body. Where a block is
unchanged, the base's own Markdown for it is kept as it was, so a DOCX nobody edited gives
the file back byte for byte; changed and new blocks are written as content.py reads them.
That is the copy; merge.py merges it with the content file as it is today.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..body import parse_body
from ..content import content_from_bytes
from ..errors import UserError, os_reason
from ..frontmatter import read_front_matter
from ..model import Origin
from .markdown import block_key, block_markdown, tidy_runs
from .merge import Conflict, merge_content
from .reader import Para, formatting_notes
from ..i18n import _

TITLE_BLOCK = ("marking", "title", "subtitle", "byline", "note")
FRONT_KEYS = ("title", "subtitle", "date", "speaker", "note", "marking")   # what it shows
SKIPPED = ("toc", "furniture")
SUBTITLE_DASH = "——"


@dataclass
class SpeechBack:
    """One speech as it comes back: the file, its text today and after this ingest, the copy's
    own text (its edits against the file it was built from), what changed, what conflicted."""
    path: Path
    old: str | None                  # the content file as it is now (None: absent)
    new: str
    old_blocks: list[dict]
    new_blocks: list[dict]
    meta_changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    copy: str = ""                   # the reviewer's copy as a content file
    merged: bool = False             # the file had changed since the build: the copy was merged in
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def speeches_back(groups: list[list[Para]], kind: str, origins: list[Origin], content_dir: Path,
                  docx: Path, force: bool, decide: str | None = None) -> list[SpeechBack]:
    """Each speech's paragraphs (speech_groups) back to its content file, merged."""
    speeches = [_speech_back(group, origin, content_dir, docx, force, decide)
                for group, origin in zip(groups, origins)]
    if kind == "booklet" and speeches:
        speeches[0].notes.append(_("the booklet's cover and table of contents are not read (the "
                                   "cover comes from _collection.yaml; edit it there)"))
    return speeches


def speech_groups(paragraphs: list[Para], kind: str, count: int, docx: Path) -> list[list[Para]]:
    """The paragraphs of each speech: a booklet's speeches each start at a Title paragraph,
    after the cover (which belongs to _collection.yaml, not to a speech)."""
    text = [p for p in paragraphs if p.kind not in SKIPPED]
    if kind != "booklet":
        return [text]
    groups: list[list[Para]] = []
    for para in text:
        if not groups or para.kind == "title" and any(p.kind != "marking" for p in groups[-1]):
            # a speech's marking (内部资料) stands above its title: it starts the speech
            marking = [groups[-1].pop()] if groups and groups[-1][-1].kind == "marking" else []
            groups.append(marking)
        groups[-1].append(para)
    speeches = groups[1:]
    if len(speeches) != count:
        raise UserError("the booklet was built from {count} speeches but has {found} "
                        "speech titles (Title style) after its cover; a speech's title must "
                        "stay in the Title style and start its speech", docx, count=count,
                        found=len(speeches))
    return speeches


def _speech_back(group: list[Para], origin: Origin, content_dir: Path, docx: Path,
                 force: bool, decide: str | None) -> SpeechBack:
    """The copy read against the file it was built from (its base, carried in the DOCX),
    then merged with the file as it is today (merge.py)."""
    path = content_dir / f"{origin.slug}.md"
    if not origin.slug or "/" in origin.slug or origin.slug.startswith("."):
        raise UserError("the DOCX names an unusable content file {slug!r}", docx, slug=origin.slug)
    today = _today(path)
    base = _base(path, origin, today, docx, force)
    title_block, body = split_title_block(group)
    # a paragraph of white space only is a blank line in a content file
    new_blocks = [b for b in map(_block, _rejoined(body)) if "".join(r["text"] for r in b["runs"]).strip()]
    if not new_blocks:
        raise UserError("the speech {slug} has no text after its title block", docx, slug=origin.slug)
    front = old_front = base.front if base else origin.front_matter
    meta_changes: list[str] = []
    front = _edited_front(front, title_block, meta_changes, docx)
    notes = formatting_notes(group)
    if base and front == old_front and [block_key(b) for b in new_blocks] == base.keys():
        copy = base.text                       # nothing edited: the file as it was built
    else:
        copy = f"---\n{front}\n---\n\n{_body_markdown(new_blocks, base, notes, docx)}\n"
    _check_reads_back(copy, new_blocks, docx)
    old = _text(today) if today is not None else None
    if old is None or base is None or force:
        speech = SpeechBack(path, old, copy, [], new_blocks, meta_changes, notes, copy)
    else:
        content_from_bytes(today, path)        # today's file must read (else: its line, refused)
        merged = merge_content(base.text, old, copy, decide)
        speech = SpeechBack(path, old, merged.text, [], [], meta_changes, notes, copy,
                            old != base.text, merged.conflicts)
        # the merged file must read; its blocks are what the report compares
        speech.new_blocks = (_Base(path, merged.text.encode("utf-8")).blocks
                             if merged.text != copy else new_blocks)
    speech.old_blocks = _blocks_of(old, path) if old is not None else []
    return speech


def _today(path: Path) -> bytes | None:
    """The content file's bytes as they are now (None: absent)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UserError("cannot read: {why}", path, why=os_reason(exc)) from None


def _base(path: Path, origin: Origin, today: bytes | None, docx: Path, force: bool) -> _Base | None:
    """The content file the DOCX was built from: carried in the DOCX; for a DOCX made before
    that, today's file if its sha256 is still the one the DOCX names. A DOCX without its base
    cannot be merged into a file changed since: refused unless --force (the DOCX's text
    replaces it)."""
    if origin.base is not None:
        return _Base(path, origin.base)
    if today is not None and hashlib.sha256(today).hexdigest() == origin.sha256:
        return _Base(path, today)
    if today is not None and not force:
        raise UserError("changed since {docx} was built from it, and that DOCX (made by "
                        "an older handout) does not carry the text it was built from, so the two "
                        "cannot be merged; not overwritten (rebuild and send the new DOCX, or use "
                        "--force to replace the file with the DOCX's text)", path, docx=docx.name)
    return None


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _blocks_of(text: str, path: Path) -> list[dict]:
    """A content file's blocks, for the report (none if it does not read)."""
    try:
        return _Base(path, text.encode("utf-8")).blocks
    except UserError:
        return []


def split_title_block(group: list[Para]) -> tuple[list[Para], list[Para]]:
    """The Title, Subtitle and Byline paragraphs a speech starts with, and the rest."""
    head = 0
    while head < len(group) and group[head].kind in TITLE_BLOCK:
        head += 1
    return group[:head], group[head:]


def _rejoined(paras: list[Para]) -> list[Para]:
    """Our documents have no section break inside a speech; LibreOffice makes one where its
    page style changes (after a speech's first page), splitting the paragraph there on save.
    Such a paragraph is joined again with the next one of the same style."""
    out: list[Para] = []
    for para in paras:
        last = out[-1] if out else None
        if last is not None and last.ends_section and last.meaning == para.meaning:
            out[-1] = Para(para.meaning, last.runs + para.runs, last.number, para.ends_section)
        else:
            out.append(para)
    return out


def _block(para: Para) -> dict:
    runs = tidy_runs(para.runs)
    if para.kind == "heading":
        return {"kind": "heading", "level": para.meaning.level, "runs": runs}
    return {"kind": "para", "level": 0, "runs": runs}


class _Base:
    """The content file the DOCX was built from: its text, front matter and, per block, its
    Markdown."""

    def __init__(self, path: Path, data: bytes):
        content = content_from_bytes(data, path)
        self.text = _text(data)
        lines = self.text.split("\n")
        self.front = content.front_matter
        self.blocks = [{"kind": b["kind"], "level": b["level"], "runs": b["runs"], "line": b["line"]}
                       for b in content.body]
        starts = [b["line"] for b in self.blocks] + [len(lines) + 1]
        # a block's Markdown: from its first line to the next block's, blank lines trimmed;
        # blocks sharing a line (the rows of one table) have no Markdown of their own
        self.markdown = []
        for i, block in enumerate(self.blocks):
            end = next((s for s in starts[i + 1:] if s > block["line"]), len(lines) + 1)
            alone = starts[i + 1] > block["line"] and (i == 0 or starts[i - 1] < block["line"])
            self.markdown.append("\n".join(lines[block["line"] - 1:end - 1]).strip("\n") if alone else None)

    def keys(self) -> list[tuple]:
        return [block_key(b) for b in self.blocks]


def _body_markdown(blocks: list[dict], base: _Base | None, notes: list[str], docx: Path) -> str:
    """Unchanged blocks in the content file's own Markdown, the others written anew."""
    kept: dict[int, str] = {}
    if base is not None:
        matcher = difflib.SequenceMatcher(None, base.keys(), [block_key(b) for b in blocks],
                                          autojunk=False)
        for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(j2 - j1):
                    if base.markdown[i1 + k] is not None:
                        kept[j1 + k] = base.markdown[i1 + k]
    return "\n\n".join(kept.get(j) or block_markdown(b, notes, docx) for j, b in enumerate(blocks))


def _check_reads_back(text: str, blocks: list[dict], docx: Path) -> None:
    """The proof that nothing was lost: the Markdown reads back as the DOCX's blocks."""
    body = text.split("\n---\n", 1)[1]
    read = [(b["kind"], b["level"], b["text"]) for b in parse_body(body, 1, docx)]
    wanted = [(b["kind"], b["level"], "".join(r["text"] for r in b["runs"])) for b in blocks]
    if read != wanted:
        raise AssertionError(f"{docx}: the content written does not read back as the DOCX's text")


# -- the title block edits the front matter ------------------------------------------------------
def _edited_front(front: str, title_block: list[Para], changes: list[str], docx: Path) -> str:
    """The front matter with the title, subtitle, date, speaker, note and marking the title
    block shows now."""
    meta = read_front_matter(front, 2, docx, [], False)      # the values as the page prints them
    shown = _title_block_values(title_block, meta, docx)
    for key in FRONT_KEYS:
        before, after = meta.get(key), shown.get(key)
        if after == before or key == "title" and _unspaced(after) == _unspaced(before):
            continue
        if after is None and key == "title":
            changes.append(_("the title paragraph is gone; the title is kept"))
            continue
        changes.append(f"{key}: {before!r} → {after!r}" if after is not None else
                       _("{key}: removed").format(key=key))
        front = _set_key(front, key, after)
    return front


def _unspaced(text: str | None) -> str | None:
    """The title is written line by line as the PDF breaks it, and a space where a line
    breaks is not written: a title that differs only in spaces is the same title."""
    return "".join(text.split()) if text is not None else None


def _title_block_values(paras: list[Para], meta: dict, docx: Path) -> dict:
    """title, subtitle (without its dash), date, speaker, note and marking as the title block
    shows them.

    The template writes the date byline, in （…）, before the speaker's: bylines are matched
    to those in that order; when an editor added or removed one, a byline in brackets is the
    date."""
    values: dict = {}
    bylines = []
    for para in paras:
        text = para.text.strip()
        if para.kind == "title":
            values["title"] = values.get("title", "") + text
        elif para.kind == "subtitle":
            values["subtitle"] = text.removeprefix(SUBTITLE_DASH)
        elif para.kind in ("note", "marking"):        # one line each: a second one joins it
            values[para.kind] = " ".join(filter(None, (values.get(para.kind), text)))
        else:
            bylines.append(text)
    rendered = [key for key in ("date", "speaker") if meta.get(key) is not None]
    line_of: dict[str, str] = {}
    for n, text in enumerate(bylines):
        bracketed = text.startswith(("（", "(")) and text.endswith(("）", ")"))
        key = rendered[n] if len(bylines) == len(rendered) else _byline_key(text, bracketed, docx)
        if key in line_of:                # a second name, a second date: one key holds one
            raise UserError("the title block has two {key} lines, “{first}” and “{second}”, and "
                            "the front matter holds one `{key}:`: delete one, or move it into "
                            "the speech's text", docx, key=key, first=line_of[key], second=text)
        line_of[key] = text
        values[key] = text[1:-1] if key == "date" and bracketed else text
    return values


def _byline_key(text: str, bracketed: bool, docx: Path) -> str:
    """A byline added or removed in Word: a date in brackets, else a speaker's name. A line
    in brackets that is no date (（根据录音整理）) is neither: refused, not taken for the date."""
    if not bracketed:
        return "speaker"
    if re.search(r"[0-9０-９XＸ年月日〇一二三四五六七八九十]", text[1:-1]):
        return "date"
    raise UserError("the title block has a line “{text}” that is neither the date nor the "
                    "speaker, and the front matter cannot hold it: move it into the speech's "
                    "text (a paragraph after the title block), or delete it", docx, text=text)


def _set_key(front: str, key: str, value: str | None) -> str:
    """Replace (or add, or with None remove) one `key: value` line, the others untouched."""
    lines = front.split("\n") if front else []
    new = yaml.safe_dump({key: value}, allow_unicode=True, width=1000).rstrip("\n") if value is not None else None
    for i, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            end = i + 1
            while end < len(lines) and lines[end].startswith((" ", "\t")):   # a folded value
                end += 1
            lines[i:end] = [new] if new is not None else []
            return "\n".join(lines)
    if new is not None:
        position = 1 if lines and lines[0].startswith("title:") else 0
        lines.insert(position, new)
    return "\n".join(lines)
