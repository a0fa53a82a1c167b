"""The report of a DOCX ingest (content/_reports/<file>.md): every change, paragraph by
paragraph, as a reviewer reads a diff; the comments left in the file; what was ignored."""

from __future__ import annotations

import difflib

from .handouts import SpeechBack
from .markdown import block_key
from .reader import WordText
from .revisions import Revision
from .merge import alignment
from ..i18n import _, localize


def docx_report(docx_name: str, speeches: list[SpeechBack], text: WordText, reviewer: str,
                decide: str | None, comment_files: list[str]) -> str:
    out = [_("# Ingest report: {name}").format(name=docx_name), "",
           _("Edited by: {reviewer}").format(reviewer=reviewer), ""]
    out += _revisions(text.revisions)
    for speech in speeches:
        out += _speech_section(speech, reviewer, decide)
    kept = _("kept for the next round in {files}").format(files=", ".join(comment_files)) \
        if comment_files else _("already kept for the next round")
    out += _listed(_("Comments in the file ({kept})").format(kept=kept), [str(c) for c in text.comments])
    out += _listed(_("Ignored or kept as text"),
                   [localize(n) for n in text.notes + [n for s in speeches for n in s.notes]])
    return "\n".join(out).rstrip("\n") + "\n"


def _revisions(revisions: list[Revision]) -> list[str]:
    """Tracked changes, one line each: who, when, where, what, applied or not."""
    if not revisions:
        return []
    applied = sum(r.applied for r in revisions)
    out = [_("## Tracked changes: {count} ({applied} applied, {rest} not applied)").format(
        count=len(revisions), applied=applied, rest=len(revisions) - applied), ""]
    if applied < len(revisions):
        out += [_("Those not applied are proposals, kept here: `--accept-changes` applies them "
                  "all, `--accept-changes=AUTHOR` one person's."), ""]
    return out + [f"- {r.line()}" for r in revisions] + [""]


def _speech_section(speech: SpeechBack, reviewer: str, decide: str | None) -> list[str]:
    changes = paragraph_changes(speech.old_blocks, speech.new_blocks) if speech.old is not None else []
    count = len(changes) + len(speech.meta_changes)
    if speech.old is None:
        head = _("new file")
    elif not speech.changed:
        head = (_("unchanged (nothing to merge: the copy has no edit that is not in it already)")
                if speech.merged else _("unchanged"))
    elif speech.merged:
        head = _("{count} change(s) (merged with the edits made to it since the copy was built)"
                 ).format(count=count)
    else:
        head = _("{count} change(s)").format(count=count)
    out = [f"## {speech.path.name}: {head}", ""]
    out += [_("- front matter: {change}").format(change=c) for c in speech.meta_changes]
    out += changes
    if len(out) > 2:
        out.append("")
    return out + _conflicts(speech, reviewer, decide)


def _conflicts(speech: SpeechBack, reviewer: str, decide: str | None) -> list[str]:
    """Each conflict, today's text and the reviewer's side by side."""
    if not speech.conflicts:
        return []
    taken = _("the copy's text was taken (--theirs)") if decide == "theirs" else \
        _("today's text was kept (--ours)") if decide == "ours" else \
        _("today's text was kept; edit the file, or ingest again with --theirs or --ours")
    out = [_("### Conflicts in {file}: {count} ({taken})").format(
               file=speech.path.name, count=len(speech.conflicts), taken=taken), "",
           "| " + " | ".join((_("where"), _("built from"),
                              _("today ({file})").format(file=speech.path.name), _cell(reviewer))) + " |",
           "| --- | --- | --- | --- |"]
    out += [f"| {localize(c.where)} | {_cell(c.base)} | {_cell(c.ours)} | {_cell(c.theirs)} |"
            for c in speech.conflicts]
    return out + [""]


def _cell(text: str) -> str:
    """A table cell: one line (paragraphs apart by ¶, lines by /), its bars escaped."""
    return text.replace("|", "\\|").replace("\n\n", " ¶ ").replace("\n", " / ") or _("(none)")


def paragraph_changes(old: list[dict], new: list[dict]) -> list[str]:
    """One entry per changed, added or deleted paragraph, numbered as in the new text."""
    matcher = difflib.SequenceMatcher(None, [block_key(b) for b in old], [block_key(b) for b in new],
                                      autojunk=False)
    out: list[tuple[int, str]] = []              # (paragraph number, entry)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = [_shown(b) for b in old[i1:i2]], [_shown(b) for b in new[j1:j2]]
        paired = dict(alignment(olds, news))
        taken = set(paired.values())
        for i, text in enumerate(olds):
            if i in paired:
                n = j1 + paired[i] + 1
                out.append((n, _("- ¶{n} changed: {diff}").format(n=n, diff=_inline_diff(text, news[paired[i]]))))
            else:
                n = i1 + i + 1
                out.append((n, _("- ¶{n} (old numbering) deleted: ~~{text}~~").format(n=n, text=text)))
        for j, text in enumerate(news):
            if j not in taken:
                where = _("after ¶{n}").format(n=j1 + j) if j1 + j else _("at the start")
                n = j1 + j + 1
                out.append((n, _("- ¶{n} added ({where}): {text}").format(n=n, where=where, text=text)))
    return [entry for _n, entry in sorted(out, key=lambda item: item[0])]


def _shown(block: dict) -> str:
    text = "".join(f"**{r['text']}**" if r["bold"] else r["text"] for r in block["runs"])
    return ("#" * block["level"] + " " if block["kind"] == "heading" else "") + text


CONTEXT = 12          # characters of unchanged text shown on each side of a change


def _inline_diff(old: str, new: str) -> str:
    """The new text with deletions as [-…-] and insertions as {+…+}, character by character,
    long unchanged stretches cut to their ends."""
    parts = []
    codes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            parts.append(_cut(new[j1:j2], first=n == 0, last=n == len(codes) - 1))
            continue
        if i2 > i1:
            parts.append(f"[-{old[i1:i2]}-]")
        if j2 > j1:
            parts.append(f"{{+{new[j1:j2]}+}}")
    return "".join(parts)


def _cut(same: str, first: bool, last: bool) -> str:
    if first and len(same) > CONTEXT:
        return "…" + same[-CONTEXT:]
    if last and len(same) > CONTEXT:
        return same[:CONTEXT] + "…"
    if len(same) > 2 * CONTEXT:
        return same[:CONTEXT] + "…" + same[-CONTEXT:]
    return same


def _listed(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"## {title}", "", *[f"- {item}" for item in dict.fromkeys(items)], ""]
