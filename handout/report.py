"""What the build tells the user: a progress bar and a summary table on a terminal
(rich), plain lines when the output goes to a file or CI. Problems always go to stderr.

rich is imported only when there is a terminal to draw on: a no-op build stays instant.
"""

from __future__ import annotations

import sys

from .i18n import _


class BuildReporter:
    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.progress = None
        self.task = None

    def __enter__(self):
        if sys.stderr.isatty() and not self.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
            self.progress = Progress(TextColumn(_("building")), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=Console(stderr=True),
                                     transient=True)
            self.progress.start()
            self.task = self.progress.add_task("build", total=None)
        return self

    def __exit__(self, *exc):
        if self.progress:
            self.progress.stop()
        return False

    def start(self, total: int) -> None:
        if self.progress:
            self.progress.update(self.task, total=total)

    def problem(self, message: str) -> None:
        """A warning or error line, `path:line: kind: message`, printed as is."""
        if self.progress:
            self.progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr)

    def done(self, result) -> None:
        if self.progress:
            self.progress.update(self.task, advance=1)

    def summary(self, results: list) -> None:
        if self.progress:                  # the bar goes before the table is printed
            self.progress.stop()
            self.progress = None
        if self.quiet:
            return
        if not results:
            print(_("nothing to do: every output is up to date"))
            return
        rows = [(path.name, str(pages), _("{size:.0f} KiB").format(size=size / 1024),
                 _("{seconds:.2f} s").format(seconds=r.seconds))
                for r in results for path, pages, size in r.outputs]
        if sys.stdout.isatty():
            from rich.console import Console
            from rich.table import Table
            table = Table(_("file"), _("pages"), _("size"), _("time"), title=_("built"))
            for row in rows:
                table.add_row(*row)
            Console().print(table)
        else:
            for row in rows:
                print("  ".join(row))
        failed = sum(1 for r in results if r.error)
        print(_("{count} file(s) written").format(count=len(rows))
              + (_(", {count} job(s) failed").format(count=failed) if failed else ""))
