"""The batch build: incremental rebuilds, the booklet, one bad file among good ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from handout.build import build_all
from handout.errors import UserError
from handout.settings import load_settings
from tests.conftest import ROOT, many_speeches

SPEECH = "---\ntitle: 在{n}会议上的讲话\nspeaker: 市委书记\norder: {n}\n---\n\n同志们：\n\n# 一、第一部分\n\n{body}\n"


def make_project(tmp_path: Path, count=2, collection=True) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for n in range(1, count + 1):
        body = "举办这次培训班，既是一次培训业务的活动，也是一次交流思想的大会。" * 6
        (content / f"s{n}.md").write_text(SPEECH.format(n=n, body=body), encoding="utf-8")
    if collection:
        (content / "_collection.yaml").write_text("title: 讲话汇编\norganiser: 组织部\nslug: huibian\n",
                                                  encoding="utf-8")
    return content


def settings_for(tmp_path: Path, **overrides):
    values = {"content": tmp_path / "content", "output": tmp_path / "out", "quiet": True,
              "jobs": 1, **overrides}
    return load_settings(ROOT, values)


def built_names(results):
    return sorted(path.name for r in results for path, _, _ in r.outputs)


def test_builds_every_speech_and_the_booklet_then_nothing(tmp_path):
    make_project(tmp_path)
    settings = settings_for(tmp_path)
    first = build_all(settings, None, echo=lambda m: None)
    formats = settings.formats
    assert built_names(first) == sorted(f"{stem}.{fmt}" for stem in ("huibian", "s1", "s2") for fmt in formats)
    assert build_all(settings, None, echo=lambda m: None) == []


def test_touching_one_speech_rebuilds_it_and_the_booklet_only(tmp_path):
    content = make_project(tmp_path)
    settings = settings_for(tmp_path)
    build_all(settings, None, echo=lambda m: None)
    speech = content / "s2.md"
    speech.write_text(speech.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    again = build_all(settings, None, echo=lambda m: None)
    assert {r.job.name for r in again} == {"s2", "huibian"}


def test_force_rebuilds_everything(tmp_path):
    make_project(tmp_path)
    settings = settings_for(tmp_path)
    first = build_all(settings, None, echo=lambda m: None)
    again = build_all(settings_for(tmp_path, force=True), None, echo=lambda m: None)
    assert built_names(again) == built_names(first)
    assert len(built_names(again)) == 3 * len(settings.formats)


def test_a_bad_speech_is_reported_and_the_others_are_still_built(tmp_path):
    content = make_project(tmp_path, collection=False)
    (content / "s3.md").write_text("---\ntitle: [broken\n---\n\n正文\n", encoding="utf-8")
    messages = []
    results = build_all(settings_for(tmp_path), None, echo=messages.append)
    assert [r.job.name for r in results if r.error] == ["s3"]
    assert any(m.endswith(".md:2: error: bad YAML in front matter: expected ',' or ']', but got '<stream end>'")
               or "s3.md:2: error:" in m for m in messages)
    assert not (tmp_path / "out" / "s3.pdf").exists()
    assert (tmp_path / "out" / "s1.pdf").exists()


def test_a_booklet_slug_taken_by_a_speech_fails_the_booklet_only(tmp_path):
    content = make_project(tmp_path)
    (content / "_collection.yaml").write_text("title: 汇编\nslug: s1\n", encoding="utf-8")
    messages = []
    results = build_all(settings_for(tmp_path, formats=("pdf",)), None, echo=messages.append)
    assert [r.job.kind for r in results if r.error] == ["booklet"]
    assert messages == [f"{content / '_collection.yaml'}: error: two inputs would write s1.*: the speech "
                        "s1.md and the booklet (`slug:`); choose another slug"]
    assert {p.name for p in (tmp_path / "out").glob("*.pdf")} == {"s1.pdf", "s2.pdf"}


def test_two_speeches_mapping_to_one_output_is_an_error(tmp_path):
    content = make_project(tmp_path, collection=False)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "s1.md").write_bytes((content / "s1.md").read_bytes())
    with pytest.raises(UserError, match="two inputs would write s1.pdf"):
        build_all(settings_for(tmp_path), [content / "s1.md", tmp_path / "other" / "s1.md"], echo=lambda m: None)


def test_parallel_and_serial_builds_give_identical_bytes(tmp_path):
    make_project(tmp_path / "a", count=4) if (tmp_path / "a").mkdir() is None else None
    make_project(tmp_path / "b", count=4) if (tmp_path / "b").mkdir() is None else None
    build_all(settings_for(tmp_path / "a", jobs=1), None, echo=lambda m: None)
    build_all(settings_for(tmp_path / "b", jobs=2), None, echo=lambda m: None)
    for path in sorted((tmp_path / "a" / "out").glob("*.*")):
        if path.name != ".manifest.json":
            assert path.read_bytes() == (tmp_path / "b" / "out" / path.name).read_bytes(), path.name


def test_a_crash_in_one_speech_names_it_and_the_others_are_built(tmp_path, monkeypatch):
    """A bug (not a user mistake) in one job: reported with the speech's path, others built."""
    from handout.writers.pdf import PdfWriter
    make_project(tmp_path, collection=False)
    real_render = PdfWriter.render

    def render(self, doc, layout):
        if doc.title.startswith("在2"):
            raise RuntimeError("boom")
        return real_render(self, doc, layout)
    monkeypatch.setattr(PdfWriter, "render", render)
    messages = []
    results = build_all(settings_for(tmp_path, formats=("pdf",)), None, echo=messages.append)
    assert [r.job.name for r in results if r.error] == ["s2"]
    assert any("s2.md: internal error" in m and "RuntimeError: boom" in m for m in messages)
    assert (tmp_path / "out" / "s1.pdf").exists() and not (tmp_path / "out" / "s2.pdf").exists()


def test_a_second_build_of_the_folder_waits_and_builds_what_was_edited_meanwhile(tmp_path):
    """Two builds of one output folder at once, a speech edited between their starts: the
    second waits for the first, then rebuilds the edited speech; nothing stale is recorded."""
    import subprocess
    import sys
    import time

    from pypdf import PdfReader
    content, out = many_speeches(tmp_path, copies=40), tmp_path / "out"
    # (40 copies, about 3 s: the first build must still be running when the second has started;
    # with 6 it sometimes finished first on a loaded machine)
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--output", str(out),
               "--only", "pdf", "--jobs", "1"]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    edited = content / "00-2022-gongzuo-huiyi.md"
    deadline = time.time() + 60
    while time.time() < deadline and not (out / f"{edited.stem}.pdf").exists():
        time.sleep(0.02)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n会后补充的一段话。\n", encoding="utf-8")
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "another build is writing this folder; waiting" in second.stderr
    assert f"{edited.stem}.pdf" in second.stdout
    text = "".join(page.extract_text() for page in PdfReader(out / f"{edited.stem}.pdf").pages)
    assert "会后补充的一段话" in text
    third = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "nothing to do" in third.stdout
