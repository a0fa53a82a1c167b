"""The cleaner's rules, loaded from patterns.yaml (data, not code for one site)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..numbering import chinese_number, chinese_numeral  # noqa: F401  (the rules' numerals)

PATTERNS_FILE = Path(__file__).with_name("patterns.yaml")


@dataclass(frozen=True)
class Rules:
    separators: tuple[re.Pattern, ...]
    editor: re.Pattern
    boilerplate: tuple[tuple[str, re.Pattern], ...]
    headings: tuple[re.Pattern, ...]
    run_in: tuple[re.Pattern, ...]
    salutation: re.Pattern
    title_line: re.Pattern
    date_line: re.Pattern
    kinds: dict

    def separator(self, line: str) -> re.Match | None:
        return _first_match(self.separators, line)

    def boilerplate_reason(self, line: str) -> str | None:
        for reason, pattern in self.boilerplate:
            if pattern.match(line):
                return reason
        return None

    def heading_family(self, line: str) -> int | None:
        """Index of the numbering family the line starts with (0 = outermost), or None."""
        for index, pattern in enumerate(self.headings):
            if pattern.match(line):
                return index
        return None

    def run_in_item(self, line: str) -> tuple[int, str, int] | None:
        """(family, kind, number) when the line starts a run-in item such as 二要 or 第三，."""
        for index, pattern in enumerate(self.run_in):
            match = pattern.match(line)
            if match:
                return index, match["kind"], chinese_number(match["n"])
        return None


def _first_match(patterns, line: str) -> re.Match | None:
    for pattern in patterns:
        match = pattern.match(line)
        if match:
            return match
    return None


@lru_cache(maxsize=None)
def load_rules(path: Path = PATTERNS_FILE) -> Rules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Rules(
        separators=tuple(re.compile(p) for p in data["separators"]),
        editor=re.compile(data["editor"]),
        boilerplate=tuple((b["reason"], re.compile(b["pattern"])) for b in data["boilerplate"]),
        headings=tuple(re.compile(p) for p in data["headings"]),
        run_in=tuple(re.compile(p) for p in data["run_in"]),
        salutation=re.compile(data["salutation"]),
        title_line=re.compile(data["title_line"]),
        date_line=re.compile(data["date_line"]),
        kinds=dict(data["kinds"]),
    )
