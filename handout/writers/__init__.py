"""Writers: each turns a laid-out Document into the bytes of one output format.

A writer has `render(doc, layout) -> bytes`; the build writes the bytes atomically. Every
writer reads the same document model, theme, fonts and layout.

WRITERS is the one list of formats: the command line's `--only` choices, the settings'
default and allowed `formats`, output file names and each output's inputs (plan.py) all
derive from it. A new format is its own module plus one line here. The entries are plain
data, so planning a build never imports a writer: a writer's module is imported only when
its format is built (`--only pdf` never pays for importing python-docx).
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Format:
    module: str
    cls: str
    suffix: str                            # output/<slug><suffix>
    default: bool = True                   # built when handout.toml names no `formats`
    # files of the templates folder it reads itself: found on the templates' search path and
    # given to its constructor after (theme, fonts, metrics), in this order (jobs._writer)
    templates_files: tuple[str, ...] = ()
    dated: bool = False                    # carries SOURCE_DATE_EPOCH (a creation date)
    booklet_only: bool = False             # made for the 汇编 booklet alone


WRITERS = {
    "pdf": Format("handout.writers.pdf", "PdfWriter", ".pdf", dated=True),
    "docx": Format("handout.writers.docx", "DocxWriter", ".docx",
                   templates_files=("reference.docx",), dated=True),
    "ofd": Format("handout.writers.ofd", "OfdWriter", ".ofd", default=False, dated=True),
    # the booklet's PDF imposed on A3 sheets for the print shop (`imposed = true`, --imposed)
    "imposed": Format("handout.writers.imposed", "ImposedWriter", "-imposed.pdf", default=False,
                      dated=True, booklet_only=True),
}

DEFAULT_FORMATS = tuple(name for name, fmt in WRITERS.items() if fmt.default)


def writer_class(name: str):
    fmt = WRITERS[name]
    return getattr(import_module(fmt.module), fmt.cls)
