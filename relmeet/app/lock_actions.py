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
        self.push_screen(NewPassphraseScreen("Lock the book with a passphrase", self._rewrite_with))

    def action_change_passphrase(self) -> None:
        from relmeet.screens.new_passphrase import NewPassphraseScreen

        if not self.book.locked:
            self.notify("The book is not locked; 'book: lock with a passphrase' locks it.")
            return
        self.push_screen(NewPassphraseScreen("A new passphrase for the book", self._rewrite_with))

    def _rewrite_with(self, screen, passphrase: str) -> None:
        """Rewrite the book and its backups with passphrase in a thread; screen shows how it goes."""
        path, was_locked = self.book.path, self.book.locked
        # nothing may read or write the book while it is rewritten: its connections are closed, and any
        # use of it meanwhile is refused in a line (a note's text goes to its recovery file)
        self.book.retire()

        def progress(step: str, done: float | None) -> None:
            self.call_from_thread(screen.show_progress, step, done)

        def work() -> None:
            from relmeet.store import lock

            try:
                copies = lock.rewrite_book_and_backups(path, passphrase, progress)
            except Exception as error:  # reported once the book is open again
                self.call_from_thread(self._reopen, screen, path, None, error, 0, was_locked)
                return
            self.call_from_thread(self._reopen, screen, path, passphrase, None, copies, was_locked)

        self.run_worker(work, thread=True, group="lock", exit_on_error=False)

    def _reopen(self, screen, path: Path, passphrase: str | None, error: BaseException | None, copies: int,
                was_locked: bool) -> None:
        from relmeet.store import Book

        self.book = Book.open_locked(path, passphrase) if passphrase else Book(path)
        self.read_hide_setting()
        screen.dismiss()  # the screen behind shows the book again as it comes back
        if error is not None:
            self.report_error(error)
            return
        backups = "" if not copies else (" and its backup" if copies == 1 else f" and its {copies} backups")
        done = "The passphrase is changed" if was_locked else "The book is locked"
        verb = "opens" if not copies else "open"
        self.notify(f"{done}: from now on the book{backups} {verb} only with this passphrase. Keep it "
                    "somewhere safe: nobody can recover a lost passphrase.", timeout=10)
