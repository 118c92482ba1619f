"""How stored values read on screen: stance colours, short dates, relative days.

Shared by screens and shell commands, so it imports only Rich and the domain.
"""
from __future__ import annotations

import sys
from datetime import date, datetime

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from relmeet.domain import Level, Stance, local, today
from relmeet.domain.text import MARK_CLOSE, MARK_OPEN, clean_text

STANCE_STYLE = {
    "ally": "bold green",
    "potential_ally": "green",
    "unknown": "dim",
    "neutral": "yellow",
    "opposition": "bold red",
}
LEVEL_SHORT = {"impacted": "Impacted", "leader": "Leader", "organization": "Org/inst."}


def stance(value: str) -> Text:
    return Text(Stance(value).label if value in Stance._value2member_map_ else value,
                style=STANCE_STYLE.get(value, ""))


def level(value: str) -> str:
    return LEVEL_SHORT.get(value, Level(value).label if value in Level._value2member_map_ else value)


def days_since(days: int | None, *, never: str = "never") -> str:
    """A number of days since, as said: 'today', 'yesterday', '3 days ago'."""
    if days is None:
        return never
    return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"


def days_ago(moment: datetime | date | None, *, on: date | None = None) -> str:
    """'today', '3 days ago', '5 weeks ago' — how an organizer says how long it has been."""
    if moment is None:
        return "never"
    day = local(moment).date() if isinstance(moment, datetime) else moment
    days = ((on or today()) - day).days
    if days < 0:
        return f"in {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


def count(number: int, one: str, many: str | None = None) -> str:
    """'1 person', '2 people', '0 contacts': a number with its word as a person would say it."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def due(day: date | None, *, on: date | None = None) -> Text:
    """A due date as a user reads it, red when overdue."""
    if day is None:
        return Text("no date", style="dim")
    days = (day - (on or today())).days
    if days < 0:
        return Text(f"{-days} day{'s' if days != -1 else ''} overdue", style="bold red")
    if days == 0:
        return Text("today", style="bold yellow")
    if days == 1:
        return Text("tomorrow", style="yellow")
    if days < 7:
        return Text(day.strftime("%a %-d %b"), style="yellow")
    return Text(day.strftime("%a %-d %b"))


def when(moment: datetime | None, *, on: date | None = None) -> str:
    """A planned meeting time: 'today 18:30', 'tomorrow 09:00', 'Fri 4 Dec 10:00'."""
    if moment is None:
        return "not set"
    at = local(moment)
    days = (at.date() - (on or today())).days
    clock = at.strftime("%H:%M")
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"tomorrow {clock}"
    return at.strftime("%a %-d %b ") + clock


def snippet_text(snippet: str, style: str = "bold reverse"):
    """A search snippet as Rich text with the matched words highlighted; never parsed as markup."""
    text = Text()
    for index, piece in enumerate(snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN)):
        text.append(piece, style=style if index % 2 else "")
    return text


class Printable:
    """A page as the terminal may receive it: the text drawn carries no control character.

    The book's text should hold none (the store and the importers remove them), but a book written by an
    older relmeet may: an ESC/OSC sequence in a name would retitle or recolour the organizer's terminal.
    Rich adds its own styling codes after this, so colours still show on a terminal."""

    def __init__(self, renderable: RenderableType):
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or not segment.text:
                yield segment
            else:
                yield Segment(clean_text(segment.text), segment.style)


class Indented:
    """Text indented as a block: wrapped lines keep the indent of the first on screen. Printed soft-wrapped
    (the shell, piped) each line is printed whole after the indent: a Padding there would cut it at 80
    columns."""

    def __init__(self, text: Text, by: int):
        self.text, self.by = text, by

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if console.soft_wrap:
            yield Text("\n").join(Text(" " * self.by) + line for line in self.text.split("\n", allow_blank=True))
        else:
            yield Padding(self.text, (0, 0, 0, self.by))


class ShellConsole(Console):
    """The shell lookups' console: never markup, no highlighting, every page printed as `Printable`;
    whole lines when piped (soft wrap), wrapped to the terminal's width otherwise."""

    def __init__(self) -> None:
        super().__init__(highlight=False, markup=False, soft_wrap=not sys.stdout.isatty())

    def print(self, *objects, **kwargs) -> None:
        super().print(*(Printable(thing) for thing in objects), **kwargs)


class Hanging:
    """A heading (a date) followed by a text that wraps under itself, not under the heading.

    What a two-column Table.grid draws, at a third of its cost: the wins view draws hundreds of these, twice
    (once to measure its height)."""

    def __init__(self, head: Text, body: Text):
        self.head, self.body = head, body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.head.cell_len + 1
        if console.soft_wrap or options.max_width <= indent + 10:  # piped, or too narrow to hang: one line
            yield Text.assemble(self.head, " ", self.body)
            return
        for number, line in enumerate(self.body.wrap(console, options.max_width - indent) or [Text()]):
            if number == 0:
                yield from _styled(console, self.head)
                yield Segment(" ")
            else:
                yield Segment(" " * indent)
            yield from _styled(console, line)
            yield Segment.line()


def _styled(console: Console, text: Text):
    """A line's segments with its own style under its spans' (Text.render leaves the base style out)."""
    segments = text.render(console)
    return Segment.apply_style(segments, console.get_style(text.style)) if text.style else segments
