"""Shell subcommands: one module each, registered by relmeet/cli.py."""
from __future__ import annotations


def open_book(args, *, create: bool = False):
    """The book a command works on, refused in one line (exit 2) when it is damaged, and when it doesn't
    exist unless the command makes one: a lookup never leaves an empty book or folder behind."""
    from relmeet.domain.errors import BookError
    from relmeet.store import Book, health

    book = Book(args.book_path, create=create)
    problem = health.damage(book)
    if problem is not None:
        message = health.damaged_message(book, problem, shell=True)
        book.close()
        raise BookError(message)
    return book
