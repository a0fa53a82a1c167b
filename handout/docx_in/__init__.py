"""`build.py ingest FILE.docx`: a Word file back into content/.

- One of our own handouts or the booklet, edited in Word, WPS or LibreOffice (it carries
  the slug, hash, front matter and text of each speech in its custom properties): each
  speech's copy is read against the text it was built from (handouts.py) and merged with its
  content file as it is today (merge.py: several reviewers' copies all come back), with a
  report of every change, conflict and tracked change (report.py) and the comments kept for
  the next round (comments.py). plan.py plans all that, then applies it.
- Any other Word file: its paragraphs go through the raw-page cleaner (handout/ingest/),
  with its no-loss proof and report, as a page scraped from a website would.

Reading: package.py (the zip and its parts, or a clear error), styles.py (what a style
means), reader.py (paragraphs and runs; tracked changes applied as revisions.py says).
Nothing is written until every speech of the file has been read and checked.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..files import write_atomic
from .comments import read_comments
from .convert import kind_of
from .package import OLE_SIGNATURE, open_word
from .plan import DocxPlan, apply_docx_plan, plan_docx
from .reader import WordText, formatting_notes, read_word
from ..i18n import Msg, _, localize

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".wps")
REPORTS = "_reports"
__all__ = ["DocxPlan", "apply_docx_plan", "ingest_docx", "is_word_file", "plan_docx", "read_comments",
           "word_source"]


def is_word_file(path: Path) -> bool:
    """By name, or by its first bytes (a zip or an OLE file is never a raw text page)."""
    if path.suffix.lower() in WORD_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError:
        return False
    return start.startswith(b"PK\x03\x04") or start == OLE_SIGNATURE


def ingest_docx(path: Path, content_dir: Path, force: bool = False, accept_changes=False,
                decide: str | None = None, echo=print) -> list[Path]:
    """Read a Word file into content/; return the content files written (plan.py: the same in
    two steps, with the conflicts)."""
    return apply_docx_plan(plan_docx(path, content_dir, force, accept_changes, decide), echo)


def word_source(path: Path, text: WordText | None = None):
    """A Word file as a raw page for ingest: (lines, how it was read, Layout). Each paragraph is
    a line (its automatic number in its text), kept apart; Word's headings are marked."""
    from ..ingest.readers import Layout
    if text is None:
        text = read_word(open_word(path))
    # a row's cells: ｜ between them, which the cleaner keeps (it takes spaces out of Chinese text)
    lines = [p.text.replace("　", "｜") if p.in_table else p.text for p in text.paragraphs]
    layout = Layout()
    for number, para in enumerate(text.paragraphs, 1):
        if para.outline is not None and para.kind in ("heading", "body"):
            layout.headings[number] = para.outline
        if para.look:
            layout.aligned[number], layout.looks[number] = para.look.align, para.look.size
        if para.kind in ("title", "subtitle"):
            layout.aligned[number] = "center"          # Word's Title style: the title block
        elif para.kind == "toc":
            layout.furniture[number] = Msg("table of contents (the handout makes its own)")
    with path.open("rb") as handle:
        converted = not handle.read(2) == b"PK"
    how = (Msg("a Word document (.docx), one line per paragraph") if not converted else
           Msg("{kind}, converted to .docx by LibreOffice, one line per paragraph", kind=kind_of(path)))
    return lines, how, layout


def typed_in_word(path: Path, text: WordText, content_dir: Path, force: bool, echo) -> list[Path]:
    """A Word file we did not make: its paragraphs are the lines of a raw page."""
    from ..ingest import ingest
    source = word_source(path, text)
    written = ingest([path], content_dir, force=force, echo=echo, read=lambda _path: source)
    notes = formatting_notes(text.paragraphs) + text.notes
    extra = ([_("- comment: {comment}").format(comment=c) for c in text.comments]
             + [f"- {localize(n)}" for n in dict.fromkeys(notes)]
             + [_("- tracked change: {change}").format(change=r.line()) for r in text.revisions])
    if extra:
        report = content_dir / REPORTS / f"{path.stem}.md"
        if not report.is_file():
            raise UserError("the report was not written", report)
        body = report.read_text(encoding="utf-8").rstrip("\n")
        heading = _("## From the Word file")
        write_atomic(report, (body + f"\n\n{heading}\n\n" + "\n".join(extra) + "\n").encode("utf-8"))
        for note in extra:
            echo(f"  {note[2:]}")
    return written
