"""Writers: each turns a laid-out Document into the bytes of one output format.

A writer has `name`, `suffix` and `render(doc, layout) -> bytes`; the build writes the bytes
atomically. Both writers read the same document model, theme, fonts and layout.
A writer's module is imported only when its format is built: `--only pdf` never pays for
importing python-docx.
"""

from importlib import import_module

WRITERS = {"pdf": ("handout.writers.pdf", "PdfWriter"),
           "docx": ("handout.writers.docx", "DocxWriter")}


def writer_class(name: str):
    module, cls = WRITERS[name]
    return getattr(import_module(module), cls)
