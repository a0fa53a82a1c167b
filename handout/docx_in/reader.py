"""The text of a Word file, paragraph by paragraph: what each paragraph is, its runs (bold or
not), and what an editor did that a content file cannot hold.

Runs may be split anywhere (Word splits them at every edit, other writers at every script
change), so text is read run by run and neighbours of one emphasis are merged. Bold is the
character style Strong (ours) or a direct w:b. Deleted text and field instructions are not
text; the TOC, headers and footers are not read (they are rebuilt from content).
Tracked changes are proposals (revisions.py): an accepted insertion or a rejected deletion is
text, a rejected insertion or an accepted deletion is not; by default none is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..body import merged_runs  # noqa: F401  (runs as the body format compares them)
from ..errors import UserError
from ..ooxml import W
from .package import WordPackage
from .revisions import Acceptance, Revision, list_revisions
from .styles import StyleMeaning, Styles, is_on

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Elements whose children are read as if they were the paragraph's own.
TRANSPARENT = {"ins", "moveTo", "hyperlink", "smartTag", "sdt", "sdtContent", "customXml",
               "fldSimple", "bdo", "dir", "Choice"}
# Not text: deleted or moved-away runs (accepted changes), field codes, the fallback copy of
# an mc:AlternateContent (the Choice is read), properties.
SKIPPED = {"del", "moveFrom", "instrText", "delText", "delInstrText", "Fallback", "pPr", "rPr",
           "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak"}
INSERTED, DELETED = ("ins", "moveTo"), ("del", "moveFrom")     # tracked changes' wrappers
# Direct run formatting an editor can see, which a content file cannot hold (only bold).
IGNORED_FORMATTING = {"i": "italic", "u": "underline", "strike": "strikethrough",
                      "dstrike": "strikethrough", "color": "colour", "highlight": "highlight",
                      "shd": "shading", "sz": "font size", "caps": "capitals",
                      "vertAlign": "superscript/subscript", "em": "emphasis mark"}
PREVIEW = 16


@dataclass
class Para:
    """One non-empty paragraph: its meaning (from its style) and its runs [{text, bold}]."""
    meaning: StyleMeaning
    runs: list[dict]
    number: int                    # 1-based, among the document's non-empty paragraphs
    ends_section: bool = False     # a section break (w:sectPr) follows it
    ignored: tuple[str, ...] = ()  # direct formatting found that a content file cannot hold

    @property
    def text(self) -> str:
        return "".join(r["text"] for r in self.runs)

    @property
    def kind(self) -> str:
        return self.meaning.kind

    def preview(self) -> str:
        text = self.text
        return text if len(text) <= PREVIEW else text[:PREVIEW] + "…"


@dataclass
class Comment:
    """A comment (批注) and the paragraph it belongs to."""
    author: str
    date: str
    text: str
    paragraph: Para | None

    def __str__(self) -> str:
        place = f"on “{self.paragraph.preview()}”" if self.paragraph else "on the document"
        return f"{place}, {self.author}: {self.text}"


@dataclass
class WordText:
    paragraphs: list[Para]
    notes: list[str] = field(default_factory=list)        # what was ignored or kept as text
    comments: list[Comment] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)   # tracked changes, applied or not


def read_word(package: WordPackage, accept_changes=False) -> WordText:
    """The text with the tracked changes `accept_changes` accepts (False: none, True: all, or
    Acceptance.of(authors)) applied, the others listed as not applied."""
    body = package.document.find(f"{W}body")
    if body is None:
        raise UserError("damaged .docx (the document part has no body)", package.path)
    accepts = Acceptance.of(accept_changes)
    reader = _Reader(Styles(package.styles), _note_texts(package), accepts)
    reader.block_children(body)
    text = WordText(reader.paragraphs, reader.notes,
                    _comments(package, reader.comment_at, reader.paragraphs), list_revisions(body, accepts))
    if not any(p.text.strip() for p in text.paragraphs):
        raise UserError("the document has no text", package.path)
    return text


def formatting_notes(paragraphs: list[Para]) -> list[str]:
    """One note per paragraph whose direct formatting (beyond bold) is not kept."""
    return [f"the paragraph “{p.preview()}”: {', '.join(p.ignored)} ignored (only bold is kept)"
            for p in paragraphs if p.ignored]


class _Reader:
    """Walks the body in reading order, collecting paragraphs and notes."""

    def __init__(self, styles: Styles, note_texts: dict | None = None, accepts=Acceptance()):
        self.styles = styles
        self.accepts = accepts                    # tracked change -> applied?
        self.in_deletion = False                  # reading a rejected deletion: w:delText is text
        self.note_texts = note_texts or {}        # (footnote|endnote, id) -> its text
        self.paragraphs: list[Para] = []
        self.notes: list[str] = []
        self.comment_at: dict[str, int] = {}      # comment id -> paragraph number
        self.joining: Para | None = None          # a paragraph whose mark was deleted

    def block_children(self, parent) -> None:
        for child in parent:
            name = _local(child)
            if name == "p":
                self.paragraph(child)
            elif name == "tbl":
                self.table(child)
            elif name in INSERTED and not self.accepts(child):
                continue
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
                self.block_children(child)

    def paragraph(self, p, meaning: StyleMeaning | None = None) -> None:
        if meaning is None:
            style = p.find(f"{W}pPr/{W}pStyle")
            change = p.find(f"{W}pPr/{W}pPrChange")
            if change is not None and not self.accepts(change):     # the style it had before
                style = change.find(f"{W}pPr/{W}pStyle")
            meaning = self.styles.paragraph(style.get(f"{W}val") if style is not None else None)
        runs: list[dict] = []
        boxes: list = []
        ignored: set[str] = set()
        self.inline(p, runs, boxes, ignored, bold=False)
        if self.joining is not None:
            # the previous paragraph's mark was deleted: this text joins it, in its style
            # (an editor removing a paragraph break means "go on in that paragraph")
            runs, meaning = self.joining.runs + runs, self.joining.meaning
            self.paragraphs.remove(self.joining)
            self.joining = None
        runs = merged_runs(runs)
        if meaning.kind != "furniture" and any(r["text"].strip() for r in runs):
            para = Para(meaning, runs, len(self.paragraphs) + 1,
                        p.find(f"{W}pPr/{W}sectPr") is not None, tuple(sorted(ignored)))
            self.paragraphs.append(para)
            if self._mark_removed(p):
                self.joining = para
        for box in boxes:
            self.notes.append("a text box: its text is kept as paragraphs after the one it is in")
            self.block_children(box)

    def _mark_removed(self, p) -> bool:
        """The paragraph mark is gone: deleted and accepted, or inserted and rejected."""
        deleted, inserted = p.find(f"{W}pPr/{W}rPr/{W}del"), p.find(f"{W}pPr/{W}rPr/{W}ins")
        return (deleted is not None and self.accepts(deleted)
                or inserted is not None and not self.accepts(inserted))

    def inline(self, element, runs: list[dict], boxes: list, ignored: set[str], bold: bool) -> None:
        for child in element:
            name = _local(child)
            if name in INSERTED or name in DELETED:
                if self.accepts(child) == (name in INSERTED):        # the change's text is shown
                    outer, self.in_deletion = self.in_deletion, name in DELETED
                    self.inline(child, runs, boxes, ignored, bold)
                    self.in_deletion = outer
                continue
            if name in SKIPPED:
                continue
            if name == "r":
                self.run(child, runs, boxes, ignored)
            elif name == "commentRangeStart":
                self.comment_at.setdefault(child.get(f"{W}id"), len(self.paragraphs) + 1)
            elif name == "AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    self.inline(choice, runs, boxes, ignored, bold)
            elif name in TRANSPARENT:
                self.inline(child, runs, boxes, ignored, bold)
            elif name == "oMath" or name == "oMathPara":
                self.notes.append("an equation was dropped (a speech's content has none)")

    def run(self, r, runs: list[dict], boxes: list, ignored: set[str]) -> None:
        r_pr = r.find(f"{W}rPr")
        change = r_pr.find(f"{W}rPrChange") if r_pr is not None else None
        bold = self._bold(r_pr if change is None or self.accepts(change) else change.find(f"{W}rPr"))
        if r_pr is not None:
            ignored.update(IGNORED_FORMATTING[_local(c)] for c in r_pr
                           if _local(c) in IGNORED_FORMATTING and _shown(c))
        for child in r:
            name = _local(child)
            if name == "t" or name == "delText" and self.in_deletion:
                runs.append({"text": child.text or "", "bold": bold})
            elif name == "tab":
                runs.append({"text": "\t", "bold": bold})
            elif name in ("noBreakHyphen", "softHyphen"):
                runs.append({"text": "-" if name == "noBreakHyphen" else "", "bold": bold})
            elif name in ("drawing", "pict", "object", "AlternateContent"):
                self._drawing(child, boxes)
            elif name == "commentReference":
                self.comment_at.setdefault(child.get(f"{W}id"), len(self.paragraphs) + 1)
            elif name in ("footnoteReference", "endnoteReference"):
                kind = name.removesuffix("Reference")
                text = self.note_texts.get((kind, child.get(f"{W}id")), "")
                after = "".join(r["text"] for r in runs)[-PREVIEW:]
                self.notes.append(f"a {kind} after “…{after}” is not kept (content files have "
                                  f"none; put it in the text if it is needed): “{text}”")

    def _bold(self, r_pr) -> bool:
        if r_pr is None:
            return False
        style = r_pr.find(f"{W}rStyle")
        direct = r_pr.find(f"{W}b")
        if direct is not None:
            return is_on(direct)
        return style is not None and self.styles.is_bold_character_style(style.get(f"{W}val", ""))

    def _drawing(self, element, boxes: list) -> None:
        choice = element.find(f"{MC}Choice")
        scope = choice if choice is not None else element
        found = list(scope.iter(f"{W}txbxContent"))
        if found:
            boxes.extend(found)
        else:
            self.notes.append("an image or drawing was dropped (a content file holds text only)")

    def table(self, tbl) -> None:
        self.notes.append("a table: each row is kept as one paragraph, its cells separated by 　")
        for row in tbl.iter(f"{W}tr"):
            cells = []
            for cell in row.findall(f"{W}tc"):
                inner = _Reader(self.styles, accepts=self.accepts)
                inner.block_children(cell)
                cells.append("".join(p.text for p in inner.paragraphs))
            text = "　".join(c for c in cells if c)
            if text.strip():
                self.paragraphs.append(Para(StyleMeaning("body"), [{"text": text, "bold": False}],
                                            len(self.paragraphs) + 1))


def _shown(element) -> bool:
    """Direct formatting that changes how text looks (not w:u w:val=none, w:color auto, …)."""
    value = element.get(f"{W}val", "1")
    return value not in ("0", "false", "off", "none", "auto", "baseline")


def _note_texts(package: WordPackage) -> dict:
    return {(kind, note.get(f"{W}id")): "".join(t.text or "" for t in note.iter(f"{W}t"))
            for kind, root in package.notes.items() for note in root.iter(f"{W}{kind}")}


def _comments(package: WordPackage, at: dict[str, int], paragraphs: list[Para]) -> list[Comment]:
    """Every comment, with the paragraph it is anchored in (None: the document)."""
    if package.comments is None:
        return []
    by_number = {p.number: p for p in paragraphs}
    return [Comment(comment.get(f"{W}author") or "someone", comment.get(f"{W}date") or "",
                    "".join(t.text or "" for t in comment.iter(f"{W}t")),
                    by_number.get(at.get(comment.get(f"{W}id"))))
            for comment in package.comments.iter(f"{W}comment")]


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
