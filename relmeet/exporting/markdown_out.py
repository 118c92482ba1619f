"""One contact's history, or one meeting's summary, as Markdown to read, print or send.

Private notes and captures stay out unless asked for, and so does the summary of a meeting that has
any (relmeet/store/exports.py says why). Book text is written as typed; only the
characters that would turn a line into a heading, list or table are escaped.
"""
from __future__ import annotations

import re

from relmeet import domain
from relmeet.domain.errors import RelmeetError
from relmeet.domain.text import clean_text
from relmeet.store import exports

_LEADING = re.compile(r"^(\s*)([#>|+*-]|\d+[.)])", re.MULTILINE)


def md(text: str | None) -> str:
    """Book text made inert in Markdown: no accidental headings, lists, HTML or emphasis."""
    if not text:
        return ""
    text = clean_text(text)  # a book from before relmeet removed control characters may hold some
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
    text = text.replace("<", "&lt;").replace("[", "\\[")
    return _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _label(choice, value: str | None) -> str:
    return choice(value).label if value in choice._value2member_map_ else (value or "")


def _when(iso: str | None) -> str:
    moment = domain.from_iso(iso)
    return f"{domain.local(moment):%Y-%m-%d %H:%M}" if moment else "not scheduled"


def _captures(book, column: str, key: int, include_private: bool) -> list[str]:
    """Interests, asks/offers, commitments and referrals as bullet lines."""
    found = exports.captures_of(book, column, key, include_private)
    lines = []
    interests = found["interests"]
    if interests:
        lines += ["", "### Interests", ""]
        for row in interests:
            held = f" (holds responsible: {md(row['responsible'])})" if row["responsible"] else ""
            lines.append(f"- **{_label(domain.InterestKind, row['kind'])}:** {md(row['text'])}{held}")
    exchanges = found["exchanges"]
    if exchanges:
        lines += ["", "### Asks and offers", ""]
        for row in exchanges:
            lines.append(f"- **{row['direction'].capitalize()}** ({_label(domain.ExchangeKind, row['kind']).lower()}): "
                         f"{md(row['text'])} — {_label(domain.ExchangeStatus, row['status']).lower()}")
    commitments = found["commitments"]
    if commitments:
        lines += ["", "### Commitments", ""]
        for row in commitments:
            due = f", due {row['due_on']}" if row["due_on"] else ""
            box = "x" if row["status"] == "done" else " "
            lines.append(f"- [{box}] {_label(domain.Owner, row['owner'])}: {md(row['text'])}{due} "
                         f"({_label(domain.CommitmentStatus, row['status']).lower()})")
    refs = found["referrals"]
    if refs:
        lines += ["", "### Suggested to talk to", ""]
        lines += [f"- {md(r['name'])}" + (f" — {md(r['note'])}" if r["note"] else "") for r in refs]
    return lines


def _section(title: str, text: str | None) -> list[str]:
    return ["", f"**{title}:** {md(text)}"] if text and text.strip() else []


def meeting_summary(book, meeting_id: int, include_private: bool = False, *, captures: bool = True) -> str:
    row = exports.meeting(book, meeting_id)
    if row is None:
        raise RelmeetError(f"there is no meeting #{meeting_id}")
    lines = [f"# Meeting with {md(row['contact'])} — {_when(row['scheduled_at'] or row['started_at'])}", ""]
    facts = [f"{_label(domain.MeetingType, row['type'])} meeting", _label(domain.MeetingStatus, row["status"]).lower()]
    if row["location"]:
        facts.append(f"at {md(row['location'])}")
    if row["duration_min"]:
        facts.append(f"{row['duration_min']} min")
    if row["campaign"]:
        facts.append(f"campaign: {md(row['campaign'])}")
    lines.append(", ".join(facts))
    lines += _section("Purpose", row["purpose"])
    if row["notes"] and (include_private or not row["notes_private"]):
        lines += ["", "## Notes", "", md(row["notes"])]
    if captures:
        lines += _captures(book, "meeting_id", meeting_id, include_private)
    if include_private or not row["has_private"]:  # a summary may retell the meeting's private items
        lines += _section("Summary", row["summary"])
    lines += _section("Next step", row["next_step"])
    if row["check_in_on"]:
        lines += ["", f"**Check in on:** {row['check_in_on']}"]
    return "\n".join(lines) + "\n"


def contact_history(book, contact_id: int, include_private: bool = False) -> str:
    row = exports.contact(book, contact_id)
    if row is None:
        raise RelmeetError(f"there is no contact #{contact_id}")
    lines = [f"# {md(row['name'])}", ""]
    who = [_label(domain.Level, row["level"])]
    if row["role"] or row["organization"]:
        who.insert(0, " at ".join(md(p) for p in (row["role"], row["organization"]) if p))
    who += [_label(domain.Stance, row["stance"]).lower(), f"influence {row['influence']}/5",
            _label(domain.Rung, row["rung"]).lower()]
    if row["is_leader"]:
        who.append("leader")
    if row["is_gatekeeper"]:
        who.append("gatekeeper")
    lines.append(" · ".join(who))
    reach = [md(v) for v in (row["phone"], row["email"], row["neighbourhood"]) if v]
    if reach:
        lines += ["", " · ".join(reach)]
    tags = exports.tags_of(book, contact_id)
    if tags:
        lines += ["", "Tags: " + ", ".join(md(t) for t in tags)]
    lines += _section("Their language", row["their_language"])
    if row["notes"] and (include_private or not row["notes_private"]):
        lines += _section("Notes", row["notes"])
    lines += [line.replace("### ", "## ", 1) if line.startswith("### ") else line
              for line in _captures(book, "contact_id", contact_id, include_private)]
    refs = exports.referrals_of(book, contact_id)
    if refs:
        lines += ["", "## Referrals", ""]
        lines += [f"- {r['way']} {md(r['name'])}" + (f" — {md(r['note'])}" if r["note"] else "") for r in refs]
    meeting_ids = exports.meeting_ids_of(book, contact_id)
    if meeting_ids:
        lines += ["", "## Meetings"]
        for meeting_id in meeting_ids:
            # captures are listed once above, for the whole relationship
            summary = meeting_summary(book, meeting_id, include_private, captures=False).rstrip("\n").split("\n")
            # the meeting's own heading drops a level and loses the contact's name (it is the page's title)
            title = summary[0].removeprefix("# Meeting with ").removeprefix(md(row["name"])).removeprefix(" — ")
            lines += ["", f"### {title}"]
            lines += ["#### " + line.lstrip("#").lstrip() if line.startswith("#") else line for line in summary[1:]]
    return "\n".join(lines) + "\n"
