"""handout: scraped Chinese speeches -> clean Markdown -> GB/T 9704 PDF and DOCX handouts."""

__version__ = "0.1.0"
