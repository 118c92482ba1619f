"""`relmeet due`: overdue and this week's commitments, both ways, the check-ins, thank-yous and decide-by dates
of pending asks I owe, and the meetings coming up."""
from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("due", help="what is overdue or due this week, and upcoming meetings")
    parser.add_argument("--days", type=_days, default=7, metavar="N", help="how far ahead to look (default 7)")
    whose = parser.add_mutually_exclusive_group()
    whose.add_argument("--mine", dest="owner", action="store_const", const="mine", default="all",
                       help="only what I owe (my commitments, the check-ins I set, the thank-yous to send, "
                            "the pending asks to decide)")
    whose.add_argument("--theirs", dest="owner", action="store_const", const="theirs",
                       help="only what they owe me")
    parser.set_defaults(func=run)


def _days(text: str) -> int:
    import argparse

    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (try --days 14)") from None
    if not 0 <= days <= 3650:
        raise argparse.ArgumentTypeError(f"{days} days: give a number from 0 (overdue and today) to 3650")
    return days


def run(args) -> int:
    from rich.text import Text

    from relmeet.domain import today
    from relmeet.domain.commitments import CheckInDue, CommitmentFilter, DecideByDue
    from relmeet.domain.meetings import ThankYouDue
    from relmeet.pages import formatting
    from relmeet.commands import open_book
    from relmeet.store import commitments, due, meetings

    with open_book(args) as book:
        items = due.due_soon(book, within_days=args.days, owner=args.owner)
        # the thank-you within 48 hours of a meeting, until the follow-up marks it sent (or the setting is off)
        items += commitments.thank_yous(book, CommitmentFilter(owner=args.owner, within_days=args.days))
        items.sort(key=lambda item: item.due_on)  # stable: a thank-you after what is due the same day
        upcoming = meetings.upcoming(book, limit=20)
    out = formatting.ShellConsole()
    whose = {"mine": "What I owe: due", "theirs": "What they owe: due", "all": "Due"}[args.owner]
    out.print(Text(f"{whose} in the next {args.days} days and overdue", style="bold underline"))
    for item in items:
        line = formatting.due(item.due_on)
        snoozed = getattr(item, "snoozed_until", None)  # a thank-you can't be snoozed
        if snoozed and snoozed > today():  # snoozed: not overdue until then
            line = Text(f"snoozed until {snoozed:%a %-d %b}", style="cyan")
        if isinstance(item, CheckInDue):  # a check-in set at a follow-up stays overdue until done
            line.append(f"  check in ({item.contact}): ", style="bold")
        elif isinstance(item, DecideByDue):  # a pending ask's decide-by date, until its answer is recorded
            line.append(f"  decide ({item.contact}): ", style="bold")
        elif isinstance(item, ThankYouDue):
            line.append(f"  thank-you ({item.contact}): ", style="bold")
        else:
            line.append(f"  {'I owe' if item.owner == 'mine' else 'they owe'} ({item.contact}): ", style="bold")
        line.append(item.text)
        if snoozed and snoozed > today() and item.snooze_reason:
            line.append(f" ({item.snooze_reason})", style="dim")
        out.print(Text("  ").append_text(line))
    if not items:
        out.print(Text("  Nothing due.", style="dim"))
    out.print(Text("\nUpcoming meetings", style="bold underline"))
    for m in upcoming:
        line = Text(f"  {formatting.when(m.scheduled_at)}  {m.contact}", style="bold")
        if m.purpose:
            line.append(f" — {m.purpose}", style="")
        out.print(line)
    if not upcoming:
        out.print(Text("  None planned.", style="dim"))
    return 0
