"""output/.manifest.json: for every output, the hash of the inputs it was built from, the
size and modification time it had when written, and the content folder it was built from.

An output is current when its inputs hash the same and the file is still the one the build
wrote: deleted, truncated or replaced by hand, it is rebuilt. A manifest that cannot be
read is treated as absent (everything is rebuilt), with a warning.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import format_diagnostic, os_reason
from .i18n import _, localize
from .files import write_atomic

MANIFEST = ".manifest.json"
VERSION = 2


def load_manifest(output_dir: Path, echo=print) -> dict[str, dict]:
    """{output file name: {key, size, mtime_ns, content}}; empty when there is none or it is unusable."""
    path = output_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        echo(format_diagnostic("warning", _("unreadable ({why}); every output is rebuilt").format(
            why=localize(os_reason(exc)) if isinstance(exc, OSError) else exc), path))
        return {}
    if isinstance(data, dict) and data and all(isinstance(v, str) for v in data.values()):
        return {}                                 # the first version's {name: key}: rebuild once
    entries = data.get("outputs") if isinstance(data, dict) and data.get("version") == VERSION else None
    if not isinstance(entries, dict) or not all(map(_is_entry, entries.values())):
        echo(format_diagnostic("warning", _("not a build manifest; every output is rebuilt"), path))
        return {}
    return entries


def _is_entry(entry) -> bool:
    return (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("key", "content"))
            and all(type(entry.get(k)) is int for k in ("size", "mtime_ns")))


def outdated(job, manifest: dict[str, dict]) -> dict:
    """The outputs of `job` ({format: path}) not built from its inputs as they are now, or
    touched since."""
    return {fmt: path for fmt, path in job.outputs.items()
            if not _untouched(path, manifest.get(path.name), job.keys[fmt])}


def _untouched(path: Path, entry: dict | None, key: str) -> bool:
    if entry is None or entry["key"] != key:
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (entry["size"], entry["mtime_ns"])


def record(manifest: dict[str, dict], path: Path, key: str, content: Path) -> None:
    """Note that `path` was just written, from inputs hashing to `key`, by a build of `content`."""
    stat = path.stat()
    manifest[path.name] = {"key": key, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                           "content": str(content)}


def stale_outputs(manifest: dict[str, dict], names: set[str], content: Path) -> list[str]:
    """Files a build of this content folder wrote earlier whose speech (or booklet) is gone:
    no job named as their stem (in any format, so `--only pdf` keeps the DOCX of a live
    speech). What a build of another content folder wrote into the same output folder is
    not this build's to judge."""
    return sorted(n for n, entry in manifest.items()
                  if entry["content"] == str(content) and Path(n).stem not in names)


def save_manifest(output_dir: Path, manifest: dict[str, dict]) -> None:
    data = {"version": VERSION, "outputs": dict(sorted(manifest.items()))}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    write_atomic(output_dir / MANIFEST, text.encode("utf-8"))
