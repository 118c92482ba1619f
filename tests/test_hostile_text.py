"""Text is text: names, notes and files that look like markup or hold terminal escapes are kept and shown
as typed, never run as markup, and never reach the terminal or a file as control characters.

The targeted tests replay what was reproduced by hand (issue 12, findings 4 and 5); the property test at
the end feeds generated hostile text through every screen, every export and the shell lookups.
"""
from __future__ import annotations

import os
import re
import unicodedata
import subprocess
import sys
from pathlib import Path

from textual import events
from textual.geometry import Region
from textual.widgets import Input

from relmeet.app import RelmeetApp
from relmeet.screens.contact_form import ContactFormScreen
from relmeet.store import Book
import peek

# What no output may hold: C0 controls but tab and newline (CR only in a CRLF line end), DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
MARKUP_NAMES = ["Ann [/]", "[link=http://x]y[/link]", "[@click=app.quit]hi[/]"]
ESCAPED_NAME = "Evil\x1b]0;PWNED\x07 Name\x1b[31m"   # retitles the terminal, then turns it red
ESCAPED_NOTE = "line one\x1b]0;HACKED\x07\r\nbell\x07 nul\x00 esc\x1b[2J end"


def screen_text(app) -> str:
    """Every line the widgets of the screen in view draw (toasts included), as plain text."""
    lines = []
    for widget in app.screen.walk_children(with_self=False):
        width, height = widget.outer_size
        if not widget.display or not width * height:
            continue
        for strip in widget.render_lines(Region(0, 0, width, height)):
            lines.append(strip.text)
    return "\n".join(lines)


def relmeet_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, timeout=60,
                          env=os.environ.copy())


async def test_markup_in_a_name_is_saved_and_shown_as_typed_and_its_toast_is_not_a_link(book):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for name in MARKUP_NAMES:
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, ContactFormScreen)
            app.screen.query_one("#name", Input).value = name
            await pilot.press("ctrl+s")
            await pilot.pause(0.2)
            assert app.is_running, f"the app ended on saving {name!r}"
            assert type(app.screen).__name__ == "HomeScreen"
            shown = screen_text(app)
            assert f"Saved {name}." in shown  # the toast, word for word
            assert name in shown               # the contact list
        # a click on the toast of "[@click=app.quit]hi[/]" where "hi" would be a live action
        toast = [t for t in app.screen.query("Toast") if "app.quit" in screen_text(app)][-1]
        offset = (toast.content_region.x - toast.region.x + len("Saved "), toast.content_region.y - toast.region.y)
        await pilot.click(toast, offset=offset)
        await pilot.pause(0.3)
        assert app.is_running and app.return_code is None
    assert sorted(r[0] for r in peek.rows(book, "SELECT name FROM contact")) == sorted(MARKUP_NAMES)


async def test_a_date_echoed_in_its_error_is_text_and_the_plan_is_kept(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        prep = app.screen
        prep.query_one("#purpose", Input).value = "Ask about [the] hearing"
        prep.query_one("#when", Input).value = "at [/] o clock"
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert app.is_running
        assert app.screen is prep
        error = prep.query_one("#field-when .field-error")
        assert error.display and "at [/] o clock" in screen_text(app)
        assert prep.query_one("#purpose", Input).value == "Ask about [the] hearing"


async def test_a_file_name_with_brackets_in_the_import_screen_is_shown_as_typed(book, tmp_path):
    odd = tmp_path / "[link=a:b]list[b].txt"
    odd.write_bytes(b"\x00\x01binary")
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        for typed in (f"'{tmp_path}/[link=x:y]missing.vcf'", f"'{odd}'"):
            app.screen.query_one("#paths", Input).value = typed
            app.screen.query_one("#paths", Input).focus()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            assert app.is_running
            assert type(app.screen).__name__ == "ImportScreen"
        shown = " ".join(screen_text(app).split())
        assert "[link=a:b]list[b].txt" in shown and "binary file" in shown


async def test_control_characters_typed_or_pasted_into_fields_are_not_stored(book):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        # pasted: the terminal hands the app the text as it was copied
        app.post_message(events.Paste("Rosa\x00 Ng\x1b[1muyễn\x07"))
        await pilot.pause()
        assert form.query_one("#name", Input).value == "Rosa Nguyễn"
        form.query_one("#notes").focus()
        app.post_message(events.Paste(ESCAPED_NOTE))
        await pilot.pause()
        assert form.query_one("#notes").text == "line one\nbell nul esc end"
        # however a value gets into a field, the book keeps it without control characters
        form.query_one("#role", Input).value = "\x1b]0;title\x07captain"
        form.query_one("#language", Input).value = "Vietnamese\x1b[31m\x00"
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert "Saved Rosa Nguyễn." in screen_text(app)
    row = peek.row(book, "SELECT name, role, language, notes FROM contact")
    assert tuple(row) == ("Rosa Nguyễn", "captain", "Vietnamese", "line one\nbell nul esc end")


def test_every_store_write_drops_control_characters(book):
    from relmeet.domain.meetings import MeetingPlan
    from relmeet.domain.people import ContactIn
    from relmeet.store import captures, contacts, meetings, prep

    rosa = contacts.create(book, ContactIn(name="Rosa\x1b[31m", tags=["ten\x07ants"]))
    captures.add_interest(book, rosa, "concern", "Mold\x00 in the\x1b]0;x\x07 bathroom")
    assert contacts.validate(ContactIn(name="\x1b[31m\x07")) == {"name": "A name is needed."}
    bo = contacts.create(book, ContactIn(name="Bo", tags=["\x07", "\x1b[1m", "ok"]))  # tags of nothing but controls
    prep.save_plan(book, MeetingPlan(contact_id=bo), [("action", "\x1b[31m\x07"), ("time", "Host\x00 it")])
    with peek.write(book) as conn:
        meeting = conn.execute("INSERT INTO meeting (contact_id, type, status, created_at, updated_at) "
                               "VALUES (?, 'other', 'in_progress', '2026-01-01', '2026-01-01')", (rosa,)).lastrowid
    meetings.save_notes(book, meeting, "Rent\r\nup\x1b[2J 18%", 0)
    assert peek.value(book, "SELECT name FROM contact WHERE id = ?", (rosa,)) == "Rosa"
    assert [r[0] for r in peek.rows(book, "SELECT tag FROM contact_tag ORDER BY tag")] == ["ok", "tenants"]
    assert [r[0] for r in peek.rows(book, "SELECT text FROM exchange")] == ["Host it"]
    assert peek.value(book, "SELECT text FROM interest") == "Mold in the bathroom"
    assert peek.value(book, "SELECT notes FROM meeting WHERE id = ?", (meeting,)) == "Rent\nup 18%"


VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
         "FN:Evil\x1b]0;PWNED\x07 Name\x1b[31m\r\n"
         "NOTE:met at the \x1b]2;retitled\x1b\\\\rally\x07\\nsecond line\x00\r\n"
         "CATEGORIES:ten\x00ants\r\n"
         "END:VCARD\r\n")


def test_a_vcard_with_escapes_imports_clean_and_the_shell_prints_none(book_path, tmp_path):
    card = tmp_path / "evil.vcf"
    card.write_bytes(VCARD.encode("utf-8"))
    Book(book_path).close()
    imported = relmeet_cli("--db", str(book_path), "import", str(card))
    assert imported.returncode == 0, imported.stderr
    assert not CONTROL.search(imported.stdout + imported.stderr)
    row = peek.row(book_path, "SELECT name, notes FROM contact")
    assert row["name"] == "Evil Name" and row["notes"] == "met at the rally\nsecond line"
    assert peek.value(book_path, "SELECT tag FROM contact_tag") == "tenants"
    for command in (["show", "evil"], ["brief", "evil"], ["search", "rally"]):
        out = relmeet_cli("--db", str(book_path), *command)
        assert out.returncode == 0, out.stderr
        assert "Evil Name" in out.stdout
        assert not CONTROL.search(out.stdout + out.stderr), (command, out.stdout)


def test_a_book_written_before_holds_escapes_and_nothing_prints_or_exports_them(book, tmp_path):
    # an older relmeet stored what the card said; the shell and the exports must still not pass it on
    with peek.write(book) as conn:
        evil = conn.execute("INSERT INTO contact (kind, name, notes, role, created_at, updated_at) VALUES "
                            "('person', ?, ?, 'cap\x1b[1mtain', '2026-01-01', '2026-01-01')",
                            (ESCAPED_NAME, ESCAPED_NOTE)).lastrowid
        conn.execute("INSERT INTO commitment (contact_id, owner, text, due_on, status, created_at, updated_at) "
                     "VALUES (?, 'mine', ?, date('now'), 'open', '2026-01-01', '2026-01-01')",
                     (evil, "Call\x1b]0;x\x07 back\x07"))
        conn.execute("INSERT INTO interest (contact_id, kind, text, created_at) VALUES (?, 'concern', ?, '2026-01-01')",
                     (evil, "rent\x1b]0;x\x07 hikes\x00"))
        conn.execute("INSERT INTO meeting (contact_id, type, status, scheduled_at, purpose, notes, created_at, "
                     "updated_at) VALUES (?, 'other', 'planned', datetime('now', '+1 day'), ?, ?, '2026-01-01', "
                     "'2026-01-01')", (evil, "Ask\x1b[5m about\x07 it", ESCAPED_NOTE))
        conn.execute("INSERT INTO contact (kind, name, created_at, updated_at) VALUES "
                     "('person', 'Evelyn\x07 Two\x1b[0m', '2026-01-01', '2026-01-01')")
    for command in (["show", "evil"], ["brief", "evil"], ["search", "hikes"], ["search", "evil"], ["due"],
                    ["show", "ev"]):
        out = relmeet_cli("--db", str(book.path), *command)
        assert not CONTROL.search(out.stdout + out.stderr), (command, out.stdout, out.stderr)
        # what stood around the escapes is there (Rich drops a BEL before relmeet sees the sequence it ended)
        assert "Evil" in out.stdout and " Name" in out.stdout, command
        assert " back" in out.stdout or command[0] != "due"
    written = {}
    for fmt, extra in (("vcard", []), ("csv", []), ("csv", ["--of", "meetings"]), ("json", []),
                       ("markdown", ["--contact", "evil"])):
        target = tmp_path / f"out-{fmt}-{len(extra)}"
        out = relmeet_cli("--db", str(book.path), "export", "--format", fmt, *extra, "--include-private",
                          "-o", str(target))
        assert out.returncode == 0, out.stderr
        written[fmt] = target.read_text(encoding="utf-8-sig")
        assert not CONTROL.search(written[fmt]), (fmt, written[fmt])
    assert "FN:Evil Name" in written["vcard"] and "Evil Name" in written["csv"]


# -- the property: generated hostile text through every screen, every export and the shell lookups ------------

import asyncio  # noqa: E402
import tempfile  # noqa: E402
from datetime import date, timedelta  # noqa: E402

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from relmeet.domain import utcnow  # noqa: E402
from relmeet.domain.errors import ValidationError  # noqa: E402
from relmeet.domain.text import clean_text  # noqa: E402

PIECES = ["[/]", "[b]", "[/b]", "[link=http://x]y[/link]", "[link=a:b]", "[@click=app.quit]hi[/]", "[red on blue]",
          "[", "]", "\\", "\\[", "[[", "\x1b]0;PWNED\x07", "\x1b]8;;http://x\x1b\\", "\x1b[31m", "\x1b[2J", "\x1bc",
          "\x00", "\x07", "\x08", "\x7f", "\x9b31m", "\x0c", "שלום", "مرحبا", "\u202e", "e\u0301", "Z\u0351\u0352",
          "Đặng", "Nguyễn", "O'Brien", "*", "_", "#", "<b>", "&amp;", "=1+1", "@x", "-2", ",", ";", "::", "`"]
# names: letters, marks, digits, punctuation, symbols and spaces besides the pieces (a one-line field holds no
# line or format characters); notes and captures: anything at all
name_chars = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
any_chars = st.characters(exclude_categories=("Cs",))
name_part = st.lists(st.sampled_from(PIECES) | st.text(name_chars, min_size=1, max_size=3), max_size=3).map("".join)
hostile = st.lists(st.sampled_from(PIECES + ["\n", "\r\n", "\t"]) | st.text(any_chars, min_size=1, max_size=8),
                   min_size=1, max_size=5).map("".join)
LONG_NOTE = 100_000
WORDS = ["Ximena", "Yusuf", "Zora"]  # each case's name holds one, so `relmeet show WORD` finds it


def _around(word: str):
    return st.builds(lambda before, after: f"{before} {word} {after}", name_part, name_part)


def _case(word: str, *, long_notes: bool = True):
    return st.fixed_dictionaries({
        "name": _around(word), "campaign": _around("Rent"), "referred": _around("Quentin"),
        "role": hostile, "contact_notes": hostile, "tag": hostile, "purpose": hostile, "when": hostile,
        "interest": hostile, "responsible": hostile, "ask": hostile, "offer": hostile, "commitment": hostile,
        "referral_note": hostile, "win": hostile,
        # a long meeting's notes: the hostile paragraph again and again, with the word search finds
        "meeting_notes": hostile.map(lambda p: ((p + " quokka\n") * (LONG_NOTE // (len(p) + 8) + 1))[:LONG_NOTE])
        if long_notes else hostile.map(lambda p: p + " quokka"),
    })


def _flat(text: str) -> str:
    return " ".join(text.split())


def _head(text: str, cells: int = 24) -> str:
    """As much of the text as a narrow column shows whole."""
    from rich.cells import cell_len

    end = len(text)
    while cell_len(text[:end]) > cells:
        end -= 1
    return text[:end]


def _kept(text: str) -> bool:
    return bool(clean_text(text).strip())


def _fill(book, case: dict, *, referrer: int | None = None) -> int:
    """A contact with everything an organizer records about one, written through the store's functions."""
    from relmeet.domain.campaigns import CampaignIn
    from relmeet.domain.meetings import MeetingPlan
    from relmeet.domain.people import ContactIn
    from relmeet.store import campaigns, captures, contacts, meetings

    contact = contacts.create(book, ContactIn(name=case["name"], role=case["role"], notes=case["contact_notes"],
                                              is_leader=True, tags=[case["tag"]]))
    campaign = campaigns.save(book, CampaignIn(name=case["campaign"], goal=case["purpose"]))
    campaigns.set_position(book, campaign, contact, stance="ally", influence=4)
    held = meetings.plan(book, MeetingPlan(contact_id=contact, campaign_id=campaign, purpose=case["purpose"]))
    meetings.record_held(book, held, utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1),
                         case["meeting_notes"])
    meetings.plan(book, MeetingPlan(contact_id=contact, scheduled_at=utcnow() + timedelta(days=1),
                                    purpose=case["purpose"]))
    for add in (lambda: captures.add_interest(book, contact, "concern", case["interest"], meeting_id=held,
                                              responsible=case["responsible"]),
                lambda: captures.add_exchange(book, contact, "ask", "action", case["ask"], meeting_id=held,
                                              campaign_id=campaign),
                lambda: captures.add_exchange(book, contact, "offer", "time", case["offer"], meeting_id=held),
                lambda: captures.add_commitment(book, contact, "theirs", case["commitment"], date.today(),
                                                meeting_id=held),
                lambda: captures.add_win(book, case["win"], won_on=date.today(), campaign_id=campaign,
                                         contact_id=contact)):
        try:
            add()
        except ValidationError:  # nothing left once cleaned: refused as empty, as the dialogs refuse it
            continue
    if referrer is not None:
        captures.add_referral(book, referrer, contact, note=case["referral_note"])
    return contact


def _checkable(text: str) -> bool:
    """Text a screen shows whole on one line or wrapped at its spaces: no line break or tab, no format or
    unassigned character, no word longer than a narrow pane."""
    return all(unicodedata.category(c)[0] in "LMNPS" or unicodedata.category(c) == "Zs" for c in text) and \
        max(map(len, text.split()), default=0) <= 20


def _captured(book, contact: int) -> list[str]:
    """The contact's captured items as kept, those a screen can be checked for."""
    return [r[0] for r in peek.rows(book, "SELECT text FROM interest WHERE contact_id = :c UNION ALL SELECT text "
                                          "FROM exchange WHERE contact_id = :c UNION ALL SELECT text FROM commitment "
                                          "WHERE contact_id = :c", {"c": contact}) if _checkable(r[0])]


async def _paste(pilot, *pairs) -> None:
    """Paste each text into its field, as the terminal hands a paste to the field in focus."""
    for widget, text in pairs:
        widget.focus()
        pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def _check(app, *expected: str) -> None:
    """The app is up, its screen holds no control character, and shows each expected text as typed."""
    assert app.is_running and app.return_code is None, type(app.screen).__name__
    shown = screen_text(app)
    found = CONTROL.search(shown)
    assert found is None, (type(app.screen).__name__, shown[max(0, found.start() - 40):found.end() + 40])
    flat = _flat(shown)
    for text in expected:
        assert _flat(text) in flat, (type(app.screen).__name__, text)


async def _through_every_screen(book, typed: dict) -> None:
    """`typed` goes in as an organizer would (pasting into the form, prep, notes, capture and follow-up);
    the book already holds another hostile contact; then every view of the book is opened."""
    from textual.widgets import TextArea

    app = RelmeetApp(book)
    async with app.run_test(size=(150, 45), notifications=True) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await _paste(pilot, (app.screen.query_one("#name", Input), typed["name"]),
                     (app.screen.query_one("#notes", TextArea), typed["contact_notes"]))
        await pilot.press("ctrl+s")
        await pilot.pause()
        name = peek.value(book, "SELECT name FROM contact ORDER BY id DESC")
        assert name == clean_text(typed["name"]).strip()
        _check(app, f"Saved {name}.", name)
        contact = peek.value(book, "SELECT id FROM contact ORDER BY id DESC")
        app.open_contact(contact)
        await pilot.pause()
        await pilot.press("f2")  # prep: a date it can't read is echoed as typed, the rest is kept
        await pilot.pause()
        prep = app.screen
        await _paste(pilot, (prep.query_one("#when", Input), typed["when"]))
        await pilot.press("ctrl+s")
        await pilot.pause()
        _check(app)
        if app.screen is prep:
            prep.query_one("#when", Input).value = "tomorrow 18:00"
        await pilot.press("f10")
        await pilot.pause()
        assert type(app.screen).__name__ == "NotesScreen"
        notes = app.screen
        area = notes.query_one("#notes", TextArea)
        await _paste(pilot, (area, typed["meeting_notes"]))
        assert area.text == clean_text(typed["meeting_notes"])
        for key, fields in (("f2", {"#text": typed["interest"], "#responsible": typed["responsible"]}),
                            ("f5", {"#text": typed["commitment"], "#due": "tomorrow"}),
                            ("f6", {"#who": typed["referred"], "#note": typed["referral_note"]})):
            await pilot.press(key)
            await pilot.pause()
            await _paste(pilot, *((app.screen.query_one(selector, Input), text) for selector, text in fields.items()))
            await pilot.press("ctrl+s")
            await pilot.pause()
            _check(app)
            if app.screen is not notes:  # refused as empty once cleaned: the dialog says so and stays
                await pilot.press("escape")
                await pilot.pause()
        _check(app, *_captured(book, contact))
        await pilot.press("f10")  # the follow-up
        await pilot.pause()
        assert type(app.screen).__name__ == "FollowUpScreen"
        await _paste(pilot, (app.screen.query_one("#win", Input), typed["win"]))
        await pilot.press("ctrl+s")
        await pilot.pause()
        _check(app)
        assert peek.value(book, "SELECT notes FROM meeting WHERE contact_id = ? AND status = 'held'",
                          (contact,)) == clean_text(typed["meeting_notes"])
        names = [r[0] for r in peek.rows(book, "SELECT name FROM contact ORDER BY id")]
        linked = [r[0] for r in peek.rows(book, "SELECT name FROM contact WHERE id IN (SELECT from_contact_id FROM "
                                                "referral UNION SELECT to_contact_id FROM referral)")]
        campaign = peek.value(book, "SELECT name FROM campaign")
        assert type(app.screen).__name__ == "HistoryScreen"  # where the follow-up was started from
        _check(app, name)
        await pilot.press("escape")  # the views open from home (history draws the long notes again on return)
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        _check(app, *map(_head, names))  # the list (its name column is 28 cells wide), coming up, due
        in_view = peek.value(book, "SELECT name FROM contact WHERE id = ?", (app.selected_contact_id(),))
        for key, expected in (("f3", [in_view]), ("f4", []), ("f5", names), ("f6", linked), ("f7", [campaign]),
                              ("f8", []), ("ctrl+f", [])):
            await pilot.press(key)
            await pilot.pause()
            if key == "ctrl+f":
                await _paste(pilot, (app.screen.query_one("#query", Input), "quokka"))
                await pilot.pause(0.4)  # the search waits for typing to stop
                await app.workers.wait_for_complete()
                await pilot.pause()
                expected = [name]
            assert type(app.screen).__name__ != "HomeScreen", key
            _check(app, *expected)
            await pilot.press("escape")
            await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        _check(app)


SCREEN_EXAMPLE = {key: "[/]\x1b]0;PWNED\x07 [@click=app.quit]hi[/] e\u0301 שלום\r\n\x00" for key in
                  ("role", "contact_notes", "tag", "purpose", "when", "interest", "responsible", "ask", "offer",
                   "commitment", "referral_note", "win")}
SCREEN_EXAMPLE.update({key: "[/] [@click=app.quit]hi[/] e\u0301 שלום\x1b]0;PWNED\x07 Z\u0351" for key in
                       ("interest", "responsible", "ask", "offer", "commitment", "win")})
SCREEN_EXAMPLE.update(name="Ann [/] Ximena [link=http://x]y[/link]", campaign="[link=a:b] Rent [b]",
                      referred="[@click=app.quit]hi[/] Quentin", meeting_notes=("[/] quokka\x1b[2J\n" * 6000)[:LONG_NOTE])


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_case(WORDS[0], long_notes=False), _case(WORDS[1], long_notes=False))
@example(SCREEN_EXAMPLE, {**SCREEN_EXAMPLE, "name": "\x1b[31m[/]Yusuf", "referred": "Quentin\x07 [b]"})
def test_hostile_text_through_every_screen(typed, stored):
    with tempfile.TemporaryDirectory() as folder:
        with Book(Path(folder) / "book.sqlite3") as book:
            _fill(book, stored)
            asyncio.run(_through_every_screen(book, typed))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.tuples(*(_case(word, long_notes=word == WORDS[0]) for word in WORDS)))
def test_hostile_text_through_every_export_and_shell_lookup(batch):
    from relmeet.exporting import csv_out, json_book, markdown_out, vcard_out

    with tempfile.TemporaryDirectory() as folder:
        with Book(Path(folder) / "book.sqlite3") as book:
            first = _fill(book, batch[0])
            for case in batch[1:]:
                _fill(book, case, referrer=first)
            meetings = [r[0] for r in peek.rows(book, "SELECT id FROM meeting")]
            for private in (False, True):
                written = [json_book.dumps(book, private), csv_out.contacts_csv(book, private),
                           csv_out.meetings_csv(book, private), markdown_out.contact_history(book, first, private),
                           *(markdown_out.meeting_summary(book, m, private) for m in meetings)]
                for text in written:
                    found = CONTROL.search(text)
                    assert found is None, text[max(0, found.start() - 40):found.end() + 40]
                cards = vcard_out.contacts_vcard(book, private)
                assert not CONTROL.search(cards) and "\n" not in cards.replace("\r\n", "")
                assert "FN:" + vcard_out.escape(peek.value(book, "SELECT name FROM contact WHERE id = ?", (first,))) \
                    in cards.replace("\r\n ", "")
            name = peek.value(book, "SELECT name FROM contact WHERE id = ?", (first,))
            for command in (["show", WORDS[0]], ["brief", WORDS[0]], ["search", "quokka"], ["due"]):
                out = relmeet_cli("--db", str(book.path), *command)
                assert out.returncode == 0, (command, out.stderr)
                assert not CONTROL.search(out.stdout + out.stderr), (command, out.stdout)
                if command[0] != "due":
                    assert _flat(name) in _flat(out.stdout), command
