"""`relmeet due`: overdue and this week's commitments, both ways, and the meetings coming up."""
from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("due", help="what is overdue or due this week, and upcoming meetings")
    parser.add_argument("--days", type=int, default=7, help="how far ahead to look (default 7)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from rich.text import Text

    from relmeet.pages import formatting
    from relmeet.commands import open_book
    from relmeet.store import due, meetings

    with open_book(args) as book:
        items = due.due_soon(book, within_days=args.days)
        upcoming = meetings.upcoming(book, limit=20)
    out = formatting.ShellConsole()
    out.print(Text(f"Due in the next {args.days} days and overdue", style="bold underline"))
    for item in items:
        line = formatting.due(item.due_on)
        line.append(f"  {'I owe' if item.owner == 'mine' else 'they owe'} ({item.contact}): ", style="bold")
        line.append(item.text)
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
