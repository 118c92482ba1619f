"""`relmeet check`: open the book, check that it is whole, and say what is in it."""
from __future__ import annotations

from relmeet.domain.errors import BookError

COUNTED = [("contact", "contacts"), ("campaign", "campaigns"), ("meeting", "meetings"),
           ("interest", "interests"), ("exchange", "asks and offers"), ("commitment", "commitments"),
           ("referral", "referrals"), ("win", "wins")]


def register(sub) -> None:
    parser = sub.add_parser("check", help="check that the book is whole and count what is in it")
    parser.set_defaults(func=run)


def run(args) -> int:
    from relmeet.store import Book
    from relmeet.store.health import integrity

    with Book(args.book_path) as book:
        problems = integrity(book)
        if problems:
            raise BookError(f"{book.path} is damaged: {problems[0]} (restore a backup with `relmeet restore`)")
        counts = ", ".join(f"{book.value(f'SELECT count(*) FROM {table}')} {label}" for table, label in COUNTED)
        version = book.value("PRAGMA user_version")
        print(f"{book.path}: book version {version}, whole. {counts}.")
    return 0
