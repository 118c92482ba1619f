"""Pictures of the commitments view on the demo book, 'today' pinned: a check-in passed, a commitment partly
done with a progress note, one involving a second contact, closed ones shown with their outcome."""
from __future__ import annotations

from datetime import date

import pytest

import peek
from relmeet.app import RelmeetApp
from relmeet.store import commitments

SIZES = {"wide": (120, 36), "narrow": (80, 24)}


def _worked(book) -> None:
    """A week after the demo's meetings: what an organizer would have marked and noted."""
    def commitment(text: str) -> int:
        return peek.value(book, "SELECT id FROM commitment WHERE text LIKE ?", (f"{text}%",))

    with peek.write(book) as conn:  # the pastor's check-in date has passed (the demo sets one to come)
        conn.execute("UPDATE meeting SET check_in_on = '2026-11-18' WHERE check_in_on IS NOT NULL")
    neighbors = commitment("Invite five Building B neighbors")
    commitments.add_note(book, neighbors, "two said yes at the laundry room", on=date(2026, 11, 17))
    commitments.mark(book, neighbors, "partly", on=date(2026, 11, 19), note="3 of 5 came")
    commitments.set_involved(book, commitment("Send two paragraphs of testimony"),
                             peek.value(book, "SELECT id FROM contact WHERE name = 'Rosa Nguyễn'"))


@pytest.mark.parametrize("size", SIZES)
def test_commitments_view(snap_compare, pinned_demo, size):
    _worked(pinned_demo)

    async def steps(pilot):
        await pilot.pause()
        pilot.app.action_commitments_all()
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#closed").value = True  # outcomes too
        await pilot.pause()
        for field in screen.query("Input"):
            field.cursor_blink = False
        table = screen.query_one("#ledger")
        table.move_cursor(row=table.row_count - 1)  # the one partly done, to show its progress note
        await pilot.pause()

    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=SIZES[size], run_before=steps)
