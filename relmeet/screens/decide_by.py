"""A pending ask's decide-by date, worked from the lists of what is due (the commitments view, the home
screen's Due pane): what it says, and the ask's own dialog to record the answer."""
from __future__ import annotations

from rich.text import Text

from relmeet.domain.commitments import DecideByDue
from relmeet.domain.meetings import PRIVATE_MARK
from relmeet.pages import formatting


def answer_dialog(screen, item: DecideByDue, saved) -> None:
    """Open a pending ask's (or offer's) own dialog from a list of what is due, to record the answer; `saved`
    is called with True when it was saved, False otherwise (then the list is read again all the same)."""
    from relmeet.screens.capture import CaptureScreen, Editing
    from relmeet.store import captures

    values = captures.get(screen.book, "exchange", item.id)
    if values is None:
        screen.notify("That ask is no longer in the book (another copy removed it).", severity="warning")
        saved(False)  # nothing was recorded; the list is read again and drops it
        return
    screen.app.push_screen(CaptureScreen(item.direction, item.contact_id, values["meeting_id"], values["campaign_id"],
                                         Editing("exchange", item.id, values)), saved)


def decide_detail(item: DecideByDue) -> Text:
    """The commitments view's detail: who asked what, on what condition, by when, and what Enter does."""
    text = Text(f"{item.who_asked}: {item.ask}", style="bold")
    if item.private:
        text.append(f" {PRIVATE_MARK}", style="bold magenta")
    text.append(f"\n{item.contact} · pending")
    text.append(f" {item.condition}" if item.condition else "")
    text.append(f" · decide by {item.due_on:%a %-d %b} (")
    text.append_text(formatting.due(item.due_on))
    text.append("). Enter opens the ask to record the answer; it leaves this list once it is no longer pending.",
                style="dim")
    return text
