"""How long work on the book tells how it goes: an upgrade, a lock's rewrite, a backup, a restore.

A Progress is called with (what it is doing, how far that is from 0 to 1, or None where that can't be
known); the shell draws it as a bar on the terminal (relmeet/progress_line.py), the app in its title line.
"""
from __future__ import annotations

from typing import Callable, Iterator, TypeVar

Progress = Callable[[str, float | None], None]
COPYING, CHECKING = "copying", "checking the copy"
READING, MATCHING, WRITING = "reading", "matching against the book", "writing"
READING_BOOK, CHECKING_LINKS = "reading the book", "checking every row's links"
WIDTH = 24
T = TypeVar("T")


def quiet(step: str, done: float | None) -> None:
    """No one to tell."""


def of_what(what: str, progress: Progress) -> Progress:
    """progress, told which file a step is of ("the book: copying", "backup 2 of 3: checking the copy")."""
    return lambda step, done: progress(f"{what}: {step}", done)


def bar_line(title: str, step: str, done: float | None, seconds: float) -> str:
    """"Backing up the book: copying [#######.................]  30%  2 s"; done None: how far can't be known
    (a check of every page), so the line says it goes on and for how long."""
    if done is None:
        return f"{title} {step}… {seconds:.0f} s"
    filled = int(round(max(0.0, min(1.0, done)) * WIDTH))
    return f"{title} {step} [{'#' * filled}{'.' * (WIDTH - filled)}] {done:4.0%}  {seconds:.0f} s"


def counted(items: list[T], progress: Progress, step: str) -> Iterator[T]:
    """items one by one, telling progress the share gone through (every fiftieth of them)."""
    every = max(1, len(items) // 50)
    progress(step, 0.0)
    for number, item in enumerate(items, 1):
        yield item
        if number % every == 0:
            progress(step, number / len(items))
    progress(step, 1.0)
