"""Jinja2 renders the arrangement; this module parses the result into the document model.

The environment is sandboxed (a template cannot reach Python internals), autoescaped (a
`<` in a speech can never become markup) and strict (a missing variable is an error that
names the template file and line).
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from . import frontmatter
from .errors import UserError
from .model import TEXT_KINDS, Block, Document, PadSpec, SectionSpec, Source, SpaceSpec, Span, TocSpec

# Roles a text element gets when the template does not name one.
DEFAULT_ROLE = {"title": "title", "subtitle": "subtitle", "byline": "byline", "para": "body"}


def make_environment(template_dirs: list[Path]) -> SandboxedEnvironment:
    """Templates are looked up in `template_dirs` in order (a project folder first)."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["cn_date"] = cn_date
    env.filters["toc_entry"] = toc_entry
    env.tests["salutation"] = is_salutation
    return env


def cn_date(value) -> str:
    """2022-10-28, 2022/10/28, … -> 2022年10月28日; other text as written."""
    return frontmatter.cn_date(str(value))


def toc_entry(text: str) -> str:
    """A heading as a TOC entry: without the full stop some speakers end headings with."""
    return text.rstrip("。；：，")


def is_salutation(text: str) -> bool:
    """同志们： — a short first paragraph ending in a colon is set flush left."""
    return len(text) <= 24 and text.rstrip().endswith(("：", ":"))


def render_document(env: SandboxedEnvironment, template_name: str, context: dict,
                    source_path: str) -> Document:
    """Render `template_name` with `context` and parse the XML into a Document."""
    xml = render_xml(env, template_name, context)
    return parse_document(xml, context.get("meta", {}), source_path, template_name)


def render_xml(env: SandboxedEnvironment, template_name: str, context: dict) -> str:
    try:
        template = env.get_template(template_name)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise UserError("template syntax: {why}", exc.filename or template_name,
                        exc.lineno, why=exc.message) from None
    except jinja2.TemplateNotFound as exc:
        raise UserError("template not found: {name}", name=exc.name) from None
    except SecurityError as exc:
        path, line = _template_position(exc, template_name)
        raise UserError("template refused by the sandbox: {why}", path, line, why=exc) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_position(exc, template_name)
        raise UserError("template: {why}", path, line, why=exc.message) from None


def _template_position(exc: BaseException, template_name: str) -> tuple[str, int | None]:
    """Jinja2 rewrites tracebacks so template frames carry the template file and line."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".xml", ".html")):
            return frame.filename, frame.lineno
    return template_name, None


def parse_document(xml: str, meta: dict, source_path: str, template_name: str) -> Document:
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise UserError("the template produced malformed XML: {why}", template_name,
                        exc.lineno, why=exc.msg) from None
    blocks: list[Block] = []
    current = source_path
    for element in root.iter():
        if element.tag == "section":
            # a booklet section names the content file its `src` lines refer to
            current = element.get("file", source_path)
        block = _block_from_element(element, current, template_name)
        if block is not None:
            blocks.append(block)
    return Document(meta=dict(meta), blocks=_number_anchors(blocks))


def _block_from_element(el, source_path: str, template_name: str) -> Block | None:
    tag = el.tag
    if not isinstance(tag, str) or tag in ("document", "b"):
        return None
    line = int(el.get("src", 0) or 0)
    source = Source(source_path, line)
    attrs = {k: v for k, v in el.attrib.items() if k not in ("src", "role", "level", "toc", "file")}
    if tag in TEXT_KINDS:
        level = int(el.get("level", 0))
        role = el.get("role") or (f"heading-{level}" if tag == "heading" else DEFAULT_ROLE[tag])
        return Block(kind=tag, role=role, spans=_spans(el),
                     toc=int(el.get("toc", 0)), toc_text=el.get("toc-text", ""),
                     attrs=attrs, source=source)
    if tag in ("section", "toc", "space", "pagebreak", "pad"):
        return Block(kind=tag, attrs=attrs, source=source, spec=_spec(el, template_name))
    raise UserError("the template produced an unknown element <{tag}>", template_name, tag=tag)


def _spec(el, template_name: str) -> SectionSpec | TocSpec | SpaceSpec | PadSpec | None:
    """A structure element's attributes, with their defaults, as the layout and writers read them."""
    get = el.get
    if el.tag == "section":
        header = get("header", "none")
        return SectionSpec(header=None if header == "none" else header,
                           header_on_first=get("header-first", "yes") != "no",
                           numbered=get("page-number", "yes") != "no", odd_start=get("start") == "odd")
    if el.tag == "toc":
        return TocSpec(depth=_whole(el, "depth", 2, template_name), title=get("title", "目　录"))
    if el.tag == "space":
        return SpaceSpec(lines=_whole(el, "lines", 1, template_name), at_top=get("keep") == "yes")
    if el.tag == "pad":
        return PadSpec(multiple=max(1, _whole(el, "multiple", 4, template_name)),
                       leave=_whole(el, "leave", 0, template_name), blank_last=get("blank-last") == "yes")
    return None


def _whole(el, name: str, default: int, template_name: str) -> int:
    value = el.get(name, str(default))
    if not value.strip().isdigit():
        raise UserError("<{tag} {name}=\"{value}\">: a whole number is needed", template_name,
                        tag=el.tag, name=name, value=value)
    return int(value)


def _spans(el) -> tuple[Span, ...]:
    """Text of an element as spans: its own text, <b> children bold, their tails plain."""
    spans = [Span(el.text)] if el.text else []
    for child in el:
        if child.tag == "b" and child.text:
            spans.append(Span(child.text, bold=True))
        if child.tail:
            spans.append(Span(child.tail))
    return tuple(spans)


def _number_anchors(blocks: list[Block]) -> list[Block]:
    """Give every TOC-listed block a stable anchor h1, h2, … in reading order."""
    out, n = [], 0
    for block in blocks:
        if block.toc:
            n += 1
            block = Block(**{**block.__dict__, "anchor": f"h{n}"})
        out.append(block)
    return out
