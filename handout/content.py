"""Read one content file: YAML front matter + body -> data for the templates.

The body has only the marks a speech needs (`#`/`##` headings, paragraphs, `**lead**`;
handout/body.py); every other character is text, printed as written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .body import parse_body
from .errors import UserError, format_diagnostic
from .i18n import N_, localize
from .files import read_input
from .frontmatter import read_front_matter
from .numbering import numbering_problems

# A speech is tens of kilobytes; anything this big is a mistake (a whole site dump), and
# laying it out would take minutes and hundreds of megabytes.
MAX_SPEECH_BYTES = 1024 * 1024
# C0 controls other than tab/newline break both PDF text and DOCX XML; so do U+FFFE and
# U+FFFF, which XML forbids (they are not characters at all).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass
class Content:
    """A speech as read from content/: metadata, body blocks, and warnings found on the way.

    Each body block is a dict the templates read: {kind: heading|para, level, runs: [{text, bold}],
    text, line} — `line` is the 1-based line in the content file.
    """
    path: Path
    meta: dict
    body: list[dict]
    warnings: list[str] = field(default_factory=list)
    digest: str = ""              # sha256 of the file's bytes: an edited DOCX knows what it was built from
    front_matter: str = ""        # the YAML between the --- lines, as written
    meta_lines: dict = field(default_factory=dict)   # front-matter key -> its line in the file
    data: bytes = b""             # the file's bytes: a DOCX carries them, the base of a later merge


def read_content(path: Path, strict: bool = False) -> Content:
    """Parse a content file; raise UserError (with file and line) on anything unusable."""
    return content_from_bytes(read_input(path), path, strict)


def content_from_bytes(data: bytes, path: Path, strict: bool = False) -> Content:
    """A content file's bytes as read_content reads them (`path` names it in messages): the
    text an edited DOCX carries is read so too."""
    text = _decode(data, path)
    front, body_text, body_offset = _split_front_matter(text, path)
    warnings: list[str] = []
    meta_lines: dict = {}
    meta = read_front_matter(front, 2, path, warnings, strict, meta_lines)
    body = parse_body(body_text, body_offset + 1, path)
    if not body:
        raise UserError("the speech has no text after the front matter", path)
    headings = [(b["level"], b["text"], b["line"]) for b in body if b["kind"] == "heading"]
    warnings += [format_diagnostic("warning", localize(message), path, line)
                 for line, message in numbering_problems(headings)]
    return Content(path, meta, body, warnings, hashlib.sha256(data).hexdigest(), front, meta_lines,
                   data)


def _decode(data: bytes, path: Path) -> str:
    if len(data) > MAX_SPEECH_BYTES:
        raise UserError("the file is {size:.1f} MB; a speech over {limit} MB is refused "
                        "(split it into several files)", path, size=len(data) / 2**20,
                        limit=MAX_SPEECH_BYTES // 2**20)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError("the file is UTF-16; save it as UTF-8", path, 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError("not UTF-8 (GBK?): save the file as UTF-8, or run it through "
                        "`build.py ingest`", path, line) from None
    match = CONTROL_CHARS.search(text)
    if match:
        line = text[: match.start()].count("\n") + 1
        message = (N_("non-character {code} in the text") if ord(match.group()) > 0xFFFD else
                   N_("control character {code} in the text"))
        raise UserError(message, path, line, code="U+%04X" % ord(match.group()))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Return (front matter text, body text, number of lines before the body)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise UserError("no front matter: the file must start with a `---` line, then "
                        "`title: …`, then `---`", path, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise UserError("front matter is not closed by a `---` line", path, 1) from None
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1:]), end + 1
