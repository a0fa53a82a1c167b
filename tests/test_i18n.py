"""Messages for people go through the Chinese catalog: every msgid of the code and the
templates (as Babel extracts them with babel.cfg) has a Chinese translation, none fuzzy or
left over; the page's and the CLI's language are chosen as a Chinese office's machine asks."""

from __future__ import annotations

import ast
import contextlib
import io
import os
import pickle
import subprocess
import sys

from babel.messages.pofile import read_po

from handout.i18n import (CHINESE, ENGLISH, LOCALE_DIR, language_of_environment,
                          language_of_request, translations)
from tests.conftest import ROOT

TERMS = {"up to date": "已是最新", "building…": "生成中…", "error": "出错", "download": "下载",
         "to fill": "待填写", "汇编": "汇编"}


def _extracted() -> set[str]:
    """Babel's extraction as tools/i18n_zh.py runs it; any message Babel had to skip (an
    f-string in a gettext call, which the catalog cannot hold) fails here."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from i18n_zh import extracted_msgids
    finally:
        sys.path.remove(str(ROOT / "tools"))
    skipped = io.StringIO()
    with contextlib.redirect_stderr(skipped):
        found = extracted_msgids()
    assert "Skipping" not in skipped.getvalue(), skipped.getvalue()
    return found


def test_no_message_is_missing_or_untranslated_in_the_chinese_catalog():
    with open(LOCALE_DIR / CHINESE / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    translated = {m.id: m.string for m in catalog if m.id}
    extracted = _extracted()
    assert len(extracted) > 400                       # the workbench's, and the engine's
    assert sorted(extracted - set(translated)) == []                      # missing
    assert sorted(k for k, v in translated.items() if not v) == []          # untranslated
    assert sorted(m.id for m in catalog if m.id and m.fuzzy) == []         # fuzzy
    assert sorted(set(translated) - extracted) == []                        # left over
    for msgid, string in translated.items():                                # placeholders kept
        assert sorted(_fields(msgid)) == sorted(_fields(string)), msgid


def _fields(text: str) -> list[str]:
    """A message's `{fields}`; one that is not a format string (a parser's "expected '}'")
    has none, and its translation must not be one either."""
    import string
    try:
        return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]
    except ValueError:
        return ["(not a format string)"]


def test_the_office_terms():
    zh = translations(CHINESE)
    for english, chinese in TERMS.items():
        assert zh.gettext(english) == chinese


def test_languages_are_chosen_from_the_browser_and_the_environment():
    for header in ("zh-CN,zh;q=0.9", "zh", "zh-Hans-CN", "zh-SG", "en;q=0.5, zh-CN"):
        assert language_of_request(header) == CHINESE, header
    for header in (None, "", "en-US,en;q=0.9", "fr, zh;q=0", "en, zh-CN;q=0.8"):
        assert language_of_request(header) == ENGLISH, header
    assert language_of_environment({"LANG": "zh_CN.UTF-8"}) == CHINESE
    assert language_of_environment({"LANGUAGE": "en_US", "LANG": "zh_CN.UTF-8"}) == ENGLISH
    assert language_of_environment({"LANG": "C.UTF-8"}) == ENGLISH


def test_the_cli_speaks_chinese_in_a_chinese_locale_and_keeps_the_path_line_prefix(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: 讲话\n---\n\n正文。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "", "LANGUAGE": ""}
    port = ["serve", "--port", "70000"]
    chinese = subprocess.run([sys.executable, str(ROOT / "build.py"), *port], cwd=tmp_path,
                             env={**env, "LANG": "zh_CN.UTF-8"}, capture_output=True, text=True)
    english = subprocess.run([sys.executable, str(ROOT / "build.py"), *port], cwd=tmp_path,
                             env={**env, "LANG": "C.UTF-8"}, capture_output=True, text=True)
    assert chinese.returncode == english.returncode == 2
    assert chinese.stderr == "出错: --port 70000：端口是 0 到 65535 之间的数（0：任一空闲端口）\n"
    assert english.stderr == "error: --port 70000: a port is a number from 0 to 65535 (0: any free port)\n"
    built = subprocess.run([sys.executable, str(ROOT / "build.py"), "--only", "pdf"], cwd=tmp_path,
                           env={**env, "LANG": "zh_CN.UTF-8"}, capture_output=True, text=True)
    assert built.returncode == 0 and "已写入 1 个文件" in built.stdout


MESSAGE_CALLS = {"UserError": 0, "Msg": 0, "_": 0, "N_": 0, "gettext": 0, "fail": 1}


def test_every_message_is_one_literal_the_catalog_can_hold():
    """A message made with an f-string, `+` or `%`, or a choice inside the call
    (`UserError("a" if x else "b")`, which Babel reads as "ab"), cannot be translated: the
    AST of every module shows each message call's msgid as one string literal or a name."""
    found = []
    for path in sorted((ROOT / "handout").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = MESSAGE_CALLS.get(name)
            if position is None or len(node.args) <= position:
                continue
            msgid = node.args[position]
            if isinstance(msgid, (ast.JoinedStr, ast.BinOp, ast.IfExp)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif name in ("UserError", "Msg") and isinstance(msgid, ast.Constant) and \
                    not any(k.arg is None for k in node.keywords):   # its fields are all given
                given = {k.arg for k in node.keywords}
                if set(_fields(msgid.value)) - given:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {msgid.value}")
    assert found == []


def test_a_message_kept_as_text_is_shown_in_either_language_and_survives_a_worker():
    from handout.i18n import Msg, localize
    reason = Msg("{reason}: the teaser repeats the speech's own text", reason=Msg("editor line"))
    assert reason == "editor line: the teaser repeats the speech's own text"      # what code reads
    assert reason.startswith("editor line")
    zh = translations(CHINESE).gettext
    assert localize(reason, zh) == "编者按：导语重复了讲话本身的文字"
    assert localize("page title", zh) == "网页标题"                  # a reason from patterns.yaml
    again = pickle.loads(pickle.dumps(reason))                       # through a process pool
    assert localize(again, zh) == localize(reason, zh)


def test_errors_read_in_the_terminals_language_wherever_they_become_text(monkeypatch):
    from handout.errors import UserError
    error = UserError("`{key}` is given twice, on lines {first} and {second}; keep one", "a.md", 4,
                      key="title", first=2, second=4)
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert str(error) == "a.md:4: 出错: `title` 出现了两次（第 2 行和第 4 行）；请只保留一个"
    copy = pickle.loads(pickle.dumps(error))                         # a worker's result
    assert str(copy) == str(error) and copy.path == "a.md" and copy.line == 4
    monkeypatch.setenv("LANGUAGE", "en")
    assert str(error) == "a.md:4: error: `title` is given twice, on lines 2 and 4; keep one"


def test_an_ingest_report_written_in_chinese_is_read_back_in_an_english_session(tmp_path, monkeypatch):
    """status.py reads ingest's report (its to-do notes, its dropped lines) in whichever
    language the report was written."""
    from handout.ingest import ingest
    from handout.status import dropped_lines, todo_list
    content = tmp_path / "content"
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    ingest([ROOT / "content" / "sources" / "000_e1432cc8c8ea04d6.txt"], content, echo=lambda m: None)
    report = next((content / "_reports").glob("*.md")).read_text(encoding="utf-8")
    assert "## 删去的行" in report and "## Dropped lines" not in report
    chinese = dropped_lines(content / "2022-kaiban.md")
    monkeypatch.setenv("LANGUAGE", "en")
    english = dropped_lines(content / "2022-kaiban.md")
    assert english == chinese and len(english) >= 5
    assert all(isinstance(d["line"], int) and d["reason"] and d["text"] for d in english)
    assert any(item.startswith("ingest: ") for item in todo_list(content / "2022-kaiban.md")) or \
        "## 印发前待办" in report
