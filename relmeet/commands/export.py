"""`relmeet export`: the book as JSON (everything), CSV, vCard 4.0 or Markdown, to stdout or a file."""
from __future__ import annotations

import sys
from pathlib import Path

from relmeet.domain.errors import RelmeetError

FORMATS = ["json", "csv", "vcard", "markdown"]


def register(sub) -> None:
    parser = sub.add_parser(
        "export", help="write the book out as JSON, CSV, vCard or Markdown (private notes left out)",
        description="JSON holds everything and loads back with `relmeet import` into an empty book. "
                    "CSV: contacts, or meetings with --of meetings. vCard 4.0: contacts. Markdown: one "
                    "contact's history (--contact) or one meeting's summary (--meeting).")
    parser.add_argument("--format", "-f", choices=FORMATS, default="json", help="what to write (default json)")
    parser.add_argument("--contact", metavar="NAME", help="the contact (Markdown history; vCard of just them)")
    parser.add_argument("--meeting", metavar="ID", type=int, help="the meeting (Markdown summary)")
    parser.add_argument("--of", choices=["contacts", "meetings"], help="CSV: which rows (default contacts)")
    parser.add_argument("--include-private", action="store_true", help="include notes and items marked private")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (0600, replaced atomically) instead of stdout")
    parser.set_defaults(func=run)


def _contact_id(book, name: str) -> int:
    from relmeet.store.contacts import find_by_name, match_contacts

    found = find_by_name(book, name, limit=6) or match_contacts(book, name, limit=6)
    exact = [c for c in found if c.name.casefold() == name.strip().casefold()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].id
    if not found:
        raise RelmeetError(f"no contact's name contains {name!r}")
    names = ", ".join(c.name for c in found[:5])
    raise RelmeetError(f"{name!r} matches more than one contact ({names}{', …' if len(found) > 5 else ''}): be more exact")


def _check_options(args) -> None:
    """Options that mean nothing for the chosen format are refused, not silently ignored."""
    if args.meeting is not None and args.format != "markdown":
        raise RelmeetError("--meeting goes with --format markdown (a meeting's summary)")
    if args.contact and args.format not in ("markdown", "vcard"):
        raise RelmeetError("--contact goes with --format markdown (their history) or --format vcard (their card)")
    if args.contact and args.meeting is not None:
        raise RelmeetError("choose --contact or --meeting, not both")
    if args.of and args.format != "csv":
        raise RelmeetError("--of goes with --format csv")


def render(book, args) -> str:
    _check_options(args)
    private = args.include_private
    if args.format == "json":
        from relmeet.exporting.json_book import dumps

        return dumps(book, private)
    if args.format == "csv":
        from relmeet.exporting import csv_out

        return (csv_out.meetings_csv if args.of == "meetings" else csv_out.contacts_csv)(book, private)
    if args.format == "vcard":
        from relmeet.exporting.vcard_out import contacts_vcard

        ids = [_contact_id(book, args.contact)] if args.contact else None
        return contacts_vcard(book, private, ids)
    from relmeet.exporting import markdown_out

    if args.meeting is not None:
        return markdown_out.meeting_summary(book, args.meeting, private)
    if args.contact:
        return markdown_out.contact_history(book, _contact_id(book, args.contact), private)
    raise RelmeetError("Markdown export is of one contact or one meeting: add --contact NAME or --meeting ID")


def run(args) -> int:
    from relmeet.paths import write_private
    from relmeet.commands import open_book

    if args.output and Path(args.output).expanduser().resolve() == Path(args.book_path).expanduser().resolve():
        raise RelmeetError("the export would overwrite the book itself: choose another file")
    with open_book(args) as book:
        text = render(book, args)
    if args.output:
        # a BOM lets spreadsheet programs read accented names in a CSV file as UTF-8
        write_private(Path(args.output), text, bom=args.format == "csv")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
