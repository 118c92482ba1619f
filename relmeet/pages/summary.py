"""The follow-up's draft: a short Markdown summary / thank-you from what was captured.

Items marked private stay out of the draft unless asked for: the summary is written to be sent.
"""
from __future__ import annotations

from relmeet.domain import ExchangeKind, ExchangeStatus, InterestKind, local, today
from relmeet.domain.meetings import COMMITTING, SummaryParts

# words before a name that are not a name: "Thank you, Rev.," is no way to thank Rev. Ana Ruiz
TITLES = {"rev", "reverend", "dr", "doctor", "pastor", "father", "fr", "sister", "sr", "brother", "br", "mr", "mrs",
          "ms", "mx", "miss", "prof", "professor", "rabbi", "imam", "bishop", "deacon", "elder", "minister",
          "councilmember", "councilman", "councilwoman", "council", "member", "mayor", "senator", "rep",
          "representative", "judge", "hon", "honorable", "don", "doña", "dona", "sra", "srta", "señor", "señora",
          "the", "very", "right", "st", "saint"}
# given names that often come second in a two-word given name: "María José Alvarez" is thanked as María
# José, while "José Martínez López" (two family names) is thanked as José
SECOND_GIVEN = {"josé", "jose", "maría", "maria", "luis", "carlos", "ana", "elena", "pablo", "antonio", "manuel",
                "isabel", "teresa", "carmen", "jesús", "jesus", "ann", "anne", "lou", "jo", "beth", "kay", "lynn",
                "marie", "claude", "pierre", "paul", "louise", "jean", "eugenia", "fernanda", "guadalupe"}


def salutation(name: str, *, honorific: str = "", given_name: str = "", goes_by: str = "") -> str:
    """The name to thank someone by: the name they go by, else their given name, else one read from the
    display name without its titles ("Pastor Denise Okafor" → Denise; "María José Alvarez" → María José).
    With only a title and a family name left ("Dr. Singh"), the title stays: "Dr. Singh"."""
    for chosen in (goes_by, given_name):
        if chosen.strip():
            return " ".join(chosen.split())
    words = name.split()
    titles = []
    honorific_words = {w.strip(".").casefold() for w in honorific.split()}
    while words and (words[0].strip(".,").casefold() in TITLES | honorific_words):
        titles.append(words.pop(0))
    if not words:
        return " ".join(titles) or "friend"
    if len(words) == 1:
        return " ".join([*titles, words[0]]) if titles else words[0]
    if len(words) >= 3 and words[1].casefold() in SECOND_GIVEN:
        return " ".join(words[:2])
    return words[0]


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
    if len(parts.people) > 1:  # a house meeting: thanks to everyone, each person's part under their name
        from relmeet.pages.house import group_draft, split

        return group_draft(parts.people[0][1], split(parts), include_private=include_private)
    def shown(items: list) -> list:
        return items if include_private else [item for item in items if not item.private]

    card = parts.meeting
    first = salutation(card.contact, honorific=parts.honorific, given_name=parts.given_name, goes_by=parts.goes_by)
    when = local(card.started_at or card.scheduled_at)
    day = when.strftime("%a %-d %b %Y") if when else today().strftime("%a %-d %b %Y")
    lines = [f"# One-on-one with {card.contact} — {day}", "", f"Thank you, {first}, for making the time to talk."]
    interests = shown(parts.interests)
    if interests:
        lines += ["", "## In your words"]
        lines += [f"- {InterestKind(i.kind).label}: “{i.text}”" for i in interests]
    exchanges = shown(parts.exchanges)
    agreed = [x for x in exchanges if x.direction == "ask" and x.status in COMMITTING]
    open_asks = [x for x in exchanges if x.direction == "ask" and x.status not in COMMITTING]
    offers = [x for x in exchanges if x.direction == "offer" and x.status not in ("declined", "planned")]

    def said(x) -> str:
        return f" ({x.answer})" if getattr(x, "answer", "") else ""

    if agreed or offers:
        lines += ["", "## What we agreed"]
        for x in agreed:
            partly = "partly " if x.status == "partly" else ""
            lines.append(f"- I'll do what you asked{' (in part)' if partly else ''}: {x.text}{said(x)}"
                         if x.made_by == "them" else f"- You said {partly}yes to: {x.text}{said(x)}")
        lines += [f"- {'You' if x.made_by == 'them' else 'I'} offered: {x.text}" for x in offers]
    if open_asks:
        lines += ["", "## Still open"]
        for x in open_asks:
            who = "You asked: " if x.made_by == "them" else ""
            lines.append(f"- {who}{x.text} ({ExchangeStatus(x.status).label.lower()}, "
                         f"{ExchangeKind(x.kind).label.lower()}){said(x)}")
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

