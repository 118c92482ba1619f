"""Issue 13 (review): the home screen's "Overdue: theirs N, mine M" counts a pending ask whose decide-by date
has passed with no answer, as the commitments view and `relmeet due --mine` list it: a follow-up mine to
chase, whoever asked. Answered, still to come, or an archived contact's: not counted. On a real book,
"today" pinned to Monday 23 Nov 2026."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

import peek
from relmeet.domain.people import ContactIn
from relmeet.store import captures, commitments, contacts, health
from steps import home_counts_line

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())


@pytest.fixture
def asks(book):
    """One overdue commitment each way; my ask of the pastor and Dr. Singh's ask of me, both pending past
    their decide-by day; and asks that are no overdue answer: answered, due today or later, deferred, or of
    an archived contact."""
    amara = contacts.create(book, ContactIn(name="Dr. Amara Singh"))
    okafor = contacts.create(book, ContactIn(name="Pastor Denise Okafor"))
    gone = contacts.create(book, ContactIn(name="Marcus Webb"))
    for owner, text in (("theirs", "Invite five neighbors"), ("mine", "Bring the ordinance summary")):
        captures.add_commitment(book, okafor, owner, text, TODAY - timedelta(days=3))
    ids = {"amara": amara, "okafor": okafor, "gone": gone}
    ids["mine"] = captures.add_exchange(book, okafor, "ask", "endorsement", "Grace AME endorses the ordinance",
                                        status="thinking", condition="once the deacon board agrees",
                                        decide_by=TODAY - timedelta(days=2))
    ids["theirs"] = captures.add_exchange(book, amara, "ask", "action", "Bring two tenants to the board meeting",
                                          made_by="them", status="thinking", decide_by=TODAY - timedelta(days=1))
    captures.add_exchange(book, amara, "ask", "action", "Testify at the hearing", status="agreed",
                          decide_by=TODAY - timedelta(days=5))
    captures.add_exchange(book, okafor, "ask", "time", "Host a house meeting", status="thinking", decide_by=TODAY)
    captures.add_exchange(book, okafor, "ask", "money", "A second collection", status="thinking",
                          decide_by=TODAY + timedelta(days=4))
    captures.add_exchange(book, okafor, "ask", "money", "A third collection", status="deferred",
                          decide_by=TODAY - timedelta(days=4))
    ids["archived"] = captures.add_exchange(book, gone, "ask", "time", "Door-knock Building C", status="thinking",
                                            decide_by=TODAY - timedelta(days=6))
    contacts.set_archived(book, gone, True)
    return ids


def _due_mine(book) -> str:
    env = os.environ.copy() | {"RELMEET_TODAY": TODAY.isoformat()}
    done = subprocess.run([sys.executable, "-m", "relmeet", "due", "--mine", "--days", "0", "--db", str(book.path)],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_passed_decide_by_counts_as_overdue_mine_as_relmeet_due_lists_it_whoever_asked(book, asks):
    counts = health.overview(book)
    # mine: my commitment, my ask of the pastor and her ask of me; theirs: only their commitment
    assert (counts["overdue_theirs"], counts["overdue_mine"], counts["decide_overdue"]) == (1, 3, 2)
    # the same two as the commitments view's overdue decide-by rows and `relmeet due --mine`'s overdue lines
    overdue = [d.id for d in commitments.decisions(book) if d.due_on < TODAY]
    assert sorted(overdue) == sorted([asks["mine"], asks["theirs"]])
    listed = [line for line in _due_mine(book).splitlines() if "overdue  decide (" in line]
    assert len(listed) == counts["decide_overdue"]
    assert 'decide (Pastor Denise Okafor): I asked "Grace AME endorses the ordinance"' in listed[0]
    assert 'decide (Dr. Amara Singh): They asked "Bring two tenants to the board meeting"' in listed[1]

    captures.update(book, "exchange", asks["mine"], status="agreed", commits=False)  # the pastor said yes
    assert peek.value(book, "SELECT status FROM exchange WHERE id = ?", (asks["mine"],)) == "agreed"
    counts = health.overview(book)
    assert (counts["overdue_theirs"], counts["overdue_mine"], counts["decide_overdue"]) == (1, 2, 1)

    contacts.set_archived(book, asks["gone"], False)  # back from the archive, the ask is overdue again
    assert peek.value(book, "SELECT archived_at FROM contact WHERE id = ?", (asks["gone"],)) is None
    assert health.overview(book)["decide_overdue"] == 2


async def test_the_home_screen_counts_them_in_mine_and_says_how_many_are_to_decide(book, asks):
    line = await home_counts_line(book)
    assert line.startswith("Overdue: theirs 1, mine 3 (2 to decide) · asks "), line
    captures.update(book, "exchange", asks["theirs"], status="declined", answer="Not this month")
    captures.update(book, "exchange", asks["mine"], status="agreed")
    assert peek.value(book, "SELECT count(*) FROM exchange WHERE status = 'thinking' AND decide_by < ?",
                      (TODAY.isoformat(),)) == 1  # the archived contact's only
    line = await home_counts_line(book)
    assert line.startswith("Overdue: theirs 1, mine 1 · asks "), line


def test_an_archived_contacts_overdue_commitments_are_not_counted_as_relmeet_due_leaves_them_out(book, asks):
    # Marcus is archived: what he promised and what I promised him, both overdue, are out of every list
    captures.add_commitment(book, asks["gone"], "theirs", "Bring the Building C keys", TODAY - timedelta(days=9))
    captures.add_commitment(book, asks["gone"], "mine", "Call the inspector for him", TODAY - timedelta(days=2))
    assert peek.value(book, "SELECT count(*) FROM commitment WHERE status = 'open' AND due_on < ?",
                      (TODAY.isoformat(),)) == 4
    assert "Marcus Webb" not in _due_mine(book)
    counts = health.overview(book)
    assert (counts["overdue_theirs"], counts["overdue_mine"]) == (1, 3)
    contacts.set_archived(book, asks["gone"], False)  # back from the archive, his promises count again
    counts = health.overview(book)
    assert (counts["overdue_theirs"], counts["overdue_mine"], counts["decide_overdue"]) == (2, 5, 3)
    assert "Marcus Webb" in _due_mine(book)
