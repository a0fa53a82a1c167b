"""Running a command and measuring it: wall time, and the memory of its process tree.

Memory, sampled from /proc while a command runs:
  tree RSS   peak of the sum of RSS over the command's process tree (the build forks worker
             processes), sampled every 10 ms (25 ms after the first 2 s). Pages the workers
             share with the parent (fonts, code, copy-on-write) are counted once per
             process: an upper bound.
  tree PSS   peak of the sum of PSS (shared pages split among the sharers), sampled every
             100 ms or less often (reading smaps_rollup costs ~4 ms per 300 MB process; the
             sampler keeps itself under ~5 % of a core): the memory the build occupies.
  largest    peak RSS of the largest single process in the tree, exact (kernel's
             ru_maxrss from wait4, no sampling).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")

MODES = {
    "no-pyc": "no .pyc anywhere (empty PYTHONPYCACHEPREFIX, PYTHONDONTWRITEBYTECODE=1)",
    "DWB=1": "PYTHONDONTWRITEBYTECODE=1 as on this machine (.pyc files read, none written)",
    "cached": "bytecode cache warm (PYTHONPYCACHEPREFIX in the temp folder, writing allowed)",
}
MAIN_MODE = "DWB=1"


@dataclass
class Run:
    seconds: float
    tree_rss_mb: float = 0.0     # peak sum of RSS over the process tree (sampled, 10 ms)
    tree_pss_mb: float = 0.0     # peak sum of PSS over the process tree (sampled, 100 ms)
    largest_mb: float = 0.0      # exact peak RSS of the largest single process (wait4)
    processes: int = 1           # most processes seen at once in the tree
    stdout: str = ""
    sampling_s: float = 0.0      # CPU the bench's sampler spent meanwhile (on a 2-core machine)


def _descendants(root: int) -> list[int]:
    """root and every process below it. This kernel has no /proc/PID/task/TID/children,
    so parents come from /proc/PID/stat; only PIDs above root's are read (children of a
    fresh process get higher PIDs unless the PID counter wraps)."""
    parent_of: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) <= root:
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        parent_of.setdefault(ppid, []).append(int(name))
    tree, i = [root], 0
    while i < len(tree):
        tree += parent_of.get(tree[i], [])
        i += 1
    return tree


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE // 1024
    except (OSError, ValueError, IndexError):
        return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except (OSError, ValueError):
        return 0


class Sampler(threading.Thread):
    """Samples a process tree's memory until stopped: RSS every 10 ms (25 ms after the first
    2 s); the list of processes
    and their PSS every 100 ms, or less often when reading smaps_rollup gets slow (it costs
    ~4 ms per 300 MB process), so that sampling never takes more than ~5 % of a core."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.stop = pid, threading.Event()
        self.rss = self.pss = self.procs = 0
        self.cost = 0.0              # seconds spent sampling

    def run(self):
        tree, next_pss, began = [self.pid], 0.0, time.perf_counter()
        while not self.stop.is_set():
            started = time.perf_counter()
            if started >= next_pss:
                tree = _descendants(self.pid)
                self.procs = max(self.procs, len(tree))
                self.pss = max(self.pss, sum(_pss_kb(p) for p in tree))
                spent = time.perf_counter() - started
                next_pss = started + max(0.1, 20 * spent)
            self.rss = max(self.rss, sum(_rss_kb(p) for p in tree))
            self.cost += time.perf_counter() - started
            self.stop.wait(0.01 if started - began < 2 else 0.025)


def run(cmd: list[str], env: dict, cwd: Path = ROOT) -> Run:
    """Wall time and memory of one command; fails loudly if the command fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = Sampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{stderr}{stdout}")
    return Run(seconds, sampler.rss / 1024, sampler.pss / 1024, usage.ru_maxrss / 1024,
               sampler.procs, stdout, sampler.cost)


@dataclass
class Figure:
    """The median of several runs of one command (memory: the highest peak seen)."""
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        return min(r.seconds for r in self.runs), max(r.seconds for r in self.runs)

    def peak(self, attr: str) -> float:
        return max(getattr(r, attr) for r in self.runs)


def environment(mode: str, tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    if mode == "no-pyc":
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pyc-empty")      # never written
    elif mode == "DWB=1":
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    elif mode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pyc-cache")
    else:
        raise ValueError(mode)
    return env


