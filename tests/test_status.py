"""To-do before printing: placeholders and dates read from the file as it is now, and
ingest's notes from the report it wrote (marked once the file was edited)."""

from __future__ import annotations

import shutil

from handout.ingest import ingest
from handout.status import todo_list
from tests.conftest import SEED


def test_placeholders_and_dates_with_their_lines(tmp_path):
    speech = tmp_path / "s.md"
    speech.write_text("---\ntitle: 在X市会议上的讲话\ndate: 2022年X月X日\n---\n\n同志们：\n\n"
                      "刚才，X位同志作了发言。Excel 表格和 XML 不算。\n", encoding="utf-8")
    assert todo_list(speech) == [
        "line 2: placeholder …title: 在【X】市会议上的讲话…",
        "line 3: date to fill: 2022年X月X日",
        "line 8: placeholder …刚才，【X】位同志作了发言。…",
    ]


def test_ingest_notes_follow_the_file(tmp_path):
    content = tmp_path / "content"
    ingest([SEED], content, echo=lambda line: None)
    speech = content / "2022-kaiban.md"
    notes = [item for item in todo_list(speech) if item.startswith("ingest: ")]
    assert notes == ["ingest: only the year is known: fill in month and day"]
    text = speech.read_text(encoding="utf-8").replace("date: 2022年X月X日", "date: 2022-10-28")
    speech.write_text(text, encoding="utf-8")
    items = todo_list(speech)
    assert not any(item.startswith("line 4: date") for item in items)
    assert "ingest: only the year is known: fill in month and day (noted before the file was edited)" in items
    shutil.rmtree(content / "_reports")
    assert not any(item.startswith("ingest: ") for item in todo_list(speech))


def test_an_unreadable_file_has_no_list(tmp_path):
    speech = tmp_path / "s.md"
    speech.write_bytes("---\ntitle: 讲话\n---\n\nX位\n".encode("gbk"))
    assert todo_list(speech) == []
