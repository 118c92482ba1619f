"""An organization's page rolls up its people: their meetings, asks and offers both ways, open commitments;
and one person is marked its day-to-day contact."""
from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.history import HistoryScreen
from relmeet.screens.organization import OrganizationScreen
from relmeet.store import captures, contacts, meetings
import peek


def _clinic(book) -> tuple[int, int, int]:
    clinic = contacts.create(book, ContactIn(name="Southside Clinic", kind="organization", level="organization"))
    director = contacts.create(book, ContactIn(name="Dr. Amara Singh", organization_id=clinic, role="Director"))
    marcus = contacts.create(book, ContactIn(name="Marcus Bell", organization_id=clinic, role="CHW lead"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=director, purpose="Get to know the clinic"))
    meetings.start(book, meeting)
    meetings.end(book, meeting)
    captures.add_exchange(book, director, "ask", "action", "Host a listening session", meeting_id=meeting)
    captures.add_exchange(book, director, "ask", "endorsement", "Sign the letter", meeting_id=meeting)
    captures.add_commitment(book, director, "theirs", "Send the waiting-room numbers", None, meeting_id=meeting)
    return clinic, director, marcus


def _text(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static)) + "\n" + "\n".join(
        str(o.prompt) for o in screen.query_one("#org-people", OptionList).options)


async def test_enter_on_an_organization_opens_its_page_with_its_peoples_work(book):
    clinic, director, marcus = _clinic(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#contacts")
        table.move_cursor(row=table.get_row_index(str(clinic)))
        await pilot.press("enter")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, OrganizationScreen)
        shown = _text(page)
        assert "People · 2 people" in shown
        assert "I asked 2, I offered 0" in shown  # the director's asks count for the organization
        assert "I asked Dr. Amara Singh: Host a listening session" in shown
        assert "Dr. Amara Singh: Send the waiting-room numbers" in shown
        assert "Get to know the clinic" in shown
        assert "met 1 time" in shown
        # Down to Marcus, Ctrl+D: the day-to-day contact, with his role as the note to start from
        await pilot.press("down", "ctrl+d")
        await pilot.pause()
        assert "Day-to-day contact: Marcus Bell" in _text(page)
        assert page.query_one("#org-note", Input).value == "CHW lead"
        assert tuple(peek.row(book, "SELECT day_to_day_id, day_to_day_note FROM contact WHERE id = ?", (clinic,))) \
            == (marcus, "CHW lead")
        # the note is typed, and kept when leaving without Enter
        page.query_one("#org-note", Input).value = "CHW lead, texts first"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OrganizationScreen)
    assert peek.value(book, "SELECT day_to_day_note FROM contact WHERE id = ?", (clinic,)) == "CHW lead, texts first"


async def test_enter_on_a_person_of_the_page_opens_their_history(book):
    clinic, director, marcus = _clinic(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_contact(clinic)
        await pilot.pause()
        page = app.screen
        people = page.query_one("#org-people", OptionList)
        assert app.focused is people
        assert [o.id for o in people.options] == [str(director), str(marcus)]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.selected_contact_id == director
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is page
        # Ctrl+D on the day-to-day contact again: nobody
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "nobody marked yet" in _text(page)
    assert peek.value(book, "SELECT day_to_day_id FROM contact WHERE id = ?", (clinic,)) is None


def test_the_day_to_day_contact_goes_when_that_person_is_deleted(book):
    from relmeet.store import organizations

    clinic, director, marcus = _clinic(book)
    organizations.set_day_to_day(book, clinic, marcus, "CHW lead")
    with peek.write(book) as conn:
        conn.execute("DELETE FROM contact WHERE id = ?", (marcus,))
    page = organizations.page(book, clinic)
    assert page.day_to_day_id is None and [p.name for p in page.people] == ["Dr. Amara Singh"]
