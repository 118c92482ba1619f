"""The follow-up's draft: a short Markdown summary / thank-you from what was captured.

Items marked private stay out of the draft unless asked for: the summary is written to be sent.
"""
from __future__ import annotations

from relmeet.domain import ExchangeKind, ExchangeStatus, InterestKind, local, today
from relmeet.domain.meetings import SummaryParts


def plain_summary(markdown: str) -> str:
    """A drafted summary as text to read in the app and the shell: no '#' heading marks, no blank runs."""
    lines = []
    for line in markdown.strip().splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            line = stripped.lstrip("#").strip()
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip()


def left_out(parts: SummaryParts) -> int:
    """How many private interests, asks, offers and commitments a draft without them leaves out."""
    return sum(1 for item in (*parts.interests, *parts.exchanges, *parts.commitments) if item.private)


def draft(parts: SummaryParts, *, include_private: bool = False) -> str:
    def shown(items: list) -> list:
        return items if include_private else [item for item in items if not item.private]

    card = parts.meeting
    first = card.contact.split()[0] if card.contact else "friend"
    when = local(card.started_at or card.scheduled_at)
    day = when.strftime("%a %-d %b %Y") if when else today().strftime("%a %-d %b %Y")
    lines = [f"# One-on-one with {card.contact} — {day}", "", f"Thank you, {first}, for making the time to talk."]
    interests = shown(parts.interests)
    if interests:
        lines += ["", "## In your words"]
        lines += [f"- {InterestKind(i.kind).label}: “{i.text}”" for i in interests]
    exchanges = shown(parts.exchanges)
    agreed = [x for x in exchanges if x.direction == "ask" and x.status == "agreed"]
    open_asks = [x for x in exchanges if x.direction == "ask" and x.status != "agreed"]
    offers = [x for x in exchanges if x.direction == "offer"]
    if agreed or offers:
        lines += ["", "## What we agreed"]
        lines += [f"- You said yes to: {x.text}" for x in agreed]
        lines += [f"- I offered: {x.text}" for x in offers]
    if open_asks:
        lines += ["", "## Still open"]
        lines += [f"- {x.text} ({ExchangeStatus(x.status).label.lower()}, {ExchangeKind(x.kind).label.lower()})"
                  for x in open_asks]
    promises = shown(parts.commitments)
    if promises:
        lines += ["", "## Who does what by when"]
        for item in promises:
            who = "I will" if item.owner == "mine" else "You will"
            by = f" — by {item.due_on:%a %-d %b}" if item.due_on else ""
            lines.append(f"- {who}: {item.text}{by}")
    if card.next_step:
        lines += ["", f"Next: {card.next_step}"]
    return "\n".join(lines) + "\n"

