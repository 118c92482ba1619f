"""The one-page brief read on the way into a meeting, as Rich text for the app and the shell."""
from __future__ import annotations

import re

from rich.console import Group
from rich.text import Text

from relmeet.domain import ExchangeKind, ExchangeStatus, InterestKind, Level, local, today
from relmeet.domain.meetings import FIRST_VISIT_ADVICE, PRIVATE_MARK, Known, series_words
from relmeet.pages import formatting
from relmeet.pages.formatting import Hanging, Indented
from relmeet.pages.summary import plain_summary


def _heading(title: str, gap: bool = True) -> Text:
    """A section's title; the brief leaves out the blank line before it, so it fits a 120x36 terminal."""
    return Text(f"\n{title}" if gap else title, style="bold underline")


def _line(text: str, style: str = "") -> Indented:
    """'  text', wrapped lines kept at the indent on screen (not back at the left edge), whole when piped."""
    return Indented(Text(text, style=style), 2)


_BULLET = re.compile(r"([-*•]|\d+[.)])\s+")


def _summary_line(line: str) -> Indented | Hanging:
    """A line of the last summary under "Last time", at the brief's indent plus its own; a list item's wrapped
    lines hang under its text, past the "-" (the drafted summaries list what was said and agreed so)."""
    text = line.lstrip()
    indent = 2 + len(line) - len(text)
    bullet = _BULLET.match(text)
    if bullet is None:
        return Indented(Text(text), indent)
    return Hanging(Text(" " * indent + bullet[1]), Text(text[bullet.end():]))


def _item(label: str, text: str, style: str = "") -> Indented:
    """'  Label: text', wrapped lines kept under the first on screen, whole lines when piped."""
    line = Text.assemble((f"{label}: ", "bold")) if label else Text()
    line.append(text, style=style)
    return Indented(line, 2)


def render(known: Known, *, with_today: bool = True, health: Text | None = None, last_time: bool = True,
           their_asks: bool | None = None) -> Group:
    """`health`, when the caller has it, takes the place of the plain "last met" line. The history, which
    lists every meeting with its summary, leaves out "Last time" (`last_time=False`): one summary, once.

    With `with_today` (the brief) the next meeting's plan comes first, after who they are: it is what the
    organizer reads on the way in. `their_asks` (their asks of me waiting for my answer) is shown in the
    brief and wherever asked for; the history lists every ask with its answer instead."""
    c = known.contact
    parts: list = []
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
        line = Text(f"in {stance.campaign}: ")
        line.append_text(formatting.stance(stance.stance))
        line.append(f", influence {stance.influence}/5")
        parts.append(Indented(line, 2))
    met = formatting.days_ago(known.last_met) if known.last_met else "not met yet"
    line = health.copy() if health is not None else Text(f"Last met: {met}", style="dim")
    if known.last_met and known.last_series_visit:
        line.append(f" · that was the {series_words(known.last_series_visit)}", style="dim")
    if not with_today and known.next_meeting_id is not None and known.next_series_visit:
        line.append(f" · next: {series_words(known.next_series_visit)}", style="dim")
    if known.referred_by:
        line.append(f" · referred by {', '.join(known.referred_by)}", style="dim")
    parts.append(line)
    if c.their_language:
        parts.append(Text("Their words: ", style="bold").append(f"“{c.their_language}”", style="italic"))

    if with_today:
        parts += _next_meeting(known)

    parts.append(_heading("Their story and interests", gap=not with_today))
    if not known.interests:
        parts.append(_line("Nothing yet — listen for what they care about and why.", "dim"))
    for interest in known.interests:
        line = Text.assemble((f"{InterestKind(interest.kind).label}: ", "bold"))
        line.append(interest.text)
        if interest.responsible:
            line.append(f" (holds responsible: {interest.responsible})", style="dim")
        if interest.learned_on:
            line.append(f" — {formatting.days_ago(interest.learned_on)}", style="dim")
        if interest.private:
            line.append(f" {PRIVATE_MARK}", style="bold magenta")
        parts.append(Indented(line, 2))

    if (with_today if their_asks is None else their_asks) and known.their_asks:
        parts.append(_heading("Their asks of me — waiting for my answer", gap=not with_today))
        for ask in known.their_asks:
            line = Text.assemble((f"They asked ({ExchangeKind(ask.kind).label.lower()}): ", "bold"))
            line.append(ask.text)
            line.append(f"  ({_answer(ask)})", style="yellow")
            if ask.private:
                line.append(f" {PRIVATE_MARK}", style="bold magenta")
            parts.append(Indented(line, 2))

    if known.deferred_asks:
        parts.append(_heading("Deferred asks — raise them again", gap=not with_today))
    for ask in known.deferred_asks:
        who = "They asked" if ask.made_by == "them" else "I asked"
        line = Text.assemble((f"{who} ({ExchangeKind(ask.kind).label.lower()}): ", "bold"))
        line.append(ask.text)
        said = f"deferred {ask.asked_on:%-d %b}" if ask.asked_on else "deferred"
        line.append(f"  ({said}" + (f" — {ask.answer}" if ask.answer else "") + ")", style="yellow")
        if ask.private:
            line.append(f" {PRIVATE_MARK}", style="bold magenta")
        parts.append(Indented(line, 2))

    mine = sum(1 for item in known.open_commitments if item.owner == "mine")
    theirs = len(known.open_commitments) - mine
    parts.append(_heading("Open commitments" + (f" — mine {mine}, theirs {theirs}" if with_today and mine + theirs
                                                 else ""), gap=not with_today))
    if not known.open_commitments:
        parts.append(_line("None open.", "dim"))
    for item in known.open_commitments:
        line = Text.assemble(("I promised: " if item.owner == "mine" else "They promised: ", "bold"))
        line.append(item.text + "  ")
        if item.snoozed_until is not None and item.snoozed_until > today():  # snoozed: not overdue until then
            line.append(f"snoozed until {item.snoozed_until:%a %-d %b}", style="cyan")
            line.append(f" ({item.snooze_reason})" if item.snooze_reason else "", style="dim")
        else:
            line.append_text(formatting.due(item.due_on))
        if item.private:
            line.append(f" {PRIVATE_MARK}", style="bold magenta")
        parts.append(Indented(line, 2))

    if last_time:
        parts.append(_heading("Last time" + (f" — {formatting.days_ago(known.last_met)}" if known.last_met else ""),
                              gap=not with_today))
        if known.last_summary:
            parts += [_summary_line(line) for line in plain_summary(known.last_summary).splitlines()]
        else:
            parts.append(_line("No summary written.", "dim"))
        if known.last_next_step:
            parts.append(_item("Next step agreed", known.last_next_step))
    return Group(*parts)


def _answer(ask) -> str:
    """Where their ask stands: 'made, no answer yet' / 'pending: if the board agrees, decide by Mon 7 Dec'."""
    words = ExchangeStatus(ask.status).label.lower()
    if ask.answer:
        words += f" — {ask.answer}"
    if ask.condition:
        words += f": {ask.condition}"
    if ask.decide_by:
        words += f", decide by {ask.decide_by:%a %-d %b}"
    return words


def _next_meeting(known: Known) -> list:
    """The plan for the next meeting: when, where, how long, what for, and what to bring to it."""
    parts: list = [_heading(_next_heading(known.next_at if known.next_meeting_id is not None else None), gap=False)]
    if known.next_meeting_id is None:
        parts.append(_line("No meeting planned — F2 plans one.", "dim"))
        return parts
    when = [formatting.when(known.next_at)]
    if known.next_location:
        when.append(known.next_location)
    if known.next_duration_min:
        when.append(f"{known.next_duration_min} min")
    if known.next_time_asked_min:
        when.append(f"asked them for {known.next_time_asked_min} min")
    parts.append(_item("When", " · ".join(when)))
    stage = [known.next_campaign] if known.next_campaign else []
    if known.next_series_visit:
        stage.append(series_words(known.next_series_visit))
    if stage:
        parts.append(_item("Campaign" if known.next_campaign else "Stage", " · ".join(stage)))
    if known.next_series_visit == 1:
        parts.append(_item("", FIRST_VISIT_ADVICE, "yellow"))
    parts.append(_item("Purpose", known.next_purpose or "(not written)"))
    for label, text in (("Credential", known.next_credential),
                        ("Their self-interest, my guess", known.next_guessed_interest)):
        if text:
            parts.append(_item(label, text))
    for ask in known.planned_asks:
        again = " (raised again: it was deferred)" if ask.raised_from_id else ""
        parts.append(_item(f"Ask ({ExchangeKind(ask.kind).label.lower()})", ask.text + again))
    for label, text in (("I can offer", known.next_offer_plan), ("Frame it as", known.next_framing),
                        ("My story to share", known.next_my_story),
                        ("Risks / what they may need", known.next_risks)):
        if text:
            parts.append(_item(label, text))
    if known.next_questions:
        parts.append(_line("Questions:", "bold"))
        # a long question wraps under its own words, past its number
        parts += [Hanging(Text(f"    {number}."), Text(question))
                  for number, question in enumerate(known.next_questions, start=1)]
    return parts


def _next_heading(at) -> str:
    """'Today', 'Tomorrow', or the day of the next meeting ('Fri 4 Dec'); 'Next meeting' without one."""
    if at is None:
        return "Next meeting"
    days = (local(at).date() - today()).days
    return "Today" if days == 0 else "Tomorrow" if days == 1 else f"Next meeting · {local(at):%a %-d %b}"
