"""Changes a person makes to a content file, as functions (the workbench's page calls them;
so can anything else): fill an X placeholder, correct a paragraph, make a heading a paragraph
or back, set the front matter.

Every change is made to the file's text as it is on disk, checked as the build reads it
(content.content_from_bytes), and written atomically, only when the file is still the version the
person saw: `version` is the digest of the bytes they edited; a file changed since (another
tab, a text editor, a rebuild of ingest) is refused with StaleVersion, and nothing is lost.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from .content import content_from_bytes
from .errors import UserError
from .i18n import N_
from .files import write_atomic
from .frontmatter import PRINTED_KEYS
from .ingest.normalize import redactions

WRITING = threading.Lock()        # one check-then-write at a time in this process (save_all)
HEADING = re.compile(r"(#{1,2})[ \t]+")


class StaleVersion(UserError):
    """The file changed after the person loaded it."""


def version_of(path: Path) -> str:
    """What a save must name: the digest of the file's bytes ("" for no file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return ""


def inside(path: Path, folder: Path) -> Path:
    """`path` resolved, refused unless it is a plain file name directly in `folder`."""
    folder = folder.resolve()
    resolved = path.resolve()
    if path.name in ("", ".", "..") or resolved.parent != folder or path.is_symlink():
        raise UserError(N_("not a file of the content folder"), path)
    return resolved


STALE = N_("the file was changed after you opened it (in another tab or an editor); reload to "
           "see the change, then make yours again")


def save(path: Path, data: bytes, version: str) -> None:
    """Write `data` to `path` if the file is still `version`; else StaleVersion, file untouched."""
    save_all([(path, data, version)])


def save_all(files: list[tuple[Path, bytes, str]], stale: str = STALE) -> list[Path]:
    """Write each (path, data, version) if every file is still its version; else StaleVersion
    (with `stale`, naming the first file that changed) and nothing written. The one place
    content files are checked and written: a page's edit and a planned ingest alike."""
    with WRITING:
        for path, _data, version in files:
            if version_of(path) != version:
                raise StaleVersion(stale, path)
        for path, data, _version in files:
            write_atomic(path, data)
    return [path for path, _data, _version in files]


def save_content(path: Path, text: str, version: str) -> None:
    """A content file's new text, checked as the build reads it, then saved."""
    data = text.encode("utf-8")
    content_from_bytes(data, path)
    save(path, data, version)


@dataclass(frozen=True)
class Placeholder:
    """An X (or XX, X年…) still to fill: its line in the file, where in the line, as written."""
    line: int
    start: int
    text: str
    before: str
    after: str
    in_date: bool


def placeholders(path: Path, context: int = 10) -> list[Placeholder]:
    """Every placeholder of the file, in order (the front matter's date included)."""
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    found = []
    for number, line in enumerate(lines, 1):
        floor = len("date:") if line.startswith("date:") else 0      # the key is not context
        for match in redactions(line):
            found.append(Placeholder(number, match.start(), match.group(),
                                     line[max(floor, match.start() - context):match.start()].lstrip(),
                                     line[match.end():match.end() + context],
                                     line.startswith("date:")))
    return found


def fill_placeholder(path: Path, line: int, start: int, old: str, new: str, version: str) -> str:
    """Put `new` where the placeholder `old` stands (line `line`, column `start`); return the
    file's new version."""
    new = new.strip()
    if not new or "\n" in new or "\r" in new:
        raise UserError(N_("write what stands in place of the placeholder, on one line"), path, line)
    lines = _lines(path)
    if not 1 <= line <= len(lines) or lines[line - 1][start:start + len(old)] != old or \
            start not in {m.start() for m in redactions(lines[line - 1])}:
        raise StaleVersion(N_("that placeholder is no longer there; reload the page"), path, line)
    text = lines[line - 1]
    lines[line - 1] = text[:start] + new + text[start + len(old):]
    return _write_lines(path, lines, version)


def blocks(path: Path) -> list[dict]:
    """The body's headings and paragraphs as the build reads them, each with its first line."""
    return content_from_bytes(path.read_bytes(), path).body


def edit_paragraph(path: Path, line: int, new: str, version: str) -> str:
    """Replace the paragraph (or heading text) starting at `line` by `new`; a blank line in
    `new` makes two paragraphs. Return the new version."""
    new = "\n".join(part.strip() for part in new.strip().replace("\r\n", "\n").split("\n"))
    if not new:
        raise UserError(N_("a paragraph cannot be empty (to drop it, drop it from the review)"), path, line)
    lines = _lines(path)
    first, last = _block_span(path, lines, line)
    heading = HEADING.match(lines[first])
    if heading:
        if "\n" in new:
            raise UserError(N_("a heading is one line"), path, line)
        new = heading.group(0) + new
    lines[first:last] = new.split("\n")
    return _write_lines(path, lines, version)


def drop_block(path: Path, line: int, version: str) -> str:
    """Take the paragraph or heading starting at `line` out of the file (with the blank line
    after it). Return the new version."""
    lines = _lines(path)
    first, last = _block_span(path, lines, line)
    if last < len(lines) and not lines[last].strip():
        last += 1
    del lines[first:last]
    return _write_lines(path, lines, version)


def insert_paragraph(path: Path, after: int, text: str, version: str) -> str:
    """Put `text` in as a paragraph of its own after the block starting at line `after`
    (0: before the first block), as a line ingest dropped is put back. Return the new version."""
    text = " ".join(text.split())
    if not text:
        raise UserError(N_("a paragraph cannot be empty (to drop it, drop it from the review)"), path)
    lines = _lines(path)
    if after:
        _first, at = _block_span(path, lines, after)
    else:
        at = _front_matter_end(path, lines) + 1
    lines[at:at] = ["", text, ""] if at < len(lines) and lines[at].strip() else ["", text]
    return _write_lines(path, lines, version)


def set_heading(path: Path, line: int, level: int, version: str) -> str:
    """Make the block at `line` a heading of `level` (1: 一、, 2: (一)) or, with level 0, a
    paragraph. Return the new version."""
    if level not in (0, 1, 2):
        raise UserError(N_("a heading level is 1 or 2 (0: a paragraph)"), path, line)
    lines = _lines(path)
    first, last = _block_span(path, lines, line)
    if last - first != 1:
        raise UserError(N_("only a paragraph of one line can become a heading"), path, line)
    text = HEADING.sub("", lines[first], count=1)
    lines[first] = ("#" * level + " " if level else "") + text
    if last < len(lines) and lines[last].strip() and not HEADING.match(lines[last]):
        lines.insert(last, "")          # a heading followed by text would join it otherwise
    return _write_lines(path, lines, version)


def front_matter(path: Path) -> dict:
    """The printed front-matter keys as written (text; "" when absent)."""
    content = content_from_bytes(path.read_bytes(), path)
    pairs = {key: "" for key in PRINTED_KEYS}
    for key, value in yaml.load(content.front_matter or "{}", Loader=yaml.BaseLoader).items():
        if key in pairs and isinstance(value, str):
            pairs[key] = value
    return pairs


class FieldError(UserError):
    """A front-matter value the build refuses; `field` names the form's field."""


def set_front_matter(path: Path, values: dict[str, str], version: str) -> str:
    """Set the printed keys (title, subtitle, date, speaker, occasion) to `values` ("" removes
    a key), each written as a person would (`title: 在……上的讲话`, quoted only when YAML needs
    it), the other lines kept. Checked as the build checks front matter; a refused value
    raises FieldError naming its field. Return the new version."""
    lines = _lines(path)
    end = _front_matter_end(path, lines)
    for key in PRINTED_KEYS:
        if key not in values:
            continue
        value = " ".join(str(values[key]).split())
        at = _key_span(lines, end, key)
        new = [f"{key}: {yaml_text(value)}"] if value else []
        if at:
            lines[at[0]:at[1]] = new
            end += len(new) - (at[1] - at[0])
        else:
            where = _after_earlier_key(lines, end, key)
            lines[where:where] = new
            end += len(new)
    text = "\n".join(lines)
    try:
        content_from_bytes(text.encode("utf-8"), path)
    except UserError as exc:
        raise _with_field(exc, _field_of_line(lines, end, exc.line)) from None
    save(path, text.encode("utf-8"), version)
    return version_of(path)


def _with_field(exc: UserError, field: str | None) -> FieldError:
    error = FieldError(exc.template, exc.path, exc.line, **exc.values)
    error.field = field
    return error


def _field_of_line(lines: list[str], end: int, line: int | None) -> str | None:
    if not line or not 1 <= line <= end:
        return None
    for number in range(line - 1, 0, -1):
        key = lines[number].split(":", 1)[0]
        if key in PRINTED_KEYS:
            return key
        if not lines[number][:1].isspace():
            break
    return None


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as exactly this text: plain where it can be."""
    try:
        node = yaml.compose(f"k: {value}", Loader=yaml.BaseLoader)
        plain = node.value[0][1]
        if plain.style is None and plain.value == value and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


# ------------------------------------------------------------ lines of the file
def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    except FileNotFoundError:
        raise StaleVersion(N_("the file is gone; reload the page"), path) from None


def _write_lines(path: Path, lines: list[str], version: str) -> str:
    save_content(path, "\n".join(lines), version)
    return version_of(path)


def _front_matter_end(path: Path, lines: list[str]) -> int:
    """The index of the closing `---` line."""
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return index
    raise UserError(N_("front matter is not closed by a `---` line"), path, 1)


def _key_span(lines: list[str], end: int, key: str) -> tuple[int, int] | None:
    """The lines [first, last) of `key:` and its indented continuation in the front matter."""
    for index in range(1, end):
        if lines[index].split(":", 1)[0] == key and ":" in lines[index]:
            last = index + 1
            while last < end and lines[last][:1] in (" ", "\t") and lines[last].strip():
                last += 1
            return index, last
    return None


def _after_earlier_key(lines: list[str], end: int, key: str) -> int:
    """Where a new `key:` line goes: after the printed key before it in PRINTED_KEYS
    (subtitle after title), as a person adding it would put it."""
    for earlier in reversed(PRINTED_KEYS[:PRINTED_KEYS.index(key)]):
        span = _key_span(lines, end, earlier)
        if span:
            return span[1]
    return end


def _block_span(path: Path, lines: list[str], line: int) -> tuple[int, int]:
    """Lines [first, last) (0-based) of the body block that starts at 1-based `line`."""
    starts = {block["line"] for block in content_from_bytes("\n".join(lines).encode("utf-8"), path).body}
    if line not in starts:
        raise StaleVersion(N_("that paragraph is no longer there; reload the page"), path, line)
    first = line - 1
    if HEADING.match(lines[first]):
        return first, first + 1
    last = first + 1
    while last < len(lines) and lines[last].strip() and not HEADING.match(lines[last]):
        last += 1
    return first, last
