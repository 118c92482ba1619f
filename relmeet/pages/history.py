"""A contact's history as Rich text: the history screen and `relmeet show` print the same page."""
from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from relmeet.domain import ExchangeKind, ExchangeStatus, MeetingType, local, today
from relmeet.domain.meetings import PRIVATE_MARK, ExchangeLine, History, exchange_words
from relmeet.domain.people import Health
from relmeet.domain.standing import Story
from relmeet.pages import formatting
from relmeet.pages.brief import render as render_profile
from relmeet.pages.house import title as house_title
from relmeet.pages.ledger import history_lines
from relmeet.pages.summary import plain_summary
from relmeet.pages.standing import story_lines

STATUS_STYLE = {"agreed": "green", "partly": "green", "declined": "red", "thinking": "yellow", "counter": "yellow",
                "deferred": "yellow", "planned": "dim"}


def balance(exchanges: list[ExchangeLine]) -> str:
    """'I asked 3 / they asked 1 · I offered 2 / they offered 0': the exchange counted both ways (planned
    asks not yet made don't count)."""
    def count(direction: str, made_by: str) -> int:
        return sum(1 for x in exchanges if x.direction == direction and x.made_by == made_by and x.status != "planned")

    return (f"I asked {count('ask', 'me')} / they asked {count('ask', 'them')} · "
            f"I offered {count('offer', 'me')} / they offered {count('offer', 'them')}")


def answer_words(x: ExchangeLine) -> str:
    """'partly yes — 10 listening visits' / 'pending: if the board agrees, decide by Mon 7 Dec'."""
    words = ExchangeStatus(x.status).label.lower()
    if x.status == "deferred":
        words = "deferred"
    if x.answer:
        words += f" — {x.answer}"
    if x.condition:
        words += f": {x.condition}"
    if x.decide_by:
        words += f", decide by {x.decide_by:%a %-d %b}"
    return words


def _chain(x: ExchangeLine, by_id: dict[int, ExchangeLine]) -> list[ExchangeLine]:
    steps = [x]
    while steps[-1].raised_from_id in by_id and len(steps) < 50:  # 50: a loop in a damaged book stops
        steps.append(by_id[steps[-1].raised_from_id])
    return steps[::-1]


def _step(index: int, x: ExchangeLine) -> str:
    """'asked 23 Nov: deferred' for the first time, 'raised 7 Dec: partly yes — …' after: a raised ask is
    dated by its answer (the day it was raised and answered), else by its meeting."""
    day = x.on.date() if index == 0 and x.on else (x.answered_on or (x.on.date() if x.on else None))
    verb = "asked" if index == 0 else "raised"
    return f"{verb} {day:%-d %b}: {answer_words(x)}" if day else f"{verb}: {answer_words(x)}"


def exchange_lines(exchanges: list[ExchangeLine]) -> list[Text]:
    """Asks and offers, both ways, each with its answer in their words; an ask deferred and raised again
    later is one entry with its history ("asked 23 Nov: deferred; raised 7 Dec: partly yes — …")."""
    lines = [Text(f"\nAsks and offers — {balance(exchanges)}", style="bold underline")]
    mine = sum(1 for x in exchanges if x.direction == "ask" and x.made_by == "me" and x.status != "planned")
    given = sum(1 for x in exchanges if x.direction == "offer" and x.made_by == "me" and x.status != "planned")
    if mine > given + 1:
        lines.append(Text("  More asked than offered: what can you bring them? (seed 003: mutual benefit)",
                          style="yellow"))
    by_id = {x.id: x for x in exchanges if x.id}
    raised_again = {x.raised_from_id for x in exchanges if x.raised_from_id}
    for x in exchanges:
        if x.id and x.id in raised_again:
            continue  # shown within the ask that raised it again
        line = Text(f"  {exchange_words(x.direction, x.made_by)} ({ExchangeKind(x.kind).label.lower()}): ",
                    style="bold")
        line.append(x.text + " ")
        line.append(f"[{answer_words(x)}]", style=STATUS_STYLE.get(x.status, ""))
        if x.on:
            line.append(f" {formatting.days_ago(x.on)}", style="dim")
        lines.append(mark_private(line, x.private))
        steps = _chain(x, by_id)
        if len(steps) > 1:
            told = "; ".join(_step(i, s) for i, s in enumerate(steps))
            lines.append(Text(f"      {told}", style="dim"))
    if not exchanges:
        lines.append(Text("  None yet.", style="dim"))
    return lines


def _indented(text: str, style: str = "", by: int = 4, *, private: bool = False) -> formatting.Indented:
    """Wrapped lines keep the indent of the first, so a long note still reads as part of its meeting."""
    shown = Text(f"{PRIVATE_MARK}: ", style="bold magenta") if private else Text()
    shown.append(text, style=style)
    return formatting.Indented(shown, by)  # piped (`relmeet show NAME | cat`), every line whole


def mark_private(line: Text, private: bool) -> Text:
    """Private notes and items show, to the organizer, with a mark (they stay out of exports)."""
    if private:
        line.append(f" {PRIVATE_MARK}", style="bold magenta")
    return line


def render(found: History, *, notes: bool = True, health: Text | None = None, story: Story | None = None) -> Group:
    parts: list[RenderableType] = [render_profile(found.known, with_today=False, health=health, last_time=False)]
    if found.check_in_on and found.check_in_on < today():
        parts.append(Text(f"Check-in overdue: it was set for {found.check_in_on:%a %-d %b}", style="bold red"))
    elif found.check_in_on:
        parts.append(Text(f"Check in by {found.check_in_on:%a %-d %b}", style="yellow"))
    parts += story_lines(story)  # where they stand, as a dated path (pages/standing.py)
    contact = found.known.contact
    if notes and contact.notes:
        parts += [Text("\nNotes", style="bold underline"), _indented(contact.notes, by=2, private=contact.notes_private)]

    parts += history_lines(found.ledger, contact.id)  # closed commitments keep their outcome and date
    parts += exchange_lines(found.exchanges)

    parts.append(Text(f"\nMeetings ({len(found.meetings) + found.more_meetings})", style="bold underline"))
    for m in found.meetings:
        when = local(m.at).strftime("%a %-d %b %Y") if m.at else "no date"
        head = Text(f"  {when} · {MeetingType(m.type).label}", style="bold")
        if m.host:  # "Rosa Díaz's house meeting — with 8 others"
            head.append(f" · {house_title(m.host, m.people)}")
        if m.campaign:
            head.append(f" · {m.campaign}")
        if m.status != "held":
            head.append(f" · {m.status.replace('_', ' ')}", style="yellow")
        parts.append(head)
        if m.purpose:
            parts.append(_indented(f"Purpose: {m.purpose}", "dim"))
        if m.summary:
            parts.append(_indented(f"Summary: {plain_summary(m.summary)}"))
        if m.summary_sent_on:
            parts.append(_indented(f"✓ Thank-you sent {m.summary_sent_on:%a %-d %b}", "green"))
        if notes and m.notes:
            parts.append(_indented(m.notes, "italic", private=m.notes_private))
        if m.next_step:
            parts.append(_indented(f"Next step: {m.next_step}"))
    if found.more_meetings:
        parts.append(Text(f"  …and {found.more_meetings} older meetings", style="dim"))
    if not found.meetings:
        parts.append(Text("  None yet — F2 plans the first one.", style="dim"))

    parts.append(Text("\nReferrals", style="bold underline"))
    parts.append(Text(f"  Referred by: {', '.join(found.known.referred_by) or '—'}"))
    parts.append(Text(f"  Referred us to: {', '.join(found.referred) or '—'}"))
    if found.known.contact.kind == "organization":
        parts.append(Text(f"\nPeople at {found.known.contact.name} ({len(found.people)})", style="bold underline"))
        parts += [Text(f"  {name}" + (f" — {role}" if role else "")) for _id, name, role in found.people] or [
            Text("  No contact person yet: who's missing?", style="yellow")]
    return Group(*parts)


def health_line(found: Health, tend_after_days: int, both_ways: str | None = None) -> Text:
    """One line of a contact's relationship health, for their history or brief; `both_ways` (see
    `balance`) takes the place of my asks against my offers when the caller has every exchange."""
    text = Text("Last met: ")
    text.append(formatting.days_since(found.days_since_met),
                style="bold red" if found.days_since_met is None or found.days_since_met > tend_after_days
                else "")
    text.append(f" · overdue: theirs {found.overdue_theirs}, mine {found.overdue_mine}",
                style="red" if found.overdue_mine or found.overdue_theirs else "")
    text.append(f" · {both_ways}" if both_ways else f" · asks made {found.asks_made} / offers made {found.offers_made}")
    return text
