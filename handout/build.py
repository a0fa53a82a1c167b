"""The build, top to bottom: plan -> skip what is current -> build the rest -> manifest.

Each job (a speech, or the booklet) is built on its own: a bad content file is reported
with its path and line and the other jobs still run; the exit status says whether all did.
Jobs run in worker processes when there are enough of them to pay for starting those.
"""

from __future__ import annotations

from pathlib import Path

from .plan import Job, is_current, load_manifest, plan, save_manifest
from .settings import Settings

MIN_JOBS_PER_WORKER = 2      # below this, starting worker processes costs more than it saves


def build_all(settings: Settings, files: list[Path] | None = None, echo=print,
              on_done=None, on_start=None) -> list:
    """Build every job that is not current; return their results (empty: nothing to do)."""
    jobs = plan(settings, files)
    manifest = {} if settings.force else load_manifest(settings.output)
    todo = [job for job in jobs if not is_current(job, manifest)]
    if not todo:
        return []
    if on_start:
        on_start(len(todo))
    from .jobs import prepare              # the heavy imports, only when there is work
    prepare(settings)                      # fonts registered before any worker is forked
    results = _run(todo, settings, on_done)
    for result in results:
        for warning in result.warnings:
            echo(warning)
        if result.error:
            echo(result.error)
        else:
            manifest.update({path.name: result.job.key for path in result.job.outputs.values()})
    live = {p.name for job in jobs for p in job.outputs.values()}
    save_manifest(settings.output, {k: v for k, v in manifest.items() if k in live} if not files else manifest)
    return results


def _run(todo: list[Job], settings: Settings, on_done) -> list:
    from .jobs import run_job
    todo = sorted(todo, key=lambda j: j.kind != "booklet")   # the longest job first
    workers = min(settings.jobs, len(todo) // MIN_JOBS_PER_WORKER)
    results = []
    if workers <= 1:
        for job in todo:
            results.append(run_job(job))
            if on_done:
                on_done(results[-1])
        return results
    import gc
    import multiprocessing                 # here, not at the top: a no-op build never needs it
    from concurrent.futures import ProcessPoolExecutor, as_completed
    # What the workers inherit (modules, fonts, templates) is shared with the parent until
    # written to; the cyclic GC writes to every object it scans, so keep those out of it.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_start_worker) as pool:
            try:
                position = {pool.submit(run_job, job): i for i, job in enumerate(todo)}
                done = [None] * len(todo)
                for future in as_completed(position):      # progress as jobs finish …
                    done[position[future]] = future.result()
                    if on_done:
                        on_done(done[position[future]])
            except BaseException:                          # Ctrl-C: the workers ignore it
                for process in list((pool._processes or {}).values()):   # no public way before 3.14
                    process.terminate()
                raise
    finally:
        gc.unfreeze()                                  # a caller's objects are collected again
    return done                                        # … results in the planned order


def _start_worker() -> None:
    """Ctrl-C at a terminal reaches every process of the group. The parent answers it and
    ends the pool; a worker waiting for its next job would die of it with a traceback."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
