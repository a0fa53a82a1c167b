"""content/_collection.yaml: what the 汇编 booklet is (title, subtitle, organiser, date, slug,
order of speeches, whether each speech starts on an odd page), read and checked.

Values are taken as written (yamltext.py): `date: 2022-10-28` stays text and `title: 1:30` is
not read as the number 90. Each key is then checked for the kind of value it needs; any mistake is one line naming the file, the line
and the key. A broken collection fails the booklet only: plan.py still builds the speeches.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import UserError, os_reason
from .i18n import N_, Msg
from .yamltext import is_empty, key_value_pairs

COLLECTION = "_collection.yaml"
TEXT_KEYS = ("title", "subtitle", "organiser", "date", "slug", "marking")
KNOWN_KEYS = (*TEXT_KEYS, "order", "odd_pages", "back_cover")
BACK_COVERS = ("none", "blank", "organiser")          # the 封底: none, a blank page, organiser and date
BOOLEAN_WORDS = {"true": True, "false": False}        # YAML 1.2's booleans, in any case
DEFAULTS = {"slug": "booklet", "order": [], "odd_pages": False, "back_cover": "none"}


def read_collection(content_dir: Path, speeches: list[str]) -> dict | None:
    """The collection as {key: value}, None when there is no collection file.

    `speeches` are the stems of the content files: `order` may only name those.
    """
    path = content_dir / COLLECTION
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError("not UTF-8: save the collection file as UTF-8", path) from None
    except OSError as exc:
        raise UserError("cannot read: {why}", path, why=os_reason(exc)) from None
    pairs = key_value_pairs(text, path, Msg("the collection"))
    if not pairs:
        raise UserError("the collection file is empty; it needs at least `title:`", path)
    values = {}
    for key, line, node in pairs:
        if key not in KNOWN_KEYS:
            raise UserError("unknown key `{key}` (known: {known})", path, line, key=key,
                            known=", ".join(KNOWN_KEYS))
        values[key] = _value(key, node, path, line, speeches)
    if not values.get("title"):
        raise UserError("the collection needs `title:`", path, 1)
    return {**DEFAULTS, **values}


def _value(key: str, node, path: Path, line: int, speeches: list[str]):
    if is_empty(node):
        raise UserError("`{key}:` has no value (give one, or delete the line)", path, line, key=key)
    if key == "order":
        return _order(node, path, line, speeches)
    if not isinstance(node, yaml.ScalarNode):
        message = (N_("`{key}` must be true or false, not a list or mapping") if key == "odd_pages"
                   else N_("`{key}` must be text, not a list or mapping"))
        raise UserError(message, path, line, key=key)
    if key == "odd_pages":
        flag = BOOLEAN_WORDS.get(node.value.lower()) if not node.style else None
        if flag is None:
            raise UserError("`odd_pages` must be true or false, not {value!r}", path, line,
                            value=node.value)
        return flag
    if key == "back_cover" and node.value not in BACK_COVERS:
        raise UserError("`back_cover` must be one of {known}, not {value!r}", path, line,
                        known=", ".join(BACK_COVERS), value=node.value)
    return node.value


def _order(node, path: Path, line: int, speeches: list[str]) -> list[str]:
    """`order: [a, b]`: content file names without .md, each a speech of this folder."""
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
        raise UserError("`order` must be a list of speech names, e.g. [2022-kaiban, 2022-jieye]",
                        path, line)
    names = [n.value for n in node.value]
    for n, name in zip(node.value, names):
        if name not in speeches:
            raise UserError("`order` names {name!r}, which is not a speech in {folder}/",
                            path, n.start_mark.line + 1, name=name, folder=path.parent.name)
        if names.count(name) > 1:
            raise UserError("`order` names {name!r} twice", path, n.start_mark.line + 1, name=name)
    return names
