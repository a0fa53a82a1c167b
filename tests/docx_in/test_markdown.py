"""Blocks read from a DOCX written as Markdown: text the format cannot hold is refused in one
line, not an AssertionError (audit of issue #23)."""

from __future__ import annotations

import docx
import pytest

from tests.docx_in.helpers import (assert_refused, body_paragraphs, build_docx, content_copy,
                                   edited_copy, ingest)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("markdown")
    content = content_copy(root)
    return content, build_docx(content, root / "out")


@pytest.mark.parametrize("where, index", [("mid-paragraph", 1), ("the salutation", 0)])
def test_typed_asterisks_that_would_read_as_bold_are_refused(built, tmp_path, capsys, where, index):
    def typed(document):
        paragraph = body_paragraphs(document)[index]
        paragraph.runs[-1].text += "**注意。**"
    folder, path = edited_copy(built, tmp_path, typed)
    first = body_paragraphs(docx.Document(str(path)))[index].text[:20]
    assert_refused(capsys, path, folder, f"the paragraph “{first}…” has `**…**` typed in it, which a "
                   "content file reads as bold: take the asterisks out in Word (make the words "
                   "Bold instead, if that was meant)")


def test_typed_asterisks_in_a_heading_are_kept_as_typed(built, tmp_path, capsys):
    def typed(document):
        heading = next(p for p in body_paragraphs(document) if p.style.name == "Heading 1")
        heading.runs[-1].text += "**注意。**"
    folder, path = edited_copy(built, tmp_path, typed)
    status, _, stderr = ingest(capsys, path, "--content", folder)
    assert status == 0, stderr
    assert "**注意。**\n" in (folder / "2022-kaiban.md").read_text(encoding="utf-8")
