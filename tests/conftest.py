"""Shared fixtures: the project root, and the committed speeches built once per session."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings as hypothesis_settings

from handout.build import build_all
from handout.settings import load_settings

# CI must be reproducible: there the property tests replay the same 1,000 examples each run
# (derandomize); on a developer's machine they explore new ones every time.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "sources" / "000_e1432cc8c8ea04d6.txt"
# The seed's three speeches as reviewed, before a user fills in any X (what ingest makes of
# the seed), and the booklet's collection file: for tests that need content/ as committed.
REVIEWED = ROOT / "tests" / "ingest" / "golden" / "seed"


def speech_files() -> list[Path]:
    return sorted(p for p in (ROOT / "content").glob("*.md") if not p.name.startswith("_"))


def many_speeches(tmp_path: Path, copies=12) -> Path:
    """content/ holding `copies` copies of every committed speech: a build that runs for seconds."""
    content = tmp_path / "content"
    content.mkdir()
    for i in range(copies):
        for source in sorted((ROOT / "content").glob("[!_]*.md")):
            (content / f"{i:02d}-{source.name}").write_bytes(source.read_bytes())
    return content


def read_error(path: Path):
    """The UserError that reading the content file `path` raises (failing if none)."""
    from handout.content import read_content
    from handout.errors import UserError
    with pytest.raises(UserError) as info:
        read_content(path)
    return info.value


def two_one_page_speeches(tmp_path: Path) -> Path:
    """A content folder with two one-page speeches and a booklet whose speeches start on odd
    pages: cover 1, TOC 2, speech 3, a blank verso 4, speech 5."""
    content = tmp_path / "content"
    content.mkdir()
    for n in (1, 2):
        (content / f"s{n}.md").write_text(f"---\ntitle: 在第{n}次会议上的讲话\norder: {n}\n---\n\n"
                                          "同志们：\n\n今天开会。\n", encoding="utf-8")
    (content / "_collection.yaml").write_text("title: 汇编\nslug: book\nodd_pages: true\n",
                                              encoding="utf-8")
    return content


def build_into(output: Path, formats=("pdf",), files=None, **overrides):
    settings = load_settings(ROOT, {"output": output, "formats": formats, "quiet": True, **overrides})
    results = build_all(settings, files, echo=lambda message: None)
    errors = [r.error for r in results if r.error]
    assert not errors, errors
    return results


@pytest.fixture(scope="session")
def built_output(tmp_path_factory) -> Path:
    """The committed content/ built once (PDF only) into a temporary output folder."""
    out = tmp_path_factory.mktemp("pdf")
    build_into(out)
    return out


@pytest.fixture(scope="session")
def built_pdfs(built_output) -> dict[str, Path]:
    """stem -> PDF of every committed speech (not the booklet)."""
    return {p.stem: built_output / f"{p.stem}.pdf" for p in speech_files()}


@pytest.fixture(scope="session")
def booklet_pdf(built_output) -> Path:
    return built_output / "huibian.pdf"


def word_bomb(inflated: int) -> bytes:
    """A small .docx whose main part (word/document.xml, found through _rels/.rels as a reader
    finds it) inflates to `inflated` bytes of spaces."""
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml", b" " * inflated)
    return buffer.getvalue()
