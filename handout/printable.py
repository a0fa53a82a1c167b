"""Can the build print this text? Ingest asks before it writes a content file.

A page or Word file holding a character that no face on the machine has would give a
content file the build refuses; one that only a fallback face has (a rare name character,
set in a face installed on the machine) is printed with a warning. Ingest says both first,
and in the build's own words: the content file to be written goes through the build's
template and layout (jobs.speech_document, layout.lay_out) with the build's fonts
(fonts.FontSet decides which face draws a character: the theme's roles, their fallbacks,
then fontconfig), so only printed text is checked (not `source:`, say), each in its role,
and the warnings are the build's, with the line each will be on. A content file the build
would refuse for another reason is left to the build to say so.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import UserError
from .i18n import N_
from .invisible import char_name
from .model import Block, SectionSpec, TocSpec

EXCERPT = 12                       # characters of a paragraph quoted to name it


def check_content(text: str, source: Path, target: Path, root: Path | None = None) -> list[str]:
    """The build's warnings for `text`, the content file to be written at `target` (a
    character set in a fallback face, a running header set smaller). A character no face has
    is refused: UserError naming `source`, the paragraph and the character."""
    from .content import content_from_bytes
    from .jobs import speech_document
    from .layout.pages import lay_out
    try:
        kit = project_kit(root or Path.cwd())
        doc = speech_document(content_from_bytes(text.encode("utf-8"), target), kit)
    except UserError:
        return []                  # a broken theme or content file: the build says what is wrong
    body = kit.theme.role("body").font
    for block in doc.blocks:
        for printed in _printed(block):
            missing = next((ch for ch in printed if not ch.isspace() and kit.fonts.pick(body, ch) is None), None)
            if missing:
                raise UserError(N_("character {ch} ({name}) is in none of the fonts on this machine, "
                                   "in the paragraph “{paragraph}”: the build would refuse it; "
                                   "replace it, or install a font that has it"), source,
                                ch=repr(missing), name=char_name(missing), paragraph=_excerpt(printed))
    try:
        return lay_out(doc, kit.theme, kit.fonts, kit.metrics).warnings
    except UserError:
        return []


def _printed(block: Block) -> list[str]:
    """The text a block puts on the page: its own, its TOC entry, a section's running
    header, a TOC's title."""
    spec = block.spec
    texts = [block.text, block.toc_text]
    if isinstance(spec, SectionSpec) and spec.header:
        texts.append(spec.header)
    if isinstance(spec, TocSpec):
        texts.append(spec.title)
    return [t for t in texts if t]


def project_kit(root: Path):
    """What a build in `root` sets text with (its handout.toml's theme, templates and fonts):
    a jobs.Toolkit of its own, kept while those files are unchanged."""
    from .jobs import kit_stamp
    from .settings import load_settings
    settings = load_settings(root, {"formats": ("pdf",), "quiet": True})
    return _kit(settings, kit_stamp(settings))


@lru_cache(maxsize=2)
def _kit(settings, _stamp):
    from .jobs import Toolkit
    return Toolkit(settings)


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"
