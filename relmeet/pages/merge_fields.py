"""How the merge screen shows two contacts side by side: readable values, and what will move."""
from __future__ import annotations

from rich.text import Text

from relmeet import domain
from relmeet.domain.people import MERGE_FIELDS, MergeSides

_CHOICES = {"kind": domain.ContactKind, "level": domain.Level, "stance": domain.Stance, "rung": domain.Rung,
            "contact_method": domain.ContactMethod}


def _shown(sides: MergeSides, name: str, value) -> str:
    if name in _CHOICES:
        choice = _CHOICES[name]
        return choice(value).label if value in choice._value2member_map_ else str(value)
    if name in ("is_leader", "is_gatekeeper"):
        return "yes" if value else "no"
    if name == "organization_id":
        return sides.organization_names.get(value, "") if value else ""
    text = "" if value is None else str(value)
    return text if len(text) <= 44 else text[:43] + "…"


def field_rows(sides: MergeSides) -> list[tuple[str, str, str, str]]:
    """(field, label, kept value, other value) for every field where the two differ."""
    keep, drop = sides.keep, sides.drop
    rows = []
    for name, label in MERGE_FIELDS:
        if keep[name] != drop[name] or name == "name":
            if name == "notes" and drop["notes_private"]:
                label = "Notes (private)"
            rows.append((name, label, _shown(sides, name, keep[name]).replace("\n", " "),
                         _shown(sides, name, drop[name]).replace("\n", " ")))
    keep_tags, drop_tags = sides.keep_tags, sides.drop_tags
    if keep_tags or drop_tags:  # not a choice: the contact kept gets both sets
        rows.append(("tags", "Tags (all kept)", ", ".join(keep_tags), ", ".join(drop_tags)))
    return rows


_ONE = {"meetings": "meeting", "interests": "interest", "asks and offers": "ask or offer",
        "commitments": "commitment", "referrals": "referral", "members": "member"}


def describe_moves(sides: MergeSides) -> Text:
    keep, drop = sides.keep, sides.drop
    counts = {what: n for what, n in sides.moving.items() if n}
    line = Text()
    if counts:
        line.append(", ".join(f"{n} {what if n != 1 else _ONE.get(what, what)}" for what, n in counts.items()))
        line.append(" of ")
        line.append(drop["name"], style="bold")
        line.append(" move to ")
    else:
        line.append("Nothing else is recorded for ")
        line.append(drop["name"], style="bold")
        line.append("; the merge keeps ")
    line.append(keep["name"], style="bold")
    line.append(". Enter on a row takes the other value; Ctrl+S merges.")
    return line
