"""Comments (批注) left in reviewed copies, kept for the next round: one side file per speech,
content/_reports/<slug>.comments.yaml, next to the reports. Each ingest adds the comments of
its copy (a comment already there is not added twice); the clerk deletes the answered ones.
`read_comments` is what the workbench lists.

An entry: {paragraph: its number in the copy's body (0: the title block), paragraph_text: that
paragraph's text, author, date, text, copy: the DOCX's file name}.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import UserError, yaml_error
from .reader import Comment, Para

REPORTS = "_reports"
HEADER = ("# Comments (批注) left in reviewed copies of {slug}.md, kept for the next round.\n"
          "# build.py ingest adds each copy's; delete the ones that are answered.\n")


def comments_path(content_dir: Path, slug: str) -> Path:
    return content_dir / REPORTS / f"{slug}.comments.yaml"


def read_comments(content_dir: Path, slug: str) -> list[dict]:
    """The comments kept for a speech, oldest first ([] if none)."""
    path = comments_path(content_dir, slug)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path) from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise UserError("not a list of comments (paragraph, paragraph_text, author, date, text, copy)", path)
    return data


def comment_entries(comments: list[Comment], body: list[Para], docx: Path) -> list[dict]:
    """The comments anchored in one speech (its body paragraphs `body`) as side-file entries."""
    numbers = {id(para): n for n, para in enumerate(body, 1)}
    return [{"paragraph": numbers.get(id(c.paragraph), 0),
             "paragraph_text": c.paragraph.text if c.paragraph else "",
             "author": c.author, "date": c.date, "text": c.text, "copy": docx.name}
            for c in comments]


def comments_file(content_dir: Path, slug: str, new: list[dict]) -> str | None:
    """The side file's text with `new` added to what it holds; None when nothing is added."""
    kept = read_comments(content_dir, slug)
    seen = {_identity(item) for item in kept}
    added = [item for item in new if _identity(item) not in seen]
    if not added:
        return None
    items = kept + added
    return HEADER.format(slug=slug) + yaml.safe_dump(items, allow_unicode=True, sort_keys=False,
                                                     width=1000)


def _identity(item: dict) -> tuple:
    return tuple(str(item.get(key, "")) for key in ("paragraph_text", "author", "date", "text"))
