"""Tracked changes (Word's 修订, w:ins/w:del with w:author and w:date) are proposals: which ones
are applied is the editor's choice (`--accept-changes`, all or one author's), and each one is
listed in the report with who made it, when, what and where, applied or not.

The reader (reader.py) asks `accepts(element)` for each revision it meets: an accepted
insertion or a rejected deletion is text, the others are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ooxml import W
from ..i18n import N_, _, localize

REVISIONS = {"ins": N_("insertion"), "del": N_("deletion"), "moveFrom": N_("move (from)"),
             "moveTo": N_("move (to)"), "pPrChange": N_("paragraph format change"),
             "rPrChange": N_("character format change"), "sectPrChange": N_("section format change"),
             "tblPrChange": N_("table format change"), "trPrChange": N_("table row change"),
             "tcPrChange": N_("table cell change"), "cellIns": N_("inserted table cell"),
             "cellDel": N_("deleted table cell")}
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
        """The change for a person: who, when, where, what, applied or not (translated here)."""
        when = f", {self.date.replace('T', ' ').removesuffix('Z')}" if self.date else ""
        what = _(": “{text}”").format(text=self.text) if self.text else ""
        state = _("applied") if self.applied else _("not applied")
        return _("{kind} by {author}{when}, in “{where}”{what} — {state}").format(
            kind=localize(self.kind), author=self.author or _("someone"), when=when,
            where=localize(self.where), what=what, state=state)


def list_revisions(body, accepts) -> list[Revision]:
    """Every tracked change in the body, in reading order."""
    found = []
    for element in body.iter(*(f"{W}{name}" for name in REVISIONS)):
        name = element.tag.rsplit("}", 1)[-1]
        parent = element.getparent()
        if name in ("ins", "del") and parent is not None and parent.tag == f"{W}rPr":
            kind = N_("paragraph mark inserted") if name == "ins" else N_("paragraph mark deleted")
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
        return N_("the document")
    # as it was before the changes: what the reviewer was sent
    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t", f"{W}delText")
                   if not any(a.tag in (f"{W}ins", f"{W}moveTo") for a in t.iterancestors()))
    return text if len(text) <= PREVIEW else text[:PREVIEW] + "…"
