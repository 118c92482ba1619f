"""Where someone stands, as a path: "Stance: Unknown → Potential ally (23 Nov, at a meeting) → Ally (7 Dec:
agreed to 10 listening visits)", overall and per campaign, rung and flags too. Shared by the history screen
and `relmeet show`; the reasons are the organizer's own words, so they go in as plain Text."""
from __future__ import annotations

from datetime import date

from rich.text import Text

from relmeet.domain import today
from relmeet.domain.standing import FIELD_LABELS, StandingChange, Story, value_label
from relmeet.pages.formatting import Indented

STEPS_SHOWN = 6  # a longer path shows its last steps after "…"


def _day(day: date) -> str:
    return f"{day:%-d %b}" if day.year == today().year else f"{day:%-d %b %Y}"


def _why(step: StandingChange) -> str:
    """The step's date and why, in brackets: "(7 Dec: agreed to 10 listening visits)"."""
    said = _day(step.changed_on)
    if step.reason:
        return f"({said}: {step.reason})"
    if step.meeting_id is not None:
        met = f" of {_day(step.meeting_on)}" if step.meeting_on and step.meeting_on != step.changed_on else ""
        return f"({said}, at the meeting{met})"
    return f"({said})"


def path_text(field_name: str, steps: list[StandingChange]) -> Text:
    """One path on one line: the first value, then each change with its date and reason."""
    text = Text()
    shown = steps if len(steps) <= STEPS_SHOWN else steps[-STEPS_SHOWN:]
    if len(shown) < len(steps):
        text.append("… → ", style="dim")
    elif steps[0].old_value is not None:  # a story that began with a change (a flag first set): where it came from
        text.append(value_label(field_name, steps[0].old_value)).append(" → ", style="dim")
    for i, step in enumerate(shown):
        if i:
            text.append(" → ", style="dim")
        text.append(value_label(field_name, step.new_value), style="bold" if i == len(shown) - 1 else "")
        if step.old_value is not None or step.reason or (i and step.meeting_id is not None):
            text.append(f" {_why(step)}", style="dim" if not step.reason else "")
    return text


def story_lines(story: Story | None) -> list[Text | Indented]:
    """The section of the history: every path that has moved (a story of one value says nothing yet), each
    indented as a block so a long path wraps under itself (and prints whole when piped)."""
    if story is None:
        return []
    moved = [(key, steps) for key, steps in story.paths.items() if len(steps) > 1 or steps[0].reason]
    if not moved:
        return []
    lines: list[Text | Indented] = [Text("\nMovement", style="bold underline")]
    for (campaign, field_name), steps in moved:
        line = Text()
        line.append(f"{campaign} — " if campaign else "", style="italic")
        line.append(f"{FIELD_LABELS[field_name] if not campaign else FIELD_LABELS[field_name].lower()}: ")
        lines.append(Indented(line.append_text(path_text(field_name, steps)), 2))
    return lines
