"""Snoozing a commitment or a check-in: until the day it was put off to, it shows as snoozed, not overdue,
in `relmeet due` and in the counts; on that day it is due again."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.store import due, health, snooze
import peek

T = "2026-11-01T18:00:00+00:00"


def _relmeet_due(book, today: str) -> str:
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), "due"], capture_output=True,
                         text=True, timeout=60, env={**os.environ, "RELMEET_TODAY": today})
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture
def owed(book, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    with peek.write(book) as conn:
        conn.execute(f"INSERT INTO contact (id, name, created_at, updated_at) VALUES (1, 'Rosa Nguyễn', '{T}', '{T}')")
        conn.execute(f"INSERT INTO meeting (id, contact_id, status, scheduled_at, check_in_on, created_at, updated_at) "
                     f"VALUES (1, 1, 'held', '{T}', '2026-11-22', '{T}', '{T}')")
        conn.execute(f"INSERT INTO commitment (id, contact_id, meeting_id, owner, text, due_on, created_at, updated_at) "
                     f"VALUES (1, 1, 1, 'mine', 'Flyer in Vietnamese', '2026-11-20', '{T}', '{T}'), "
                     f"(2, 1, 1, 'mine', 'Call the landlord', '2026-11-21', '{T}', '{T}')")
    return book


def test_a_snoozed_commitment_shows_as_snoozed_not_overdue_until_its_day(owed, monkeypatch):
    book = owed
    before = _relmeet_due(book, "2026-11-23")
    assert "3 days overdue  I owe (Rosa Nguyễn): Flyer in Vietnamese" in before
    # mine: the two commitments and the check-in `relmeet due --mine` lists as overdue
    assert "check in (Rosa Nguyễn)" in before.split("Upcoming")[0]
    assert (health.overview(book)["overdue_mine"], health.overview(book)["check_in_overdue"]) == (3, 1)
    snooze.snooze(book, "commitment", 1, date(2026, 11, 27), "printer broken [until Friday]")
    snooze.snooze(book, "check_in", 1, date(2026, 12, 10), "away until the 10th")
    assert tuple(peek.row(book, "SELECT snoozed_until, snooze_reason FROM commitment WHERE id = 1")) == (
        "2026-11-27", "printer broken [until Friday]")
    assert tuple(peek.row(book, "SELECT snoozed_until, snooze_reason FROM meeting WHERE id = 1")) == (
        "2026-12-10", "away until the 10th")
    shown = _relmeet_due(book, "2026-11-23")
    assert ("snoozed until Fri 27 Nov  I owe (Rosa Nguyễn): Flyer in Vietnamese (printer broken [until Friday])"
            in shown)
    assert "Flyer in Vietnamese" not in shown.split("snoozed until")[0]  # not listed as overdue
    assert "2 days overdue  I owe (Rosa Nguyễn): Call the landlord" in shown
    assert "check in (Rosa Nguyễn)" not in shown  # snoozed past this week
    items = {i.text: i for i in due.due_soon(book)}
    assert items["Flyer in Vietnamese"].snoozed_until == date(2026, 11, 27)
    assert (health.overview(book)["overdue_mine"], health.overview(book)["check_in_overdue"]) == (1, 0)
    assert health.contact_health(book, 1).overdue_mine == 1
    # after that day it is overdue again, counted from the day it was due
    again = _relmeet_due(book, "2026-11-28")
    assert "8 days overdue  I owe (Rosa Nguyễn): Flyer in Vietnamese" in again
    # unsnoozed: overdue at once
    snooze.unsnooze(book, "commitment", 1)
    assert "3 days overdue  I owe (Rosa Nguyễn): Flyer in Vietnamese" in _relmeet_due(book, "2026-11-23")
    assert tuple(peek.row(book, "SELECT snoozed_until, snooze_reason FROM commitment WHERE id = 1")) == (None, "")


def test_snooze_needs_a_later_day_and_something_still_due(owed):
    book = owed
    with pytest.raises(ValidationError):
        snooze.snooze(book, "commitment", 1, date(2026, 11, 23))
    with peek.write(book) as conn:
        conn.execute("UPDATE commitment SET status = 'done' WHERE id = 2")
    with pytest.raises(RelmeetError):
        snooze.snooze(book, "commitment", 2, date(2026, 12, 1))
    with pytest.raises(RelmeetError):
        snooze.snooze(book, "win", 1, date(2026, 12, 1))
    assert peek.value(book, "SELECT count(*) FROM commitment WHERE snoozed_until IS NOT NULL") == 0


def test_a_snoozed_check_in_is_not_overdue_in_the_history(owed):
    from relmeet.pages.history import render
    from relmeet.store.history import history
    from rich.console import Console
    import io

    def shown() -> str:
        console = Console(width=200, file=io.StringIO(), record=True)
        console.print(render(history(owed, 1)))
        return console.export_text()

    assert "Check-in overdue: it was set for Sun 22 Nov" in shown()
    snooze.snooze(owed, "check_in", 1, date(2026, 12, 10), "away until the 10th")
    assert "Check-in overdue" not in shown() and "Check in by Thu 10 Dec" in shown()
