"""The document model: what both writers read, and nothing else.

A `Document` is metadata plus a flat list of `Block`s in reading order. It is built by
parsing the XML that the Jinja2 template renders (handout/template.py), so the template
decides the arrangement and the writers only decide how each kind of block looks.
Every block remembers the content file and line it came from, for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds. Text kinds carry spans; the others are structure.
TEXT_KINDS = ("title", "subtitle", "byline", "heading", "para")
KINDS = TEXT_KINDS + ("section", "toc", "space", "pagebreak", "pad")


@dataclass(frozen=True)
class Source:
    """Where a block came from: a content file and a 1-based line (0: unknown)."""
    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Span:
    """A run of text with one emphasis."""
    text: str
    bold: bool = False


@dataclass(frozen=True)
class SectionSpec:
    """A <section>'s page settings, read once from its attributes (handout/template.py)."""
    header: str | None = None       # the running header's text (header="none": None)
    header_on_first: bool = True    # header-first="no": not on the section's first page
    numbered: bool = True           # page-number="no": its pages show no number
    odd_start: bool = False         # start="odd": it begins on a recto


@dataclass(frozen=True)
class TocSpec:
    """A <toc>: the heading levels it lists, and its title (title="": none)."""
    depth: int = 2
    title: str = "目　录"


@dataclass(frozen=True)
class SpaceSpec:
    """A <space>: blank grid lines (at a page's top none, unless `at_top`: keep="yes")."""
    lines: int = 1
    at_top: bool = False


@dataclass(frozen=True)
class PadSpec:
    """A <pad>: blank pages (counted, no number, no header) so that the document's page count,
    with `leave` pages still to come, is a multiple of `multiple` (a booklet stitched on
    folded sheets: 4); `blank_last`: at least one, the last page left blank (a blank 封底)."""
    multiple: int = 4
    leave: int = 0
    blank_last: bool = False


@dataclass(frozen=True)
class Block:
    """One block of the document.

    kind     one of KINDS
    role     the theme text role (body, heading-1, title, …) for text kinds
    spans    the text, for text kinds
    toc      TOC level this block is listed at (0: not listed); listed blocks are bookmarked
    toc_text the TOC entry text when it differs from the block text
    anchor   a stable id for bookmarks and TOC links ("h3"), set for listed blocks
    attrs    the remaining template attributes
    spec     a section's, TOC's or space's settings, typed (SectionSpec, TocSpec, SpaceSpec)
    """
    kind: str
    role: str = ""
    spans: tuple[Span, ...] = ()
    toc: int = 0
    toc_text: str = ""
    anchor: str = ""
    attrs: dict = field(default_factory=dict)
    source: Source | None = None
    spec: SectionSpec | TocSpec | SpaceSpec | PadSpec | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Origin:
    """A content file a document was made from, as it was: carried in the DOCX, so that a
    DOCX edited in Word can go back to that file (handout/docx_in/)."""
    slug: str
    sha256: str
    front_matter: str
    base: bytes | None = None      # the file's bytes (None: a DOCX built before they were carried)


@dataclass
class Document:
    """meta: front matter (title, speaker, date, …); blocks in reading order; kind: speech or
    booklet; origins: the content files of its speeches, in the order they appear."""
    meta: dict
    blocks: list[Block]
    kind: str = "speech"
    origins: tuple[Origin, ...] = ()

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    def listed(self) -> list[Block]:
        """Blocks that appear in the TOC and the PDF outline, in order."""
        return [b for b in self.blocks if b.toc]
