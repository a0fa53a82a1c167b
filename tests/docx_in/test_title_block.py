"""Lines added to a handout's title block in Word: a third line does not overwrite `date:`,
a second name does not overwrite `speaker:` (audit of issue #23): refused in one line,
nothing written."""

from __future__ import annotations

import pytest

from tests.docx_in.helpers import assert_refused, build_docx, content_copy, edited_copy


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("title-block")
    content = content_copy(root)
    return content, build_docx(content, root / "out")


def add_after_speaker(text: str):
    def edit(document):
        speaker = next(p for p in document.paragraphs if p.style.name == "Byline" and p.text == "市委书记")
        new = speaker.insert_paragraph_before(text, style="Byline")      # then swap: new after speaker
        speaker._p.addnext(new._p)
    return edit


def test_a_line_in_brackets_under_the_speaker_is_not_taken_for_the_date(built, tmp_path, capsys):
    folder, path = edited_copy(built, tmp_path, add_after_speaker("（根据录音整理）"))
    assert_refused(capsys, path, folder, "the title block has a line “（根据录音整理）” that is neither "
                   "the date nor the speaker, and the front matter cannot hold it: move it into the "
                   "speech's text (a paragraph after the title block), or delete it")


def test_a_second_name_does_not_overwrite_the_speaker(built, tmp_path, capsys):
    folder, path = edited_copy(built, tmp_path, add_after_speaker("市长"))
    assert_refused(capsys, path, folder, "the title block has two speaker lines, “市委书记” and “市长”, "
                   "and the front matter holds one `speaker:`: delete one, or move it into the "
                   "speech's text")
