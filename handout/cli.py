"""Command line: `build.py [FILE …]` builds handouts; `build.py ingest RAW …` cleans raw pages.

The installed `handout` command is the same (`handout` or `handout build [FILE …]`,
`handout ingest …`, `handout watch`, `handout serve`); its help names it `handout`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from pathlib import Path

from .errors import EXIT_CONFLICT, EXIT_USER_ERROR, INTERRUPTED, UserError
from .i18n import N_, _
from .writers import WRITERS

DESCRIPTION = N_("""\
Build GB/T 9704 speech handouts (PDF + DOCX) from content/*.md.

commands:
  build.py [FILE …]          build every speech in content/ (or only FILE …) into output/
  build.py ingest RAW …      clean raw scraped pages into content/*.md plus a report
  build.py ingest FILE.docx  an edited handout (or any Word file) back into content/
                             (see `build.py ingest --help`)
  build.py watch             stay running; rebuild what an edit touches, as it is saved
  build.py serve [--port N]  the same, plus the workbench page on http://127.0.0.1:N/:
                             add speeches, fill placeholders, edit, arrange the 汇编,
                             download, take back edited DOCX
""")
# argparse's own words (usage, its error lines) in the catalog's language: argparse looks its
# `_` up in its module when it formats them (Python 3.11 to 3.13), so one assignment does it.
# Those a session meets; any other argparse message stays English.
ARGPARSE = (N_("usage: "), N_("positional arguments"), N_("options"),
            N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
            N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
            N_("the following arguments are required: %s"),
            N_("invalid choice: %(value)r (choose from %(choices)s)"),
            N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
            N_("not allowed with argument %s"),
            N_("ambiguous option: %(option)s could match %(matches)s"))
argparse._ = _


def _prog() -> str:
    """The command's name as the user typed it: `build.py` in a checkout, `handout` installed."""
    name = Path(sys.argv[0]).name
    return name if name in ("build.py", "handout") else "build.py"


def _described(prog: str) -> str:
    """DESCRIPTION with the command's own name, the columns kept."""
    return _(DESCRIPTION).replace("\n  build.py ", f"\n  {prog:<8} ").replace("`build.py", f"`{prog}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_prog(), description=_described(_prog()),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help=_("content files to build (default: all of content/)"))
    parser.add_argument("--force", action="store_true", default=None,
                        help=_("rebuild even when nothing changed"))
    parser.add_argument("--quiet", action="store_true", default=None, help=_("print only problems"))
    return _project_options(parser)


def watch_parser(command: str) -> argparse.ArgumentParser:
    """`watch` and `serve`: the build's project options; serve adds its port."""
    what = {"watch": N_("Stay running and rebuild what each saved change touches (content/, "
                     "templates/, fonts/, handout.toml): one line per rebuild. Ctrl-C ends it."),
            "serve": N_("`watch`, plus the workbench page on http://127.0.0.1:PORT/ (this machine "
                     "only): every handout with its status and pages; add a speech, fix its "
                     "front matter and text, fill its placeholders, arrange the 汇编, download "
                     "the files, take back an edited DOCX. It updates itself after each rebuild.")}[command]
    parser = argparse.ArgumentParser(prog=f"{_prog()} {command}", description=_(what))
    if command == "serve":
        parser.add_argument("--port", type=int, default=8000, help=_("port on 127.0.0.1 (default: 8000)"))
    return _project_options(parser)


def _project_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--only", choices=list(WRITERS), help=_("build only this format"))
    parser.add_argument("--content", type=Path, help=_("content folder (default: content/)"))
    parser.add_argument("--output", type=Path, help=_("output folder (default: output/)"))
    parser.add_argument("--templates", type=Path, help=_("templates folder (default: templates/); "
                        "a file it lacks comes from the one handout ships with"))
    parser.add_argument("--fonts", type=Path, help=_("fonts folder (default: fonts/); likewise"))
    parser.add_argument("--theme", metavar="NAME", help=_("theme file (default: theme.yaml)"))
    parser.add_argument("--template", metavar="NAME", help=_("a speech's template (default: handout.xml.j2)"))
    parser.add_argument("--booklet-template", metavar="NAME",
                        help=_("the booklet's template (default: booklet.xml.j2); these three are "
                             "looked up in the templates folder, then in the one handout ships with"))
    parser.add_argument("--jobs", type=int, help=_("parallel builds (default: number of cores)"))
    parser.add_argument("--imposed", action="store_true", default=None,
                        help=_("also output/<booklet>-imposed.pdf: the booklet on A3 sheets, "
                             "saddle-stitch order, duplex flipped on the short edge"))
    parser.add_argument("--toc-depth", type=int, metavar="N",
                        help=_("heading levels the contents list, 1-4 (default: 2)"))
    parser.add_argument("--strict", action="store_true", default=None, help=_("treat warnings as errors"))
    parser.add_argument("--debug", action="store_true", help=_("show tracebacks for errors"))
    return parser


def ingest_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{_prog()} ingest",
        description=_("Clean raw scraped speech pages (UTF-8, GBK/GB18030, UTF-16) into one "
                    "Markdown file per speech, plus a report of every line dropped or changed "
                    "(content/_reports/). Hand-edited content files are not overwritten without --force. "
                    "A .docx built by build.py and edited in Word, WPS or LibreOffice goes back to "
                    "its content file(s), with a report of every change; any other Word file "
                    "(.docx, or .doc/.wps through LibreOffice) or a PDF with a text layer is "
                    "cleaned as a raw page, with what its layout says (headings, numbering, title "
                    "block, page furniture). Each copy is merged with the content file as it is "
                    "now, so several reviewers' copies all come back; where a copy and the file "
                    "changed the same sentence differently, the file keeps its text there and the "
                    "report shows both."),
        epilog=_("exit status: 0 done; {refused} refused (one line says why; nothing written); "
                 "{conflict} merged, but with conflicts where today's text was kept (listed side "
                 "by side in the report; decide them with --theirs or --ours)").format(
                     refused=EXIT_USER_ERROR, conflict=EXIT_CONFLICT))
    parser.add_argument("raw", nargs="+", type=Path, metavar="RAW",
                        help=_("raw page(s), Word/WPS file(s) (.docx, .doc, .wps) or PDF(s) to ingest"))
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help=_("where to write the speeches (default: content/)"))
    parser.add_argument("--force", action="store_true",
                        help=_("overwrite hand-edited content files (a .docx: its text replaces the "
                             "file, nothing merged)"))
    parser.add_argument("--accept-changes", action="append", metavar="=AUTHOR", type=_author,
                        help=_("--accept-changes applies a Word file's tracked changes, all of them; "
                             "--accept-changes=AUTHOR that person's (may be given again for "
                             "another). By default none is applied and each is listed in the report"))
    decide = parser.add_mutually_exclusive_group()
    decide.add_argument("--theirs", dest="decide", action="store_const", const="theirs",
                        help=_("conflicts: take the copy's text"))
    decide.add_argument("--ours", dest="decide", action="store_const", const="ours",
                        help=_("conflicts: keep the content file's text (exit status 0)"))
    parser.add_argument("--strict", action="store_true",
                        help=_("a raw page's headings numbered with a slip (一、 then 三、, …) are an "
                             "error: nothing is written"))
    parser.add_argument("--debug", action="store_true", help=_("show tracebacks for errors"))
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill PID`, a supervisor stopping the build): unwound like Ctrl-C, so temp
    files are removed and worker processes stopped on the way out."""


# Set by SIGTERM: a library that catches the signal's exception and raises a plain
# KeyboardInterrupt instead (watchfiles does) would otherwise turn exit 143 into 130.
TERMINATED = threading.Event()


def run() -> None:
    """`build.py` and the installed `handout` command: main(), then exit at once."""
    status = main()
    # Everything is written and closed by now; skip tearing down the interpreter's objects
    # (a tenth of a batch's time after a big build). Only buffered output is left to flush.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:          # the reader left (`| head`): nothing more to say
        pass
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    _degrade_messages()
    try:
        with _stop_on_signals():
            return _command(argv)
    except UserError as exc:
        if debug:
            raise
        print(exc.localized(_), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt as exc:
        print(_("interrupted"), file=sys.stderr)
        terminated = isinstance(exc, Terminated) or TERMINATED.is_set()
        return 128 + (signal.SIGTERM if terminated else signal.SIGINT)
    except BrokenPipeError:
        # `build.py … | head`: the reader left; stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


ALL_AUTHORS = "\0all"          # what a bare --accept-changes stands for


def _author(value: str):
    return True if value == ALL_AUTHORS else value


def _command(argv: list[str]) -> int:
    if argv[:1] == ["ingest"]:
        # a bare --accept-changes takes no value (so that a file named after it is not taken
        # for an author); --accept-changes=AUTHOR names one
        argv = [f"--accept-changes={ALL_AUTHORS}" if a == "--accept-changes" else a for a in argv]
        return _ingest(ingest_parser().parse_args(argv[1:]))
    if argv[:1] in (["watch"], ["serve"]):
        return _watch(argv[0], watch_parser(argv[0]).parse_args(argv[1:]))
    if argv[:1] == ["build"]:          # `handout build [FILE …]`: the default command, named
        argv = argv[1:]
    return _build(build_parser().parse_args(argv))


def _degrade_messages() -> None:
    """A console that cannot show Chinese (PYTHONIOENCODING=latin-1, an old terminal) gets
    \\u escapes in messages instead of an error: the files are what matters."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


@contextlib.contextmanager
def _stop_on_signals():
    """While the command runs, SIGTERM raises Terminated and Ctrl-C KeyboardInterrupt, both
    noted in INTERRUPTED (signals reach the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    TERMINATED.clear()

    def terminated(signum, frame):
        INTERRUPTED.set()
        TERMINATED.set()
        raise Terminated

    def interrupted(signum, frame):
        INTERRUPTED.set()
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, terminated), signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def _ingest(args) -> int:
    from .docx_in import apply_docx_plan, is_word_file, plan_docx
    from .files import locked_folder, remove_temp_files
    pages = [p for p in args.raw if not is_word_file(p)]
    conflicts = 0
    # one ingest per content folder at a time, so the temp files an ingest killed outright
    # (kill -9) left behind can be removed: no other ingest is writing them
    with locked_folder(args.content):
        for folder in (args.content, args.content / "_reports"):
            remove_temp_files(folder)
        if pages:
            from .ingest import ingest
            ingest(pages, args.content, force=args.force, strict=args.strict)
        for path in args.raw:
            if is_word_file(path):
                plan = plan_docx(path, args.content, args.force, args.accept_changes or False, args.decide)
                apply_docx_plan(plan)
                conflicts += plan.open_conflicts
    return EXIT_CONFLICT if conflicts else 0


def _overrides(args) -> dict:
    """The command line's settings (None: not given, the project file or default holds)."""
    return {"content": args.content, "output": args.output, "templates": args.templates,
            "fonts": args.fonts, "theme": args.theme, "template": args.template,
            "booklet_template": args.booklet_template,
            "force": getattr(args, "force", None), "jobs": args.jobs,
            "toc_depth": getattr(args, "toc_depth", None), "imposed": getattr(args, "imposed", None),
            "strict": args.strict, "quiet": getattr(args, "quiet", None),
            "debug": args.debug or None, "formats": (args.only,) if args.only else None}


def _watch(command: str, args) -> int:
    from .watch import Watcher, watch
    watcher = Watcher(Path.cwd(), _overrides(args), out=lambda line: print(line, flush=True))
    if command == "serve":
        from .serve import serve
        serve(watcher, args.port)
    else:
        watch(watcher)
    return 0


def _build(args) -> int:
    from .report import BuildReporter
    from .settings import load_settings
    settings = load_settings(Path.cwd(), _overrides(args))
    with BuildReporter(quiet=settings.quiet) as reporter:
        from .build import build_all
        results = build_all(settings, args.files, echo=reporter.problem,
                            on_done=reporter.done, on_start=reporter.start)
        reporter.summary(results)
    return EXIT_USER_ERROR if any(r.error for r in results) else 0
