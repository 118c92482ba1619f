"""Long work on the book in a thread (a backup, a restore) shows how it goes in the app's title line, on
whatever screen is up, and the organizer goes on working meanwhile."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from relmeet.domain.progress import bar_line


class WorkProgress:
    """Mixed into RelmeetApp; `self` is the app. `book_title` is what the title line says otherwise."""

    book_title = ""
    # Work shorter than this (a small book's daily backup) leaves the title line as it was, not flickering.
    show_work_after = 0.5

    @contextmanager
    def work_shown(self, title: str) -> Iterator[Callable[[str, float | None], None]]:
        """From a worker thread: a progress callback that draws "title step [###...] 45%" in the title
        line; the line is the book's again when the work ends, however it ends."""
        started = time.monotonic()
        shown = False

        def tell(step: str, done: float | None) -> None:
            nonlocal shown
            seconds = time.monotonic() - started
            if seconds >= self.show_work_after and self.is_running:  # not once the organizer has quit
                shown = True
                self.call_from_thread(self.show_work, bar_line(title, step, done, seconds))

        try:
            yield tell
        finally:
            if shown and self.is_running:
                self.call_from_thread(self.show_work, self.book_title)

    def show_work(self, line: str) -> None:
        self.sub_title = line
