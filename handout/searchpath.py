"""A search path: the project's own folder first, then the one handout ships with.

A project overrides one file at a time (its theme.yaml, one template, the macros both
templates import, reference.docx, one font) and gets every other file from the shipped
folder. Jinja2's FileSystemLoader is given the same folders (template.make_environment),
so a template and the files it imports are found the way `find` finds the theme.
"""

from __future__ import annotations

from pathlib import Path
from .i18n import Msg


def search_path(project: Path, shipped: Path) -> tuple[Path, ...]:
    """The folders to look in, in order; one when the project is handout's own folder."""
    return (project,) if project == shipped else (project, shipped)


def find(dirs: tuple[Path, ...], name: str) -> Path | None:
    """The file `name` as the first folder holding it has it; None if none does."""
    return next((d / name for d in dirs if (d / name).is_file()), None)


def not_found(dirs: tuple[Path, ...], name: str) -> str:
    """The message for a file none of the folders holds."""
    return Msg("no {name} in {folders}", name=name, folders=" or ".join(str(d) for d in dirs))


def files_in(dirs: tuple[Path, ...], pattern: str) -> list[Path]:
    """Every file matching `pattern` (a glob, relative to each folder) as a lookup by its
    name would find it: a project's copy hides the shipped one. In name order."""
    found: dict[str, Path] = {}
    for folder in reversed(dirs):                  # the earlier folder's copy wins
        if folder.is_dir():
            # the name below the folder by slicing: Path.relative_to is slow, and a resident
            # process (build.py watch) plans on every save
            start = len(str(folder)) + 1
            found.update((str(p)[start:], p) for p in folder.glob(pattern) if p.is_file())
    return [found[name] for name in sorted(found)]
