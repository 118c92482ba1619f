"""An organizer's fortnight on a real book, end to end: plan and hold a first meeting with a deferred ask and
commitments both ways; a week later mark one partly met with a progress note (the commitments view); hold
the second meeting where the deferred ask becomes a partial yes — checking the history, the commitments
view, `relmeet due --mine` and the brief at each step. RELMEET_TODAY moves the days."""
from __future__ import annotations

import io
import os
import subprocess
import sys

from rich.console import Console
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, Static

from relmeet.app import RelmeetApp
from relmeet.domain.people import ContactIn
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.commitments import CommitmentsScreen
from relmeet.screens.follow_up import FollowUpScreen
from relmeet.screens.history import HistoryScreen
from relmeet.screens.notes import NotesScreen
from relmeet.screens.prep import PrepScreen
from relmeet.store import contacts
import peek


def _shell(book, day: str, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), *args], capture_output=True,
                         text=True, timeout=60, env=os.environ.copy() | {"RELMEET_TODAY": day})
    assert out.returncode == 0, out.stderr
    return out.stdout


def _plain(renderable) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def _capture(pilot, key: str, **fields) -> None:
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CaptureScreen)
    for name, value in fields.items():
        dialog.query_one(f"#{name}").value = value
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NotesScreen), "the capture dialog stayed open"


async def _history_text(app, pilot, contact_id: int) -> str:
    screen = HistoryScreen(contact_id)
    await app.push_screen(screen)
    await pilot.pause()
    text = _plain(screen.query_one("#history-text", Static).content)
    await pilot.press("escape")
    await pilot.pause()
    return text


async def _prep_and_start(app, pilot, contact_id: int, when: str, tick: int | None = None) -> int:
    prep = PrepScreen(contact_id)
    await app.push_screen(prep)
    await pilot.pause()
    prep.query_one("#when", Input).value = when
    prep.query_one("#purpose", Input).value = "The union local and the hearing"
    if tick is not None:
        prep.query_one(f"#raise-{tick}", Checkbox).value = True
    await pilot.press("f10")
    await pilot.pause()
    assert isinstance(app.screen, NotesScreen)
    return app.screen.meeting_id


async def test_an_organizers_fortnight(book, monkeypatch):
    teresa = contacts.create(book, ContactIn(name="Teresa Alvarez", role="Organizer, SEIU Local 87"))
    # --- Monday 23 Nov: the first one-on-one
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    app = RelmeetApp(book)
    async with app.run_test(size=(160, 50)) as pilot:
        first = await _prep_and_start(app, pilot, teresa, "2026-11-23 09:00")
        await _capture(pilot, "f3", kind="time", text="Ten listening visits in Building B", status="deferred",
                       answer="after the holidays")
        await _capture(pilot, "f3", made_by="them", kind="action", text="Send tenants to speak at the union's hearing",
                       status="agreed", commitment_due="2026-12-04")
        await _capture(pilot, "f5", owner="theirs", text="Confirm four stewards for the house meeting",
                       due="2026-11-27")
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = await _history_text(app, pilot, teresa)
        assert "I asked 1 / they asked 1 · I offered 0 / they offered 0" in text
        assert "I asked (time): Ten listening visits in Building B [deferred — after the holidays]" in text
        assert "They asked (an action): Send tenants to speak at the union's hearing [yes]" in text
    deferred = peek.value(book, "SELECT id FROM exchange WHERE text LIKE 'Ten listening%'")
    mine = _shell(book, "2026-11-23", "due", "--mine", "--days", "14")
    assert "Send tenants to speak at the union's hearing" in mine and "Confirm four stewards" not in mine
    brief = _shell(book, "2026-11-23", "brief", "teresa")
    assert "Deferred asks — raise them again" in brief and "Ten listening visits in Building B" in brief
    assert "They promised: Confirm four stewards for the house meeting" in brief

    # --- Monday 30 Nov: the stewards came in part; the commitments view marks it with a progress note
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-30")
    stewards = peek.value(book, "SELECT id FROM commitment WHERE text LIKE 'Confirm four stewards%'")
    app = RelmeetApp(book)
    async with app.run_test(size=(160, 50)) as pilot:
        view = CommitmentsScreen(owner="theirs")
        await app.push_screen(view)
        await pilot.pause(0.5)
        table = view.query_one("#ledger", DataTable)
        rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        row = next(i for i, line in enumerate(rows) if "Confirm four stewards" in line)
        assert "overdue" in rows[row].lower() or "3 days" in rows[row]
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one("#text", Input).value = "2 of 4 stewards confirmed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is view
        await pilot.press("ctrl+d")
        await pilot.pause()
        app.screen.query_one("#note", Input).value = "2 of 4"
        await pilot.click("#partly")
        await pilot.pause()
        assert app.screen is view
        text = await _history_text(app, pilot, teresa)
        assert "2 of 4" in text
    assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (stewards,)) == "partly"
    assert peek.value(book, "SELECT text FROM commitment_note WHERE commitment_id = ?", (stewards,)) == \
        "2 of 4 stewards confirmed"
    mine = _shell(book, "2026-11-30", "due", "--mine")
    assert "Send tenants to speak at the union's hearing" in mine
    brief = _shell(book, "2026-11-30", "brief", "teresa")
    assert "They promised: Confirm four stewards" not in brief  # partly met: closed, with its outcome in the history
    assert "Ten listening visits in Building B" in brief

    # --- Monday 7 Dec: the second one-on-one raises the deferred ask; a partial yes
    monkeypatch.setenv("RELMEET_TODAY", "2026-12-07")
    app = RelmeetApp(book)
    async with app.run_test(size=(160, 50)) as pilot:
        second = await _prep_and_start(app, pilot, teresa, "2026-12-07 09:00", tick=deferred)
        notes = app.screen
        box = notes.query_one("#captured", OptionList)
        box.focus()
        box.highlighted = next(i for i in range(box.option_count)
                               if "Ten listening visits" in box.get_option_at_index(i).prompt.plain)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen) and dialog.query_one("#status", Select).value == "planned"
        dialog.query_one("#status", Select).value = "partly"
        dialog.query_one("#answer", Input).value = "10 listening visits, no board sign-off yet"
        dialog.query_one("#commitment_due", Input).value = "the 18th"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = await _history_text(app, pilot, teresa)
        view = CommitmentsScreen(owner="theirs")
        await app.push_screen(view)
        await pilot.pause(0.5)
        table = view.query_one("#ledger", DataTable)
        rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("Ten listening visits in Building B" in line for line in rows), rows
    assert second != first
    assert "I asked 2 / they asked 1" in text
    assert "raised 7 Dec: partly yes — 10 listening visits, no board sign-off yet" in text
    assert "deferred — after the holidays; raised 7 Dec" in text
    assert peek.value(book, "SELECT raised_from_id FROM exchange WHERE meeting_id = ?", (second,)) == deferred
    brief = _shell(book, "2026-12-07", "brief", "teresa")
    assert "Deferred asks" not in brief
    theirs = _shell(book, "2026-12-07", "due", "--theirs", "--days", "30")
    assert "Ten listening visits in Building B — 10 listening visits" in theirs
