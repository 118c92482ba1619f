"""Text is text: names, notes and files that look like markup or hold terminal escapes are kept and shown
as typed, never run as markup, and never reach the terminal or a file as control characters.

The targeted tests replay what was reproduced by hand (issue 12, findings 4 and 5); the property test at
the end feeds generated hostile text through every screen, every export and the shell lookups.
"""
from __future__ import annotations

import os
import re
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
MARKUP_NAMES = ["Ann [/]", "[link=http://x]y[/link]", "[@click=app.quit]hi[/]", "Bo [bold]", "[b]Cy[/i]"]
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
    from relmeet.domain.people import ContactIn
    from relmeet.store import captures, contacts, meetings

    rosa = contacts.create(book, ContactIn(name="Rosa\x1b[31m", tags=["ten\x07ants"]))
    captures.add_interest(book, rosa, "concern", "Mold\x00 in the\x1b]0;x\x07 bathroom")
    assert contacts.validate(ContactIn(name="\x1b[31m\x07")) == {"name": "A name is needed."}
    with peek.write(book) as conn:
        meeting = conn.execute("INSERT INTO meeting (contact_id, type, status, created_at, updated_at) "
                               "VALUES (?, 'other', 'in_progress', '2026-01-01', '2026-01-01')", (rosa,)).lastrowid
    meetings.save_notes(book, meeting, "Rent\r\nup\x1b[2J 18%", 0)
    assert peek.value(book, "SELECT name FROM contact") == "Rosa"
    assert peek.value(book, "SELECT tag FROM contact_tag") == "tenants"
    assert peek.value(book, "SELECT text FROM interest") == "Mold in the bathroom"
    assert peek.value(book, "SELECT notes FROM meeting") == "Rent\nup 18%"


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
    assert row["name"] == "Evil Name" and row["notes"].startswith("met at the rally\nsecond line\nImported from")
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
