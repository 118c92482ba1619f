"""`relmeet check`: open the book, check that it is whole, and say what is in it."""
from __future__ import annotations

from relmeet.domain.errors import BookError



def register(sub) -> None:
    parser = sub.add_parser("check", help="check that the book is whole and count what is in it")
    parser.set_defaults(func=run)


def run(args) -> int:
    from relmeet.store import Book
    from relmeet.store.health import (book_version, counts, damage, damaged_message, integrity, needs_whole_check,
                                      record_clean_check)

    with Book(args.book_path) as book:
        problem = damage(book)  # found when it was opened
        if problem is not None:
            raise BookError(damaged_message(book, problem, shell=True))
        problems = integrity(book)
        if problems:
            raise BookError(f"{book.path} is damaged: {problems[0]} (restore a backup with `relmeet restore`)")
        if needs_whole_check(book):  # too big to check at each opening: today's openings needn't
            record_clean_check(book)
        held = ", ".join(f"{n} {what}" for what, n in counts(book).items())
        print(f"{book.path}: book version {book_version(book)}, whole. {held}.")
    return 0
