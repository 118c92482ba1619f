"""A progress bar on the terminal, for work that can take long on a big book: a shell command's lock,
backup or restore, and an upgrade of the book when it is opened (before the app starts, in the terminal)."""
from __future__ import annotations

import shutil
import sys
import time
from contextlib import contextmanager
from typing import Iterator

from relmeet.domain.progress import bar_line


class ProgressLine:
    """Called as (what it is doing, how far from 0 to 1 or None): redraws one line of stderr in place.

    Only on a terminal: piped or in a script, stderr keeps to the lines that say what went wrong.
    """

    def __init__(self, title: str) -> None:
        self.title = title
        self.on = sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, step: str, done: float | None) -> None:
        if not self.on:
            return
        line = bar_line(self.title, step, done, time.monotonic() - self.started)
        columns = shutil.get_terminal_size((80, 24)).columns
        sys.stderr.write("\r\x1b[K" + line[:columns - 1])
        sys.stderr.flush()

    def close(self) -> None:
        """Clear the line: what the command prints next says how it ended."""
        if self.on:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


@contextmanager
def shown(title: str) -> Iterator[ProgressLine]:
    """A progress bar for the work inside, cleared when it ends, however it ends."""
    line = ProgressLine(title)
    try:
        yield line
    finally:
        line.close()
