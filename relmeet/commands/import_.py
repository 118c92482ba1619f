"""`relmeet import FILE…`: contacts from vCard and CSV exports, with a preview and a dry run."""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="import contacts from vCard or CSV files (Google, Outlook, Action Network, …)",
        description="Read the files, show what would be added, and add it in one go (all or nothing). "
                    "A relmeet JSON export goes into an empty book.")
    parser.add_argument("files", nargs="+", type=Path, help="vCard (.vcf), CSV/TSV exports, or a relmeet JSON export")
    parser.add_argument("--dry-run", action="store_true", help="show the preview and write nothing")
    parser.add_argument("--on-duplicate", choices=("merge", "skip", "add"), default="merge",
                        help="what to do with a card that has the same UID, e-mail or phone as a contact in the "
                             "book or earlier in the files (default: merge, which fills empty fields and adds "
                             "e-mails, phones, tags and notes, overwriting nothing); 'add' adds every card whole. "
                             "A card that shares only a name is listed and added as a new contact")
    parser.set_defaults(func=run)


def _is_relmeet_json(path: Path) -> bool:
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as handle:
            return b'"relmeet-book"' in handle.read(4096)
    except OSError:
        return False


def run(args) -> int:
    from relmeet.domain.errors import RelmeetError
    from relmeet.importers import read_files
    from relmeet.commands import open_book
    from relmeet.store.importing import apply, preview

    books = [p for p in args.files if _is_relmeet_json(p)]
    if books:
        if len(args.files) > 1:
            raise RelmeetError("import a relmeet JSON export on its own, into an empty book")
        from relmeet.exporting.json_book import load_into

        with open_book(args, create=True) as book:
            if args.dry_run:
                print(f"{books[0]} is a relmeet book export; --dry-run writes nothing.")
                return 0
            from relmeet.progress_line import shown  # loaded only for the work that draws it

            with shown("Import:") as progress:
                counts = load_into(book, books[0], progress)
        print("Loaded: " + ", ".join(f"{n} {table}" for table, n in counts.items() if n))
        return 0
    from relmeet.progress_line import shown  # loaded only for the work that draws it

    with shown("Import:") as progress:  # each bar is cleared before the lines that follow it
        batch = read_files(args.files, progress)
    with open_book(args, create=True) as book:
        with shown("Import:") as progress:
            found = preview(book, batch, progress)
        for alike in found.look_alikes:
            if alike.evidence or args.on_duplicate == "add":
                alike.decision = args.on_duplicate
        print_preview(found)
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        if not found.new and not found.look_alikes:
            print("Nothing to import.")
            return 0 if batch.contacts or not batch.problems else 2
        with shown("Import:") as progress:
            counts = apply(book, found, progress)
    print(f"Imported: {counts.added} added ({counts.organizations} new organizations), {counts.merged} merged, "
          f"{counts.skipped} skipped.")
    return 0


_DONE = {"merge": "merge", "skip": "skip", "add": "add as a new contact"}


def print_preview(found) -> None:
    for layout in found.layouts:
        print(f"Read {layout}")
    people = sum(1 for c in found.new if c.kind == "person")
    print(f"New: {people} people, {found.organizations} organizations")
    if found.look_alikes:
        from relmeet.store.importing import reason, resembles

        in_file = sum(1 for alike in found.look_alikes if alike.other is not None)
        print(f"Look like contacts in the book: {len(found.look_alikes) - in_file} · like another card of "
              f"this import: {in_file}")
        for alike in found.look_alikes[:20]:
            print(f"  {alike.incoming.name}  ≈  {resembles(alike)}  ({reason(alike)}) → {_DONE[alike.decision]}")
        if len(found.look_alikes) > 20:
            print(f"  …and {len(found.look_alikes) - 20} more")
    if found.problems:
        print(f"Could not read: {len(found.problems)}", file=sys.stderr)
        for problem in found.problems[:50]:
            print(f"  {problem.source}: {problem.reason}", file=sys.stderr)
