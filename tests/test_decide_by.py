"""Issue 13: a pending ask's decide-by date is a follow-up, mine to chase whoever asked: listed in the home
screen's Due pane, `relmeet due` (--mine, --days) and the commitments view's "What I owe", overdue once passed
until its answer is recorded; Enter on it opens the ask's own dialog. On real books, "today" pinned to
Monday 23 Nov 2026."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from textual.widgets import DataTable, OptionList, Select

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import captures, contacts, follow_up, meetings
from steps import run_from_palette

TODAY = date(2026, 11, 23)  # a Monday
CONDITION = "if two tenants are willing to speak in public"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())


@pytest.fixture
def pending(book):
    """Dr. Singh's ask of me, pending on a condition, to decide by Thursday; my ask of the pastor, whose
    decide-by day passed on Saturday; and pending or answered asks that are no follow-up."""
    amara = contacts.create(book, ContactIn(name="Dr. Amara Singh"))
    okafor = contacts.create(book, ContactIn(name="Pastor Denise Okafor"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=amara, scheduled_at=datetime(2026, 11, 18, 17)))
    start = datetime(2026, 11, 18, 17)
    meetings.record_held(book, meeting, start, start + timedelta(hours=1), "")
    follow_up.mark_summary_sent(book, meeting, on=TODAY - timedelta(days=4))  # no thank-you among the rows
    ids = {"amara": amara, "okafor": okafor, "meeting": meeting}
    ids["board"] = captures.add_exchange(
        book, amara, "ask", "action", "Bring two tenants with asthma to the clinic's board meeting", made_by="them",
        status="thinking", condition=CONDITION, decide_by=TODAY + timedelta(days=3), meeting_id=meeting)
    ids["endorse"] = captures.add_exchange(
        book, okafor, "ask", "endorsement", "Grace AME endorses the ordinance", status="thinking",
        condition="once the deacon board agrees", decide_by=TODAY - timedelta(days=2))
    # no day to decide by, answered already, or raised later: nothing to chase by a date
    captures.add_exchange(book, okafor, "ask", "time", "Host a house meeting", status="thinking")
    captures.add_exchange(book, amara, "ask", "action", "Testify at the council hearing", status="agreed",
                          decide_by=TODAY + timedelta(days=1))
    captures.add_exchange(book, okafor, "ask", "money", "A second collection", status="deferred",
                          decide_by=TODAY + timedelta(days=1))
    return ids


def _due(book, *args: str) -> subprocess.CompletedProcess:
    env = os.environ.copy() | {"RELMEET_TODAY": TODAY.isoformat()}
    return subprocess.run([sys.executable, "-m", "relmeet", "due", "--db", str(book.path), *args],
                          capture_output=True, text=True, timeout=60, env=env)


def test_relmeet_due_lists_each_decide_by_date_as_mine_overdue_once_passed_until_answered(book, pending):
    mine = _due(book, "--mine")
    assert mine.returncode == 0, mine.stderr
    lines = mine.stdout.splitlines()
    assert lines[1:3] == [
        '  2 days overdue  decide (Pastor Denise Okafor): I asked "Grace AME endorses the ordinance" — once the '
        'deacon board agrees',
        '  Thu 26 Nov  decide (Dr. Amara Singh): They asked "Bring two tenants with asthma to the clinic\'s board '
        f'meeting" — {CONDITION}']
    assert "Host a house meeting" not in mine.stdout and "Testify" not in mine.stdout
    assert "second collection" not in mine.stdout
    assert "decide" not in _due(book, "--theirs").stdout  # mine to chase, whoever asked
    soon = _due(book, "--days", "1").stdout  # --days counts it: Thursday is three days off
    assert "Grace AME endorses" in soon and "clinic's board meeting" not in soon

    captures.update(book, "exchange", pending["endorse"], status="agreed", commits=True)
    after = _due(book, "--mine").stdout
    assert "Grace AME endorses" not in after and "clinic's board meeting" in after
    assert peek.value(book, "SELECT status FROM exchange WHERE id = ?", (pending["endorse"],)) == "agreed"


def _ledger_rows(app) -> list[str]:
    table = app.screen.query_one("#ledger", DataTable)
    return [table.get_row_at(i)[1].plain.replace("\n", " | ") for i in range(table.row_count)]


async def test_the_commitments_view_lists_it_under_what_i_owe_and_enter_records_the_answer(book, pending):
    app = RelmeetApp(book)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        screen = app.screen
        title = str(screen.query_one("#ledger-title").render())
        assert "· 2 to decide (1 overdue)" in title
        assert _ledger_rows(app) == [
            "decide by Sat 21 Nov — Pastor Denise Okafor: 'once the deacon board agrees' | "
            "I asked: Grace AME endorses the ordinance",
            f"decide by Thu 26 Nov — Dr. Amara Singh: '{CONDITION}' | "
            "They asked: Bring two tenants with asthma to the clinic's board meeting"]
        screen.query_one("#owner", Select).value = "theirs"
        await pilot.pause()
        assert not any("decide by" in row for row in _ledger_rows(app))
        screen.query_one("#owner", Select).value = "mine"
        await pilot.pause()
        table = screen.query_one("#ledger", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.pause()
        assert "Enter opens the ask to record the answer" in str(screen.query_one("#ledger-detail-text").render())
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "CaptureScreen" and dialog.editing.id == pending["board"]
        assert dialog.query_one("#condition").value == CONDITION
        dialog.query_one("#status", Select).value = "agreed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert [row.split(" | ")[0] for row in _ledger_rows(app)] == [
            "decide by Sat 21 Nov — Pastor Denise Okafor: 'once the deacon board agrees'",
            "Dr. Amara Singh"]  # the yes is my commitment now, and no longer to decide
        assert "Bring two tenants with asthma" in _ledger_rows(app)[1]
        assert "· 1 to decide (1 overdue)" in str(screen.query_one("#ledger-title").render())
    assert peek.value(book, "SELECT status FROM exchange WHERE id = ?", (pending["board"],)) == "agreed"
    assert peek.value(book, "SELECT owner FROM commitment WHERE exchange_id = ?", (pending["board"],)) == "mine"


async def test_home_lists_it_due_and_enter_opens_the_ask_then_it_leaves_the_pane(book, pending):
    app = RelmeetApp(book)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await pilot.pause(0.5)
        box = app.screen.query_one("#due", OptionList)
        lines = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
        assert lines == [
            '2 days overdue  decide Pastor Denise Okafor\n  I asked "Grace AME endorses the ordinance" — once the '
            'deacon board agrees',
            'Thu 26 Nov  decide Dr. Amara Singh\n  They asked "Bring two tenants with asthma to the clinic\'s board '
            f'meeting" — {CONDITION}']
        box.focus()
        box.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "CaptureScreen" and dialog.editing.id == pending["endorse"]
        dialog.query_one("#status", Select).value = "declined"
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        box = app.screen.query_one("#due", OptionList)
        lines = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
        assert len(lines) == 1 and "Bring two tenants" in lines[0]
    assert peek.value(book, "SELECT status FROM exchange WHERE id = ?", (pending["endorse"],)) == "declined"


async def test_an_ask_removed_by_another_copy_is_said_so_and_leaves_the_list(book, pending):
    from steps import notices

    app = RelmeetApp(book)
    async with app.run_test(size=(150, 40), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        table = app.screen.query_one("#ledger", DataTable)
        table.focus()
        table.move_cursor(row=1)
        captures.remove(book, "exchange", pending["board"])  # another copy of relmeet, meanwhile
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommitmentsScreen"
        toasts = await notices(pilot)
        assert any("That ask is no longer in the book" in toast for toast in toasts)
        assert not any("Answer recorded" in toast for toast in toasts)
        assert not any("clinic's board meeting" in row for row in _ledger_rows(app))
    assert peek.value(book, "SELECT count(*) FROM exchange WHERE id = ?", (pending["board"],)) == 0
