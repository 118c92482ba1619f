"""Two copies of relmeet on one book: how their edits are put together without losing either.

Both merges are three-way: each side is compared with the text (or the form) both started from, so what
one side left alone takes the other side's change, and only a part both sides changed differently is a
conflict. Merging against the common start is what keeps repeated saves from growing: a side's earlier
additions are already in the start the next time, so they are never added again.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from relmeet.domain.errors import ConflictError

# Around a part of the notes both copies changed differently; each version is kept once, the other copy's first.
THEIRS_OPEN = "--- two copies of relmeet changed this part; the other copy's version: ---"
MINE_OPEN = "--- this copy's version: ---"
BOTH_CLOSE = "--- end of the two versions ---"


class FieldConflict(ConflictError):
    """Another copy saved a different value in a field this form changed too.

    `fields` maps each such field to (mine, theirs); `theirs` is every field as the book holds it now,
    the start to compare with once the organizer has chosen.
    """

    def __init__(self, fields: dict[str, tuple[Any, Any]], theirs: Any):
        self.fields = fields
        self.theirs = theirs
        names = ", ".join(name.replace("_", " ") for name in fields)
        super().__init__(f"another copy of relmeet changed {names} since this form was opened")


def merge_fields(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
                 ) -> tuple[dict[str, Any], dict[str, tuple[Any, Any]], list[str]]:
    """Field by field: (merged values, conflicts as name -> (mine, theirs), fields taken from theirs).

    A field only one side changed takes that side's value; a field both changed to the same value is no
    conflict.
    """
    merged: dict[str, Any] = {}
    conflicts: dict[str, tuple[Any, Any]] = {}
    taken: list[str] = []
    for name, value in mine.items():
        start, now = base.get(name, value), theirs.get(name, value)
        if now == start or now == value:
            merged[name] = value
        elif value == start:
            merged[name] = now
            taken.append(name)
        else:
            merged[name] = value
            conflicts[name] = (value, now)
    return merged, conflicts, taken


def _lines(text: str) -> list[str]:
    # Every line ends with a newline while merging, so that a last line without one still matches the
    # same line once more text is typed after it.
    if not text:
        return []
    return (text if text.endswith("\n") else text + "\n").splitlines(keepends=True)


def _sync_regions(base: list[str], mine: list[str], theirs: list[str]) -> list[tuple[int, int, int, int, int, int]]:
    """Stretches of the start that both sides kept unchanged: (base, mine, theirs) start and end."""
    to_mine = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    to_theirs = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(to_mine) and j < len(to_theirs):
        b1, m1, n1 = to_mine[i]
        b2, t2, n2 = to_theirs[j]
        low, high = max(b1, b2), min(b1 + n1, b2 + n2)
        if low < high:
            regions.append((low, high, m1 + low - b1, m1 + high - b1, t2 + low - b2, t2 + high - b2))
        if b1 + n1 < b2 + n2:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions


def _settle(base: list[str], mine: list[str], theirs: list[str]) -> tuple[list[str], bool]:
    """One stretch where the sides differ: the lines to keep, and whether it is a conflict."""
    if mine == theirs or theirs == base:
        return mine, False
    if mine == base:
        return theirs, False
    if not base:  # both added lines at the same place: keep each addition once, theirs first
        if mine[:len(theirs)] == theirs:
            return mine, False
        if theirs[:len(mine)] == mine:
            return theirs, False
        return theirs + mine, False
    return [THEIRS_OPEN + "\n", *theirs, MINE_OPEN + "\n", *mine, BOTH_CLOSE + "\n"], True


def merge_text(base: str, mine: str, theirs: str) -> tuple[str, int]:
    """Merge two edits of the same text by lines, against the text both started from.

    Returns the merged text and how many parts were changed differently by both (each marked once with
    both versions). With nothing new on either side the result is the same text: repeated saves don't grow.
    """
    if mine == theirs or theirs == base:
        return mine, 0
    if mine == base:
        return theirs, 0
    b, m, t = _lines(base), _lines(mine), _lines(theirs)
    out: list[str] = []
    conflicts = 0
    bz = mz = tz = 0
    for b1, b2, m1, m2, t1, t2 in _sync_regions(b, m, t):
        kept, clash = _settle(b[bz:b1], m[mz:m1], t[tz:t1])
        out += kept
        conflicts += clash
        out += b[b1:b2]
        bz, mz, tz = b2, m2, t2
    text = "".join(out)
    # the end of the text keeps the newline (or its absence) of the side that changed it
    ends_open = not (mine.endswith("\n") if mine != base else theirs.endswith("\n"))
    if ends_open and text.endswith("\n"):
        text = text[:-1]
    return text, conflicts
