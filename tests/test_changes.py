"""handout/changes.py: what the workbench shows before it writes, planned by the same code
as `build.py ingest FILE` (docx_in.plan_docx for an edited handout, the page cleaner for a
Word file we did not make), and written only when applied; the files it writes are the CLI's."""

from __future__ import annotations

import shutil

import docx
import pytest

from handout import changes
from handout.edit import StaleVersion
from handout.docx_in import ingest_docx
from tests.docx_in.helpers import build_docx, content_copy, edit_docx, replace_in


def files_of(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("changes")
    content = content_copy(root)
    return content, build_docx(content, root / "out")


def reviewed(document) -> None:
    """A reviewer's copy: one sentence rewritten, one comment on it."""
    target = next(p for p in document.paragraphs if p.text.startswith("举办这次培训班"))
    for run in target.runs[1:]:
        run.text = ""
    target.runs[0].text = "举办这次培训班，意义十分重大。"
    document.add_comment(target.runs[0], text="这里改得好", author="审稿人")


def test_an_edited_handout_is_planned_by_docx_in_and_written_as_the_cli_writes_it(built, tmp_path):
    content_built, out = built
    content = tmp_path / "content"
    shutil.copytree(content_built, content)
    copy = tmp_path / "2022-kaiban.docx"
    copy.write_bytes((out / "2022-kaiban.docx").read_bytes())
    edit_docx(copy, reviewed)
    before = files_of(content)

    plan = changes.ingest_file("2022-kaiban.docx", copy.read_bytes(), content)
    assert files_of(content) == before                               # shown, not written
    assert [c.name for c in plan.speeches] == ["2022-kaiban.md"]
    assert {"kind": "changed", "new": "举办这次培训班，意义十分重大。"}.items() <= plan.speeches[0].paragraphs[0].items()
    assert plan.comments == [{"author": "审稿人", "date": plan.comments[0]["date"], "text": "这里改得好",
                              "on": "举办这次培训班，意义十分重大。"}]
    assert sorted(c.name for c in plan.changes) == ["2022-kaiban.md", "_reports/2022-kaiban.comments.yaml",
                                                    "_reports/2022-kaiban.md"]
    changes.apply(plan)

    by_cli = tmp_path / "by-cli"                                     # `build.py ingest` on the same files
    shutil.copytree(content_built, by_cli)
    ingest_docx(copy, by_cli, echo=lambda line: None)
    assert files_of(content) == files_of(by_cli)


def test_a_word_file_we_did_not_make_goes_through_the_page_cleaner_unwritten_until_applied(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    word = tmp_path / "来稿.docx"
    document = docx.Document()
    document.add_paragraph("在全市组工干部会议上的讲话", style="Title")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开这次会议，主要任务是总结工作、部署任务。")
    document.save(str(word))

    plan = changes.ingest_file("来稿.docx", word.read_bytes(), content)
    assert files_of(content) == {}
    assert len(plan.speeches) == 1 and plan.speeches[0].paragraphs
    assert any(m.startswith("来稿.docx") or "来稿.docx" in m for m in plan.messages), plan.messages
    assert all("handout-upload-" not in m for m in plan.messages)    # the temporary folder never shown
    written = changes.apply(plan)
    text = (content / plan.speeches[0].name).read_text(encoding="utf-8")
    assert "今天召开这次会议" in text and content / plan.speeches[0].name in written


def test_a_conflict_is_planned_as_data_today_s_text_kept(built, tmp_path):
    content_built, out = built
    content = tmp_path / "content"
    shutil.copytree(content_built, content)
    kaiban = content / "2022-kaiban.md"
    text = kaiban.read_text(encoding="utf-8")
    assert "举办这次培训班，既是" in text
    kaiban.write_text(text.replace("举办这次培训班，既是", "举办这次培训班，首先是"), encoding="utf-8")   # since the build
    copy = tmp_path / "2022-kaiban.docx"
    copy.write_bytes((out / "2022-kaiban.docx").read_bytes())
    edit_docx(copy, lambda document: replace_in(                                # the same sentence, otherwise
        next(p for p in document.paragraphs if p.text.startswith("举办这次培训班")), "培训业务", "学习业务"))

    plan = changes.ingest_file("2022-kaiban.docx", copy.read_bytes(), content)
    assert len(plan.conflicts) == 1
    conflict = plan.conflicts[0]
    assert conflict["file"] == "2022-kaiban.md"
    assert "首先是一次培训业务" in conflict["ours"] and "既是一次学习业务" in conflict["theirs"], conflict

    shown = files_of(content)
    kaiban.write_text(kaiban.read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")   # meanwhile
    with pytest.raises(StaleVersion):
        changes.taking_theirs(plan)
    kaiban.write_bytes(shown["2022-kaiban.md"])
    theirs = changes.taking_theirs(plan)                   # `ingest --theirs`: the copy's sentence
    assert theirs.conflicts == [] or all("既是一次学习业务" in c["theirs"] for c in theirs.conflicts)
    changes.apply(theirs)
    text = kaiban.read_text(encoding="utf-8")
    assert "既是一次学习业务" in text and "首先是一次培训业务" not in text
