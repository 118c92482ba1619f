"""Palette entries that lock the open book with a passphrase, or change it: the same rewrite as
`relmeet lock` / `relmeet passphrase` (relmeet/store/lock.py), the backups included."""
from __future__ import annotations

from pathlib import Path


class LockActions:
    def action_lock_book(self) -> None:
        from relmeet.screens.new_passphrase import NewPassphraseScreen

        if self.book.locked:
            self.notify("The book is locked already; 'book: change the passphrase' changes its passphrase.")
            return
        self.push_screen(NewPassphraseScreen("Lock the book with a passphrase"), self._rewrite_with)

    def action_change_passphrase(self) -> None:
        from relmeet.screens.new_passphrase import NewPassphraseScreen

        if not self.book.locked:
            self.notify("The book is not locked; 'book: lock with a passphrase' locks it.")
            return
        self.push_screen(NewPassphraseScreen("A new passphrase for the book"), self._rewrite_with)

    def _rewrite_with(self, passphrase: str | None) -> None:
        if passphrase is None:
            return
        path, was_locked = self.book.path, self.book.locked
        # nothing may read or write the book while it is rewritten: its connections are closed, and any
        # use of it meanwhile is refused in a line (a note's text goes to its recovery file)
        self.book.retire()
        self.notify("Locking the book…" if not was_locked else "Changing the passphrase…", timeout=3)

        def work() -> None:
            from relmeet.store import lock

            try:
                copies = lock.rewrite_book_and_backups(path, passphrase)
            except Exception as error:  # reported once the book is open again
                self.call_from_thread(self._reopen, path, None, error, 0, was_locked)
                return
            self.call_from_thread(self._reopen, path, passphrase, None, copies, was_locked)

        self.run_worker(work, thread=True, group="lock", exit_on_error=False)

    def _reopen(self, path: Path, passphrase: str | None, error: BaseException | None, copies: int,
                was_locked: bool) -> None:
        from relmeet.store import Book

        self.book = Book.open_locked(path, passphrase) if passphrase else Book(path)
        self.read_hide_setting()
        self.book_changed()
        if error is not None:
            self.report_error(error)
            return
        backups = "" if not copies else (" and its backup" if copies == 1 else f" and its {copies} backups")
        done = "The passphrase is changed" if was_locked else "The book is locked"
        self.notify(f"{done}: the book{backups} open only with it from now on. Keep it somewhere safe: "
                    "nobody can recover a lost passphrase.", timeout=10)
