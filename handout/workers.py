"""Jobs in worker processes (forked, so they share the parent's fonts and templates), and the
workers' lives tied to the build's.

- A worker killed mid-job (the out-of-memory killer's SIGKILL) breaks the pool: every job
  not finished is reported as lost; the finished ones are kept and recorded.
- The parent stopped (SIGTERM, Ctrl-C, any exception) stops its workers before it goes.
- The parent killed outright (SIGKILL, which it cannot catch): the kernel stops the
  workers (Linux's parent-death signal), instead of leaving them waiting forever.
- Ctrl-C while the pool is being forked: held back until the pool stands (see _submit).
"""

from __future__ import annotations

import gc
import os
import signal

from .errors import format_diagnostic
from .i18n import _
from .plan import Job, Result

PR_SET_PDEATHSIG = 1                 # prctl(2)


STOPPING = {signal.SIGINT, signal.SIGTERM}   # held back while the pool is being forked
_KIT = None                          # in a worker: the kit its initializer was handed


def run_in_workers(todo: list[Job], workers: int, kit, on_done) -> list[Result]:
    """The results of `todo`, in its order, built by `workers` processes with `kit` (the
    jobs.Toolkit: a forked worker inherits it with the pool's initializer arguments, unpickled)."""
    import multiprocessing                 # here, not at the top: a no-op build never needs it
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # What the workers inherit (modules, fonts, templates) is shared with the parent until
    # written to; the cyclic GC writes to every object it scans, so keep those out of it.
    gc.freeze()
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(os.getpid(), kit))
    done: list[Result | None] = [None] * len(todo)
    try:
        position = _submit(pool, todo)
        for future in as_completed(position):      # progress as jobs finish …
            i = position[future]
            try:
                done[i] = future.result()
            except BrokenProcessPool:
                done[i] = _lost(todo[i])
            if on_done:
                on_done(done[i])
        for i in (i for i, result in enumerate(done) if result is None):   # never submitted
            done[i] = _lost(todo[i])
            if on_done:
                on_done(done[i])
    except BaseException:
        _stop(pool)
        raise
    finally:
        gc.unfreeze()                              # a caller's objects are collected again
    pool.shutdown()
    return done                                    # … results in the planned order


def _submit(pool, todo: list[Job]) -> dict:
    """{future: position in todo}; a pool broken while jobs are still being handed out takes
    only those handed out so far.

    The first submit forks the workers and starts the pool's manager thread. Ctrl-C in the
    middle of that would leave a half-made pool (shutdown() then fails joining a thread never
    started) and a child interrupted before its initializer ignores SIGINT (multiprocessing
    prints "Process ForkProcess-n:"); a SIGTERM from _stop reaching a child that still has
    the parent's handler raises the parent's exception in it. So both are blocked meanwhile:
    the children inherit the mask and unblock it once their own handlers are set; the parent
    gets a signal sent meanwhile (pending) as soon as it unblocks, with the pool whole."""
    from concurrent.futures.process import BrokenProcessPool
    position = {}
    blocked = _block(STOPPING)
    try:
        for i, job in enumerate(todo):
            try:
                position[pool.submit(_run_job, job)] = i
            except BrokenProcessPool:
                break
    finally:
        _unblock(blocked)
    return position


def _block(signums: set) -> set:
    """Block `signums` for this thread; those that were not blocked before."""
    if not hasattr(signal, "pthread_sigmask"):        # not POSIX: nothing to hold back
        return set()
    return set(signums) - signal.pthread_sigmask(signal.SIG_BLOCK, signums)


def _unblock(signums: set) -> None:
    if signums:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signums)


def _lost(job: Job) -> Result:
    from .jobs import shown
    where = shown(job.sources[0]) if job.kind == "speech" else job.name
    return Result(job, error=format_diagnostic(
        "error", _("not built: a worker process was killed before this job finished (out of "
        "memory? a kill signal?); the jobs that finished are kept, build again for the rest"), where))


def _stop(pool) -> None:
    """Terminate the workers now: shutdown() alone would let them finish every queued job."""
    terminate = getattr(pool, "terminate_workers", None)        # Python 3.14
    if terminate:
        terminate()
        return
    for process in list((pool._processes or {}).values()):      # no public way before 3.14
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _run_job(job: Job) -> Result:
    from .jobs import run_job
    return run_job(job, _KIT)


def _start_worker(parent: int, kit) -> None:
    """In each worker: SIGTERM ends it (not the parent's handler, inherited by the fork), and
    so does the death of the parent. Ctrl-C at a terminal reaches every process of the group:
    the parent answers it and stops the pool; a worker waiting for its next job would die of
    it with a traceback, so it ignores it."""
    global _KIT
    _KIT = kit
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _unblock(STOPPING)       # blocked by the parent's _submit: a pending Ctrl-C is dropped,
                             # a pending SIGTERM ends this worker now
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):          # not Linux: the parent's own stop() must do
        pass
    if os.getppid() != parent:                 # the parent died before the line above
        os._exit(1)
