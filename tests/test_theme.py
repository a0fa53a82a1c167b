"""A bad theme is one clear line naming theme.yaml, the line and the key; exit status 2."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handout.errors import UserError
from handout.theme import load_theme
from tests.conftest import ROOT

SHIPPED = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
BODY = "  body:       {font: fangsong, size: 16, align: justify, indent: 2}"


def theme_with(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SHIPPED
    path = tmp_path / "theme.yaml"
    path.write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(text: str) -> int:
    return SHIPPED.split("\n").index(text) + 1


# `at`: the line the error must name (None: the line of `new`)
@pytest.mark.parametrize("old, new, key, words, at", [
    (BODY, BODY.replace("indent: 2", "indent: 40"), "roles.body.indent", "from 0 to 27, not 40", None),
    (BODY, BODY.replace("size: 16", "size: 0"), "roles.body.size", "above 0, not 0", None),
    (BODY, BODY.replace("size: 16", "size: big"), "roles.body.size", "not 'big'", None),
    (BODY, BODY.replace("fangsong", "mingti"), "roles.body.font", "one of fangsong", None),
    (BODY, BODY.replace("justify", "middle"), "roles.body.align", "one of left", None),
    (BODY, "", "roles", "has no body", "roles:"),
    ("  grid: {lines: 22, chars: 28}", "  grid: {lines: 0, chars: 28}", "page.grid.lines",
     "from 1 to 200, not 0", None),
    ("  margins: {top: 37, bottom: 35, left: 28, right: 26}",
     "  margins: {top: 37, bottom: 35, left: 128, right: 126}", "page.margins", "no type area", None),
    ("  width: 210", "  width: -1", "page.width", "above 0", None),
    ("fallback: [fangsong, kaiti, heiti, xiaobiaosong, songti]", "fallback: [fangsong, mingti]",
     "fallback", "'mingti'", None),
])
def test_each_bad_value_is_one_error_naming_the_key_and_its_line(tmp_path, old, new, key, words, at):
    path = theme_with(tmp_path, old, new)
    with pytest.raises(UserError) as info:
        load_theme(path)
    assert info.value.message.startswith(f"`{key}` ") and words in info.value.message
    line = path.read_text(encoding="utf-8").split("\n").index(at or new) + 1
    assert (info.value.path, info.value.line) == (str(path), line)


def test_the_shipped_theme_loads():
    assert load_theme(ROOT / "templates" / "theme.yaml").role("body").indent == 2


def test_the_command_line_says_one_line_and_exits_2(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "theme.yaml").write_text(SHIPPED.replace(BODY, BODY.replace("indent: 2", "indent: 40")),
                                          encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--templates", str(templates),
                          "--output", str(tmp_path / "out"), "--force"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().split("\n") == [
        f"{templates / 'theme.yaml'}:{line_of(BODY)}: error: `roles.body.indent` must be a whole "
        "number from 0 to 27, not 40"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
