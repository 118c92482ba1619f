"""`relmeet`: open the app, or answer a quick question from the shell without the UI.

The shell commands never import Textual or SQLModel, so they start in a fraction of a second.
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
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="relmeet",
        description="Prep, notes and follow-up for one-on-one relational meetings, kept in a private local book.",
    )
    parser.add_argument("--db", metavar="PATH", help="the book to use (default: $RELMEET_DB, else your data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="use a throwaway copy of the sample book; your own book is never touched")
    parser.add_argument("--version", action="version", version=f"relmeet {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command not built yet
        module.register(sub)
    return parser


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("relmeet")
    except Exception:  # not installed as a package: running from a source tree
        return "dev"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    demo_dir = None
    try:
        if args.demo:
            from relmeet.demo import make_demo_book

            args.book_path, demo_dir = make_demo_book()
        else:
            from relmeet.paths import resolve_book

            args.book_path = resolve_book(args.db)
        handler = getattr(args, "func", None)
        if handler is None:
            return _run_app(args.book_path, demo=args.demo)
        return handler(args) or 0
    except RelmeetError as exc:
        print(f"relmeet: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `relmeet show x | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if demo_dir is not None:
            demo_dir.cleanup()


def _run_app(book_path: Path, *, demo: bool) -> int:
    from relmeet.store import Book

    book = Book(book_path)  # fails here, before the screen is taken over, with a one-line error
    from relmeet.app import RelmeetApp

    app = RelmeetApp(book, demo=demo)
    try:
        app.run()
    finally:
        book.close()
    # A crashed Textual app returns normally; its return code tells scripts it failed.
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
