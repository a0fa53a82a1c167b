"""An ingest report (content/_reports/*.md) as a web page: the reviewer reads what was
dropped and changed next to the handout. Raw HTML in the report is shown as text."""

from __future__ import annotations

from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def report_html(report: Path, title: str) -> bytes:
    body = MARKDOWN.render(report.read_text(encoding="utf-8"))
    page = (f'<!doctype html><html lang="zh"><head><meta charset="utf-8">'
            f'<title>{escape(title)}: ingest report</title>'
            f'<link rel="stylesheet" href="/static/style.css"></head>'
            f'<body class="report"><p><a href="/">← all handouts</a></p>{body}</body></html>')
    return page.encode("utf-8")
