"""Messages for people go through the Chinese catalog: every msgid of the code and the
templates (as Babel extracts them with babel.cfg) has a Chinese translation, none fuzzy or
left over; the page's and the CLI's language are chosen as a Chinese office's machine asks."""

from __future__ import annotations

import os
import subprocess
import sys

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from handout.i18n import (CHINESE, ENGLISH, LOCALE_DIR, language_of_environment,
                          language_of_request, translations)
from tests.conftest import ROOT

TERMS = {"up to date": "已是最新", "building…": "生成中…", "error": "出错", "download": "下载",
         "to fill": "待填写", "汇编": "汇编"}


def _extracted() -> set[str]:
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    return {m if isinstance(m, str) else m[0]
            for _f, _l, m, _c, _x in extract_from_dir(ROOT, method_map, options_map)}


def test_no_message_is_missing_or_untranslated_in_the_chinese_catalog():
    with open(LOCALE_DIR / CHINESE / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    translated = {m.id: m.string for m in catalog if m.id}
    extracted = _extracted()
    assert len(extracted) > 80
    assert sorted(extracted - set(translated)) == []                      # missing
    assert sorted(k for k, v in translated.items() if not v) == []          # untranslated
    assert sorted(m.id for m in catalog if m.id and m.fuzzy) == []         # fuzzy
    assert sorted(set(translated) - extracted) == []                        # left over
    for msgid, string in translated.items():                                # placeholders kept
        assert sorted(_fields(msgid)) == sorted(_fields(string)), msgid


def _fields(text: str) -> list[str]:
    import string
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]


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
