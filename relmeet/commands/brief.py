"""`relmeet brief NAME`: the one-page brief to read on the way into a meeting."""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("brief", help="print the one-page brief for a contact",
                                   description="Print the brief to read on the way in: the next meeting's "
                                               "plan (when, where, how long, campaign, purpose, credential, "
                                               "asks, questions), their story and interests, their asks of you, "
                                               "deferred asks, open commitments both ways, the last summary.")
    parser.add_argument("name", nargs="+", help="part of the contact's name (accents and case don't matter)")
    parser.set_defaults(func=run)


def pick_one(book, text: str):
    """The single contact a typed name means, or print the choices; None means exit code 1."""
    from relmeet.domain.text import clean_text
    from relmeet.store.contacts import match_contacts

    found = match_contacts(book, text)
    if not found:
        print(f"No contact matches “{clean_text(text)}”.", file=sys.stderr)
        return None
    if len(found) > 1:
        from relmeet.store.contacts import told_apart

        apart = told_apart(book, [choice.id for choice in found])
        print(f"{len(found)} contacts match “{clean_text(text)}” — be more precise, or give the number (#7):")
        for number, choice in enumerate(found, start=1):
            print(f"  {number}. {clean_text(choice.name)} — {clean_text(apart.get(choice.id, ''))}")
        return None
    return found[0]


def run(args) -> int:
    from relmeet.pages.brief import render
    from relmeet.pages.formatting import ShellConsole
    from relmeet.commands import open_book
    from relmeet.store.prep import what_we_know

    with open_book(args) as book:
        choice = pick_one(book, " ".join(args.name))
        if choice is None:
            return 1
        known = what_we_know(book, choice.id)
    ShellConsole().print(render(known))
    return 0
