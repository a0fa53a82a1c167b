"""Property test: any content file — random front matter, random Markdown structure, random
Chinese/ASCII/punctuation text — is either built or refused with a clean UserError; the
builder never crashes."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handout import jobs
from handout.content import read_content
from handout.errors import UserError
from handout.layout.pages import lay_out
from handout.settings import load_settings
from handout.template import render_document
from tests.conftest import ROOT

TEXT = st.lists(st.sampled_from(list("的一是在不了有和人组织工作干部学习，。、；：？！“”（）《》X2022 ") +
                                ["——", "……", "**", "*", "_", "`", "<b>", "&amp;", "[链接](x)", "\\", "#"]),
                max_size=40).map("".join)
BLOCK = st.one_of(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT.map("# {}".format), TEXT.map("## {}".format),
                  TEXT.map("# {}".format), TEXT.map("## {}".format), TEXT.map("### {}".format),
                  TEXT.map("#### {}".format), TEXT.map("##### {}".format),
                  TEXT.map("- {}".format), TEXT.map("> {}".format), TEXT.map("| {} | x |\n|---|---|".format),
                  TEXT.map("```\n{}\n```".format), st.just("<div>原样</div>"))
VALUE = st.one_of(TEXT, st.integers(), st.none(), st.booleans(), st.lists(st.integers(), max_size=2),
                  st.dates().map(str))
TITLE = TEXT.filter(lambda t: t.strip() and "\\" not in t and '"' not in t)
FRONT = st.fixed_dictionaries(
    {"title": st.integers(0, 4).flatmap(lambda k: VALUE if k == 0 else TITLE)},   # mostly usable
    optional={key: st.integers(0, 3).flatmap(lambda k: VALUE if k == 0 else TITLE) for key in ("speaker", "date", "occasion", "order", "extra")})
BUILT = []


@pytest.fixture(scope="module")
def kit():
    return jobs.prepare(load_settings(ROOT, {"formats": ("pdf", "docx"), "quiet": True}))


def front_matter(values: dict) -> str:
    lines = []
    for key, value in values.items():
        shown = f'"{value}"' if isinstance(value, str) else ("null" if value is None else str(value).lower()
                                                              if isinstance(value, bool) else str(value))
        lines.append(f"{key}: {shown}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(FRONT, st.lists(BLOCK, min_size=1, max_size=8))
# found by Hypothesis: "\0" in quotes is YAML's NUL, once a traceback from the template
@example(front={"title": "讲话", "speaker": "\\0"}, blocks=["同志们："])
def test_any_content_file_is_built_or_refused_cleanly(kit, front, blocks):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_text(front_matter(front) + "\n\n".join(blocks) + "\n", encoding="utf-8")
        try:
            content = read_content(path)
            doc = render_document(kit.env, kit.settings.template,
                                  {"meta": content.meta, "body": content.body}, str(path))
            layout = lay_out(doc, kit.theme, kit.fonts, kit.metrics)
            for writer in kit.writers.values():
                assert writer.render(doc, layout)
            BUILT.append(path)
        except UserError as error:
            assert str(error).startswith(str(path)), str(error)


def test_the_property_really_built_documents():
    """Guard against a generator that only ever makes files the reader refuses."""
    assert len(BUILT) > 100, len(BUILT)
