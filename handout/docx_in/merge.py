"""Three-way merge of a content file: the base (the file a DOCX was built from, which the DOCX
carries), ours (the file as it is today) and theirs (the file as the reviewer's copy reads).

A content file is front matter entries (a `key:` line and the lines folded under it) and body
blocks (separated by blank lines); a block is sentences (split after 。！？；… and the closing
quotes and brackets that follow, and at line ends). Each side's edits are read against the
base with difflib, per unit: kept, replaced, deleted, or units inserted before it. Edits to
different units all apply; a block both sides changed is merged again sentence by sentence;
the same unit changed differently by both is a conflict: ours is kept there (or theirs, as
`decide` says) and the conflict is returned for the report.

Not diff3 (merge3 on PyPI): diff3 makes edits to two neighbouring paragraphs one conflict,
where reviewers of a speech mostly edit neighbouring paragraphs independently.
"""

from __future__ import annotations

import difflib
import re
from ..i18n import N_
from dataclasses import dataclass, field


# A sentence: up to and including its end marks and what closes after them (quotes,
# brackets, the `**` of a bold lead), or up to a line end, or to the end of the block.
SENTENCE = re.compile(r"[^。！？；…\n]*(?:[。！？；…]+[”’」』）》】*]*|\n|$)")
DELETED = None


@dataclass
class Conflict:
    """One place both sides changed differently: where, and the three versions of it."""
    where: str                      # "¶5" (numbered as in the merged file) or "front matter"
    base: str
    ours: str
    theirs: str
    taken: str                      # "ours" or "theirs"


@dataclass
class Merged:
    text: str
    conflicts: list[Conflict] = field(default_factory=list)


def merge_content(base: str, ours: str, theirs: str, decide: str | None = None) -> Merged:
    """The content file with both sides' edits; `decide` ("ours" | "theirs" | None: ours,
    the conflict left open) says which side a conflict takes."""
    if theirs == base or ours == theirs:
        return Merged(ours)
    if ours == base:
        return Merged(theirs)
    conflicts: list[Conflict] = []
    (front_b, body_b), (front_o, body_o), (front_t, body_t) = map(split_content, (base, ours, theirs))
    front = _merge(front_b, front_o, front_t, decide, conflicts, lambda n: N_("front matter"), "\n")
    body = _merge(body_b, body_o, body_t, decide, conflicts, lambda n: f"¶{n}", "\n\n",
                  refine=lambda b, o, t: _merge_sentences(b, o, t, decide))
    return Merged("---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(body) + "\n", conflicts)


def split_content(text: str) -> tuple[list[str], list[str]]:
    """A content file (with its front matter, as content.py has checked) as (front matter
    entries, body blocks)."""
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    entries: list[str] = []
    for line in lines[1:end]:
        if entries and line[:1] in (" ", "\t", "-") and not line.startswith("---"):
            entries[-1] += "\n" + line              # folded under the key above
        else:
            entries.append(line)
    body = "\n".join(lines[end + 1:])
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", body)]
    return entries, [b for b in blocks if b.strip()]


def sentences(block: str) -> list[str]:
    return [s for s in SENTENCE.findall(block) if s]


def _merge_sentences(base: str, ours: str, theirs: str, decide: str | None):
    """A block both sides changed, merged sentence by sentence: (text, conflicting
    sentences as (base, ours, theirs) or None)."""
    found: list[Conflict] = []
    merged = _merge(sentences(base), sentences(ours), sentences(theirs), decide, found, str, "")
    if not found:
        return "".join(merged), None
    return "".join(merged), Conflict("", *("…".join(getattr(c, k) for c in found)
                                           for k in ("base", "ours", "theirs")), found[0].taken)


def _merge(base: list[str], ours: list[str], theirs: list[str], decide: str | None,
           conflicts: list[Conflict], where, joiner: str, refine=None) -> list[str]:
    """Units of base with each side's edits; where both changed one unit differently, `refine`
    may merge it further, else ours is kept (theirs if decide says so) and a conflict noted.
    `where(n)` names the place of the n-th unit of the result; `joiner` joins units shown."""
    kept_o, added_o = _edits(base, ours)
    kept_t, added_t = _edits(base, theirs)
    take_theirs = decide == "theirs"
    out: list[str] = []

    def conflict(b: list[str], o: list[str], t: list[str]) -> None:
        chosen = t if take_theirs else o
        conflicts.append(Conflict(where(len(out) + 1), joiner.join(b), joiner.join(o), joiner.join(t),
                                  "theirs" if take_theirs else "ours"))
        out.extend(chosen)

    for i in range(len(base) + 1):
        o, t = added_o[i], added_t[i]
        if o and t and o != t:
            conflict([], o, t)
        else:
            out.extend(o or t)
        if i == len(base):
            break
        o, t = kept_o[i], kept_t[i]
        if o == base[i] or o == t:
            chosen = t
        elif t == base[i]:
            chosen = o
        elif o is not DELETED and t is not DELETED and refine is not None:
            chosen, found = refine(base[i], o, t)
            if found is not None:
                found.where = where(len(out) + 1)
                conflicts.append(found)
        else:
            conflict([base[i]], [o] if o is not DELETED else [], [t] if t is not DELETED else [])
            continue
        if chosen is not DELETED:
            out.append(chosen)
    return out


def _edits(base: list[str], other: list[str]) -> tuple[list, list[list[str]]]:
    """What `other` did to each unit of base (its new text, itself if kept, DELETED) and which
    units it inserted before each (the last list: at the end)."""
    kept: list = list(base)
    added: list[list[str]] = [[] for _ in range(len(base) + 1)]
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = dict(alignment(base[i1:i2], other[j1:j2])) if tag == "replace" else {}
        for i in range(i1, i2):
            kept[i] = other[j1 + pairs[i - i1]] if i - i1 in pairs else DELETED
        paired = {j: i for i, j in pairs.items()}
        gap = i1
        for j in range(j2 - j1):
            if j in paired:
                gap = i1 + paired[j] + 1
            else:
                added[gap].append(other[j1 + j])
    return kept, added


SIMILAR = 0.4        # units this alike are one unit changed, not one deleted and one added
# Pairing compares every old unit of a changed stretch with every new one; a stretch
# rewritten wholesale is paired in order instead (the comparisons would take minutes).
MAX_COMPARISONS = 2500


def alignment(olds: list[str], news: list[str]) -> list[tuple[int, int]]:
    """Old and new units paired in order, the most alike pairs (an edit, not a rewrite)."""
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
