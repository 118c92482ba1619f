"""`relmeet`: open the app, or answer a quick question from the shell without the UI.

The shell commands never import Textual or SQLModel, so they start in a fraction of a second. Whatever
fails, the shell gets one line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from relmeet.domain.errors import RelmeetError

# name -> module with `register(subparsers)`; each module keeps its heavy imports inside functions.
COMMAND_MODULES = [
    "relmeet.commands.where",
    "relmeet.commands.check",
    "relmeet.commands.brief",
    "relmeet.commands.show",
    "relmeet.commands.due",
    "relmeet.commands.search",
    "relmeet.commands.import_",
    "relmeet.commands.export",
    "relmeet.commands.backups",
    "relmeet.commands.lock",
]

DB_HELP = "the book to use (default: $RELMEET_DB, else your data folder)"
DEMO_HELP = "use a throwaway copy of the sample book; your own book is never touched"
PASSPHRASE_HELP = "a locked book's passphrase, read from FILE (readable by you only)"


class _VersionAction(argparse.Action):
    """--version: the installed version is looked up only when asked (importlib.metadata takes 25-35 ms)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"relmeet {_version()}")
        parser.exit()


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; for `relmeet` alone (or with --db/--demo only), just the app's options:
    importing and registering every command took 15-30 ms of the app's start-up."""
    parser = argparse.ArgumentParser(
        prog="relmeet",
        description="Prep, notes and follow-up for one-on-one relational meetings, kept in a private local book.",
    )
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument("--demo", action="store_true", help=DEMO_HELP)
    parser.add_argument("--passphrase-file", metavar="FILE", help=PASSPHRASE_HELP)
    parser.add_argument("--version", action=_VersionAction, help="print relmeet's version and leave")
    if argv is not None and _app_only(argv):
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            raise RelmeetError(f"relmeet is incomplete: its command module {name} is missing; "
                               "reinstall relmeet") from None
        module.register(sub)
    # Every command also takes --db and --demo after its name (`relmeet import --db book.sqlite3 x.vcf`).
    # SUPPRESS: given before the command, they are not reset by the command's own defaults.
    for command in sub.choices.values():
        command.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
        command.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=DEMO_HELP)
        command.add_argument("--passphrase-file", metavar="FILE", default=argparse.SUPPRESS, help=PASSPHRASE_HELP)
    return parser


def _app_only(argv: list[str]) -> bool:
    """No command named: only the app's own options (and their values), no help asked for."""
    takes_value = {"--db", "--passphrase-file"}
    expect_value = False
    for token in argv:
        if expect_value:
            expect_value = False
        elif token in takes_value:
            expect_value = True
        elif token == "--demo" or any(token.startswith(option + "=") for option in takes_value):
            continue
        else:  # a command, --help, --version or something argparse should explain
            return False
    return True


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("relmeet")
    except Exception:  # not installed as a package: running from a source tree
        return "dev"


def main(argv: list[str] | None = None) -> int:
    demo_dir = None
    try:
        args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
        if args.demo:
            from relmeet.demo import make_demo_book

            args.book_path, demo_dir = make_demo_book()
        else:
            from relmeet.paths import resolve_book

            args.book_path = resolve_book(args.db)
        handler = getattr(args, "func", None)
        if handler is None:
            return _run_app(args.book_path, demo=args.demo, passphrase_file=args.passphrase_file)
        _open_locked(args)
        return handler(args) or 0
    except RelmeetError as exc:
        return _say(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `relmeet show x | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last guard: a line on stderr, never a traceback
        return _say(_line_for(exc))
    finally:
        if demo_dir is not None:
            demo_dir.cleanup()


def _say(message: str) -> int:
    print(f"relmeet: {message}", file=sys.stderr)
    return 2


def _line_for(error: Exception) -> str:
    """What a failure that reached the shell means, in one line without the organizer's data."""
    from relmeet.reports import describe, write_report

    known = describe(error)
    if known is not None:
        return known
    from relmeet.keys import errors

    if isinstance(error, errors("DatabaseError")) and error.sqlite_errorname:
        # a failure of the book describe() has no words for: SQLite's name for it, not what it carried
        return f"the book could not be used ({error.sqlite_errorname})"
    return _crash_line(type(error).__name__, lambda: write_report(error))


def _crash_line(kind: str, write) -> str:
    from relmeet.reports import shown_path

    try:
        where = f"a report (without your notes) is in {shown_path(write())}"
    except OSError as exc:
        where = f"no report could be written ({exc.strerror or type(exc).__name__})"
    return f"stopped on an unexpected error ({kind}); {where}"


def _open_locked(args) -> None:
    """A locked book's passphrase, asked (or read from --passphrase-file) before a command opens it.

    The lookups import SQLCipher only here, and only for a locked book. The passphrase is checked in a
    thread while the command loads the rest of relmeet; the book's first use waits for it.
    """
    from relmeet.keys import check_meanwhile, looks_locked, use_remembered

    if args.demo or getattr(args, "no_passphrase", False) or not looks_locked(args.book_path):
        return
    if not (args.passphrase_file or getattr(args, "always_ask", False)) and use_remembered(args.book_path):
        return  # `relmeet remember` kept its key in this session
    from relmeet.commands.lock import ask_passphrase

    check_meanwhile(args.book_path, ask_passphrase(args, f"Passphrase for {Path(args.book_path).name}: "))


def _run_app(book_path: Path, *, demo: bool, passphrase_file: str | None = None) -> int:
    from relmeet.keys import looks_locked

    book = None
    remembered = False
    if demo or not looks_locked(book_path):
        from relmeet.store import Book

        book = Book(book_path)  # fails here, before the screen is taken over, with a one-line error
    elif passphrase_file:
        from relmeet.commands.lock import read_passphrase_file
        from relmeet.keys import check_meanwhile

        check_meanwhile(book_path, read_passphrase_file(passphrase_file))  # checked while Textual loads
        from relmeet.app import RelmeetApp
        from relmeet.store import Book

        book = Book(book_path)
    else:
        from relmeet import keys

        keys.cipher()  # without the encryption support: one clear line, before the screen is taken over
        remembered = keys.use_remembered(book_path)  # `relmeet remember` kept its key in this session
        if remembered:
            from relmeet.store import Book

            book = Book(book_path)
    from relmeet.app import RelmeetApp

    # A locked book is opened by the app itself, after its passphrase screen.
    app = RelmeetApp(book, demo=demo, book_path=book_path, remembered=remembered)
    try:
        return run_guarded(app)
    finally:
        if app.book is not None:
            app.book.close()


def run_guarded(app) -> int:
    """Run a Textual app so that a crash shows none of the organizer's data.

    Textual ends on an unhandled error by printing Rich's traceback, with each frame's local variables
    (a note's text, a query's parameters), to its `error_console`. Here that console writes into memory
    instead; after a crash the shell gets one line naming an owner-only report that keeps only where it
    happened, and what Textual printed is dropped.
    """
    import io

    from rich.console import Console

    printed = io.StringIO()
    app.error_console = Console(file=printed, markup=False, highlight=False, color_system=None)
    app.run()
    # A crashed Textual app returns normally; its return code (1) tells scripts it failed.
    code = app.return_code or 0
    if code and printed.getvalue().strip():
        from relmeet.reports import read_exit_text, write_frames_report

        kind, frames = read_exit_text(printed.getvalue())
        _say(_crash_line(kind, lambda: write_frames_report(kind, frames)))
    elif printed.getvalue().strip():
        sys.stderr.write(printed.getvalue())  # a message the app chose to leave as it ended: App.exit(message=…)
    return code


if __name__ == "__main__":
    sys.exit(main())
