"""How long work on the book tells how it goes: a lock's rewrite, a backup, a restore.

A Progress is called with (what it is doing, how far that is from 0 to 1, or None where that can't be
known); the shell draws it as a bar on the terminal, the app under the work's title.
"""
from __future__ import annotations

from typing import Callable

Progress = Callable[[str, float | None], None]
COPYING, CHECKING = "copying", "checking the copy"


def quiet(step: str, done: float | None) -> None:
    """No one to tell."""


def of_what(what: str, progress: Progress) -> Progress:
    """progress, told which file a step is of ("the book: copying", "backup 2 of 3: checking the copy")."""
    return lambda step, done: progress(f"{what}: {step}", done)
