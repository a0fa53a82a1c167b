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
from ..invisible import describe_removed, strip_invisible
from ..ooxml import W
from .numbering import Look, Outline
from .package import WordPackage
from .revisions import Acceptance, Revision, list_revisions
from .styles import StyleMeaning, Styles, is_on
from ..i18n import N_, _

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
IGNORED_FORMATTING = {"i": N_("italic"), "u": N_("underline"), "strike": N_("strikethrough"),
                      "dstrike": N_("strikethrough"), "color": N_("colour"),
                      "highlight": N_("highlight"), "shd": N_("shading"), "sz": N_("font size"),
                      "caps": N_("capitals"), "vertAlign": N_("superscript/subscript"),
                      "em": N_("emphasis mark")}
PREVIEW = 16
# Run content that is text, as text. A line break (w:br, w:cr; a page or column break too)
# is LINE_BREAK until the paragraph is read: then a space between two Latin letters, else
# nothing (a break inside Chinese text is not a space). A no-break hyphen is U+2011.
LINE_BREAK = "\u2028"
ZERO_WIDTH_SPACE = "\u200b"
RUN_TEXT = {"tab": "\t", "ptab": "\t", "br": LINE_BREAK, "cr": LINE_BREAK,
            "noBreakHyphen": "\u2011", "softHyphen": ""}


@dataclass
class Para:
    """One non-empty paragraph: its meaning (from its style) and its runs [{text, bold}]."""
    meaning: StyleMeaning
    runs: list[dict]
    number: int                    # 1-based, among the document's non-empty paragraphs
    ends_section: bool = False     # a section break (w:sectPr) follows it
    ignored: tuple[str, ...] = ()  # direct formatting found that a content file cannot hold
    look: Look | None = None       # its automatic number (now in its text), outline level, …
    in_table: bool = False         # a table row, its cells separated by 　

    @property
    def outline(self) -> int | None:
        return self.look.outline if self.look else None

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
        """The comment for a person (the report, the console), translated here."""
        if self.paragraph:
            return _("on “{paragraph}”, {author}: {text}").format(
                paragraph=self.paragraph.preview(), author=self.author, text=self.text)
        return _("on the document, {author}: {text}").format(author=self.author, text=self.text)


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
    styles = Styles(package.styles)
    reader = _Reader(styles, _note_texts(package), accepts, Outline(package.numbering, styles))
    reader.block_children(body)
    text = WordText(reader.paragraphs, reader.notes,
                    _comments(package, reader.comment_at, reader.paragraphs), list_revisions(body, accepts))
    if not any(p.text.strip() for p in text.paragraphs):
        raise UserError("the document has no text", package.path)
    return text


def formatting_notes(paragraphs: list[Para]) -> list[str]:
    """One note for the file: how many paragraphs had each kind of direct formatting (beyond
    bold) that is not kept (a note per paragraph would bury the ones that matter)."""
    counts: dict[str, int] = {}
    for para in paragraphs:
        for kind in para.ignored:
            counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return []
    listed = _(", ").join(_("{kind} in {count} paragraph(s)").format(kind=_(kind), count=n)
                          for kind, n in sorted(counts.items()))
    return [_("direct formatting ignored (only bold is kept): {listed}").format(listed=listed)]


class _Reader:
    """Walks the body in reading order, collecting paragraphs and notes."""

    def __init__(self, styles: Styles, note_texts: dict | None = None, accepts=Acceptance(),
                 outline: Outline | None = None):
        self.styles = styles
        self.outline = outline or Outline(None, styles)     # automatic numbers, outline levels
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
        style = p.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else None
        if meaning is None:
            change = p.find(f"{W}pPr/{W}pPrChange")
            if change is not None and not self.accepts(change):     # the style it had before
                style = change.find(f"{W}pPr/{W}pStyle")
            meaning = self.styles.paragraph(style.get(f"{W}val") if style is not None else None)
        look = self.outline.of(p, style_id)
        runs: list[dict] = [{"text": look.label, "bold": False}] if look.label else []
        boxes: list = []
        ignored: set[str] = set()
        self.inline(p, runs, boxes, ignored, bold=False)
        if self.joining is not None:
            # the previous paragraph's mark was deleted: this text joins it, in its style
            # (an editor removing a paragraph break means "go on in that paragraph")
            runs, meaning = self.joining.runs + runs, self.joining.meaning
            self.paragraphs.remove(self.joining)
            self.joining = None
        runs = self._visible(merged_runs(_line_breaks(runs)))
        if meaning.kind != "furniture" and any(r["text"].strip() for r in runs):
            para = Para(meaning, runs, len(self.paragraphs) + 1,
                        p.find(f"{W}pPr/{W}sectPr") is not None, tuple(sorted(ignored)), look)
            self.paragraphs.append(para)
            if self._mark_removed(p):
                self.joining = para
        for box in boxes:
            self.notes.append(_("a text box: its text is kept as paragraphs after the one it is in"))
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
                self.notes.append(_("an equation was dropped (a speech's content has none)"))

    def run(self, r, runs: list[dict], boxes: list, ignored: set[str]) -> None:
        r_pr = r.find(f"{W}rPr")
        change = r_pr.find(f"{W}rPrChange") if r_pr is not None else None
        bold = self._bold(r_pr if change is None or self.accepts(change) else change.find(f"{W}rPr"))
        if r_pr is not None:
            ignored.update(IGNORED_FORMATTING[_local(c)] for c in r_pr
                           if _local(c) in IGNORED_FORMATTING and _shown(c))
        if r_pr is not None and is_on(r_pr.find(f"{W}vanish")):
            hidden = "".join(t.text or "" for t in r.iter(f"{W}t"))
            if hidden.strip():
                self.notes.append(_("hidden text (Word's “hidden” font setting) is not kept: “{text}”")
                                  .format(text=hidden))
            return
        for child in r:
            name = _local(child)
            if name == "t" or name == "delText" and self.in_deletion:
                runs.append({"text": child.text or "", "bold": bold})
            elif name in RUN_TEXT:
                runs.append({"text": RUN_TEXT[name], "bold": bold})
            elif name == "sym":
                runs.append({"text": self._symbol(child), "bold": bold})
            elif name == "ruby":                   # the base text is the text; the reading is not
                base = child.find(f"{W}rubyBase")
                if base is not None:
                    self.inline(base, runs, boxes, ignored, bold)
                reading = "".join(t.text or "" for t in child.iterfind(f"{W}rt//{W}t"))
                if reading:
                    self.notes.append(_("a phonetic guide (ruby) “{reading}” is not kept").format(reading=reading))
            elif name in ("drawing", "pict", "object", "AlternateContent"):
                self._drawing(child, boxes)
            elif name == "commentReference":
                self.comment_at.setdefault(child.get(f"{W}id"), len(self.paragraphs) + 1)
            elif name in ("footnoteReference", "endnoteReference"):
                kind = name.removesuffix("Reference")
                text = self.note_texts.get((kind, child.get(f"{W}id")), "")
                after = "".join(r["text"] for r in runs)[-PREVIEW:]
                note = (_("a footnote after “…{after}” is not kept (content files have none; put "
                          "it in the text if it is needed): “{text}”") if kind == "footnote" else
                        _("an endnote after “…{after}” is not kept (content files have none; put "
                          "it in the text if it is needed): “{text}”"))
                self.notes.append(note.format(after=after, text=text))

    def _visible(self, runs: list[dict]) -> list[dict]:
        """The runs without invisible characters (the build refuses them), each kind noted
        but U+200B: our DOCX writer's break marks, which LibreOffice saves as text."""
        found: dict[str, int] = {}
        for run in runs:
            run["text"], removed = strip_invisible(run["text"])
            for ch, n in removed.items():
                found[ch] = found.get(ch, 0) + n
        found.pop(ZERO_WIDTH_SPACE, None)
        if found:
            self.notes.append(_("invisible characters taken out: {found}").format(found=describe_removed(found)))
        return merged_runs(runs)

    def _symbol(self, sym) -> str:
        """w:sym: the character it names. A symbol font's code (U+F0xx, Wingdings …) is no
        Unicode character: noted, not kept."""
        try:
            char = chr(int(sym.get(f"{W}char", ""), 16))
        except (ValueError, OverflowError):
            char = ""
        if "\ue000" <= char <= "\uf8ff" or not char:
            self.notes.append(_("a symbol of the font {font} ({code}) has no Unicode character: "
                                "not kept").format(font=sym.get(f"{W}font") or "?",
                                                   code=sym.get(f"{W}char")))
            return ""
        return char

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
            self.notes.append(_("an image or drawing was dropped (a content file holds text only)"))

    def table(self, tbl) -> None:
        self.notes.append(_("a table: each row is kept as one paragraph, its cells separated by 　"))
        for row in tbl.iter(f"{W}tr"):
            cells = []
            for cell in row.findall(f"{W}tc"):
                inner = _Reader(self.styles, accepts=self.accepts, outline=self.outline)  # numbers count on
                inner.block_children(cell)
                cells.append("".join(p.text for p in inner.paragraphs))
            text = "　".join(c for c in cells if c)
            if text.strip():
                self.paragraphs.append(Para(StyleMeaning("body"), [{"text": text, "bold": False}],
                                            len(self.paragraphs) + 1, in_table=True))


def _shown(element) -> bool:
    """Direct formatting that changes how text looks (not w:u w:val=none, w:color auto, …)."""
    value = element.get(f"{W}val", "1")
    return value not in ("0", "false", "off", "none", "auto", "baseline")


def _line_breaks(runs: list[dict]) -> list[dict]:
    """Each LINE_BREAK a space between two Latin letters or digits ("Hello↵world"), else
    nothing: the content file's paragraph is one line."""
    text = "".join(r["text"] for r in runs)
    if LINE_BREAK not in text:
        return runs
    out, at = [], 0
    for run in runs:
        pieces = []
        for i, ch in enumerate(run["text"], start=at):
            if ch == LINE_BREAK:
                before, after = text[:i].rstrip(LINE_BREAK)[-1:], text[i + 1:].lstrip(LINE_BREAK)[:1]
                last_of_breaks = text[i + 1:i + 2] != LINE_BREAK
                ch = " " if last_of_breaks and _latin(before) and _latin(after) else ""
            pieces.append(ch)
        at += len(run["text"])
        out.append({**run, "text": "".join(pieces)})
    return out


def _latin(ch: str) -> bool:
    return bool(ch) and ch.isascii() and (ch.isalnum() or ch in ".,;:!?)")


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
