"""The person as organizers know them, through the contact form: name parts, several e-mails and phones
(labels, one preferred, a bad one kept and struck through), birthday with or without a year, address,
pronouns, how to reach them, leadership and gatekeeper notes, and who referred them."""
from __future__ import annotations

from textual.widgets import Input, Static

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.contact_form import ContactFormScreen
from relmeet.store import contacts, meetings
import peek
from steps import notices


def _struck(static: Static) -> list[str]:
    """The parts of a shown list that are struck through."""
    text = static.render()
    return [text.plain[span.start:span.end] for span in text.spans if "strike" in str(span.style)]


async def test_a_new_person_with_every_field(book):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        for widget_id, text in (("#honorific", "Rev."), ("#given_name", "Ana María"), ("#family_name", "Ruiz Peña"),
                                ("#goes_by", "Pastora Ana"), ("#birthday", "--05-17"), ("#pronouns", "she/her"),
                                ("#street", "12 Oak St"), ("#city", "Springfield"), ("#postal_code", "01101"),
                                ("#reach_note", "texts after 6pm; Spanish first"),
                                ("#leadership_note", "has a base and a following"),
                                ("#gatekeeper_note", "the deacon board's approval")):
            form.query_one(widget_id, Input).value = text
            await pilot.pause()
        # the display name follows its parts while none was typed
        assert form.query_one("#name", Input).value == "Rev. Ana María Ruiz Peña"
        form.query_one("#email").value = "ana@old.example.org, work (bad)\nana@example.org, home"
        form.query_one("#phone").value = "+1 (555) 010-2030, mobile"
        form.query_one("#referred_by", Input).value = "Marcus Bell"
        await pilot.pause()
        assert _struck(form.query_one("#email-shown", Static)) == ["ana@old.example.org"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactFormScreen)
        told = await notices(pilot)
        assert any("Saved Rev. Ana María Ruiz Peña." in m and "Marcus Bell is in the book now too" in m
                   for m in told), told
    ana = peek.row(book, "SELECT * FROM contact WHERE name = 'Rev. Ana María Ruiz Peña'")
    assert (ana["honorific"], ana["given_name"], ana["family_name"], ana["goes_by"]) == (
        "Rev.", "Ana María", "Ruiz Peña", "Pastora Ana")
    assert (ana["birthday"], ana["pronouns"], ana["street"], ana["city"], ana["postal_code"]) == (
        "--05-17", "she/her", "12 Oak St", "Springfield", "01101")
    assert ana["reach_note"] == "texts after 6pm; Spanish first"
    assert (ana["leadership_note"], ana["gatekeeper_note"]) == ("has a base and a following",
                                                                 "the deacon board's approval")
    # the bounced address is kept, marked, and never the one used
    assert ana["email"] == "ana@example.org" and ana["phone"] == "+1 (555) 010-2030"
    assert [tuple(r) for r in peek.rows(book, "SELECT address, label, preferred, bad FROM contact_email "
                                              "WHERE contact_id = ? ORDER BY position", (ana["id"],))] == [
        ("ana@old.example.org", "work", 0, 1), ("ana@example.org", "home", 1, 0)]
    assert [tuple(r) for r in peek.rows(book, "SELECT number, label, preferred FROM contact_phone "
                                              "WHERE contact_id = ?", (ana["id"],))] == [
        ("+1 (555) 010-2030", "mobile", 1)]
    # who referred her is a person in the book now, linked by a referral
    marcus = peek.row(book, "SELECT id, rung FROM contact WHERE name = 'Marcus Bell'")
    assert marcus["rung"] == "identified"
    assert peek.value(book, "SELECT count(*) FROM referral WHERE from_contact_id = ? AND to_contact_id = ?",
                      (marcus["id"], ana["id"])) == 1

    # opened again, the form shows it all back, the bad address struck through
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ContactFormScreen(ana["id"]))
        await pilot.pause()
        form = app.screen
        assert form.query_one("#email").value == "ana@old.example.org, work (bad)\nana@example.org, home (preferred)"
        assert _struck(form.query_one("#email-shown", Static)) == ["ana@old.example.org"]
        assert form.query_one("#referred_by", Input).value == "Marcus Bell"
        assert not form.has_unsaved()


async def test_a_bad_address_is_never_the_preferred_one_and_a_wrong_birthday_is_named(book):
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn", email="rosa@example.org"))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ContactFormScreen(rosa))
        await pilot.pause()
        form = app.screen
        form.query_one("#email").value = "rosa@example.org (bad) (preferred)\nrosa@work.example.org, work"
        form.query_one("#birthday", Input).value = "17 May"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#field-birthday .field-error").render())
        assert "--05-17" in error
        assert peek.value(book, "SELECT count(*) FROM contact_email WHERE bad = 1") == 0
        form.query_one("#birthday", Input).value = "1984-05-17"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    assert peek.value(book, "SELECT email FROM contact WHERE id = ?", (rosa,)) == "rosa@work.example.org"
    assert peek.value(book, "SELECT address FROM contact_email WHERE bad = 1") == "rosa@example.org"
    assert peek.value(book, "SELECT birthday FROM contact WHERE id = ?", (rosa,)) == "1984-05-17"


async def test_referred_by_picks_the_right_one_of_two_with_the_same_name(book):
    union = contacts.create(book, ContactIn(name="Eastside Tenants Union", kind="organization", level="organization"))
    first = contacts.create(book, ContactIn(name="Rosa Nguyễn", organization_id=union))
    second = contacts.create(book, ContactIn(name="Rosa Nguyễn", email="rosa.n@example.org"))
    labels = [p.name for p in contacts.people_choices(book)]
    assert f"Rosa Nguyễn (Eastside Tenants Union, #{first})" in labels
    assert f"Rosa Nguyễn (rosa.n@example.org, #{second})" in labels
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Hieu Tran")
        form.query_one("#referred_by", Input).focus()
        await pilot.press(*"rosa nguyễn (rosa")
        await pilot.press("right")  # takes the suggestion
        assert form.query_one("#referred_by", Input).value == f"Rosa Nguyễn (rosa.n@example.org, #{second})"
        await pilot.press("ctrl+s")
        await pilot.pause()
    hieu = peek.value(book, "SELECT id FROM contact WHERE name = 'Hieu Tran'")
    assert [tuple(r) for r in peek.rows(book, "SELECT from_contact_id, to_contact_id FROM referral")] == [
        (second, hieu)]
    assert peek.value(book, "SELECT count(*) FROM contact") == 4  # nobody added


def test_a_first_held_meeting_moves_the_rung_from_identified(book):
    hieu = contacts.create(book, ContactIn(name="Hieu Tran"))
    leader = contacts.create(book, ContactIn(name="Denise Okafor", rung="leader"))
    assert contacts.get(book, hieu).rung == "identified"
    for person in (hieu, leader):
        meeting = meetings.plan(book, MeetingPlan(contact_id=person, purpose="First one-on-one"))
        meetings.start(book, meeting)
        meetings.end(book, meeting)
    assert peek.value(book, "SELECT rung FROM contact WHERE id = ?", (hieu,)) == "met"
    assert peek.value(book, "SELECT rung FROM contact WHERE id = ?", (leader,)) == "leader"  # never moved down
