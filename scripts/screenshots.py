"""Regenerate screenshots/*.svg from the demo book at a fixed size and a pinned date.

    uv run python scripts/screenshots.py            # every picture
    uv run python scripts/screenshots.py home form  # just these
    uv run python scripts/screenshots.py --png      # also PNGs next to them (needs rsvg-convert)

Each shot starts a fresh app on a fresh demo book, runs its steps, and saves what the terminal shows.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'tests'))
import peek  # noqa: E402

PINNED_TODAY = "2026-11-20"  # the demo's dates are relative to today; pin it so pictures don't drift
SIZE = (120, 36)
OUT = Path(__file__).resolve().parents[1] / "screenshots"


async def _select_contact(pilot, name: str) -> None:
    from relmeet.widgets.contact_table import ContactTable

    table = pilot.app.screen.query_one(ContactTable)
    for index in range(table.row_count):
        if table.get_row_at(index)[1].plain.strip(" ★⚑") == name:
            table.move_cursor(row=index)
            break
    await pilot.pause()


async def home(pilot) -> None:
    await _select_contact(pilot, "Rosa Nguyễn")


async def form(pilot) -> None:
    await _select_contact(pilot, "Rosa Nguyễn")
    await pilot.press("ctrl+e")


async def help_keys(pilot) -> None:
    await pilot.press("f1")


async def form_errors(pilot) -> None:
    await pilot.press("ctrl+n")
    await pilot.pause()
    pilot.app.screen.query_one("#email").value = "rosa-at-example"
    pilot.app.screen.query_one("#influence").value = "9"
    await pilot.press("ctrl+s")


async def prep(pilot) -> None:
    await _select_contact(pilot, "Rosa Nguyễn")
    await pilot.press("f2")


async def _fill_prep(pilot, **fields) -> None:
    """Type into the prep form as the organizer would (Inputs and Selects by value, text areas by text)."""
    from relmeet.widgets.text_area import TextArea

    for name, value in fields.items():
        widget = pilot.app.screen.query_one(f"#{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            widget.value = value
    await pilot.pause()


async def prep_first_visit(pilot) -> None:
    """A gatekeeper's first visit of a series: the prep says "don't pitch yet", with credential and questions."""
    await _select_contact(pilot, "Linda Park")
    await pilot.press("f2")
    await pilot.pause()
    await _fill_prep(pilot, series_visit=1, time_asked_min="30",
                     credential="Pastor Denise Okafor sent me; I'm with the Eastside Tenants Union",
                     questions="What do the homeowners worry about when renters organize?\n"
                               "Who else in the association should I sit down with?")
    pilot.app.screen.query_one("#field-time_asked_min").scroll_visible(animate=False, top=True)


async def brief(pilot) -> None:
    """Rosa's brief after her prep gained a credential, the time asked for and her questions (F2, Ctrl+S, F3)."""
    await _select_contact(pilot, "Rosa Nguyễn")
    await pilot.press("f2")
    await pilot.pause()
    await _fill_prep(pilot, time_asked_min="30", credential="Building B's captain since the house meeting",
                     questions="Who came to the house meeting, and who should have?\n"
                               "What would make the hearing feel safe to you?")
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("f3")


async def power_map(pilot) -> None:
    await pilot.press("f4")
    await pilot.pause()
    await pilot.press("right", "right", "right", "right", "down")


async def levels(pilot) -> None:
    await pilot.press("f5")


async def referrals(pilot) -> None:
    await pilot.press("f6")


async def campaign(pilot) -> None:
    await pilot.press("f7")
    await pilot.pause()
    await pilot.press("down")  # the eviction campaign: the one with meetings, asks and wins


async def wins(pilot) -> None:
    await pilot.press("f8")


async def history(pilot) -> None:
    await _select_contact(pilot, "Rosa Nguyễn")
    await pilot.press("enter")


async def search(pilot) -> None:
    await pilot.press("ctrl+f")
    await pilot.pause()
    await pilot.press(*"tena")
    await pilot.pause(0.4)


IMPORT_SAMPLE = """BEGIN:VCARD
VERSION:3.0
FN:Rosa Nguyen
EMAIL:rosa.nguyen@example.org
TEL:555-0142
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Dolores Huerta-Ríos
ORG:Maple Court Tenants Union
TITLE:Building C captain
CATEGORIES:tenants,spanish
END:VCARD
BEGIN:VCARD
VERSION:4.0
KIND:org
FN:Eastside Food Bank
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
END:VCARD
"""


async def import_preview(pilot) -> None:
    folder = Path(tempfile.mkdtemp(prefix="relmeet-shot-"))
    (folder / "phone.vcf").write_text(IMPORT_SAMPLE, encoding="utf-8")
    await pilot.press("f9")
    await pilot.pause()
    pilot.app.screen.query_one("#paths").value = "phone.vcf"
    was = Path.cwd()
    os.chdir(folder)  # a relative path, so no machine path shows in the picture
    try:
        await pilot.press("enter")
        await pilot.pause(0.5)
    finally:
        os.chdir(was)


async def _rosas_meeting(pilot) -> int:
    from relmeet.screens.notes import NotesScreen
    from relmeet.store import captures, meetings

    book = pilot.app.book
    meeting_id = peek.value(book, "SELECT m.id FROM meeting m JOIN contact c ON c.id = m.contact_id "
                            "WHERE c.name = 'Rosa Nguyễn' AND m.status = 'planned'")
    card = meetings.start(book, meeting_id)
    with peek.write(book) as conn:  # a fixed start, so the pictures don't depend on the day they are taken
        conn.execute("UPDATE meeting SET started_at = ? WHERE id = ?", (f"{PINNED_TODAY}T18:00:00+00:00", meeting_id))
    meetings.save_notes(book, meeting_id, "Twelve came to the house meeting; Mrs. Lee cried about the mold.\n"
                        "Rosa is nervous about speaking but says \"somebody has to\".", card.notes_rev)
    captures.add_interest(book, card.contact_id, "story", "Her neighbour's ceiling fell in last winter",
                          meeting_id=meeting_id)
    captures.add_commitment(book, card.contact_id, "mine", "Practice the testimony on Thursday", None,
                            meeting_id=meeting_id)
    with peek.write(book) as conn:  # captured "during" the meeting, in a fixed order
        conn.execute("UPDATE interest SET created_at = ? WHERE meeting_id = ?", (f"{PINNED_TODAY}T18:05:00+00:00",
                                                                             meeting_id))
        conn.execute("UPDATE commitment SET created_at = ? WHERE meeting_id = ?",
                     (f"{PINNED_TODAY}T18:10:00+00:00", meeting_id))
    await pilot.app.push_screen(NotesScreen(meeting_id, running_clock=False))
    await pilot.pause()
    return meeting_id


async def notes(pilot) -> None:
    await _rosas_meeting(pilot)


async def follow_up(pilot) -> None:
    await _rosas_meeting(pilot)
    await pilot.press("f10")


# name -> steps; later screens add their own entry here
SHOTS = {
    "home": home,
    "contact-form": form,
    "contact-form-errors": form_errors,
    "help": help_keys,
    "prep": prep,
    "prep-first-visit": prep_first_visit,
    "brief": brief,
    "notes": notes,
    "follow-up": follow_up,
    "power-map": power_map,
    "levels": levels,
    "referrals": referrals,
    "campaigns": campaign,
    "wins": wins,
    "history": history,
    "search": search,
    "import": import_preview,
}


async def take(name: str, steps, folder: Path) -> Path:
    from relmeet.app import RelmeetApp
    from relmeet.demo import fill
    from relmeet.store import Book

    with tempfile.TemporaryDirectory() as tmp:
        with Book(Path(tmp) / "demo.sqlite3") as book:
            fill(book)
            app = RelmeetApp(book, demo=True)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await steps(pilot)
                await pilot.pause(0.3)
                path = folder / f"{name}.svg"
                app.save_screenshot(filename=path.name, path=str(folder))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"which shots (default all): {', '.join(SHOTS)}")
    parser.add_argument("--png", action="store_true", help="also write PNGs with rsvg-convert")
    args = parser.parse_args()
    os.environ["RELMEET_TODAY"] = PINNED_TODAY
    unknown = set(args.names) - set(SHOTS)
    if unknown:
        parser.error(f"no such shot: {', '.join(sorted(unknown))}")
    OUT.mkdir(exist_ok=True)
    for name in args.names or SHOTS:
        path = asyncio.run(take(name, SHOTS[name], OUT))
        print(path.relative_to(OUT.parent))
        if args.png:
            if not shutil.which("rsvg-convert"):
                print("rsvg-convert not found (Debian: librsvg2-bin); skipping PNGs", file=sys.stderr)
                continue
            subprocess.run(["rsvg-convert", "-w", "1480", "-b", "#1e1e1e", str(path), "-o",
                            str(path.with_suffix(".png"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
