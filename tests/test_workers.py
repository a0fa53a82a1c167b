"""Worker processes live and die with the build: a killed worker is reported and what finished
is kept; a stopped or killed parent takes its workers with it (real processes, real signals)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handout.build import build_all
from tests.conftest import ROOT, many_speeches
from tests.test_build import make_project, settings_for


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if not path.exists():
        pytest.skip("this kernel does not list a process's children in /proc")
    return [int(p) for p in path.read_text().split()]


def alive(pid: int) -> bool:
    """Running or sleeping: not gone, not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def start_build(tmp_path: Path, content: Path, written=1) -> tuple[subprocess.Popen, list[int]]:
    """build.py --jobs 2 on `content`, returned once its workers have written `written` PDFs."""
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content),
                             "--output", str(out), "--jobs", "2", "--only", "pdf"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            # a shell's background job ignores SIGINT, and a child inherits that
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.pdf"))) < written:
        time.sleep(0.05)
    workers = children(proc.pid)
    assert len(workers) == 2, "the build should be running in two workers"
    return proc, workers


def wait_gone(pids: list[int], seconds=10) -> list[int]:
    deadline = time.time() + seconds
    while time.time() < deadline and any(map(alive, pids)):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_the_parent_stopped_or_killed_takes_its_workers_with_it(tmp_path, sig):
    # 4 written: each worker has sent the parent at least one result before the signal comes
    proc, workers = start_build(tmp_path, many_speeches(tmp_path), written=4)
    proc.send_signal(getattr(signal, sig))
    proc.wait(timeout=30)
    try:
        assert wait_gone(workers) == [], f"workers left running after {sig} to the parent"
    finally:
        for pid in workers:                        # never leave them to the next test
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    if sig != "SIGKILL":
        assert proc.returncode == 128 + getattr(signal, sig)
        assert "Traceback" not in proc.stderr.read().decode()
        # what finished before the signal is recorded (a file written just as the signal came
        # may not be: it is built again), so the next build does only the rest
        out = tmp_path / "out"
        recorded = set(json.loads((out / ".manifest.json").read_text())["outputs"])
        assert recorded and recorded <= {p.name for p in out.glob("*.pdf")}


def test_a_killed_worker_loses_its_jobs_and_the_finished_ones_are_kept(tmp_path, monkeypatch):
    """As the out-of-memory killer does: SIGKILL to a worker in the middle of a job."""
    from handout.writers.pdf import PdfWriter
    make_project(tmp_path, count=6, collection=False)
    real_render = PdfWriter.render

    def render(self, doc, layout):
        if doc.title.startswith("在4"):
            # the other worker's jobs end first: a job that wrote its file while the pool
            # broke can lose its result in concurrent.futures (reported lost, file kept)
            time.sleep(0.5)
            os.kill(os.getpid(), signal.SIGKILL)
        return real_render(self, doc, layout)
    monkeypatch.setattr(PdfWriter, "render", render)
    messages = []
    results = build_all(settings_for(tmp_path, jobs=2, formats=("pdf",)), None, echo=messages.append)
    lost = {r.job.name for r in results if r.error}
    kept = {r.job.name for r in results if not r.error}
    assert "s4" in lost and lost | kept == {f"s{n}" for n in range(1, 7)}
    assert all("error: not built: a worker process was killed" in m for m in messages)
    assert len(messages) == len(lost)
    out = tmp_path / "out"
    assert {p.stem for p in out.glob("*.pdf")} == kept
    assert {Path(n).stem for n in json.loads((out / ".manifest.json").read_text())["outputs"]} == kept
    monkeypatch.setattr(PdfWriter, "render", real_render)
    again = build_all(settings_for(tmp_path, jobs=2, formats=("pdf",)), None, echo=messages.append)
    assert {r.job.name for r in again} == lost and not any(r.error for r in again)


def test_the_cli_exits_non_zero_when_a_worker_is_killed(tmp_path):
    proc, workers = start_build(tmp_path, many_speeches(tmp_path))
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    lines = err.decode().splitlines()
    assert lines and all(": error: not built: a worker process was killed" in line for line in lines)
    assert "Traceback" not in err.decode()
    assert wait_gone(workers) == []


def test_a_pool_broken_while_jobs_are_handed_out_reports_the_rest_as_lost(tmp_path, monkeypatch):
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    real_submit = ProcessPoolExecutor.submit
    handed = []

    def submit(self, *args, **kwargs):
        handed.append(args)
        if len(handed) > 2:
            raise BrokenProcessPool("a worker died while jobs were handed out")
        return real_submit(self, *args, **kwargs)
    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    make_project(tmp_path, count=5, collection=False)
    results = build_all(settings_for(tmp_path, jobs=2, formats=("pdf",)), None, echo=lambda m: None)
    assert [r.job.name for r in results] == ["s1", "s2", "s3", "s4", "s5"]
    assert [bool(r.error) for r in results] == [False, False, True, True, True]
    assert all("not built: a worker process was killed" in r.error for r in results[2:])


def test_the_workers_build_with_the_kit_they_are_handed(tmp_path, monkeypatch):
    """The kit reaches each worker through the pool's initializer: no module global of the
    parent is read, and the PDFs are those of a build in one process."""
    from handout import jobs
    from handout.plan import plan
    from handout.workers import run_in_workers
    make_project(tmp_path, count=4, collection=False)
    settings = settings_for(tmp_path, jobs=2, formats=("pdf",))
    kit = jobs.Toolkit(settings)
    monkeypatch.setattr(jobs, "_KEPT", None)           # nothing kept for a worker to find
    todo = plan(settings, None)
    results = run_in_workers(todo, 2, kit, None)
    assert [r.error for r in results] == [None] * 4
    in_workers = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("*.pdf")}
    for job in todo:
        jobs.run_job(job, kit)
    assert in_workers and in_workers == {p.name: p.read_bytes() for p in (tmp_path / "out").glob("*.pdf")}


def test_an_interrupt_a_library_turned_into_another_error_stops_the_build(tmp_path, monkeypatch):
    """reportlab has bare `except:` clauses that re-raise a KeyboardInterrupt landing inside
    them as ValueError: once Ctrl-C has been seen, such a crash is the interrupt, not a bug of
    that speech (else the build went on and ended with exit 2, not 130)."""
    from handout import jobs
    from handout.errors import INTERRUPTED
    from handout.plan import plan
    make_project(tmp_path, count=1, collection=False)
    settings = settings_for(tmp_path, jobs=1, formats=("pdf",))
    kit = jobs.Toolkit(settings)
    [job] = plan(settings, None)

    def swallowed(job, kit):
        raise ValueError("cannot escape")        # what reportlab raises from its except:
    monkeypatch.setattr(jobs, "_arrange", swallowed)
    assert "internal error" in jobs.run_job(job, kit).error        # no interrupt: a bug, reported
    monkeypatch.setattr(INTERRUPTED, "is_set", lambda: True)
    with pytest.raises(KeyboardInterrupt):
        jobs.run_job(job, kit)
