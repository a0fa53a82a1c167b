"""Blocks read from a DOCX written as Markdown: typed asterisks are text, never an
AssertionError (audit of issue #23)."""

from __future__ import annotations

import pytest

from handout.content import read_content

from tests.docx_in.helpers import body_paragraphs, build_docx, content_copy, edited_copy, ingest


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("markdown")
    content = content_copy(root)
    return content, build_docx(content, root / "out")


@pytest.mark.parametrize("where, index", [("mid-paragraph", 1), ("the salutation", 0)])
def test_typed_asterisks_come_back_as_typed_text_not_a_traceback(built, tmp_path, capsys, where, index):
    """Was an AssertionError traceback; the body format's escapes (issue 27) now keep them as
    the text typed, which the content file reads back as that text, not as bold."""
    def typed(document):
        paragraph = body_paragraphs(document)[index]
        paragraph.runs[-1].text += "**注意。**"
    folder, path = edited_copy(built, tmp_path, typed)
    status, _, stderr = ingest(capsys, path, "--content", folder)
    assert status == 0 and "Traceback" not in stderr, stderr
    blocks = read_content(folder / "2022-kaiban.md").body
    assert any(b["text"].endswith("**注意。**") and not any(r["bold"] for r in b["runs"]) for b in blocks)


def test_typed_asterisks_in_a_heading_are_kept_as_typed(built, tmp_path, capsys):
    def typed(document):
        heading = next(p for p in body_paragraphs(document) if p.style.name == "Heading 1")
        heading.runs[-1].text += "**注意。**"
    folder, path = edited_copy(built, tmp_path, typed)
    status, _, stderr = ingest(capsys, path, "--content", folder)
    assert status == 0, stderr
    assert "**注意。**\n" in (folder / "2022-kaiban.md").read_text(encoding="utf-8")
