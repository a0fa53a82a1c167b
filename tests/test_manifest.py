"""The incremental build believes only what is true: an output is skipped only when it is the
file the build wrote, from the inputs it has now."""

from __future__ import annotations

import json
import shutil

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from handout.build import build_all
from tests.conftest import ROOT
from tests.test_build import make_project, settings_for


def build(tmp_path, messages=None, files=None, **overrides):
    settings = settings_for(tmp_path, **overrides)
    return build_all(settings, files, echo=(messages.append if messages is not None else lambda m: None))


def built(results) -> list[str]:
    return sorted(path.name for r in results for path, _, _ in r.outputs)


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("damage", ["delete", "truncate", "replace"])
def test_an_output_deleted_or_changed_by_hand_is_rebuilt(tmp_path, damage):
    make_project(tmp_path, collection=False)
    build(tmp_path, formats=("pdf",))
    pdf = tmp_path / "out" / "s1.pdf"
    if damage == "delete":
        pdf.unlink()
    elif damage == "truncate":
        pdf.write_bytes(b"")
    else:
        shutil.copyfile(tmp_path / "out" / "s2.pdf", pdf)
    assert built(build(tmp_path, formats=("pdf",))) == ["s1.pdf"]
    assert "在1会议上的讲话" in pdf_text(pdf)


def test_source_date_epoch_is_an_input_of_the_docx_and_the_pdf(tmp_path, monkeypatch):
    make_project(tmp_path, collection=False)
    build(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1666915200")          # 2022-10-28
    assert sorted(built(build(tmp_path))) == ["s1.docx", "s1.pdf", "s2.docx", "s2.pdf"]
    created = WordDocument(tmp_path / "out" / "s1.docx").core_properties.created
    assert created.isoformat().startswith("2022-10-28")
    assert PdfReader(tmp_path / "out" / "s1.pdf").metadata.creation_date.isoformat().startswith("2022-10-28")


def test_a_template_pulled_in_with_include_is_an_input(tmp_path):
    make_project(tmp_path, collection=False)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    main = templates / "handout.xml.j2"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "</document>", "{% include 'closing.xml.j2' %}</document>"), encoding="utf-8")
    closing = templates / "closing.xml.j2"
    closing.write_text("<para>第一版结束语。</para>", encoding="utf-8")
    build(tmp_path, templates=templates, formats=("pdf",))
    closing.write_text("<para>第二版结束语。</para>", encoding="utf-8")
    assert built(build(tmp_path, templates=templates, formats=("pdf",))) == ["s1.pdf", "s2.pdf"]
    assert "第二版结束语" in pdf_text(tmp_path / "out" / "s1.pdf")


def test_outputs_of_a_renamed_speech_are_removed_and_said(tmp_path):
    content = make_project(tmp_path)
    out = tmp_path / "out"
    build(tmp_path)
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")
    (content / "s2.md").rename(content / "s9.md")
    messages = []
    results = build(tmp_path, messages)
    assert "s9.pdf" in built(results) and "s9.docx" in built(results)
    assert not (out / "s2.pdf").exists() and not (out / "s2.docx").exists()
    assert [m for m in messages if "removed" in m] == [
        f"{out / name}: note: removed: no speech or booklet builds it any more" for name in ("s2.docx", "s2.pdf")]
    assert (out / "notes.txt").exists()                     # not written by a build: never removed
    manifest = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["outputs"]) == sorted(p.name for p in out.glob("*.*") if p.suffix != ".txt" and p.name[0] != ".")


def test_only_pdf_and_single_files_remove_nothing(tmp_path):
    content = make_project(tmp_path, collection=False)
    build(tmp_path)
    build(tmp_path, formats=("pdf",), force=True)                  # a live speech's DOCX stays
    assert (tmp_path / "out" / "s1.docx").exists()
    build(tmp_path, files=[content / "s1.md"], force=True)         # s2 is not in this build, not gone
    assert (tmp_path / "out" / "s2.pdf").exists()
    assert build(tmp_path) == []


def test_outputs_another_content_folder_built_into_the_same_folder_are_not_stale(tmp_path):
    (tmp_path / "a").mkdir()
    make_project(tmp_path / "a", collection=False)
    other = tmp_path / "b" / "content"
    other.mkdir(parents=True)
    (other / "t1.md").write_bytes((tmp_path / "a" / "content" / "s1.md").read_bytes())
    out = tmp_path / "out"
    build(tmp_path / "a", output=out, formats=("pdf",))
    messages = []
    build(tmp_path / "b", messages, output=out, formats=("pdf",))
    assert sorted(p.name for p in out.glob("*.pdf")) == ["s1.pdf", "s2.pdf", "t1.pdf"] and not messages


@pytest.mark.parametrize("text", ["[1, 2]\n", "not json at all", '"a string"\n',
                                  '{"version": 2, "outputs": {"s1.pdf": 5}}\n',
                                  '{"version": 2, "outputs": [1]}\n'])
def test_a_manifest_of_the_wrong_shape_is_treated_as_absent_with_a_warning(tmp_path, text):
    make_project(tmp_path, collection=False)
    build(tmp_path, formats=("pdf",))
    (tmp_path / "out" / ".manifest.json").write_text(text, encoding="utf-8")
    messages = []
    assert built(build(tmp_path, messages, formats=("pdf",))) == ["s1.pdf", "s2.pdf"]
    assert len(messages) == 1 and messages[0].startswith(f"{tmp_path / 'out' / '.manifest.json'}: warning: ")
    assert build(tmp_path, formats=("pdf",)) == []                 # and a good one is written again
