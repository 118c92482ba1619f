"""A progress bar on the terminal, for shell commands whose work can take long on a big book."""
from __future__ import annotations

import shutil
import sys
import time

WIDTH = 24


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
        seconds = f"{time.monotonic() - self.started:.0f} s"
        if done is None:  # how far can't be known (a check of every page): it goes on, and for how long
            line = f"{self.title} {step}… {seconds}"
        else:
            filled = int(round(done * WIDTH))
            line = f"{self.title} {step} [{'#' * filled}{'.' * (WIDTH - filled)}] {done:4.0%}  {seconds}"
        columns = shutil.get_terminal_size((80, 24)).columns
        sys.stderr.write("\r\x1b[K" + line[:columns - 1])
        sys.stderr.flush()

    def close(self) -> None:
        """Clear the line: what the command prints next says how it ended."""
        if self.on:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
