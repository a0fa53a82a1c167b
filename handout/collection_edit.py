"""The 汇编 arranged by a person: content/_collection.yaml's cover lines and order of speeches,
set as a person would write them by hand (each `key: value` line in place, comments and the
other keys kept; `order: [a, b, c]`), checked as the build reads the file, then saved with the
version check of edit.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .collection import COLLECTION, read_collection
from .edit import FieldError, save, version_of, yaml_text
from .i18n import N_
from .errors import UserError

COVER_KEYS = ("title", "subtitle", "organiser", "date")


def collection_values(content_dir: Path) -> dict:
    """The cover lines as written ("" when absent) and the order, for a form."""
    path = content_dir / COLLECTION
    speeches = speech_names(content_dir)
    values = {key: "" for key in COVER_KEYS}
    values["order"] = []
    if path.is_file():
        read = read_collection(content_dir, speeches) or {}
        values.update({key: str(read.get(key) or "") for key in COVER_KEYS})
        values["order"] = list(read.get("order") or [])
    return values


def speech_names(content_dir: Path) -> list[str]:
    return sorted(p.stem for p in content_dir.glob("*.md") if not p.name.startswith((".", "_")))


def set_collection(content_dir: Path, values: dict, order: list[str], version: str) -> str:
    """Write the cover lines in `values` ("" removes an optional one) and `order`; return the
    new version. A value the build refuses raises FieldError naming its field."""
    path = content_dir / COLLECTION
    lines = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []
    if lines and lines[-1] == "":
        lines.pop()
    for key in COVER_KEYS:
        if key in values:
            value = " ".join(str(values[key]).split())
            _set_line(lines, key, f"{key}: {yaml_text(value)}" if value else None)
    _set_line(lines, "order", "order: [" + ", ".join(yaml_text(name) for name in order) + "]")
    text = "\n".join(lines) + "\n"
    _check(text, content_dir, lines)
    save(path, text.encode("utf-8"), version)
    return version_of(path)


def _set_line(lines: list[str], key: str, line: str | None) -> None:
    """Replace `key:` (and its continuation lines), or add it; None removes it."""
    for index, text in enumerate(lines):
        if text.split(":", 1)[0] == key and ":" in text:
            last = index + 1
            while last < len(lines) and (lines[last][:1] in (" ", "\t") or lines[last].startswith("- ")) \
                    and lines[last].strip():
                last += 1
            comment = _comment(text) if line and key != "order" else ""
            lines[index:last] = [line + comment] if line else []
            return
    if line:
        lines.append(line)


def _comment(line: str) -> str:
    """A trailing `  # …` comment of a plain value, kept when the value is replaced."""
    at = line.find(" #")
    return line[at:] if at > 0 and '"' not in line and "'" not in line else ""


def _check(text: str, content_dir: Path, lines: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="handout-collection-") as tmp:
        (Path(tmp) / COLLECTION).write_text(text, encoding="utf-8")
        try:
            read_collection(Path(tmp), speech_names(content_dir))
        except UserError as exc:
            message = exc.message
            values = {k: content_dir.name if k == "folder" else v for k, v in exc.values.items()}
            error = FieldError(exc.template, content_dir / COLLECTION, exc.line, **values)   # the page's language
            key = lines[exc.line - 1].split(":", 1)[0] if exc.line and exc.line <= len(lines) else None
            error.field = key if key in (*COVER_KEYS, "order") else \
                "title" if "title" in message else None
            raise error from None
    if not text.strip():
        raise UserError(N_("the 汇编 needs a title"), content_dir / COLLECTION)
