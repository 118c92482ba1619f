"""Long work on the book, drawn as one line with a bar: the shell's terminal line, the app's title."""
from __future__ import annotations

WIDTH = 24


def bar_line(title: str, step: str, done: float | None, seconds: float) -> str:
    """"Backing up the book: copying [#######.................]  30%  2 s"; done None: how far can't be known
    (a check of every page), so the line says it goes on and for how long."""
    if done is None:
        return f"{title} {step}… {seconds:.0f} s"
    filled = int(round(max(0.0, min(1.0, done)) * WIDTH))
    return f"{title} {step} [{'#' * filled}{'.' * (WIDTH - filled)}] {done:4.0%}  {seconds:.0f} s"
