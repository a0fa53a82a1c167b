"""Writers: each turns a laid-out Document into the bytes of one output format.

A writer has `name`, `suffix` and `render(doc, layout) -> bytes`; the build writes the bytes
atomically. Both writers read the same document model, theme, fonts and layout.
"""

from .docx import DocxWriter
from .pdf import PdfWriter

WRITERS = {"pdf": PdfWriter, "docx": DocxWriter}
