"""Jinja2 -> XML -> document model: escaping, strict variables, sandbox, roles, anchors."""

from pathlib import Path

import pytest

from handout.errors import UserError
from handout.model import SectionSpec, SpaceSpec, TocSpec
from handout.template import cn_date, make_environment, render_document

ROOT = Path(__file__).resolve().parent.parent


def render(body, meta=None, template="handout.xml.j2", dirs=None):
    env = make_environment(dirs or [ROOT / "templates"])
    meta = {"title": "讲话", "subtitle": None, "speaker": "市委书记", "date": "2022-10-08",
            "occasion": None, "order": 1, "source": None, **(meta or {})}
    return render_document(env, template, {"meta": meta, "body": body}, "x.md")


def para(text, line=5, bold=False):
    return {"kind": "para", "level": 0, "runs": [{"text": text, "bold": bold}], "text": text, "line": line}


def test_content_can_never_inject_markup():
    heading = {"kind": "heading", "level": 1, "runs": [{"text": "一、甲<toc/>", "bold": False}],
               "text": "一、甲<toc/>", "line": 3}
    doc = render([para("a<b>c</b> & <toc/>"), heading])
    assert [b.text for b in doc.blocks if b.kind == "para"] == ["a<b>c</b> & <toc/>"]
    assert [b.kind for b in doc.blocks].count("toc") == 1     # the template's own, no other


def test_a_speech_without_headings_gets_no_contents():
    assert "toc" not in [b.kind for b in render([para("同志们："), para("正文。")]).blocks]


def test_title_block_roles_and_date():
    doc = render([para("同志们："), para("正文。")])
    kinds = [(b.kind, b.role, b.text) for b in doc.blocks if b.spans]
    assert kinds[:3] == [("title", "title", "讲话"), ("byline", "byline", "（2022年10月8日）"),
                         ("byline", "byline", "市委书记")]
    assert kinds[3] == ("para", "salutation", "同志们：")
    assert kinds[4] == ("para", "body", "正文。")


def test_headings_get_toc_levels_and_anchors_in_order():
    body = [{"kind": "heading", "level": 1, "runs": [{"text": "一、甲", "bold": False}], "text": "一、甲", "line": 3},
            {"kind": "heading", "level": 2, "runs": [{"text": "1、乙", "bold": False}], "text": "1、乙", "line": 5}]
    listed = render(body).listed()
    assert [(b.text, b.toc, b.anchor, b.source.line) for b in listed] == [("一、甲", 1, "h1", 3), ("1、乙", 2, "h2", 5)]


def test_undefined_variable_names_template_and_line(tmp_path):
    (tmp_path / "bad.xml.j2").write_text("<document>\n<para>{{ meta.nope }}</para>\n</document>\n")
    with pytest.raises(UserError, match="nope") as info:
        render([para("x")], template="bad.xml.j2", dirs=[tmp_path])
    assert info.value.path.endswith("bad.xml.j2") and info.value.line == 2


def test_syntax_error_names_template_and_line(tmp_path):
    (tmp_path / "bad.xml.j2").write_text("<document>\n{% if %}\n</document>\n")
    with pytest.raises(UserError, match="syntax") as info:
        render([para("x")], template="bad.xml.j2", dirs=[tmp_path])
    assert info.value.line == 2


def test_sandbox_refuses_python_internals(tmp_path):
    (tmp_path / "evil.xml.j2").write_text("<document>{{ ''.__class__.__mro__[1].__subclasses__() }}</document>")
    with pytest.raises(UserError, match="sandbox|unsafe|attribute"):
        render([para("x")], template="evil.xml.j2", dirs=[tmp_path])


@pytest.mark.parametrize("value, shown", [("2022-10-08", "2022年10月8日"), ("2022年X月X日", "2022年X月X日")])
def test_cn_date(value, shown):
    assert cn_date(value) == shown


def test_structure_attributes_are_typed_once_with_their_defaults(tmp_path):
    (tmp_path / "t.xml.j2").write_text(
        '<document><section header="第一编" header-first="no" start="odd"/><toc depth="1" title=""/>'
        '<space lines="3"/><section page-number="no"/><toc/><space/></document>', encoding="utf-8")
    doc = render([], template="t.xml.j2", dirs=[tmp_path])
    specs = [(b.kind, b.spec) for b in doc.blocks]
    assert specs == [("section", SectionSpec("第一编", header_on_first=False, odd_start=True)),
                     ("toc", TocSpec(1, "")), ("space", SpaceSpec(3)),
                     ("section", SectionSpec(None, numbered=False)), ("toc", TocSpec(2, "目　录")),
                     ("space", SpaceSpec(1))]


def test_a_toc_depth_that_is_not_a_number_is_the_templates_mistake(tmp_path):
    (tmp_path / "t.xml.j2").write_text('<document><toc depth="two"/></document>', encoding="utf-8")
    with pytest.raises(UserError) as info:
        render([], template="t.xml.j2", dirs=[tmp_path])
    assert str(info.value) == 't.xml.j2: error: <toc depth="two">: a whole number is needed'


def test_both_templates_take_the_title_block_and_body_from_the_macros_file(tmp_path):
    """A project's own _macros.xml.j2, found before the shipped one, changes both templates."""
    macros = (ROOT / "templates" / "_macros.xml.j2").read_text(encoding="utf-8")
    (tmp_path / "_macros.xml.j2").write_text(
        macros.replace('<para src="{{ block.line }}">', '<para role="byline" src="{{ block.line }}">')
              .replace(">{{ meta.title }}</title>", ">【{{ meta.title }}】</title>"), encoding="utf-8")
    dirs = [tmp_path, ROOT / "templates"]
    speech = render([para("同志们："), para("正文。")], dirs=dirs)
    env = make_environment(dirs)
    meta = {"title": "讲话", "subtitle": None, "speaker": None, "date": None}
    booklet = render_document(env, "booklet.xml.j2", {
        "collection": {"title": "汇编", "subtitle": None, "organiser": None, "date": None, "odd_pages": False},
        "speeches": [{"meta": meta, "body": [para("正文。")], "path": "x.md"}], "meta": {}}, "book")
    for doc in (speech, booklet):
        assert "【讲话】" in [b.text for b in doc.blocks if b.kind == "title"]
        assert ("para", "byline", "正文。") in [(b.kind, b.role, b.text) for b in doc.blocks]
