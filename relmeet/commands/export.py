"""`relmeet export`: the book as JSON (everything), CSV, vCard 4.0 or Markdown, to stdout or a file."""
from __future__ import annotations

import sys
from pathlib import Path

from relmeet.domain.errors import RelmeetError
from relmeet.domain.progress import Progress, quiet

FORMATS = ["json", "csv", "vcard", "markdown"]
PRESETS = ["google", "action-network"]
LEVELS = ["impacted", "leader", "organization"]


def register(sub) -> None:
    parser = sub.add_parser(
        "export", help="write the book out as JSON, CSV, vCard or Markdown (items marked private left out)",
        description="JSON holds everything and loads back with `relmeet import` into an empty book. "
                    "CSV: contacts, or meetings with --of meetings. vCard 4.0: contacts. Markdown: one "
                    "contact's history (--contact) or one meeting's summary (--meeting).")
    parser.add_argument("--format", "-f", choices=FORMATS, default="json", help="what to write (default json)")
    parser.add_argument("--contact", metavar="NAME", help="the contact (Markdown history; vCard of just them)")
    parser.add_argument("--meeting", metavar="ID", type=int, help="the meeting (Markdown summary)")
    parser.add_argument("--of", choices=["contacts", "meetings"], help="CSV: which rows (default contacts)")
    parser.add_argument("--include-private", action="store_true", help="include notes and items marked private")
    parser.add_argument("--yes", action="store_true", help="a locked book: don't ask before --include-private")
    parser.add_argument("--preset", choices=PRESETS, help="CSV of contacts in another tool's import columns: "
                        "'google' (Google Contacts) or 'action-network' (email, first_name, last_name, zip_code, "
                        "phone, tags); these leave your assessments out. Without it: relmeet's own CSV, every "
                        "column, which imports back whole")
    parser.add_argument("--excel", action="store_true", help="CSV: start with a byte order mark, so Excel reads "
                                                             "accents as UTF-8 (other programs may show it)")
    parser.add_argument("--tag", help="vCard/CSV: only contacts with this tag")
    parser.add_argument("--campaign", help="vCard/CSV: only contacts in this campaign (stance or a meeting)")
    parser.add_argument("--level", choices=LEVELS, help="vCard/CSV: only contacts at this level")
    parser.add_argument("--kind", choices=["person", "organization"], help="vCard/CSV: only people or organizations")
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
    chose = [f"--{name}" for name in ("tag", "campaign", "level", "kind") if getattr(args, name, None)]
    if chose and (args.format not in ("csv", "vcard") or args.of == "meetings" or args.contact):
        raise RelmeetError(f"{chose[0]} chooses contacts for --format csv or vcard")
    if getattr(args, "preset", None) and (args.format != "csv" or args.of == "meetings"):
        raise RelmeetError("--preset goes with --format csv (contacts)")
    if getattr(args, "excel", False) and args.format != "csv":
        raise RelmeetError("--excel goes with --format csv")


def _filters(book, args) -> dict:
    filters = {name: getattr(args, name, None) for name in ("tag", "campaign", "level", "kind")}
    if filters["campaign"]:
        from relmeet.store.exports import campaign_exists

        if not campaign_exists(book, filters["campaign"]):
            raise RelmeetError(f"there is no campaign named {filters['campaign']!r}")
    return {k: v for k, v in filters.items() if v}


def render(book, args, progress: Progress = quiet) -> str:
    """The export's text; progress is told how it goes (a whole book's JSON: ~35 s for 1 GB; the contacts
    of a book of 20,000 as CSV or vCard: ~1.6 s)."""
    _check_options(args)
    private = args.include_private
    if args.format == "json":
        from relmeet.exporting.json_book import dumps

        return dumps(book, private, progress)
    if args.format == "csv":
        from relmeet.exporting import csv_out, csv_presets

        if args.of == "meetings":
            return csv_out.meetings_csv(book, private, progress)
        write = {"google": csv_presets.google_csv, "action-network": csv_presets.action_network_csv}.get(
            getattr(args, "preset", None), csv_out.contacts_csv)
        return write(book, private, _filters(book, args), progress)
    if args.format == "vcard":
        from relmeet.exporting.vcard_out import contacts_vcard

        ids = [_contact_id(book, args.contact)] if args.contact else None
        return contacts_vcard(book, private, ids, None if ids else _filters(book, args), progress)
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
        from relmeet.commands.lock import plain_export_notice

        plain_export_notice(book, args)
        from relmeet.progress_line import shown  # loaded only for the work that draws it

        with shown("Export:") as progress:  # cleared before what follows
            text = render(book, args, progress)
    if args.output:
        # a BOM lets Excel read accented names as UTF-8, but other readers see it as part of the first column
        write_private(Path(args.output), text, bom=bool(getattr(args, "excel", False)))
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(("\ufeff" if getattr(args, "excel", False) else "") + text)
    return 0
