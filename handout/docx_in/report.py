"""The report of a DOCX ingest (content/_reports/<file>.md): every change, paragraph by
paragraph, as a reviewer reads a diff; the comments left in the file; what was ignored."""

from __future__ import annotations

import difflib

from .handouts import SpeechBack
from .markdown import block_key


def docx_report(docx_name: str, speeches: list[SpeechBack], comments: list[str],
                notes: list[str], accepted: int) -> str:
    out = [f"# Ingest report: {docx_name}", ""]
    if accepted:
        out += [f"{accepted} tracked change(s) accepted (--accept-changes).", ""]
    for speech in speeches:
        out += _speech_section(speech)
    out += _listed("Comments in the file (not kept in content; answer them there)", comments)
    out += _listed("Ignored or kept as text", notes + [n for s in speeches for n in s.notes])
    return "\n".join(out).rstrip("\n") + "\n"


def _speech_section(speech: SpeechBack) -> list[str]:
    changes = paragraph_changes(speech.old_blocks, speech.new_blocks) if speech.old is not None else []
    if speech.old is None:
        head = "new file (it did not exist, or --force replaced it)"
    elif not speech.changed:
        head = "unchanged"
    else:
        head = f"{len(changes) + len(speech.meta_changes)} change(s)"
    out = [f"## {speech.path.name}: {head}", ""]
    out += [f"- front matter: {c}" for c in speech.meta_changes]
    out += changes
    return out + ([""] if len(out) > 2 else [])


def paragraph_changes(old: list[dict], new: list[dict]) -> list[str]:
    """One entry per changed, added or deleted paragraph, numbered as in the new text."""
    matcher = difflib.SequenceMatcher(None, [block_key(b) for b in old], [block_key(b) for b in new],
                                      autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            out.append(f"- ¶{j1 + k + 1} changed: {_inline_diff(_shown(old[i1 + k]), _shown(new[j1 + k]))}")
        for k in range(i1 + pairs, i2):
            out.append(f"- ¶{k + 1} of the old text deleted: ~~{_shown(old[k])}~~")
        for k in range(j1 + pairs, j2):
            where = f"after ¶{k}" if k else "at the start"
            out.append(f"- ¶{k + 1} added ({where}): {_shown(new[k])}")
    return out


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
