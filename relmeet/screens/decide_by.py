"""The decide-by dates of pending asks and the thank-yous to send, as rows of the lists of what is due
(the commitments view; the home screen's Due pane opens the ask's dialog too): what each row says, its
detail, the title's counts of them, and what the keys do on them."""
from __future__ import annotations

from datetime import date

from rich.text import Text

from relmeet.domain.commitments import DecideByDue
from relmeet.domain.meetings import PRIVATE_MARK, ThankYouDue
from relmeet.pages import formatting

Due = DecideByDue | ThankYouDue


def row_key(item: Due) -> str:
    return f"thank-you-{item.meeting_id}" if isinstance(item, ThankYouDue) else f"decide-{item.id}"


def row_lines(item: Due, on: date) -> tuple[tuple[Text, Text], tuple[Text, Text], tuple[Text, Text]]:
    """The row's three cells, two lines each: due and whose; who and what; what is pending and what Enter does."""
    if isinstance(item, ThankYouDue):
        return ((formatting.due(item.due_on, on=on), Text("thank-you (mine)", style="dim")),
                (Text(item.contact, style="bold"), Text(item.text)),
                (Text("To send", style="bold"), Text("Enter: its follow-up", style="dim")))
    # "decide by Thu 26 Nov — Dr. Singh: 'if two tenants…'"
    what = Text(f"{item.who_asked}: {item.ask}")
    if item.private:
        what.append(f" {PRIVATE_MARK}", style="bold magenta")
    return ((formatting.due(item.due_on, on=on), Text("decide (mine)", style="dim")),
            (Text(item.headline, style="bold"), what),
            (Text("Pending", style="bold yellow"), Text("Enter: record the answer", style="dim")))


def append_counts(title: Text, decisions: list[DecideByDue], thank_yous: list[ThankYouDue], on: date) -> None:
    """The list title's '· 2 to decide (1 overdue) · 1 thank-you' parts."""
    if decisions:
        late = sum(1 for d in decisions if d.due_on < on)
        title.append(f" · {len(decisions)} to decide")
        if late:
            title.append(f" ({late} overdue)", style="bold red")
    if thank_yous:
        late = sum(1 for t in thank_yous if t.due_on < on)
        title.append(f" · {len(thank_yous)} thank-you{'s' if len(thank_yous) != 1 else ''}")
        if late:
            title.append(f" ({late} overdue)", style="bold red")


def detail(item: Due) -> Text:
    """The commitments view's detail under the list: for a decide-by date who asked what, on what condition, by
    when; for a thank-you, when it is due; and what Enter does."""
    if isinstance(item, ThankYouDue):
        text = Text(f"Send {item.contact} the thank-you (the meeting's summary)", style="bold")
        text.append(f"\nDue {item.due_on:%a %-d %b}, 48 hours after the meeting (")
        text.append_text(formatting.due(item.due_on))
        text.append("). Enter opens its follow-up: F5 copies the summary, F8 marks it sent. The palette's "
                    "'settings: thank-you reminders' turns these off.", style="dim")
        return text
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


def cannot(item: Due, doing: str) -> str:
    """Why a key for commitments (a note, a second contact, reopen) does nothing on this row, and what Enter does."""
    if isinstance(item, ThankYouDue):
        return f"A thank-you has nothing to {doing}: Enter opens its follow-up."
    if doing == "reopen":
        return "A pending ask is still to decide: Enter records its answer."
    return f"A pending ask has nothing to {doing}: Enter records its answer."


def open_row(screen, item: Due, after) -> None:
    """Enter on the row: a thank-you opens its follow-up, where F8 marks it sent (the list is read again when
    the screen is back); a decide-by date opens the ask's own dialog, and `after` says what was recorded."""
    if isinstance(item, ThankYouDue):
        from relmeet.screens.follow_up import FollowUpScreen

        screen.app.push_screen(FollowUpScreen(item.meeting_id))
        return
    # saved, the ask is no longer pending and leaves the list
    answer_dialog(screen, item, lambda saved: after(f"Answer recorded: {item.ask}." if saved else None))


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
