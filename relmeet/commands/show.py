"""`relmeet show NAME`: a contact's whole history, without opening the app."""
from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("show", help="print a contact's history",
                                   description="Print what the book knows about a contact: profile, interests, "
                                               "asks and offers, commitments, every meeting, referrals.")
    parser.add_argument("name", nargs="+", help="part of the name (accents and case don't matter)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from relmeet.commands.brief import pick_one
    from relmeet.pages.formatting import ShellConsole
    from relmeet.pages.history import render
    from relmeet.commands import open_book
    from relmeet.store import standing
    from relmeet.store.history import history

    with open_book(args) as book:
        choice = pick_one(book, " ".join(args.name))
        if choice is None:
            return 1
        found = history(book, choice.id)
        story = standing.story(book, choice.id)
    ShellConsole().print(render(found, story=story))
    return 0
