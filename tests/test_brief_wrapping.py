"""Issue 14 (review): at 80 columns the brief's indented lines (the last summary under "Last time", a campaign's
stance, a long question) wrapped back to the left edge. Wrapped, they keep their indent, in the app (F3) and in
`relmeet brief` in a terminal; a summary's list item and a question hang under their own words. Piped, each
line is still printed whole."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import fields, replace

import brief_book
import peek
from relmeet.app import RelmeetApp
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.screens.brief import BriefScreen
from relmeet.store import campaigns, follow_up, meetings
from screen_text import screen_lines
from terminal import Terminal

OPENING = ("Thank you for the hour, Samuel. You told me about the shelter nights and the families who leave the "
           "parish when the rent goes up.")
ITEM = ("You said yes to: announce the listening sessions from the pulpit on the first Sunday after Advent, "
        "with the deacons beside you")
SUMMARY = f"{OPENING}\n\n## What we agreed\n- {ITEM}\n"
QUESTION = ("What would your deacon board need to hear before a listening campaign, and who on the board would "
            "carry it to the congregation?")
CAMPAIGN = "Just-cause eviction ordinance and the right to counsel for every tenant facing eviction in the county"


def _pastor(book) -> int:
    """The brief book's pastor, his last meeting's summary with a long list item, a long last question for the
    next meeting, a long campaign name and his stance in it."""
    pastor = brief_book.fill(book)
    planned = peek.value(book, "SELECT id FROM meeting WHERE contact_id = ? AND status = 'planned'", (pastor,))
    card = meetings.get(book, planned)
    plan = MeetingPlan(**{f.name: getattr(card, f.name) for f in fields(MeetingPlan)})
    questions = "\n".join(f"- {q}" for q in (*brief_book.QUESTIONS[:2], QUESTION))
    meetings.plan(book, replace(plan, questions=questions), planned)
    held = peek.value(book, "SELECT id FROM meeting WHERE contact_id = ? AND status = 'held'", (pastor,))
    follow_up.save(book, held, FollowUpForm(FollowUp(summary=SUMMARY, next_step="Meet again after he asks the board")))
    campaign = peek.value(book, "SELECT id FROM campaign")
    from relmeet.domain.campaigns import CampaignIn

    campaigns.save(book, CampaignIn(name=CAMPAIGN), campaign)
    campaigns.set_position(book, campaign, pastor, stance="potential_ally", influence=4)
    assert peek.value(book, "SELECT summary FROM meeting WHERE id = ?", (held,)) == SUMMARY.strip()
    return pastor


def _block(lines: list[str], first: str, whole: str) -> list[str]:
    """The line that starts with `first` (after its indent) and the lines that continue it, up to `whole`'s
    last word."""
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
    for end in range(start + 1, len(lines) + 1):
        if _words(lines[start:end]) == " ".join(whole.split()):
            return lines[start:end]
    raise AssertionError(f"{whole!r} is not whole from {lines[start]!r}: {lines[start:start + 6]}")


def _words(block: list[str]) -> str:
    return " ".join(" ".join(block).split())


def _assert_wrapped(lines: list[str]) -> None:
    """At 80 columns: the summary's opening wraps at the brief's indent (2), its list item under its words (4),
    the campaign's stance at 2, the long question under its words (7); nothing starts at column 0 inside."""
    opening = _block(lines, "Thank you for the hour", OPENING)
    assert len(opening) > 1, lines
    assert all(line.startswith("  ") and line[2] != " " for line in opening), opening
    item = _block(lines, "- You said yes to", f"- {ITEM}")
    assert len(item) > 1 and item[0].startswith("  - You said yes"), item
    assert all(line.startswith("    ") and line[4] != " " for line in item[1:]), item
    stance = [i for i, line in enumerate(lines) if line.startswith("  in Just-cause eviction ordinance")]
    assert stance, lines
    assert lines[stance[0] + 1].startswith("  ") and lines[stance[0] + 1][2] != " ", lines[stance[0]:stance[0] + 2]
    question = _block(lines, "3. What would", f"3. {QUESTION}")
    assert question[0].startswith("    3. What would"), question
    assert len(question) > 1 and all(line.startswith(" " * 7) and line[7] != " " for line in question[1:]), question
    assert all(len(line.rstrip()) <= 80 for line in lines)


async def test_the_app_brief_keeps_the_indent_of_wrapped_lines_at_80_columns(book):
    pastor = _pastor(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(BriefScreen(pastor))
        await pilot.pause()
        body = app.screen.query_one("#brief-body")
        left = body.region.x
        seen: list[str] = []
        for _page in range(12):  # read the brief a screen at a time, as the organizer pages through it
            rows = [line[left:body.region.right] for line in screen_lines(app)[body.region.y:body.region.bottom]]
            start = round(body.scroll_y)
            seen[start:start + len(rows)] = rows
            if body.scroll_y >= body.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
    text = [line.rstrip() for line in seen]
    margin = min(len(line) - len(line.lstrip()) for line in text if line.strip())  # the screen's own padding
    _assert_wrapped([line[margin:] for line in text])


def _in_a_terminal(book, columns: int) -> str:
    """`relmeet brief adeyemi` in a pseudo-terminal `columns` wide: what it printed, colour codes removed."""
    with Terminal("--db", str(book.path), "brief", "adeyemi", columns=columns, lines=50) as terminal:
        assert terminal.finish(30) == 0, terminal.seen
        seen = terminal.seen
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode()).replace("\r\n", "\n")


def test_relmeet_brief_in_an_80_column_terminal_keeps_the_indent(book):
    _pastor(book)
    _assert_wrapped(_in_a_terminal(book, 80).splitlines())


def test_relmeet_brief_piped_prints_each_line_whole(book):
    _pastor(book)
    env = os.environ.copy() | {"COLUMNS": "80"}
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), "brief", "adeyemi"],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert f"  {OPENING}" in lines
    assert f"  - {ITEM}" in lines
    assert f"    3. {QUESTION}" in lines
    assert any(line.startswith(f"  in {CAMPAIGN}: ") for line in lines)
