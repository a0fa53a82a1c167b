"""The workbench's pages, rendered on the server with Jinja2 in the browser's language:
one Environment per language, each with the gettext catalog of handout/i18n.py installed
(jinja2.ext.i18n, new-style gettext). Everything shown is autoescaped; the page's script
gets its words as JSON data (not code), so the CSP can forbid inline scripts.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt

from ..i18n import CHINESE, N_, language_of_request, translations

TEMPLATES = Path(__file__).parent / "templates"
# The ingest report quotes the scraped page's lines: shown as text, never as images or links
# (a line `![](http://…)` must not make the browser fetch anything).
REPORT_MARKDOWN = (MarkdownIt("commonmark", {"html": False}).enable("table")
                   .disable(["image", "link", "autolink"]))

# The words the page's script shows (msgids; translated per request).
SCRIPT_WORDS = {
    "up to date": N_("up to date"), "warnings": N_("warnings"), "error": N_("error"),
    "building": N_("building…"), "live": N_("live"), "connecting": N_("connecting…"),
    "disconnected": N_("disconnected (is build.py serve running?)"),
    "booklet": N_("汇编"), "pages": N_("pages"), "no pages": N_("no pages"),
    "to do": N_("to fill"), "nothing to fill": N_("nothing to fill"),
    "download": N_("download"), "review": N_("ingest review"),
    "placeholders": N_("Placeholders X and dates to fill"), "fill": N_("fill"),
    "fill label": N_("what stands in place of {x}"), "nothing": N_("Nothing to fill."),
    "front matter": N_("Title and cover lines"), "save": N_("save"), "saved": N_("saved"),
    "title": N_("title"), "subtitle": N_("subtitle"), "date": N_("date"),
    "speaker": N_("speaker"), "occasion": N_("occasion"),
    "paragraphs": N_("Text"), "edit": N_("edit"), "make heading 1": N_("make heading 一、"), "make heading 2": N_("make heading (一)"),
    "make paragraph": N_("make paragraph"), "page": N_("page {n}"), "text": N_("text"),
    "gone": N_("This handout is gone."), "no pdf": N_("No PDF yet."),
    "last good": N_("The pages of the last build that worked:"),
    "added": N_("added"), "removed": N_("removed"), "changed": N_("changed"),
    "apply": N_("apply these changes"), "discard": N_("discard"),
    "no changes": N_("The file changes nothing in content/."),
    "applied": N_("applied: written to content/"), "discarded": N_("discarded: nothing written"),
    "written": N_("written"), "new speeches": N_("new speeches"),
    "up": N_("up"), "down": N_("down"), "in booklet": N_("in the 汇编"),
    "organiser": N_("organiser"), "messages": N_("messages"),
    "drop": N_("drop"), "put back": N_("put back"), "dropped": N_("Lines ingest dropped"),
    "after": N_("after"), "at the start": N_("at the start"),
    "comments": N_("Reviewers' comments"), "drag": N_("drag to move"),
    "conflicts": N_("Conflicts: changed both here and in the copy; today's text is kept"),
    "today's text": N_("today's text (kept)"), "the copy's text": N_("the copy's text"),
    "apply theirs": N_("apply, taking the copy's text where they conflict"),
}


@functools.cache
def environment(language: str) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations(language), newstyle=True)
    return env


def language(request) -> str:
    return language_of_request(request.headers.get("accept-language"))


def render_page(request, site) -> str:
    lang = language(request)
    gettext = translations(lang).gettext
    words = {key: gettext(msgid) for key, msgid in SCRIPT_WORDS.items()}
    return environment(lang).get_template("index.html").render(
        lang="zh-CN" if lang == CHINESE else "en", token=site.token, words=words)


def render_report(request, report: Path, title: str) -> str:
    lang = language(request)
    body = REPORT_MARKDOWN.render(report.read_text(encoding="utf-8"))
    from markupsafe import Markup
    return environment(lang).get_template("report.html").render(
        lang="zh-CN" if lang == CHINESE else "en", title=title, body=Markup(body))
