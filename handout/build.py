"""The build, top to bottom: plan -> lock the output folder -> skip what is current -> build
the rest -> manifest, and remove what an earlier build wrote for a speech that is gone.

Each job (a speech, or the booklet) is built on its own: a bad content file is reported
with its path and line and the other jobs still run; the exit status says whether all did.
Jobs run in worker processes when there are enough of them to pay for starting those.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from .errors import format_diagnostic
from .i18n import _
from .files import locked_folder, remove_temp_files
from .manifest import load_manifest, outdated, record, save_manifest, stale_outputs
from .plan import Job, Result, plan
from .settings import Settings
from .writers import WRITERS

MIN_JOBS_PER_WORKER = 2      # below this, starting worker processes costs more than it saves


def build_all(settings: Settings, files: list[Path] | None = None, echo=print,
              on_done=None, on_start=None) -> list:
    """Build every job that is not current; return their results (empty: nothing to do)."""
    with locked_folder(settings.output, on_wait=lambda: echo(format_diagnostic(
            "note", _("another build is writing this folder; waiting for it to finish"), settings.output))):
        jobs = plan(settings, files)           # planned once the folder is ours: inputs as they are now
        remove_temp_files(settings.output)
        manifest = load_manifest(settings.output, echo)
        before = dict(manifest)
        try:
            results = _build(jobs, manifest, settings, on_done, on_start)
            _show(results, echo)
            if not files and not any(job.error for job in jobs):   # a whole plan: the rest is stale
                _remove_stale(manifest, _live_stems(jobs), settings, echo)
        finally:                               # interrupted too: what finished stays recorded
            if manifest != before:
                save_manifest(settings.output, manifest)
    return results


def _build(jobs: list[Job], manifest: dict, settings: Settings, on_done, on_start) -> list[Result]:
    """Run the jobs that are not current, noting in `manifest` each output as it is written."""
    results = [Result(job, error=job.error) for job in jobs if job.error]
    todo = _todo(jobs, manifest, settings.force)
    if not todo:
        return results
    if on_start:
        on_start(len(todo))

    def finished(result: Result) -> None:
        if not result.error:
            for fmt, path in result.job.outputs.items():
                record(manifest, path, result.job.keys[fmt], settings.content)
        if on_done:
            on_done(result)
    from .jobs import prepare                  # the heavy imports, only when there is work
    kit = prepare(settings)                    # fonts registered before any worker is forked
    return results + _run(todo, settings, kit, finished)


def _todo(jobs: list[Job], manifest: dict, force: bool) -> list[Job]:
    """The jobs to run, each reduced to its outputs that are not current."""
    todo = []
    for job in jobs:
        outputs = {} if job.error else job.outputs if force else outdated(job, manifest)
        if outputs:
            todo.append(replace(job, outputs=outputs))
    return todo


def _show(results: list[Result], echo) -> None:
    """Each job's warnings and error, in the planned order (not the order jobs finished in)."""
    for result in results:
        for message in (*result.warnings, *([result.error] if result.error else [])):
            echo(message)


def _live_stems(jobs: list[Job]) -> set[str]:
    """The stems of every file a job of this plan writes in any format (huibian, and the
    imposed booklet's huibian-imposed), so that `--only pdf` keeps the others."""
    return {Path(job.name + fmt.suffix).stem for job in jobs for fmt in WRITERS.values()}


def _remove_stale(manifest: dict, names: set[str], settings: Settings, echo) -> None:
    """An earlier build's output whose speech was deleted or renamed would be printed by
    mistake beside the new one: remove it. Only files the manifest says a build wrote."""
    output = settings.output
    for name in stale_outputs(manifest, names, settings.content):
        try:
            os.unlink(output / name)
        except FileNotFoundError:
            pass
        echo(format_diagnostic("note", _("removed: no speech or booklet builds it any more"), output / name))
        del manifest[name]


def _run(todo: list[Job], settings: Settings, kit, on_done) -> list:
    from .jobs import run_job
    todo = sorted(todo, key=lambda j: j.kind != "booklet")   # the longest job first
    workers = min(settings.jobs, len(todo) // MIN_JOBS_PER_WORKER)
    if workers > 1:
        from .workers import run_in_workers
        return run_in_workers(todo, workers, kit, on_done)
    results = []
    for job in todo:
        results.append(run_job(job, kit))
        if on_done:
            on_done(results[-1])
    return results
