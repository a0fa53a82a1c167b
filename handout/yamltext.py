"""YAML read as written: the front matter of a content file and `_collection.yaml`.

PyYAML's usual loader applies YAML 1.1's implicit types, which print something else than the
writer typed (`title: 1:30` is 90 in base 60, `date: 2022-10-28` a date, `order: true` 1). So
these files are only composed into nodes, never resolved (BaseLoader: every scalar is its
source text), and each reader decides the few keys that are not text. This module also knows
each key's line, for duplicate keys and messages.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import UserError
from .i18n import N_, Msg

# What libyaml (and PyYAML's own parser) say about the usual slips in front matter, in the
# catalog so a Chinese line is Chinese throughout; a problem not listed is shown as the parser
# says it.
YAML_PROBLEMS = (N_("mapping values are not allowed in this context"),
                 N_("mapping values are not allowed here"), N_("found unexpected end of stream"),
                 N_("found a tab character that violates indentation"),
                 N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"),
                 N_("did not find expected '-' indicator"), N_("found undefined alias"),
                 N_("did not find expected key"), N_("could not find expected ':'"),
                 N_("found character that cannot start any token"))


def yaml_problem(exc: Exception):
    """The parser's problem, translatable when it is one of YAML_PROBLEMS."""
    problem = getattr(exc, "problem", None) or str(exc)
    return Msg(problem) if problem in YAML_PROBLEMS else problem

# libyaml's parser where PyYAML has it: ten times faster (the front matter is read on every
# rebuild of `build.py watch`), the same nodes. Its errors point where it gave up, not
# where the mistake begins, so a text it refuses is read again by PyYAML's for the message.
_FAST_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def key_value_pairs(text: str, path: Path, what: str, first_line: int = 1) -> list[tuple[str, int, yaml.Node]]:
    """[(key, line, value node)] of the `key: value` lines in `text`, whose first line is line
    `first_line` of `path`; `what` names the block in messages ("front matter"). A key given
    twice is refused naming both lines; broken YAML names its line."""
    try:
        try:
            root = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            root = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UserError("bad YAML in {what}: {problem}", path, first_line + mark.line if mark else None,
                        what=what, problem=yaml_problem(exc)) from None
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise UserError("{what} must be `key: value` lines", path, first_line + root.start_mark.line,
                        what=what)
    pairs, seen = [], {}
    for key_node, value_node in root.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            raise UserError("a key must be a plain name (`title:`)", path, line)
        key = key_node.value
        if key in seen:
            raise UserError("`{key}` is given twice, on lines {first} and {second}; keep one",
                            path, line, key=key, first=seen[key], second=line)
        seen[key] = line
        pairs.append((key, line, value_node))
    return pairs


def is_empty(node: yaml.Node) -> bool:
    """`key:` with nothing after it (a quoted "" is a value)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style
