"""Commitments as the organizer reads them after the meeting: the outcome and the day ("Done Thu 26 Nov",
"Partly done Thu 26 Nov: 2 of 4"), the dated progress notes, and who else it involves. Shared by the
commitments view and a contact's history."""
from __future__ import annotations

from rich.text import Text

from relmeet.domain import CommitmentStatus
from relmeet.domain.commitments import CommitmentLine
from relmeet.domain.meetings import PRIVATE_MARK
from relmeet.pages import formatting

OUTCOME_STYLE = {"done": "green", "partly": "yellow", "missed": "red", "dropped": "dim"}


def outcome(line: CommitmentLine) -> Text:
    """'Open', 'Open · so far 2 of 4', 'Done Thu 26 Nov', 'Partly done Thu 26 Nov: 2 of 4'."""
    if line.is_open:
        text = Text("Open", style="bold")
        if line.outcome_note:
            text.append(f" · so far {line.outcome_note}", style="")
        return text
    style = OUTCOME_STYLE.get(line.status, "")
    text = Text(CommitmentStatus(line.status).label, style=style)
    if line.done_on:
        text.append(f" {line.done_on:%a %-d %b}", style=style)
    if line.outcome_note:
        text.append(f": {line.outcome_note}")
    return text


def history_lines(ledger: list[CommitmentLine], contact_id: int) -> list:
    """The history's section: each commitment with its outcome and progress notes; one made with someone
    else that involves this contact says whose it is ("I promised María José Ortiz: …")."""
    if not ledger:
        return []  # the open ones are listed above; nothing more to say
    parts: list = [Text("\nCommitments: outcomes and progress", style="bold underline")]
    for line in ledger:
        text = Text("  ")
        if line.contact_id != contact_id:  # someone else's, involving this contact: say whose
            text.append(f"I promised {line.contact}: " if line.owner == "mine" else f"{line.contact} promised: ",
                        style="bold cyan")
        else:
            text.append("I promised: " if line.owner == "mine" else "They promised: ", style="bold")
        text.append(line.text)
        if line.involves and line.involves_id != contact_id:
            text.append(f" (involves {line.involves})", style="dim")
        text.append(" — ")
        text.append_text(outcome(line))
        if line.is_open:
            text.append(" · due ")
            text.append_text(formatting.due(line.due_on))
        if line.private:
            text.append(f" {PRIVATE_MARK}", style="bold magenta")
        parts.append(text)
        for note in line.notes:  # plain lines, not Padding: piped output keeps them whole
            noted = Text(f"      {note.noted_on:%a %-d %b}  ", style="dim")
            noted.append(note.text)
            parts.append(noted)
    return parts
