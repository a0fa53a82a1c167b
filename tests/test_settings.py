"""Settings: built-in defaults, then the project's handout.toml, then the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from handout.errors import UserError
from handout.settings import TOOL_ROOT, load_settings
from tests.conftest import ROOT

GOOD = "---\ntitle: 在会议上的讲话\n---\n\n同志们：\n\n今天开会。\n"


def test_defaults_are_the_project_folders(tmp_path):
    for name in ("content", "templates", "fonts"):
        (tmp_path / name).mkdir()
    settings = load_settings(tmp_path, {})
    assert (settings.content, settings.output) == (tmp_path / "content", tmp_path / "output")
    assert (settings.templates, settings.fonts) == (tmp_path / "templates", tmp_path / "fonts")
    assert settings.formats == ("pdf", "docx") and not settings.force


def test_a_project_without_templates_or_fonts_uses_the_shipped_ones(tmp_path):
    settings = load_settings(tmp_path, {})
    assert settings.templates == TOOL_ROOT / "templates"
    assert settings.fonts == TOOL_ROOT / "fonts"


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
    ('# the output\noutput = 5\n', 2, "`output` must be a folder (text), not 5"),
    ('strict = "no"\n', 1, "`strict` must be true or false, not 'no'"),
    ('template = ["a"]\n', 1, "`template` must be a file name"),
    ('quiet = true\ncolour = "red"\n', 2, "unknown setting(s): colour"),
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
