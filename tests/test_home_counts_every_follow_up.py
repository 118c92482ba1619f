"""The home screen's "Overdue: theirs N, mine M" agrees with `relmeet due --mine`: mine counts every line it
lists as overdue — a commitment, an answer to decide, a check-in, a thank-you — and says which besides
commitments. On the demo book, "today" pinned; then a check-in is added and passes."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
import peek
from relmeet.store import health
from steps import home_counts_line

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())


def _overdue_lines(book) -> list[str]:
    env = os.environ.copy() | {"RELMEET_TODAY": TODAY.isoformat()}
    done = subprocess.run([sys.executable, "-m", "relmeet", "due", "--mine", "--days", "0", "--db", str(book.path)],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    owed = done.stdout.split("Upcoming meetings")[0]
    return [line for line in owed.splitlines() if " overdue  " in line]


async def test_mine_counts_every_overdue_line_of_relmeet_due_mine(demo_book):
    listed = _overdue_lines(demo_book)
    assert any("thank-you (Dr. Amara Singh)" in line for line in listed), listed
    counts = health.overview(demo_book)
    assert counts["overdue_mine"] == len(listed) and counts["thank_you_overdue"] == 1
    line = await home_counts_line(demo_book)
    assert f"mine {len(listed)} (1 to thank)" in line, line
    # each contact's health line counts theirs the same way: Dr. Singh's thank-you is overdue, mine
    singh = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Dr. Amara Singh'")
    assert health.contact_health(demo_book, singh).overdue_mine == sum("Dr. Amara Singh" in line for line in listed) == 1

    # a check-in with Teresa, due a week ago (her last meeting, nothing held with her since)
    teresa = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Teresa Alvarez'")
    last = peek.value(demo_book, "SELECT id FROM meeting WHERE contact_id = ? AND status = 'held' "
                                 "ORDER BY started_at DESC LIMIT 1", (teresa,))
    with peek.write(demo_book) as conn:
        conn.execute("UPDATE meeting SET check_in_on = ? WHERE id = ?", ((TODAY - timedelta(days=7)).isoformat(), last))
    listed = _overdue_lines(demo_book)
    assert any("Teresa Alvarez" in line for line in listed), listed
    counts = health.overview(demo_book)
    assert (counts["overdue_mine"], counts["check_in_overdue"]) == (len(listed), 1)
    line = await home_counts_line(demo_book)
    assert f"mine {len(listed)} (1 to check in, 1 to thank)" in line, line
    assert health.contact_health(demo_book, teresa).overdue_mine == 1


def test_an_archived_contacts_own_page_counts_their_check_ins_and_thank_yous(demo_book):
    """Archived, Dr. Singh leaves the home screen's counts and `relmeet due`; her own page still counts
    what is overdue with her, the thank-you and a check-in as much as a commitment or a decide-by date."""
    from relmeet.store import contacts

    singh = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Dr. Amara Singh'")
    last = peek.value(demo_book, "SELECT id FROM meeting WHERE contact_id = ? AND status = 'held' "
                                 "ORDER BY started_at DESC LIMIT 1", (singh,))
    with peek.write(demo_book) as conn:
        conn.execute("UPDATE meeting SET check_in_on = ? WHERE id = ?", ((TODAY - timedelta(days=2)).isoformat(), last))
    before = health.contact_health(demo_book, singh).overdue_mine
    assert before >= 2  # the thank-you and the check-in
    mine_at_home = health.overview(demo_book)["overdue_mine"]

    contacts.set_archived(demo_book, singh, True)
    assert health.contact_health(demo_book, singh).overdue_mine == before
    assert health.overview(demo_book)["overdue_mine"] == mine_at_home - before
    assert not any("Dr. Amara Singh" in line for line in _overdue_lines(demo_book))
