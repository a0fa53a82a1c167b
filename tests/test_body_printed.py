"""Properties: every character of a content file's body that is not documented markup (`# `
to `#### `, `**` around a bold lead, the blank line, the escapes) is printed, in order, in the
PDF (read back with pdfplumber) and in the DOCX (read back with python-docx) — on random
bodies full of the characters CommonMark would read as markup; and every text a speaker can
say (`# `, `**`, `\\` at its start too) has a content file (body.markdown_of) that prints it
exactly, in the PDF, the DOCX, and the content file the DOCX comes back as."""

import io
import re
import tempfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handout import jobs
from handout.content import read_content
from handout.layout.pages import lay_out
from handout.metrics import page_metrics
from handout.settings import load_settings
from handout.template import render_document
from tests.conftest import ROOT

MARKISH = list("*_[]()>#1.-=<&\\`!|~:") + ["**", "**", "。**", "1. ", "&amp;", "<b>", "]]>"]
# what a paragraph may start with that reads as markup, but for the escape
PREFIXES = ["# ", "## ", "### ", "#### ", "**", "\\", "\\#", "\\**"]
WORDS = list("的一是在不了有和人组织工作干部学习") + list("，。、；：？！“”（）《》") + ["X", "2022", " "]
# documented: a heading is a line starting with `# ` to `#### ` (spaces before it ignored)
HEADING_LINE = re.compile(r"^[ \t]*(#{1,4})[ \t]+\S", re.M)
# the escapes (documented markup the first property's oracle does not put back)
ESCAPES = re.compile(r"\\\*\*|^[ \t]*\\[#\\]", re.M)
# Text lines are never heading lines (`#重要` is text, `# ` a heading: those come from
# HEADING_TEXT, without asterisks, since a bold 楷体 heading shows no Strong runs to read back).
TEXT = st.lists(st.sampled_from(MARKISH + WORDS), min_size=1, max_size=30).map("".join).filter(
    lambda t: not re.match(r"[ \t]*#+[ \t]+\S", t))
HEADING_TEXT = st.lists(st.sampled_from([c for c in MARKISH if "*" not in c] + WORDS),
                        min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())
LINE = st.one_of(TEXT, TEXT, TEXT, *(HEADING_TEXT.map(("#" * n + " {}").format) for n in (1, 2, 3, 4)))
BODY = st.lists(st.tuples(LINE, st.sampled_from(["\n", "\n\n", "\n\n", "\n \n"])),
                min_size=1, max_size=10).map(lambda parts: "".join(a + b for a, b in parts)).filter(
    lambda body: not ESCAPES.search(body))
BODY_STYLES = {"Body Text", "Salutation", "Heading 1", "Heading 2", "Heading 3", "Heading 4"}
# a speaker's paragraph: any text, starting with what would read as markup as often as not
SAID = st.tuples(st.sampled_from(PREFIXES + [""]), st.lists(st.sampled_from(MARKISH + WORDS + PREFIXES),
                                                            min_size=1, max_size=20).map("".join)).map(
    "".join).map(str.strip).filter(bool)
SPEECH = st.lists(st.one_of(SAID.map(lambda t: (0, t)), SAID.map(lambda t: (0, t)),
                            st.tuples(st.integers(1, 4), HEADING_TEXT.map(str.strip).filter(bool))),
                  min_size=1, max_size=8)
SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def kit():
    return jobs.prepare(load_settings(ROOT, {"formats": ("pdf", "docx"), "quiet": True}))


def build(kit, body: str) -> tuple[bytes, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_text("---\ntitle: 讲话\n---\n\n" + body, encoding="utf-8")
        content = read_content(path)
    doc = render_document(kit.env, kit.settings.template,
                          {"meta": content.meta, "body": content.body}, str(path))
    doc.origins = (jobs.origin(content),)          # the DOCX can go back to its content file
    layout = lay_out(doc, kit.theme, kit.fonts, kit.metrics)
    return kit.writers["pdf"].render(doc, layout), kit.writers["docx"].render(doc, layout)


def docx_paragraphs(data: bytes) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    """(style, text, runs) of the body's paragraphs; a run is bold when styled Strong."""
    out = []
    for p in docx.Document(io.BytesIO(data)).paragraphs:
        if p.style.name in BODY_STYLES:
            runs = [(r.text, r.style is not None and r.style.name == "Strong") for r in p.runs]
            out.append((p.style.name, p.text, runs))
    return out


def as_written(style: str, runs: list[tuple[str, bool]]) -> str:
    """A printed paragraph with the documented markup put back around it."""
    prefix = "#" * int(style[-1]) + " " if style.startswith("Heading") else ""
    return prefix + "".join(f"**{text}**" if bold else text for text, bold in runs)


def pdf_body_text(data: bytes, kit, contents: bool) -> str:
    """The characters inside the type area, but for the title (22 pt) and, where the speech
    has `contents` (a TOC on the title page), that first page, which has no running header."""
    m = page_metrics(kit.theme)
    # pdfplumber measures from the page top; glyph boxes may overhang the type area a little,
    # the header and the page number are a good 15 pt outside it
    top, bottom = m.height - m.top - 8, m.height - m.bottom + 8
    text = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = sorted(page.chars, key=lambda c: (-round(c["matrix"][5], 1), c["x0"]))
            if contents and not any(c["bottom"] < top for c in chars):
                continue                                  # the title page: no header
            text += [c["text"] for c in chars
                     if top <= c["top"] and c["bottom"] <= bottom and c["size"] < 20]
    return "".join(text)


def merged(runs):
    out = []
    for text, bold in runs:
        if out and out[-1][1] == bold:
            out[-1] = (out[-1][0] + text, bold)
        else:
            out.append((text, bold))
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(BODY)
def test_every_character_that_is_not_markup_is_printed_in_order(kit, body):
    if not body.strip():
        return
    pdf, docx_bytes = build(kit, body)
    paragraphs = docx_paragraphs(docx_bytes)
    written = "".join(as_written(style, merged(runs)) for style, _, runs in paragraphs)
    assert SPACE.sub("", written) == SPACE.sub("", body)
    headings = [style for style, _, _ in paragraphs if style.startswith("Heading")]
    assert headings == [f"Heading {len(m.group(1))}" for m in HEADING_LINE.finditer(body)]
    for _, _, runs in paragraphs:          # a bold lead ends in a punctuation mark
        assert all(not bold or not text[-1].isalnum() for text, bold in merged(runs))
    printed = "".join(text for _, text, _ in paragraphs)
    assert SPACE.sub("", pdf_body_text(pdf, kit, bool(headings))) == SPACE.sub("", printed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(SPEECH)
@example([(0, "# 同志们:")])
@example([(0, "\\**好。**"), (3, "1.丙"), (0, "**一是方法。**要"), (4, "（1）丁"), (0, "\\\\")])
def test_every_text_a_speaker_can_say_prints_exactly_and_comes_back(kit, speech):
    from handout.body import markdown_of
    from handout.docx_in import ingest_docx
    said = [(level, SPACE.sub(" ", text)) for level, text in speech]
    body = "\n\n".join(("#" * level + " " if level else "")
                       + markdown_of([{"text": text, "bold": False}], heading=bool(level))
                       for level, text in said) + "\n"
    pdf, docx_bytes = build(kit, body)
    paragraphs = docx_paragraphs(docx_bytes)
    assert [(style, text) for style, text, _ in paragraphs] == [
        (f"Heading {level}" if level else style, text) for (level, text), (style, _, _) in zip(said, paragraphs)]
    assert len(paragraphs) == len(said)
    printed = "".join(text for _, text in said)
    assert SPACE.sub("", pdf_body_text(pdf, kit, any(level for level, _ in said))) == SPACE.sub("", printed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.docx"
        path.write_bytes(docx_bytes)
        ingest_docx(path, Path(folder) / "content")
        [back] = (Path(folder) / "content").glob("*.md")
        blocks = read_content(back).body
    assert [(b["level"], b["text"]) for b in blocks] == said
