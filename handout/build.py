"""The build, top to bottom: settings -> sources -> read -> arrange -> lay out -> write.

Each speech is built on its own: a bad content file is reported with its path and line
and the others are still built; the exit status says whether everything was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .content import read_content
from .errors import UserError
from .files import write_atomic
from .fonts import FontSet
from .layout.pages import lay_out
from .metrics import page_metrics
from .settings import Settings
from .template import make_environment, render_document
from .theme import load_theme
from .writers import WRITERS


@dataclass
class Result:
    """What building one source gave: written outputs with pages and sizes, or an error."""
    source: Path
    outputs: list[tuple[Path, int, int]] = field(default_factory=list)  # (path, pages, bytes)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class Toolkit:
    """What every speech build shares: theme, metrics, fonts, templates, writers."""
    settings: Settings

    def __post_init__(self):
        s = self.settings
        self.theme = load_theme(s.theme_path)
        self.metrics = page_metrics(self.theme)
        self.fonts = FontSet(self.theme, s.fonts)
        self.env = make_environment([s.templates])
        self.writers = {name: WRITERS[name](self.theme, self.fonts, self.metrics)
                        for name in s.formats if name in WRITERS}


def collect_sources(content_dir: Path, files: list[Path] | None = None) -> list[Path]:
    """Speeches to build: the files given, or every *.md in content/ not starting with `_`."""
    if files:
        missing = [f for f in files if not f.is_file()]
        if missing:
            raise UserError("no such content file", missing[0])
        return [f.resolve() for f in files]
    if not content_dir.is_dir():
        raise UserError("content folder not found", content_dir)
    return sorted(p.resolve() for p in content_dir.glob("*.md") if not p.name.startswith(("_", ".")))


def output_path(source: Path, fmt: str, settings: Settings) -> Path:
    """The one place that maps a content file to an output file: output/<stem>.<fmt>."""
    path = (settings.output / f"{source.stem}.{fmt}").resolve()
    if path.parent != settings.output.resolve():
        raise UserError("the file name would put output outside the output folder", source)
    return path


def build_speech(source: Path, kit: Toolkit) -> Result:
    started = time.perf_counter()
    result = Result(source)
    content = read_content(source, strict=kit.settings.strict)
    result.warnings += content.warnings
    doc = render_document(kit.env, kit.settings.template,
                          {"meta": content.meta, "body": content.body}, _shown(source))
    layout = lay_out(doc, kit.theme, kit.fonts, kit.metrics)
    result.warnings += layout.warnings
    if kit.settings.strict and result.warnings:
        raise UserError(f"{len(result.warnings)} warning(s) and --strict is on", source)
    for name, writer in kit.writers.items():
        data = writer.render(doc, layout)
        path = output_path(source, writer.suffix.lstrip("."), kit.settings)
        write_atomic(path, data)
        result.outputs.append((path, len(layout.pages), len(data)))
    result.seconds = time.perf_counter() - started
    return result


def _shown(path: Path) -> str:
    """Paths in messages are relative to the working folder when they can be."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def build_all(settings: Settings, files: list[Path] | None, echo=print) -> list[Result]:
    kit = Toolkit(settings)
    results = []
    for source in collect_sources(settings.content, files):
        try:
            result = build_speech(source, kit)
        except UserError as exc:
            if exc.path is None:
                exc.path = _shown(source)
            result = Result(source, error=str(exc))
        for warning in result.warnings:
            echo(warning)
        if result.error:
            echo(result.error)
        results.append(result)
    return results
