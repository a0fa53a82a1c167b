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
from .package import OLE_SIGNATURE
from .plan import DocxPlan, apply_docx_plan, plan_docx
from .reader import WordText, formatting_notes

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".wps")
REPORTS = "_reports"
__all__ = ["DocxPlan", "apply_docx_plan", "ingest_docx", "is_word_file", "plan_docx", "read_comments"]


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


def typed_in_word(path: Path, text: WordText, content_dir: Path, force: bool, echo) -> list[Path]:
    """A Word file we did not make: its paragraphs are the lines of a raw page."""
    from ..ingest import ingest
    lines = [p.text for p in text.paragraphs]
    written = ingest([path], content_dir, force=force, echo=echo,
                     read=lambda _path: (lines, "a Word document (.docx), one line per paragraph"))
    notes = formatting_notes(text.paragraphs) + text.notes
    extra = ([f"- comment: {c}" for c in text.comments] + [f"- {n}" for n in dict.fromkeys(notes)]
             + [f"- tracked change: {r.line()}" for r in text.revisions])
    if extra:
        report = content_dir / REPORTS / f"{path.stem}.md"
        if not report.is_file():
            raise UserError("the report was not written", report)
        body = report.read_text(encoding="utf-8").rstrip("\n")
        write_atomic(report, (body + "\n\n## From the Word file\n\n" + "\n".join(extra) + "\n").encode("utf-8"))
        for note in extra:
            echo(f"  {note[2:]}")
    return written
