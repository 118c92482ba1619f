"""`relmeet search TEXT`: matches with the words that matched, without opening the app."""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("search", help="search names, organizations, tags, interests, notes, asks…")
    parser.add_argument("text", nargs="+", help="what to look for (accents and case don't matter)")
    parser.add_argument("--limit", type=int, default=30, help="at most this many contacts (default 30)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from rich.text import Text

    from relmeet.domain.text import clean_text
    from relmeet.pages.formatting import ShellConsole, snippet_text
    from relmeet.commands import open_book
    from relmeet.store.search import search

    query = " ".join(args.text)
    with open_book(args) as book:
        hits = search(book, query, limit=args.limit)
    out = ShellConsole()
    if not hits:
        print(f"Nothing matches “{clean_text(query)}”.", file=sys.stderr)
        return 1
    for hit in hits:
        line = Text(hit.name, style="bold")
        line.append(f"  ({hit.where}{', archived' if hit.archived else ''})", style="dim")
        out.print(line)
        out.print(Text("    ").append_text(snippet_text(hit.snippet)))
    return 0
