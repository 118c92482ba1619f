"""The one-page brief read on the way into a meeting, as Rich text for the app and the shell."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text

from relmeet.domain import ExchangeKind, InterestKind, Level, local, today
from relmeet.domain.meetings import PRIVATE_MARK, Known
from relmeet.pages import formatting
from relmeet.pages.summary import plain_summary


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def _line(text: str, style: str = "") -> Text:
    return Text(f"  {text}", style=style)


def render(known: Known, *, with_today: bool = True, health: Text | None = None, last_time: bool = True) -> Group:
    """`health`, when the caller has it, takes the place of the plain "last met" line. The history, which
    lists every meeting with its summary, leaves out "Last time" (`last_time=False`): one summary, once."""
    c = known.contact
    parts: list[Text] = []
    title = Text(c.name, style="bold reverse")
    if c.is_leader:
        title.append("  ★ leader", style="yellow")
    if c.is_gatekeeper:
        title.append("  ⚑ gatekeeper", style="magenta")
    parts.append(title)
    who = ", ".join(x for x in (c.role, c.organization) if x)
    facts = Text(f"{who} · " if who else "")
    facts.append(f"{Level(c.level).label} · ")
    facts.append_text(formatting.stance(c.stance))
    facts.append(f" · influence {c.influence}/5")
    parts.append(facts)
    for stance in known.stances:
        line = Text(f"  in {stance.campaign}: ")
        line.append_text(formatting.stance(stance.stance))
        line.append(f", influence {stance.influence}/5")
        parts.append(line)
    met = formatting.days_ago(known.last_met) if known.last_met else "not met yet"
    line = health.copy() if health is not None else Text(f"Last met: {met}", style="dim")
    if known.referred_by:
        line.append(f" · referred by {', '.join(known.referred_by)}", style="dim")
    parts.append(line)
    if c.their_language:
        parts.append(Text("Their words: ", style="bold").append(f"“{c.their_language}”", style="italic"))

    parts.append(_heading("Their story and interests"))
    if not known.interests:
        parts.append(_line("Nothing yet — listen for what they care about and why.", "dim"))
    for interest in known.interests:
        line = Text(f"  {InterestKind(interest.kind).label}: ", style="bold")
        line.append(interest.text)
        if interest.responsible:
            line.append(f" (holds responsible: {interest.responsible})", style="dim")
        if interest.learned_on:
            line.append(f" — {formatting.days_ago(interest.learned_on)}", style="dim")
        if interest.private:
            line.append(f" {PRIVATE_MARK}", style="bold magenta")
        parts.append(line)

    if last_time:
        parts.append(_heading("Last time"))
        if known.last_summary:
            parts += [_line(line) for line in plain_summary(known.last_summary).splitlines()]
        else:
            parts.append(_line("No summary written.", "dim"))
        if known.last_next_step:
            parts.append(_line(f"Next step agreed: {known.last_next_step}"))

    parts.append(_heading("Open commitments"))
    if not known.open_commitments:
        parts.append(_line("None open.", "dim"))
    for item in known.open_commitments:
        line = Text("  I promised: " if item.owner == "mine" else "  They promised: ", style="bold")
        line.append(item.text + "  ")
        line.append_text(formatting.due(item.due_on))
        if item.private:
            line.append(f" {PRIVATE_MARK}", style="bold magenta")
        parts.append(line)

    if known.deferred_asks:
        parts.append(_heading("Deferred asks — raise them again"))
    for ask in known.deferred_asks:
        who = "They asked" if ask.made_by == "them" else "I asked"
        line = Text(f"  {who} ({ExchangeKind(ask.kind).label.lower()}): ", style="bold")
        line.append(ask.text)
        said = f"deferred {ask.asked_on:%-d %b}" if ask.asked_on else "deferred"
        line.append(f"  ({said}" + (f" — {ask.answer}" if ask.answer else "") + ")", style="yellow")
        if ask.private:
            line.append(f" {PRIVATE_MARK}", style="bold magenta")
        parts.append(line)

    if not with_today:
        return Group(*parts)
    parts.append(_heading(_next_heading(known.next_at if known.next_meeting_id is not None else None)))
    if known.next_meeting_id is None:
        parts.append(_line("No meeting planned — F2 plans one.", "dim"))
    else:
        parts.append(_line(f"When: {formatting.when(known.next_at)}"))
        parts.append(_line(f"Purpose: {known.next_purpose or '(not written)'}"))
        for ask in known.planned_asks:
            again = " (raised again: it was deferred)" if ask.raised_from_id else ""
            parts.append(_line(f"Ask ({ExchangeKind(ask.kind).label.lower()}): {ask.text}{again}"))
        if known.next_offer_plan:
            parts.append(_line(f"I can offer: {known.next_offer_plan}"))
        if known.next_framing:
            parts.append(_line(f"Frame it as: {known.next_framing}"))
    return Group(*parts)


def _next_heading(at) -> str:
    """'Today', 'Tomorrow', or the day of the next meeting ('Fri 4 Dec'); 'Next meeting' without one."""
    if at is None:
        return "Next meeting"
    days = (local(at).date() - today()).days
    return "Today" if days == 0 else "Tomorrow" if days == 1 else f"Next meeting · {local(at):%a %-d %b}"
