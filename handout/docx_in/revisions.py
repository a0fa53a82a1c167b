"""Tracked changes (Word's 修订, w:ins/w:del with w:author and w:date) are proposals: which ones
are applied is the editor's choice (`--accept-changes`, all or one author's), and each one is
listed in the report with who made it, when, what and where, applied or not.

The reader (reader.py) asks `accepts(element)` for each revision it meets: an accepted
insertion or a rejected deletion is text, the others are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ooxml import W

REVISIONS = {"ins": "insertion", "del": "deletion", "moveFrom": "move (from)", "moveTo": "move (to)",
             "pPrChange": "paragraph format change", "rPrChange": "character format change",
             "sectPrChange": "section format change", "tblPrChange": "table format change",
             "trPrChange": "table row change", "tcPrChange": "table cell change",
             "cellIns": "inserted table cell", "cellDel": "deleted table cell"}
PREVIEW = 16
ALL = True


@dataclass(frozen=True)
class Acceptance:
    """Which tracked changes are applied: all (ALL), none (False), or those of some authors."""
    accept: bool | frozenset = False

    def __call__(self, element) -> bool:
        if isinstance(self.accept, bool):
            return self.accept
        return (element.get(f"{W}author") or "") in self.accept

    @classmethod
    def of(cls, accept) -> Acceptance:
        """From the command line's --accept-changes: None/False, True, or a list of authors
        (True in it: all)."""
        if isinstance(accept, Acceptance):
            return accept
        if isinstance(accept, (list, tuple, set, frozenset)):
            return cls(ALL if ALL in accept else frozenset(accept))
        return cls(bool(accept))


@dataclass
class Revision:
    kind: str
    author: str
    date: str
    text: str
    where: str                       # the start of the paragraph it is in
    applied: bool

    def line(self) -> str:
        when = f", {self.date.replace('T', ' ').removesuffix('Z')}" if self.date else ""
        what = f": “{self.text}”" if self.text else ""
        state = "applied" if self.applied else "not applied"
        return f"{self.kind} by {self.author or 'someone'}{when}, in “{self.where}”{what} — {state}"


def list_revisions(body, accepts) -> list[Revision]:
    """Every tracked change in the body, in reading order."""
    found = []
    for element in body.iter(*(f"{W}{name}" for name in REVISIONS)):
        name = element.tag.rsplit("}", 1)[-1]
        parent = element.getparent()
        if name in ("ins", "del") and parent is not None and parent.tag == f"{W}rPr":
            kind = f"paragraph mark {'inserted' if name == 'ins' else 'deleted'}"
            text = ""
        else:
            kind = REVISIONS[name]
            text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
        found.append(Revision(kind, element.get(f"{W}author") or "", element.get(f"{W}date") or "",
                              text[:40], _paragraph_start(element), accepts(element)))
    return found


def authors(revisions: list[Revision]) -> list[str]:
    return list(dict.fromkeys(r.author or "someone" for r in revisions))


def _paragraph_start(element) -> str:
    paragraph = next((a for a in element.iterancestors(f"{W}p")), None)
    if paragraph is None:
        return "the document"
    # as it was before the changes: what the reviewer was sent
    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t", f"{W}delText")
                   if not any(a.tag in (f"{W}ins", f"{W}moveTo") for a in t.iterancestors()))
    return text if len(text) <= PREVIEW else text[:PREVIEW] + "…"
