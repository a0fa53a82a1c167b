"""The edits a person makes from the workbench, as library calls (handout/edit.py,
collection_edit.py, changes.py): each read back with the build's own reader and with plain
text, each refused on a stale version with the file unchanged."""

from __future__ import annotations

import shutil

import pytest

from handout import changes, collection_edit, edit
from handout.collection import read_collection
from handout.content import read_content
from handout.errors import UserError
from tests.conftest import REVIEWED, SEED, word_bomb


@pytest.fixture
def speech(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REVIEWED / "2022-kaiban.md", content)
    return content / "2022-kaiban.md"


def test_every_placeholder_is_filled_at_its_place(speech):
    found = edit.placeholders(speech)
    assert found[0].in_date and found[0].line == 4 and found[0].before == "2022年"
    version = edit.version_of(speech)
    for number, place in enumerate(reversed(found)):       # from the end: earlier columns stay
        version = edit.fill_placeholder(speech, place.line, place.start, place.text, str(number + 1), version)
    assert edit.placeholders(speech) == []
    text = speech.read_text(encoding="utf-8")
    assert f"date: 2022年{len(found)}月{len(found) - 1}日" in text
    assert read_content(speech).meta["date"] == f"2022年{len(found)}月{len(found) - 1}日"


def test_a_stale_version_is_refused_and_the_file_kept(speech):
    before = speech.read_bytes()
    place = edit.placeholders(speech)[2]
    with pytest.raises(edit.StaleVersion):
        edit.fill_placeholder(speech, place.line, place.start, place.text, "三", "0123456789abcdef")
    assert speech.read_bytes() == before
    version = edit.version_of(speech)
    speech.write_bytes(before.replace("同志们：".encode(), "同志们！".encode()))   # an editor saves meanwhile
    with pytest.raises(edit.StaleVersion):
        edit.edit_paragraph(speech, edit.blocks(speech)[0]["line"], "改了。", version)
    assert "同志们！" in speech.read_text(encoding="utf-8")


def test_front_matter_is_written_as_by_hand_and_checked_as_the_build_does(speech):
    version = edit.set_front_matter(speech, {"title": "在开班仪式上的讲话", "subtitle": "——2022年#1",
                                             "date": "2022-10-28"}, edit.version_of(speech))
    lines = speech.read_text(encoding="utf-8").split("\n")
    assert lines[1:3] == ["title: 在开班仪式上的讲话", 'subtitle: "——2022年#1"']
    meta = read_content(speech).meta
    assert (meta["title"], meta["subtitle"], meta["date"]) == ("在开班仪式上的讲话", "——2022年#1", "2022年10月28日")
    before = speech.read_bytes()
    with pytest.raises(edit.FieldError) as refused:
        edit.set_front_matter(speech, {"date": "2022-02-30"}, version)
    assert refused.value.field == "date" and "no such date" in str(refused.value)
    with pytest.raises(edit.FieldError) as refused:
        edit.set_front_matter(speech, {"title": ""}, version)
    assert speech.read_bytes() == before


def test_a_paragraph_is_corrected_and_a_heading_made_a_paragraph_and_back(speech):
    blocks = edit.blocks(speech)
    heading = next(b for b in blocks if b["kind"] == "heading")
    version = edit.edit_paragraph(speech, blocks[1]["line"], "举办这次培训班，意义重大。", edit.version_of(speech))
    version = edit.set_heading(speech, heading["line"], 0, version)
    after = edit.blocks(speech)
    assert after[1]["text"] == "举办这次培训班，意义重大。"
    assert next(b for b in after if b["line"] == heading["line"])["kind"] == "para"
    edit.set_heading(speech, heading["line"], 2, version)
    again = next(b for b in edit.blocks(speech) if b["line"] == heading["line"])
    assert (again["kind"], again["level"], again["text"]) == ("heading", 2, heading["text"])
    with pytest.raises(UserError):
        edit.edit_paragraph(speech, heading["line"], "   ", edit.version_of(speech))


def test_a_path_out_of_the_content_folder_is_refused(speech):
    with pytest.raises(UserError):
        edit.inside(speech.parent / ".." / "x.md", speech.parent / "sub")
    (speech.parent / "link.md").symlink_to(speech)
    with pytest.raises(UserError):
        edit.inside(speech.parent / "link.md", speech.parent)


def test_the_booklet_is_arranged_as_written_by_hand(speech):
    content = speech.parent
    shutil.copy(REVIEWED / "2022-jieye.md", content)
    (content / "_collection.yaml").write_text("# 汇编\ntitle: 旧标题\nslug: book   # output/book.pdf\n", encoding="utf-8")
    collection_edit.set_collection(content, {"title": "讲话汇编", "organiser": "中共某市委组织部", "date": "2022年10月"},
                                   ["2022-jieye", "2022-kaiban"], edit.version_of(content / "_collection.yaml"))
    assert (content / "_collection.yaml").read_text(encoding="utf-8") == (
        "# 汇编\ntitle: 讲话汇编\nslug: book   # output/book.pdf\norganiser: 中共某市委组织部\n"
        "date: 2022年10月\norder: [2022-jieye, 2022-kaiban]\n")
    read = read_collection(content, ["2022-jieye", "2022-kaiban"])
    assert read["order"] == ["2022-jieye", "2022-kaiban"] and read["slug"] == "book"
    with pytest.raises(edit.FieldError) as refused:
        collection_edit.set_collection(content, {}, ["nope"], edit.version_of(content / "_collection.yaml"))
    assert refused.value.field == "order"
    from handout.i18n import CHINESE, translations            # the page shows it in its language
    assert refused.value.localized(translations(CHINESE).gettext).endswith(
        f"_collection.yaml:6: 出错: `order` 中的 'nope' 不是 {content.name}/ 中的讲话稿")


def test_a_pasted_page_is_planned_then_applied(tmp_path):
    content = tmp_path / "content"
    plan = changes.ingest_pasted(SEED.read_text(encoding="utf-8"), content)
    assert not content.exists()                       # planned: nothing written
    assert sorted(c.name for c in plan.speeches) == ["2022-gongzuo-huiyi.md", "2022-jieye.md", "2022-kaiban.md"]
    assert all(str(tmp_path) in m or "paste-" in m for m in plan.messages[:1])
    written = changes.apply(plan)
    assert (content / "2022-kaiban.md") in written
    assert read_content(content / "2022-kaiban.md").meta["title"] == "在全市组工干部培训班开班仪式上的讲话"


def test_a_plan_is_not_applied_over_a_file_changed_since(tmp_path):
    content = tmp_path / "content"
    changes.apply(changes.ingest_pasted(SEED.read_text(encoding="utf-8"), content))
    kaiban = content / "2022-kaiban.md"
    version = edit.version_of(kaiban)
    edit.set_front_matter(kaiban, {"title": "新标题"}, version)
    docx_like = changes.plan(lambda shadow, echo: (shadow / "2022-kaiban.md").write_text(
        kaiban.read_text(encoding="utf-8").replace("同志们：", "同志们好："), encoding="utf-8"), content)
    assert [p["kind"] for p in docx_like.speeches[0].paragraphs] == ["changed"]
    assert docx_like.speeches[0].paragraphs[0]["new"] == "同志们好："
    kaiban.write_text(kaiban.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    before = kaiban.read_bytes()
    with pytest.raises(edit.StaleVersion):
        changes.apply(docx_like)
    assert kaiban.read_bytes() == before


def test_upload_names_lose_their_paths_and_zip_bombs_are_refused(tmp_path):
    assert changes.safe_name("../../etc/passwd") == "passwd"
    assert changes.safe_name("C:\\Users\\a\\讲话.docx") == "讲话.docx"
    assert changes.safe_name("..") == "upload.txt"
    from handout.docx_in.package import MAX_PART_BYTES
    with pytest.raises(UserError) as refused:
        changes.ingest_file("bomb.docx", word_bomb(MAX_PART_BYTES + 1), tmp_path / "content")
    assert refused.value.path == "bomb.docx" and "word/document.xml" in refused.value.message
    assert not (tmp_path / "content").exists()


def test_a_kept_paragraph_is_dropped_and_a_dropped_line_put_back(tmp_path):
    from handout.status import dropped_lines
    content = tmp_path / "content"
    changes.apply(changes.ingest_pasted(SEED.read_text(encoding="utf-8"), content))
    speech = content / "2022-kaiban.md"
    dropped = dropped_lines(speech)
    assert len(dropped) == 8 and dropped[0] == {"line": 1, "reason": "page title",
                                                 "text": "在全市组工干部业务培训示范班上的交流发言3篇"}
    blocks = edit.blocks(speech)
    version = edit.drop_block(speech, blocks[1]["line"], edit.version_of(speech))
    assert [b["text"] for b in edit.blocks(speech)] == [b["text"] for b in blocks if b is not blocks[1]]
    version = edit.insert_paragraph(speech, blocks[0]["line"], dropped[0]["text"], version)
    after = edit.blocks(speech)
    assert after[1]["text"] == dropped[0]["text"] and after[1]["kind"] == "para"
    assert after[2]["text"] == blocks[2]["text"]
    edit.insert_paragraph(speech, 0, "开头的一句。", version)
    assert edit.blocks(speech)[0]["text"] == "开头的一句。"
    assert read_content(speech).meta["title"] == "在全市组工干部培训班开班仪式上的讲话"
