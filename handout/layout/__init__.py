"""Layout: line breaking and pagination on the GB/T 9704 grid, shared by both writers.

The PDF writer draws what this package places; the DOCX writer reads its page numbers
(for the pre-filled TOC) so the two outputs agree.
"""
