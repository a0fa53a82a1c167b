"""`build.py watch`: one resident process that rebuilds what an edit touches.

A fresh `build.py` spends most of a one-speech build starting Python, importing reportlab
and python-docx and loading fonts; here that is paid once. The loaded kit (theme, fonts,
templates, reference DOCX) is kept by jobs.prepare while its files are unchanged.

What to rebuild is the batch build's own answer: a job is rebuilt when the hash of its
inputs changed, so an edited speech rebuilds that speech and the booklet that holds it.
The edited speech goes first: its PDF is what the person at the screen is waiting for.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .build import build_all
from .errors import INTERRUPTED, UserError, format_diagnostic
from .i18n import _
from .plan import COLLECTION, Job, plan
from .settings import PROJECT_FILE, Settings, load_settings

# watchfiles yields a burst of changes once it has been quiet this long (an editor's save
# is a few events within a millisecond: truncate, write, rename); it looks this often, so
# one to two of these is the delay between a save and its rebuild (waking up every
# millisecond is next to nothing for an idle watcher: bench/README.md) …
QUIET_MS = 1
# … or after this long even if the burst goes on.
BURST_MS = 400
# How often an idle watch checks that the folders it watches are still the ones on disk.
RECHECK_MS = 1000


@dataclass
class JobState:
    """The last word on one job of the plan: its result (built or checked) and the hash of
    the inputs that result is for."""
    job: Job
    result: object = None                 # jobs.Result
    key: str = ""


@dataclass
class Rebuild:
    """One round: what was written, what failed, how long it took."""
    written: list[tuple[Path, int]] = field(default_factory=list)     # (file, pages)
    failed: list[str] = field(default_factory=list)                  # error lines
    seconds: float = 0.0


class Watcher:
    """The project's jobs and their state, rebuilt on change. Thread-safe for readers:
    `states` and `generation` are replaced whole, and `changed` is notified after each round."""

    def __init__(self, root: Path, overrides: dict, out=print, problem=None):
        self.root = root.resolve()
        self.overrides = {**overrides, "force": None}      # every round is incremental
        self.out = out
        self.problem = problem or (lambda line: print(line, file=sys.stderr, flush=True))
        self.settings: Settings = load_settings(root, self.overrides)
        if not self.settings.content.is_dir():       # nothing to watch: say so, do not wait
            raise UserError("content folder not found", self.settings.content)
        self.states: dict[str, JobState] = {}
        self.plan_error: str | None = None     # a project-wide mistake (bad _collection.yaml, …)
        self.generation = 0
        self.changed = threading.Condition()

    # ------------------------------------------------------------ what is watched
    def watched_paths(self) -> list[Path]:
        """The folders whose files are inputs: the project folder (handout.toml: a folder,
        not the file, since editors save by replacing the file, which ends a watch on it),
        content/, and every folder of the templates' and fonts' search paths (a project's
        own, then the shipped one, whose files the project uses where it has no copy). Each
        without its subfolders (watched with recursive=False): every input is at the top of
        its folder, and a project folder may hold a virtual environment of thousands of
        folders."""
        s = self.settings
        folders = (self.root, s.content, *s.template_dirs, *s.font_dirs)
        return list(dict.fromkeys(p for p in folders if p.is_dir()))

    def is_input(self, path: Path) -> bool:
        """A speech, the collection, a template/theme/font file, or handout.toml."""
        s = self.settings
        if path.name.startswith(".") or path.name.endswith("~"):
            return False                   # temp files (ours and editors'), the manifests
        if path.parent == s.content:
            return path.name == COLLECTION or (path.suffix == ".md" and not path.name.startswith("_"))
        return path == self.root / PROJECT_FILE or path.parent in (*s.template_dirs, *s.font_dirs)

    # ------------------------------------------------------------ building
    def start(self) -> Rebuild:
        """The first round: build what is stale, check (lay out, not write) what is current,
        so every job has a status to show."""
        round_ = self._build(first=[])
        self._publish()
        return round_

    def rebuild(self, changed: set[Path]) -> Rebuild:
        """A round after `changed`: the edited speeches first, then whatever else is stale."""
        if any(p == self.root / PROJECT_FILE for p in changed):
            try:
                self.settings = load_settings(self.root, self.overrides)
            except UserError as exc:
                self.problem(str(exc))
                return Rebuild(failed=[str(exc)])
        speeches = [p for p in changed if p.parent == self.settings.content
                    and p.suffix == ".md" and p.is_file()]
        round_ = self._build(first=sorted(speeches))
        self._publish()
        return round_

    def _build(self, first: list[Path]) -> Rebuild:
        started = time.perf_counter()
        round_ = Rebuild()
        echo = _once(self.problem)     # a bad speech also fails the booklet: one line, not three
        try:
            results = build_all(self.settings, first, echo=echo) if first else []
            # A speech that failed above is tried again here (its outputs are still stale).
            results += build_all(self.settings, None, echo=echo)
            jobs = plan(self.settings, None)
            self.plan_error = None
        except UserError as exc:
            self.problem(str(exc))
            self.plan_error = str(exc)
            round_.failed.append(str(exc))
            round_.seconds = time.perf_counter() - started
            return round_
        latest = _by_planned_job(results, jobs)
        self._remember(jobs, latest)
        for result in latest.values():
            round_.written += [(path, pages) for path, pages, _size in result.outputs]
            if result.error:
                round_.failed.append(result.error)
        round_.seconds = time.perf_counter() - started
        return round_

    def _remember(self, jobs: list[Job], latest: dict) -> None:
        """Each job's result for its inputs as they are now. A job that was current, so not
        built (at start; or a speech put back as it was), is checked: laid out for its
        warnings and pages, not written. Jobs gone from the plan (a deleted speech) go."""
        states = {}
        for job in jobs:
            state = self.states.get(job_id(job)) or JobState(job)
            state.job = job
            if job_id(job) in latest:
                state.result = latest[job_id(job)]
            elif state.result is None or state.key != job.key:
                state.result = self._check(job)
            state.key = job.key
            states[job_id(job)] = state
        self.states = states

    def _check(self, job: Job):
        from .jobs import prepare, run_job
        return run_job(job, prepare(self.settings), write=False)

    def _publish(self) -> None:
        with self.changed:
            self.generation += 1
            self.changed.notify_all()


def job_id(job: Job) -> str:
    """Jobs by their outputs: the booklet's PDF and DOCX are two jobs of one name. A booklet
    that cannot be planned (a broken _collection.yaml) is one job with no outputs: its kind."""
    return " ".join(sorted(path.name for path in job.outputs.values())) or job.kind


def _by_planned_job(results: list, jobs: list[Job]) -> dict:
    """Each result by the plan's job that owns its outputs (a result may be for some of a
    job's outputs; none owns it: deleted meanwhile); a speech tried twice: its last try. A
    job that failed before building (no outputs) by its own id."""
    owner = {path: job_id(job) for job in jobs for path in job.outputs.values()}
    owner.update((job_id(job), job_id(job)) for job in jobs if not job.outputs)
    latest = {}
    for result in results:
        key = next(iter(result.job.outputs.values()), job_id(result.job))
        if key in owner:
            latest[owner[key]] = result
    return latest


def _once(echo):
    """`echo` that prints each distinct line once."""
    seen = set()

    def echo_once(line: str) -> None:
        if line not in seen:
            seen.add(line)
            echo(line)
    return echo_once


def describe(round_: Rebuild) -> str:
    """One line per round: the time, what was written (with pages), what failed, how long."""
    clock = time.strftime("%H:%M:%S")
    if not round_.written and not round_.failed:
        return _("{clock}  up to date ({seconds:.2f} s)").format(clock=clock, seconds=round_.seconds)
    files = _(", ").join(_("{name} ({pages} p.)").format(name=path.name, pages=pages)
                         if path.suffix == ".pdf" else path.name for path, pages in round_.written)
    if round_.failed:
        line = _("{clock}  wrote {files}; {count} failed in {seconds:.2f} s") if files else \
            _("{clock}  wrote nothing; {count} failed in {seconds:.2f} s")
    else:
        line = _("{clock}  wrote {files} in {seconds:.2f} s")
    return line.format(clock=clock, files=files, count=len(round_.failed), seconds=round_.seconds)


def watch(watcher: Watcher, stop_event=None) -> None:
    """Rebuild on every change until Ctrl-C (KeyboardInterrupt) or `stop_event` is set.

    inotify watches a folder, not its name, and stops when it is moved: a content/ renamed
    away and back, or restored from a backup, is a folder nobody watches. So a watched
    folder's own move (seen from the folder above) ends the watch, as does finding, on
    waking every RECHECK_MS, a folder that is no longer the one watched; the folders are
    then watched afresh (saying so) and what changed meanwhile is rebuilt."""
    import watchfiles
    watcher.out(describe(watcher.start()))
    live = _("watching {folders} (Ctrl-C ends)")       # said once the watch is running, not before
    while True:
        watched = _folders_now(watcher)
        folders = set(watched) - {watcher.root}

        def wanted(_kind, path: str) -> bool:      # an input, or a watched folder itself moved
            return watcher.is_input(Path(path)) or Path(path) in folders
        for changes in watchfiles.watch(*watcher.watched_paths(), step=QUIET_MS, debounce=BURST_MS,
                                        stop_event=stop_event, recursive=False,
                                        rust_timeout=RECHECK_MS, yield_on_timeout=True,
                                        watch_filter=wanted):
            if INTERRUPTED.is_set():   # Ctrl-C that landed where it was swallowed (at a fork)
                raise KeyboardInterrupt
            moved = any(Path(path) in folders for _kind, path in changes)
            if live:                   # the watch is running: what changed before it, rebuilt now
                watcher.out(live.format(folders=_(", ").join(_shown(p) for p in watcher.watched_paths())))
                live = ""
                round_ = watcher.rebuild(set())
                if round_.written or round_.failed:
                    watcher.out(describe(round_))
            elif changes and not moved:
                watcher.out(describe(watcher.rebuild({Path(path) for _kind, path in changes})))
            # inotify drops the watch of a folder moved away even when it comes back as it was
            if moved or _folders_now(watcher) != watched:
                break
        else:
            return                                   # stop_event set
        if not _wait_for_content(watcher, stop_event):
            return
        live = _("the watched folders changed on disk: watching {folders} again")


def _folders_now(watcher: Watcher) -> dict[Path, tuple | None]:
    """Each folder that may hold inputs, as the folder it is now (device, inode), or None."""
    s = watcher.settings
    found = {}
    for folder in (watcher.root, s.content, *s.template_dirs, *s.font_dirs):
        try:
            st = folder.stat()
            found[folder] = (st.st_dev, st.st_ino) if folder.is_dir() else None
        except OSError:
            found[folder] = None
    return found


def _wait_for_content(watcher: Watcher, stop_event) -> bool:
    """A watched folder was moved, replaced or restored: wait for content/ to be there (saying
    so once). False: stopped while waiting."""
    content = watcher.settings.content
    if not content.is_dir():
        watcher.problem(format_diagnostic("error", _("content folder is gone; waiting for it to be back"),
                                          content))
        while not content.is_dir():
            if stop_event is None:
                time.sleep(RECHECK_MS / 1000)
            elif stop_event.wait(RECHECK_MS / 1000):
                return False
    return True


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)
