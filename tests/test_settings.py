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
