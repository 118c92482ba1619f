"""`relmeet lock`, `relmeet unlock`, `relmeet passphrase`: a book encrypted at rest, and its passphrase.

The passphrase is asked at the terminal (twice for a new one), or read from an owner-only file
(--passphrase-file for the current one, --new-passphrase-file for a new one: for scripts and tests).
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from relmeet.domain.errors import RelmeetError

MIN_LENGTH = 8
DEFAULT_MINUTES = 15
LOST = "keep the passphrase somewhere safe: nothing can open the book without it, and nobody can recover it"


def register(sub) -> None:
    lock = sub.add_parser("lock", help="encrypt the book and its backups with a passphrase",
                          description="Encrypt the book (and its backups) at rest with a passphrase. " + LOST + ".")
    lock.add_argument("--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE (0600)")
    lock.add_argument("--yes", action="store_true", help="don't ask before rewriting the backups")
    lock.set_defaults(func=run_lock)
    unlock = sub.add_parser("unlock", help="decrypt the book and its backups (no passphrase from then on)")
    unlock.add_argument("--yes", action="store_true", help="don't ask before rewriting the backups")
    unlock.set_defaults(func=run_unlock)
    change = sub.add_parser("passphrase", help="change the passphrase of a locked book (and its backups)")
    change.add_argument("--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE (0600)")
    change.set_defaults(func=run_change)
    remember = sub.add_parser("remember", help="open a locked book without its passphrase for some minutes",
                              description="Keep the locked book's key in this login session's kernel keyring "
                                          "(Linux) for some minutes: the shell commands and the app open the "
                                          "book without asking its passphrase until then. Nothing is written "
                                          "to disk; `relmeet forget` ends it sooner.")
    remember.add_argument("--minutes", type=float, default=DEFAULT_MINUTES,
                          help=f"for how long (default {DEFAULT_MINUTES}, at most a day)")
    remember.set_defaults(func=run_remember)
    forget = sub.add_parser("forget", help="forget a passphrase `relmeet remember` kept",
                            description="Drop the key `relmeet remember` kept for the book: the next command "
                                        "asks the passphrase again.")
    forget.set_defaults(func=run_forget, no_passphrase=True)
    # changing what protects the book, or keeping its key, asks the passphrase even when it is remembered
    for parser in (lock, unlock, change, remember):
        parser.set_defaults(always_ask=True)


def read_passphrase_file(name: str) -> str:
    """The passphrase in an owner-only file (its first line); a file others can read is refused."""
    path = Path(name).expanduser()
    try:
        info = os.stat(path)
        if info.st_mode & 0o077 or not stat.S_ISREG(info.st_mode):
            raise RelmeetError(f"{path} can be read by others (or is not a file): a passphrase file must be "
                               f"yours only (chmod 600 {path}); nothing was done")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RelmeetError(f"cannot read the passphrase file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RelmeetError(f"the passphrase file {path} is not text") from None
    passphrase = text.split("\n", 1)[0].rstrip("\r")
    if not passphrase:
        raise RelmeetError(f"the passphrase file {path} is empty")
    return passphrase


def ask_passphrase(args, prompt: str = "Passphrase: ") -> str:
    """The current passphrase: from --passphrase-file, else asked at the terminal (not echoed)."""
    if getattr(args, "passphrase_file", None):
        return read_passphrase_file(args.passphrase_file)
    if not sys.stdin.isatty():
        raise RelmeetError(f"the book {args.book_path} is locked: type its passphrase at a terminal, or give "
                           "it with --passphrase-file FILE (readable by you only)")
    import getpass

    passphrase = getpass.getpass(prompt)
    if not passphrase:
        raise RelmeetError("no passphrase given; nothing was done")
    return passphrase


def _new_passphrase(args) -> str:
    if args.new_passphrase_file:
        chosen = read_passphrase_file(args.new_passphrase_file)
    elif not sys.stdin.isatty():
        raise RelmeetError("a new passphrase is typed at a terminal, or given with --new-passphrase-file FILE")
    else:
        import getpass

        chosen = getpass.getpass("New passphrase: ")
        if chosen != getpass.getpass("The same again: "):
            raise RelmeetError("the two passphrases differ; nothing was done")
    if len(chosen) < MIN_LENGTH:
        raise RelmeetError(f"a passphrase has at least {MIN_LENGTH} characters (several words are best); "
                           "nothing was done")
    return chosen


def _confirm(args, question: str) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise RelmeetError(f"{question.rstrip('?')}: add --yes to confirm when not at a terminal; nothing was done")
    answer = input(f"{question} [y/N] ").strip().casefold()
    if answer not in ("y", "yes"):
        raise RelmeetError("nothing was done")


def _and_backups(copies: list[Path]) -> str:
    if not copies:
        return ""
    return ", and its backup" if len(copies) == 1 else f", and its {len(copies)} backups"


def _rewrite_copies(copies: list[Path], source: str, target: str, progress) -> None:
    from relmeet.store import lock

    for number, copy in enumerate(copies, 1):
        lock.rewrite_copy(copy, source, target, progress=lock.of_what(f"backup {number} of {len(copies)}", progress))


def _plain(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def run_lock(args) -> int:
    from relmeet.progress_line import shown  # loaded only for the work that draws it
    from relmeet.store import lock
    from relmeet.commands import open_book

    path = Path(args.book_path)
    if lock.is_locked(path):
        # locked before, perhaps by a `relmeet lock` stopped before its backups: lock those left plain
        plain = [copy for copy in lock.backup_files(path) if _plain(copy)]
        if not plain:
            print(f"the book {path} is already locked (`relmeet passphrase` changes the passphrase)")
            return 0
        _confirm(args, f"{len(plain)} backups of the book are not locked: lock them with the book's passphrase?")
        with shown("Locking") as progress:
            _rewrite_copies(plain, lock.PLAIN, lock.key_of(path), progress)
        print(f"{len(plain)} backups locked with the book's passphrase")
        return 0
    open_book(args).close()  # a book relmeet can open: not damaged, not another program's
    copies = lock.backup_files(path)
    if copies:
        _confirm(args, f"the book has {len(copies)} backups in {copies[0].parent}, plain copies of it: lock "
                       "them with the same passphrase?")
    chosen = _new_passphrase(args)
    with shown("Locking") as progress:
        lock.lock(path, chosen, progress=lock.of_what("the book", progress))
        lock.open_with(path, chosen)
        _rewrite_copies(copies, lock.PLAIN, lock.key_of(path), progress)
    print(f"the book {path} is locked{_and_backups(copies)}: relmeet asks for "
          f"the passphrase each time it opens it; {LOST}")
    print("exports (`relmeet export`) stay plain: they are meant to be shared")
    return 0


def run_unlock(args) -> int:
    from relmeet.progress_line import shown  # loaded only for the work that draws it
    from relmeet.store import lock
    from relmeet.commands import open_book

    path = Path(args.book_path)
    if not lock.is_locked(path):
        print(f"the book {path} is not locked")
        return 0
    open_book(args).close()
    copies = [copy for copy in lock.backup_files(path) if not _plain(copy)]
    if copies:
        _confirm(args, f"unlocking writes the book and its {len(copies)} backups in the clear, readable by "
                       "anyone holding the disk: go on?")
    else:
        _confirm(args, "unlocking writes the book in the clear, readable by anyone holding the disk: go on?")
    key = lock.key_of(path)
    lock.forget_remembered(path)
    with shown("Unlocking") as progress:
        lock.unlock(path, progress=lock.of_what("the book", progress))
        _rewrite_copies(copies, key, lock.PLAIN, progress)
    print(f"the book {path} is unlocked{_and_backups(copies)}")
    return 0


def run_change(args) -> int:
    from relmeet.progress_line import shown  # loaded only for the work that draws it
    from relmeet.store import lock

    path = Path(args.book_path)
    if not lock.is_locked(path):
        raise RelmeetError(f"the book {path} is not locked (`relmeet lock` locks it)")
    chosen = _new_passphrase(args)
    old = lock.key_of(path)
    copies = [copy for copy in lock.backup_files(path) if not _plain(copy)]
    lock.forget_remembered(path)
    with shown("Changing the passphrase of") as progress:
        lock.change(path, chosen, progress=lock.of_what("the book", progress))
        lock.open_with(path, chosen)
        _rewrite_copies(copies, old, lock.key_of(path), progress)
    print(f"the passphrase of {path} is changed{_and_backups(copies)}; "
          f"{LOST}")
    return 0


def run_remember(args) -> int:
    from relmeet.store import lock

    path = Path(args.book_path)
    if not lock.is_locked(path):
        raise RelmeetError(f"the book {path} is not locked: there is no passphrase to remember")
    if not 0 < args.minutes <= 24 * 60:
        raise RelmeetError("--minutes is more than 0 and at most a day (1440); nothing was done")
    lock.remember(path, max(1, round(args.minutes * 60)))
    minutes = f"{args.minutes:g} minute{'s' if args.minutes != 1 else ''}"
    print(f"the passphrase of {path} is remembered in this login session for {minutes}: relmeet opens the "
          "book without asking it until then (`relmeet forget` ends it sooner)")
    return 0


def run_forget(args) -> int:
    from relmeet.store import lock

    path = Path(args.book_path)
    if lock.forget_remembered(path):
        print(f"the passphrase of {path} is forgotten: relmeet asks it again")
    else:
        print(f"no passphrase of {path} was remembered in this login session")
    return 0


def plain_export_notice(book, args) -> None:
    """An export of a locked book is a plain file: said once; with the private notes, asked first."""
    if not book.locked:
        return
    print("relmeet: the book is locked, but the export is not: it is a plain file, meant to be shared",
          file=sys.stderr, flush=True)
    if args.include_private and not getattr(args, "yes", False):
        if not sys.stdin.isatty():
            raise RelmeetError("--include-private writes the private notes of a locked book in the clear: add "
                               "--yes to confirm when not at a terminal; nothing was written")
        answer = input("Write the private notes and items in the clear too? [y/N] ").strip().casefold()
        if answer not in ("y", "yes"):
            raise RelmeetError("nothing was written")
