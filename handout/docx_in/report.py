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
        head = "new file"
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
        olds, news = [_shown(b) for b in old[i1:i2]], [_shown(b) for b in new[j1:j2]]
        paired = dict(_alignment(olds, news))
        taken = set(paired.values())
        for i, text in enumerate(olds):
            if i in paired:
                out.append(f"- ¶{j1 + paired[i] + 1} changed: {_inline_diff(text, news[paired[i]])}")
            else:
                out.append(f"- ¶{i1 + i + 1} (old numbering) deleted: ~~{text}~~")
        for j, text in enumerate(news):
            if j not in taken:
                where = f"after ¶{j1 + j}" if j1 + j else "at the start"
                out.append(f"- ¶{j1 + j + 1} added ({where}): {text}")
    return sorted(out, key=_paragraph_number)


SIMILAR = 0.4        # paragraphs this alike are one paragraph changed, not one deleted and one added
# Pairing compares every old paragraph of a changed stretch with every new one; a stretch
# rewritten wholesale is paired in order instead (the comparisons would take minutes).
MAX_COMPARISONS = 2500


def _alignment(olds: list[str], news: list[str]) -> list[tuple[int, int]]:
    """Old and new paragraphs paired in order, the most alike pairs (an edit, not a rewrite)."""
    if len(olds) * len(news) > MAX_COMPARISONS:
        return list(zip(range(len(olds)), range(len(news))))
    best = [[0.0] * (len(news) + 1) for _ in range(len(olds) + 1)]
    for i in range(len(olds) - 1, -1, -1):
        for j in range(len(news) - 1, -1, -1):
            ratio = difflib.SequenceMatcher(None, olds[i], news[j], autojunk=False).ratio()
            pair = ratio + best[i + 1][j + 1] if ratio >= SIMILAR else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(olds) and j < len(news):
        if best[i][j] == best[i + 1][j]:
            i += 1
        elif best[i][j] == best[i][j + 1]:
            j += 1
        else:
            pairs.append((i, j))
            i, j = i + 1, j + 1
    return pairs


def _paragraph_number(entry: str) -> int:
    return int(entry[3:].split(" ", 1)[0])


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
