"""`relmeet backup` and `relmeet restore`: rotating copies of the book, and putting one back."""
from __future__ import annotations

import sys

from relmeet.domain.errors import RelmeetError


def register(sub) -> None:
    backup = sub.add_parser("backup", help="copy the book into its backups folder now (keeps the last 7, or the setting backups_keep)")
    backup.add_argument("--daily", action="store_true",
                        help="only if no backup was made today (for a scheduled job)")
    backup.set_defaults(func=run_backup)

    restore = sub.add_parser("restore", help="list the backups, or put one back (the current book is backed up first)")
    restore.add_argument("number", nargs="?", type=int, help="the backup to put back, as numbered in the list")
    restore.add_argument("--yes", action="store_true", help="don't ask for confirmation")
    restore.set_defaults(func=run_restore)


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


def run_backup(args) -> int:
    from relmeet.progress_line import shown  # loaded only for the work that draws it
    from relmeet.commands import open_book
    from relmeet.store import backup

    with open_book(args) as book:  # no book yet: nothing to back up
        with shown("Backing up") as progress:  # cleared before the line that says how it ended
            progress = backup.of_what("the book", progress)
            made = backup.maybe_daily_backup(book, progress=progress) if args.daily else \
                backup.backup_now(book, progress=progress)
        if made is None:
            print("a backup was already made today; nothing to do")
        else:
            print(f"backed up to {made.path} ({_size(made.size)}); keeping the last {backup.keep_count(book)}")
    return 0


def run_restore(args) -> int:
    from relmeet.progress_line import shown  # loaded only for the work that draws it
    from relmeet.store import Book, backup

    with Book(args.book_path) as book:
        found = backup.list_backups(book)
        if args.number is None:
            if not found:
                print(f"no backups yet for {book.path} (make one with `relmeet backup`)")
                return 0
            print(f"backups of {book.path}, newest first:")
            for number, item in enumerate(found, start=1):
                print(f"{number:>3}. {item.made_at.astimezone():%Y-%m-%d %H:%M}  {_size(item.size):>9}  {item.name}")
            print("put one back with `relmeet restore N`")
            return 0
        if not 1 <= args.number <= len(found):
            raise RelmeetError(f"there is no backup number {args.number} (there are {len(found)}; "
                               "`relmeet restore` lists them)")
        chosen = found[args.number - 1]
        when = f"{chosen.made_at.astimezone():%Y-%m-%d %H:%M}"
        if not args.yes:
            if not sys.stdin.isatty():
                raise RelmeetError("restore replaces the book: add --yes to confirm when not at a terminal")
            answer = input(f"Replace {book.path} with the backup of {when}? "
                           "The current book is backed up first. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("left the book as it was")
                return 0
        with shown("Restoring") as progress:
            safety = backup.restore(book, chosen.name, progress=progress)
        print(f"restored the backup of {when}; the book as it was is kept as {safety.name}")
    return 0
