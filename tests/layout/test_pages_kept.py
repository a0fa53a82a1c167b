"""Paragraphs' lines kept across layouts with one font set (build.py watch): reused only
for the same text in the same role, and a fallback's warning is given every time."""

from __future__ import annotations

from pathlib import Path

import pytest

from handout import jobs
from handout.content import read_content
from handout.layout.pages import lay_out
from handout.settings import load_settings
from handout.template import render_document
from tests.conftest import ROOT

PLAIN = "同志们：今天我们召开会议，研究部署下一阶段的工作，大家要统一思想，提高认识，扎实推进各项任务落实。"


@pytest.fixture(scope="module")
def kit():
    return jobs.prepare(load_settings(ROOT, {"formats": ("pdf",), "quiet": True}))


def layout_of(kit, tmp_path: Path, body: str):
    path = tmp_path / "x.md"
    path.write_text("---\ntitle: 讲话\n---\n\n" + body, encoding="utf-8")
    content = read_content(path)
    doc = render_document(kit.env, kit.settings.template, {"meta": content.meta, "body": content.body},
                          str(path))
    return lay_out(doc, kit.theme, kit.fonts, kit.metrics)


def lines_with(layout, text: str) -> list:
    return [p.line for page in layout.pages for p in page.lines if text in p.line.text]


def test_an_unchanged_paragraph_is_not_broken_again_a_changed_one_is(tmp_path, kit):
    first = layout_of(kit, tmp_path, f"{PLAIN}\n\n第二段。\n")
    again = layout_of(kit, tmp_path, f"{PLAIN}\n\n第二段，改过了。\n")
    kept, reused = lines_with(first, "同志们"), lines_with(again, "同志们")
    assert kept and all(a is b for a, b in zip(kept, reused))
    assert lines_with(again, "改过了") and not lines_with(first, "改过了")


def test_a_fallback_warning_is_given_on_every_layout(tmp_path, kit):
    for _ in range(2):
        layout = layout_of(kit, tmp_path, "温度二十℃。\n")
        assert any("'℃'" in w and "x.md" in w for w in layout.warnings), layout.warnings
