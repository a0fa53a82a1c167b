"""Settings: built-in defaults, then the project's handout.toml, then the command line."""

from __future__ import annotations

import subprocess
import sys

import pdfplumber
import pytest

from handout.errors import UserError
from handout.settings import load_settings
from tests.conftest import ROOT

GOOD = "---\ntitle: 在会议上的讲话\n---\n\n同志们：\n\n今天开会。\n"


def test_defaults_are_the_project_folders(tmp_path):
    for name in ("content", "templates", "fonts"):
        (tmp_path / name).mkdir()
    settings = load_settings(tmp_path, {})
    assert (settings.content, settings.output) == (tmp_path / "content", tmp_path / "output")
    assert (settings.templates, settings.fonts) == (tmp_path / "templates", tmp_path / "fonts")
    assert settings.formats == ("pdf", "docx") and not settings.force
    # … each searched first, the shipped folder after it
    assert settings.template_dirs == (tmp_path / "templates", ROOT / "templates")
    assert settings.font_dirs == (tmp_path / "fonts", ROOT / "fonts")
    assert settings.theme_path == ROOT / "templates" / "theme.yaml"


def test_a_project_without_templates_or_fonts_uses_the_shipped_ones(tmp_path):
    settings = load_settings(tmp_path, {})
    assert settings.templates == ROOT / "templates"
    assert settings.fonts == ROOT / "fonts"
    assert (settings.template_dirs, settings.font_dirs) == ((ROOT / "templates",), (ROOT / "fonts",))


def test_the_project_file_overrides_defaults_and_the_command_line_overrides_both(tmp_path, monkeypatch):
    (tmp_path / "handout.toml").write_text('output = "dist"\njobs = 1\nformats = ["pdf"]\n',
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = load_settings(tmp_path, {})
    assert (settings.output, settings.jobs, settings.formats) == (tmp_path / "dist", 1, ("pdf",))
    settings = load_settings(tmp_path, {"jobs": 2, "output": "elsewhere", "formats": None})
    assert (settings.output, settings.jobs, settings.formats) == (tmp_path / "elsewhere", 2, ("pdf",))


def test_an_unknown_setting_in_the_project_file_is_refused(tmp_path):
    (tmp_path / "handout.toml").write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(UserError, match="unknown setting"):
        load_settings(tmp_path, {})


def test_a_folder_with_only_content_builds_from_the_command_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.md").write_text(GOOD, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--only", "pdf"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "x.pdf").is_file()


@pytest.mark.parametrize("text, line, words", [
    ('jobs = 1\nformats = "pdf"\n', 2, '`formats` must be a list of formats ("pdf", "docx"'),
    ('formats = ["html"]\n', 1, '`formats` must be a list of formats ("pdf", "docx"'),
    ('formats = []\n', 1, '`formats` must be a list'),
    ('jobs = "x"\n', 1, "`jobs` must be a whole number, at least 1, not 'x'"),
    ('jobs = 0\n', 1, "`jobs` must be a whole number, at least 1, not 0"),
    ('jobs = true\n', 1, "`jobs` must be a whole number"),
    ('jobs = 1\ntoc_depth = 5\n', 2, "`toc_depth` must be a whole number from 1 to 4, not 5"),
    ('toc_depth = "2"\n', 1, "`toc_depth` must be a whole number from 1 to 4"),
    ('# the output\noutput = 5\n', 2, "`output` must be a folder (text), not 5"),
    ('strict = "no"\n', 1, "`strict` must be true or false, not 'no'"),
    ('template = ["a"]\n', 1, "`template` must be a file name"),
    ('\nbooklet_template = "../booklet.xml.j2"\n', 2, "`booklet_template` must be a file name in the templates folder"),
    ('quiet = true\ncolour = "red"\n', 2, "unknown setting(s): colour"),
    ('jobs = 1\ntemplates = "nope"\n', 2, "`templates`: no such folder: "),
])
def test_a_wrong_value_in_the_project_file_names_the_file_line_and_key(tmp_path, text, line, words):
    (tmp_path / "handout.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_settings(tmp_path, {})
    assert str(caught.value).startswith(f"{tmp_path / 'handout.toml'}:{line}: error: {words}")


def test_a_wrong_value_on_the_command_line_names_the_option(tmp_path):
    with pytest.raises(UserError, match=r"^error: --jobs must be a whole number, at least 1, not 0$"):
        load_settings(tmp_path, {"jobs": 0})


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "99999999999999"])
def test_a_bad_source_date_epoch_is_refused_naming_it(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UserError, match=r"^SOURCE_DATE_EPOCH: error: must be a whole number of seconds"):
        load_settings(tmp_path, {})


def build(root, *args):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--only", "pdf", "--jobs", "1", *args],
                          cwd=root, capture_output=True, text=True)


def booklet_project(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "content" / "_collection.yaml").write_text("title: 汇编\nslug: book\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("key", ["booklet_template", "template", "theme"])
def test_a_template_file_the_folders_lack_is_one_line_naming_the_setting(tmp_path, key):
    root = booklet_project(tmp_path)
    folders = f"{tmp_path / 'templates'} or {ROOT / 'templates'}"
    (root / "templates").mkdir()
    (root / "handout.toml").write_text(f'jobs = 1\n{key} = "nope.xml.j2"\n', encoding="utf-8")
    result = build(root)
    assert (result.returncode, result.stderr.splitlines()) == (
        2, [f"{root / 'handout.toml'}:2: error: `{key}`: no nope.xml.j2 in {folders}"])
    (root / "handout.toml").unlink()
    result = build(root, f"--{key.replace('_', '-')}", "nope.xml.j2")
    assert (result.returncode, result.stderr.splitlines()) == (
        2, [f"error: --{key.replace('_', '-')}: no nope.xml.j2 in {folders}"])
    assert not (root / "output").exists()


def booklet_cover_title(pdf) -> str:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[0].extract_text()


def test_the_booklet_template_is_a_setting(tmp_path):
    """Named in handout.toml or on the command line (which wins), found in the project's
    templates folder; the speech keeps the shipped template."""
    root = booklet_project(tmp_path)
    shipped = (ROOT / "templates" / "booklet.xml.j2").read_text(encoding="utf-8")
    for name, mark in (("mine.xml.j2", "【甲】"), ("other.xml.j2", "【乙】")):
        (root / "templates").mkdir(exist_ok=True)
        (root / "templates" / name).write_text(
            shipped.replace("<title>{{ collection.title }}</title>", f"<title>{mark}{{{{ collection.title }}}}</title>"),
            encoding="utf-8")
    (root / "handout.toml").write_text('booklet_template = "mine.xml.j2"\n', encoding="utf-8")
    assert build(root).returncode == 0
    assert "【甲】汇编" in booklet_cover_title(root / "output" / "book.pdf")
    assert "【" not in booklet_cover_title(root / "output" / "x.pdf")
    assert build(root, "--booklet-template", "other.xml.j2").returncode == 0
    assert "【乙】汇编" in booklet_cover_title(root / "output" / "book.pdf")
