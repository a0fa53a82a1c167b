"""Can the build print this text? Ingest asks before it writes a content file.

A page or Word file holding a character that no face on the machine has would give a
content file the build refuses; one that only a face installed on the machine has (a rare
name character) is printed from that face with a warning. Ingest says both first, with the
fonts the build will use and the same answer: fonts.FontSet decides which face draws a
character (the theme's roles, their fallbacks, then fontconfig), here as in the layout. A
content file's text is read by its lines, in the body's role (headings and the title are
set in other roles, but a character no face has is missing in every role).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import UserError
from .fonts import FontSet, fallback_warning
from .i18n import N_
from .invisible import char_name

EXCERPT = 12                       # characters of a paragraph quoted to name it


def check_content(text: str, source: Path, target: Path, root: Path | None = None) -> list[str]:
    """The build's warnings for `text`, the content file to be written at `target`: a character
    set in a fallback face, with the line it will be on. A character no face has is refused
    (UserError naming `source`, the paragraph and the character): nothing is written."""
    fonts = project_fonts(root or Path.cwd())
    role = fonts.theme.role("body").font
    warnings: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        # character by character (FontSet.pick, cached per character), not FontSet.resolve,
        # whose cache of whole lines would keep every page a resident process ever ingested
        for ch in dict.fromkeys(line):
            face = role if ch.isspace() else fonts.pick(role, ch)
            if face is None:
                raise UserError(N_("character {ch} ({name}) is in none of the fonts on this machine, "
                                   "in the paragraph “{paragraph}”: the build would refuse it; "
                                   "replace it, or install a font that has it"), source,
                                ch=repr(ch), name=char_name(ch), paragraph=_excerpt(line))
            if face != role:
                warnings.append(fallback_warning(ch, role, face, target, number))
    return list(dict.fromkeys(warnings))


def project_fonts(root: Path) -> FontSet:
    """The fonts a build in `root` uses (its handout.toml's theme and fonts folder)."""
    from .plan import fonts_fingerprint
    from .settings import load_settings
    settings = load_settings(root, {})
    theme = settings.theme_path
    stamp = (theme.stat().st_mtime_ns if theme.is_file() else 0, fonts_fingerprint(settings.font_dirs))
    return _font_set(theme, settings.font_dirs, stamp)


@lru_cache(maxsize=2)
def _font_set(theme: Path, font_dirs: tuple[Path, ...], _stamp) -> FontSet:
    from .theme import load_theme
    return FontSet(load_theme(theme), font_dirs)


def _excerpt(line: str) -> str:
    text = line.lstrip("#*> ").strip()
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"
