"""What to build: jobs, their output paths, and the hash of each job's inputs.

Kept free of heavy imports (reportlab, python-docx) so that a build with nothing to do
answers in a few milliseconds. An output is rebuilt when the hash of its inputs changed
(manifest.py): the content file(s), the templates, the theme, the font files, the package's
own code and, for a DOCX, reference.docx and SOURCE_DATE_EPOCH. Templates, theme, reference
and fonts are the files the build uses: each looked up on its search path (searchpath.py),
so editing a project's own copy, or adding one, rebuilds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__
from .collection import COLLECTION, read_collection
from .errors import UserError
from .searchpath import files_in
from .settings import PACKAGE_DIR, Settings, source_date_epoch
from .writers import WRITERS

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass
class Job:
    """One thing to build: a speech, or the booklet made of all speeches."""
    kind: str                        # "speech" | "booklet"
    sources: list[Path]              # content files read
    outputs: dict[str, Path]         # format -> output file
    keys: dict[str, str] = field(default_factory=dict)   # format -> hash of all its inputs
    collection: dict = field(default_factory=dict)
    error: str | None = None         # known before building (a broken collection): not built

    @property
    def key(self) -> str:
        """One hash of all the job's inputs: changes when any output's inputs do."""
        return hashlib.sha256(" ".join(self.keys[f] for f in sorted(self.keys)).encode()).hexdigest()

    @property
    def name(self) -> str:
        return next(iter(self.outputs.values())).stem if self.outputs else self.kind


@dataclass
class Result:
    """What one job gave: written outputs (path, pages, bytes), warnings, or an error."""
    job: Job
    outputs: list[tuple[Path, int, int]] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def collect_sources(content_dir: Path, files: list[Path] | None = None) -> list[Path]:
    """Speeches: the files given, or every *.md in content/ not starting with `_` or `.`."""
    if files:
        for f in files:
            if not f.is_file():
                raise UserError("no such content file", f)
        return [f.resolve() for f in files]
    if not content_dir.is_dir():
        raise UserError("content folder not found", content_dir)
    return sorted(_resolved(p) for p in content_dir.glob("*.md") if not p.name.startswith(("_", ".")))


def _resolved(path: Path) -> Path:
    """The real path of a file; anything else (a symbolic link loop, a folder named x.md)
    stays as named, and reading it is that speech's error."""
    return path.resolve() if path.is_file() else path.absolute()


def output_path(stem: str, fmt: str, settings: Settings, source: Path) -> Path:
    """The one place that maps an input to an output file: output/<stem><the format's suffix>."""
    out_dir = settings.output.resolve()
    path = (out_dir / f"{stem}{WRITERS[fmt].suffix}").resolve()
    if path.parent != out_dir or not stem or stem.startswith("."):
        raise UserError("the name {stem!r} would put output outside the output folder", source,
                        stem=stem)
    return path


def plan(settings: Settings, files: list[Path] | None) -> list[Job]:
    """Every job of this build, with output paths checked to be distinct."""
    sources = collect_sources(settings.content, files)
    formats = [f for f in settings.formats if not WRITERS[f].booklet_only]
    jobs = [Job("speech", [s], {f: output_path(s.stem, f, settings, s) for f in formats})
            for s in sources]
    _refuse_shared_outputs(jobs)
    if sources and not files:
        jobs += _booklet_jobs(settings, sources, {job.name for job in jobs})
    shared = _shared_digest(settings)
    for job in jobs:
        job.keys = _output_keys(job, settings, shared)
    return jobs


def _booklet_jobs(settings: Settings, sources: list[Path], speech_names: set[str]) -> list[Job]:
    """The booklet, one job per format: it is by far the longest job, and split so its PDF and
    DOCX are written on two cores at once (each lays the booklet out). Its problems fail the
    booklet alone: the speeches are still built."""
    where = settings.content / COLLECTION
    try:
        collection = read_collection(settings.content, sorted(p.stem for p in sources))
        if collection is None:
            return []
        slug = collection["slug"]
        if slug in speech_names:
            raise UserError("two inputs would write {slug}.*: the speech {slug}.md and the booklet "
                            "(`slug:`); choose another slug", where, slug=slug)
        outputs = [{f: output_path(slug, f, settings, where)} for f in settings.formats
                   if not (f == "imposed" and "pdf" in settings.formats)]
        if "imposed" in settings.formats and "pdf" in settings.formats:     # one layout for both
            next(o for o in outputs if "pdf" in o)["imposed"] = output_path(slug, "imposed", settings, where)
    except UserError as exc:
        return [Job("booklet", sources, {}, error=str(exc))]
    return [Job("booklet", sources, out, collection=collection) for out in outputs]


def _refuse_shared_outputs(jobs: list[Job]) -> None:
    seen: dict[Path, Job] = {}
    for job in jobs:
        for path in job.outputs.values():
            if path in seen:
                raise UserError("two inputs would write {name}: {first} and {second}",
                                job.sources[0], name=path.name, first=seen[path].sources[0].name,
                                second=job.sources[0].name)
            seen[path] = job


def _shared_digest(settings: Settings) -> str:
    """The hash of what every job is made from: handout's code, the theme, every template,
    the fonts (read once per plan, not once per job)."""
    return _digest(_code_fingerprint(), [settings.theme_path, *_template_files(settings)],
                   fonts_fingerprint(settings.font_dirs))


def _output_keys(job: Job, settings: Settings, shared: str) -> dict[str, str]:
    """Per format, the hash of everything that output is made from: an input only one writer
    reads (its own template files, such as the DOCX's reference document, or the
    SOURCE_DATE_EPOCH it dates the file with) changed rebuilds that format alone."""
    template = settings.booklet_template if job.kind == "booklet" else settings.template
    inputs = [*job.sources, settings.template_file(template)]    # which template is the job's
    if job.kind == "booklet":
        inputs.append(settings.content / COLLECTION)
    common = _digest(shared, inputs, template_settings(settings))
    keys = {}
    for fmt in job.outputs:
        writer = WRITERS[fmt]
        keys[fmt] = _digest(common, [settings.template_file(name) for name in writer.templates_files],
                            f"epoch {source_date_epoch()}" if writer.dated else fmt)
    return keys


def template_settings(settings: Settings) -> str:
    """The settings the templates read (jobs.py hands them over), as part of an output's key."""
    return f"toc_depth {settings.toc_depth}"


def _digest(start: str, files: list[Path], extra: str) -> str:
    digest = hashlib.sha256(start.encode())
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(_read_or_empty(path))
    digest.update(extra.encode())
    return digest.hexdigest()


def _template_files(settings: Settings) -> list[Path]:
    """Every Jinja2 template the build can load: a template may `{% include %}`, `{% import %}`
    or `{% extends %}` any other, even by a name computed while rendering, so all of them
    (each as the search path finds it) are the only sound input (editing one rebuilds every
    job)."""
    return files_in(settings.template_dirs, "**/*.j2")


def _read_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def fonts_fingerprint(font_dirs: tuple[Path, ...]) -> str:
    """Name, size and modification time of each font file the fonts' search path offers (a
    project's copy hiding the shipped one): cheap, and changes when a font is dropped in or
    replaced (hashing 15 MB of fonts on every run would not be)."""
    fonts = [p for p in files_in(font_dirs, "*") if p.suffix.lower() in FONT_SUFFIXES]
    return ";".join(f"{p.name}:{s.st_size}:{s.st_mtime_ns}" for p in fonts for s in [p.stat()])


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The hash of the code this process runs: read once, since a resident process (build.py
    watch) goes on running the code it started with whatever its files say later."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()
