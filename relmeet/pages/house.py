"""A house meeting's follow-up, person by person: what each one asked, offered and promised, and the
thank-you drafted for one of them or for the group. Private items are left out of every draft, as in a
one-on-one's (pages/summary.py), and shown marked on the organizer's own list."""
from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from relmeet.domain import ExchangeStatus, local, today
from relmeet.domain.meetings import PRIVATE_MARK, SummaryParts, exchange_words
from relmeet.pages.summary import draft, left_out, salutation


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _day(parts: SummaryParts) -> str:
    when = local(parts.meeting.started_at or parts.meeting.scheduled_at)
    return (when or today()).strftime("%a %-d %b %Y")


def title(host: str, people: int) -> str:
    """"Rosa Díaz's house meeting — with 3 others"."""
    others = people - 1
    return f"{_possessive(host)} house meeting — with {others} other{'s' if others != 1 else ''}"


def person_lines(name: str, parts: SummaryParts, *, host: bool = False) -> list[Text]:
    """One participant's part of the meeting, as the follow-up lists it."""
    head = Text(name, style="bold")
    if host:
        head.append("  (host)", style="dim")
    lines = [head]
    for x in parts.exchanges:
        line = Text(f"{exchange_words(x.direction, x.made_by)}: {x.text}")
        line.append(f"  [{ExchangeStatus(x.status).label.lower()}" + (f" — {x.answer}" if x.answer else "") + "]",
                    style="dim")
        lines.append(_marked(line, x.private))
    for item in parts.commitments:
        who = "I will" if item.owner == "mine" else "They will"
        by = f" — by {item.due_on:%a %-d %b}" if item.due_on else ""
        lines.append(_marked(Text(f"{who}: {item.text}{by}"), item.private))
    for interest in parts.interests:
        lines.append(_marked(Text(f"Said: {interest.text}", style="italic"), interest.private))
    if len(lines) == 1:
        lines.append(Text("nothing captured for them", style="dim"))
    return [lines[0], *(Text.assemble(("  • ", "dim"), line) for line in lines[1:])]


def _marked(line: Text, private: bool) -> Text:
    if private:
        line.append(f"  {PRIVATE_MARK}", style="bold magenta")
    return line


def person_draft(host: str, parts: SummaryParts) -> str:
    """The thank-you to one participant: only what is theirs, private items left out."""
    text = draft(replace(parts, people=[], owners={}))
    first, _, rest = text.partition("\n")
    return f"# {_possessive(host)} house meeting — {_day(parts)}\n{rest}"


def group_draft(host: str, everyone: list[tuple[str, SummaryParts]], *, include_private: bool = False) -> str:
    """One summary for the group: thanks to all, then each person's part under their name."""
    if not everyone:
        return ""
    day = _day(everyone[0][1])
    names = [salutation(name, honorific=p.honorific, given_name=p.given_name, goes_by=p.goes_by)
             for name, p in everyone]
    lines = [f"# {_possessive(host)} house meeting — {day}", "",
             f"Thank you, {', '.join(names[:-1])} and {names[-1]}, for making the time to meet." if len(names) > 1
             else f"Thank you, {names[0]}, for making the time to meet."]
    for (name, parts), called in zip(everyone, names):
        body = draft(replace(parts, meeting=replace(parts.meeting, next_step=""), people=[], owners={}),
                     include_private=include_private)
        sections = body.split("\n\n", 2)[2:]  # what follows the heading and the thank-you line
        section = sections[0].strip() if sections else ""
        if section:
            lines += ["", f"## {called}", section.replace("## ", "### ")]
    next_step = everyone[0][1].meeting.next_step
    if next_step:
        lines += ["", f"Next: {next_step}"]
    return "\n".join(lines) + "\n"


def split(parts: SummaryParts) -> list[tuple[str, SummaryParts]]:
    """A house meeting's parts, person by person (host first): each with only their own items, named for
    their own thank-you."""
    found = []
    for contact_id, name, honorific, given, goes_by in parts.people:
        def mine(table: str, items: list) -> list:
            return [i for i in items if parts.owners.get((table, i.id)) == contact_id]

        found.append((name, replace(parts, meeting=replace(parts.meeting, contact=name),
                                    interests=mine("interest", parts.interests),
                                    exchanges=mine("exchange", parts.exchanges),
                                    commitments=mine("commitment", parts.commitments), honorific=honorific,
                                    given_name=given, goes_by=goes_by, people=[], owners={})))
    return found


def hidden(everyone: list[tuple[str, SummaryParts]]) -> int:
    """How many private items the drafts leave out."""
    return sum(left_out(parts) for _name, parts in everyone)
