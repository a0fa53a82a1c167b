"""What to build: jobs, their output paths, and whether each is already up to date.

Kept free of heavy imports (reportlab, python-docx) so that a build with nothing to do
answers in a few milliseconds. An output is rebuilt when the hash of its inputs changed:
the content file(s), the template, the theme, the font files and the package's own code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import __version__
from .errors import UserError
from .settings import Settings

MANIFEST = ".manifest.json"
COLLECTION = "_collection.yaml"
BOOKLET_TEMPLATE = "booklet.xml.j2"
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass
class Job:
    """One thing to build: a speech, or the booklet made of all speeches."""
    kind: str                        # "speech" | "booklet"
    sources: list[Path]              # content files read
    outputs: dict[str, Path]         # format -> output file
    key: str = ""                    # hash of every input
    collection: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return next(iter(self.outputs.values())).stem


def collect_sources(content_dir: Path, files: list[Path] | None = None) -> list[Path]:
    """Speeches: the files given, or every *.md in content/ not starting with `_` or `.`."""
    if files:
        for f in files:
            if not f.is_file():
                raise UserError("no such content file", f)
        return [f.resolve() for f in files]
    if not content_dir.is_dir():
        raise UserError("content folder not found", content_dir)
    return sorted(p.resolve() for p in content_dir.glob("*.md") if not p.name.startswith(("_", ".")))


def read_collection(content_dir: Path) -> dict | None:
    """content/_collection.yaml: the booklet's title, subtitle, organiser, date, slug, order."""
    path = content_dir / COLLECTION
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UserError(f"bad collection file: {getattr(exc, 'problem', None) or exc}", path,
                        mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not data.get("title"):
        raise UserError("the collection needs at least `title:`", path, 1)
    return data


def output_path(stem: str, fmt: str, settings: Settings, source: Path) -> Path:
    """The one place that maps an input to an output file: output/<stem>.<fmt>."""
    out_dir = settings.output.resolve()
    path = (out_dir / f"{stem}.{fmt}").resolve()
    if path.parent != out_dir or not stem or stem.startswith("."):
        raise UserError(f"the name {stem!r} would put output outside the output folder", source)
    return path


def plan(settings: Settings, files: list[Path] | None) -> list[Job]:
    """Every job of this build, with output paths checked to be distinct."""
    sources = collect_sources(settings.content, files)
    jobs = [Job("speech", [s], {f: output_path(s.stem, f, settings, s) for f in settings.formats})
            for s in sources]
    collection = None if files else read_collection(settings.content)
    if collection and sources:
        slug = str(collection.get("slug", "booklet"))
        where = settings.content / COLLECTION
        # One booklet job per format: the booklet is by far the longest job, and split so
        # its PDF and DOCX are written on two cores at once (each lays the booklet out).
        jobs += [Job("booklet", sources, {f: output_path(slug, f, settings, where)},
                     collection=collection) for f in settings.formats]
    _refuse_shared_outputs(jobs)
    code = _code_fingerprint()
    for job in jobs:
        job.key = _job_key(job, settings, code)
    return jobs


def _refuse_shared_outputs(jobs: list[Job]) -> None:
    seen: dict[Path, Job] = {}
    for job in jobs:
        for path in job.outputs.values():
            if path in seen:
                raise UserError(f"two inputs would write {path.name}: "
                                f"{seen[path].sources[0].name} and {job.sources[0].name}",
                                job.sources[0])
            seen[path] = job


def _job_key(job: Job, settings: Settings, code: str) -> str:
    digest = hashlib.sha256(code.encode())
    template = BOOKLET_TEMPLATE if job.kind == "booklet" else settings.template
    inputs = [*job.sources, settings.templates / template, settings.theme_path]
    if job.kind == "booklet":
        inputs.append(settings.content / COLLECTION)
    if "docx" in job.outputs:
        inputs.append(settings.templates / "reference.docx")    # the DOCX's base styles
    for path in inputs:
        digest.update(str(path.name).encode())
        digest.update(_read_or_empty(path))
    digest.update(_fonts_fingerprint(settings.fonts).encode())
    digest.update(repr(sorted(job.outputs)).encode())
    return digest.hexdigest()


def _read_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _fonts_fingerprint(fonts_dir: Path) -> str:
    """Name, size and modification time of each font file: cheap, and changes when a font is
    dropped in or replaced (hashing 15 MB of fonts on every run would not be)."""
    if not fonts_dir.is_dir():
        return ""
    return ";".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                    for p in sorted(fonts_dir.iterdir()) if p.suffix.lower() in (".ttf", ".otf", ".ttc"))


def _code_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_manifest(output_dir: Path) -> dict[str, str]:
    try:
        return json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_current(job: Job, manifest: dict[str, str]) -> bool:
    return all(path.is_file() and manifest.get(path.name) == job.key for path in job.outputs.values())


def save_manifest(output_dir: Path, manifest: dict[str, str]) -> None:
    from .files import write_atomic
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(output_dir / MANIFEST, text.encode("utf-8"))
