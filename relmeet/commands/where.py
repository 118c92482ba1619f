"""`relmeet where`: which book is in use."""
from __future__ import annotations


def register(sub) -> None:
    parser = sub.add_parser("where", help="print the path of the book in use")
    parser.set_defaults(func=run)


def run(args) -> int:
    print(args.book_path)
    return 0
