"""The brief, as read on the way in: F3 in the app and `relmeet brief` in the shell show when, where and how
long (the time asked for), the campaign, purpose, credential, the questions, the guessed self-interest, their
story and interests, their asks of me still waiting, deferred asks, open commitments both ways and the last
summary. Longer than an 80x24 terminal, it pages, and its last line says there is more."""
from __future__ import annotations

import io
import os
import subprocess
import sys

from rich.console import Console
from textual.widgets import Static

import brief_book
from relmeet.app import RelmeetApp
from relmeet.domain.people import ContactIn
from relmeet.screens.brief import BriefScreen
from relmeet.store import contacts
import peek


def _plain(renderable) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _brief(book, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), "brief", *args],
                         capture_output=True, text=True, timeout=60, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_brief_has_everything_for_the_meeting_in_reading_order(book):
    brief_book.fill(book)
    lines = _brief(book, "adeyemi").splitlines()
    expected = [
        "Rev. Samuel Adeyemi  ⚑ gatekeeper",
        "Last met: 3 weeks ago · that was the first visit of a series",
        "Tomorrow",
        "  When: tomorrow 16:00 · Grace AME fellowship hall · 45 min · asked them for 30 min",
        "  Campaign: Just-cause eviction ordinance · visit 2 of a series",
        "  Purpose: Hear what the board said; ask for a listening session",
        "  Credential: Referred by Pastor Denise Okafor; with the Eastside Tenants Union",
        "  Their self-interest, my guess: Keeping young families in the parish",
        "  My story to share: My own family's eviction in 2011",
        "  Risks / what they may need: Needs cover with the board: no partisan exposure; credit to the church",
        "  Questions:",
        *(f"    {n}. {q}" for n, q in enumerate(brief_book.QUESTIONS, start=1)),
        "Their story and interests",
        "  Story: Grew up in a family evicted twice; started the shelter nights — 3 weeks ago",
        "Their asks of me — waiting for my answer",
        "Deferred asks — raise them again",
        "Open commitments — mine 1, theirs 1",
        "Last time — 3 weeks ago",
        "  Thank you for the hour, Samuel. You told me about the shelter nights and the families who leave the "
        "parish when the rent goes up.",
        "  Next step agreed: Meet again after he asks the board",
    ]
    at = [lines.index(line) for line in expected]  # each whole on its own line (piped: never cut at 80)
    assert at == sorted(at), "the brief's parts are out of order"
    text = "\n".join(lines)
    assert ("They asked (support): Write a letter of support for the shelter's permit  (pending: if the board "
            "signs off first, decide by ") in text
    assert "I asked (time): Announce the listening sessions from the pulpit" in text and "after Advent" in text
    assert "I promised: Send him the rent data for the parish's blocks" in text
    assert "They promised: Ask the deacon board about a listening campaign" in text
    # a visit 2 is no first visit: no "don't pitch" there
    assert "Don't pitch yet" not in text
    assert peek.value(book, "SELECT count(*) FROM exchange WHERE made_by = 'them' AND status = 'thinking'") == 1


async def test_a_long_brief_pages_at_80x24_with_a_more_line(book):
    pastor = brief_book.fill(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(BriefScreen(pastor))
        await pilot.pause()
        more = app.screen.query_one("#brief-more", Static)
        body = app.screen.query_one("#brief-body")
        assert more.display and more.region.bottom <= app.screen.query_one("Footer").region.y
        assert str(more.render()).startswith("▼ more below — PgDn or ↓ (lines 1–")
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        assert str(more.render()).startswith(("▼ more below — PgDn or ↓ (lines ", "▲ end of the brief"))
        assert f"(lines {round(body.scroll_y) + 1}–" in str(more.render())
        await pilot.press("end")
        await pilot.pause()
        assert str(more.render()).startswith("▲ end of the brief — PgUp or ↑ for the top")
        # the last summary's last line is on screen at the end
        last = app.screen.query_one("#brief-text", Static)
        assert body.scroll_y == body.max_scroll_y and last.region.height > body.region.height
    assert peek.value(book, "SELECT count(*) FROM meeting WHERE contact_id = ?", (pastor,)) == 2


async def test_a_short_brief_fits_and_says_nothing_about_more(book):
    newcomer = contacts.create(book, ContactIn(name="Hieu Tran", role="Corner-store owner"))
    app = RelmeetApp(book)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(BriefScreen(newcomer))
        await pilot.pause()
        assert not app.screen.query_one("#brief-more", Static).display
        assert app.screen.query_one("#brief-body").max_scroll_y == 0
        assert "No meeting planned — F2 plans one." in _plain(app.screen.query_one("#brief-text", Static).content)
    assert peek.value(book, "SELECT name FROM contact WHERE id = ?", (newcomer,)) == "Hieu Tran"
