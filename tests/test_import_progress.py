"""An import of thousands of cards takes seconds: reading, matching against the book and writing each
show how far they are — a bar on the terminal for `relmeet import`, a bar line in the app's import dialog."""
from __future__ import annotations

from pathlib import Path

from faults import demo_book, run
from terminal import Terminal

from relmeet.app import RelmeetApp
from relmeet.importers import read_files
from relmeet.store import Book
from relmeet.store.importing import apply, preview


def _cards(folder: Path, count: int) -> Path:
    path = folder / "people.vcf"
    path.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n} Test\r\nN:Test;Person {n};;;\r\n"
                            f"EMAIL:p{n}@example.org\r\nEND:VCARD\r\n" for n in range(count)), encoding="utf-8")
    return path


def test_reading_matching_and_writing_each_tell_how_far(tmp_path):
    cards, told = _cards(tmp_path, 400), []
    progress = lambda step, done: told.append((step, done))  # noqa: E731
    with Book(demo_book(tmp_path / "book.sqlite3")) as book:
        found = preview(book, read_files([cards], progress), progress)
        counts = apply(book, found, progress)
    assert counts.added == 400
    steps = [step for step, _ in told]
    assert steps[0] == "people.vcf: reading" and ("people.vcf: reading", 1.0) in told
    assert steps.index("matching against the book") > steps.index("people.vcf: reading")
    assert steps.index("writing") > steps.index("matching against the book") and told[-1] == ("writing", 1.0)
    for step in set(steps):
        shares = [done for name, done in told if name == step]
        assert shares == sorted(shares) and len(shares) >= 3, (step, shares)  # it moves, never back


def test_relmeet_import_draws_bars_on_the_terminal(tmp_path):
    cards, path = _cards(tmp_path, 300), demo_book(tmp_path / "book.sqlite3")
    with Terminal("--db", str(path), "import", str(cards)) as terminal:
        assert terminal.finish(60) == 0
        shown = terminal.plain()
    for line in ("Import: people.vcf: reading [", "Import: matching against the book [", "Import: writing ["):
        assert line in shown, shown
    assert "Imported: 300 added" in shown
    more = tmp_path / "more"
    more.mkdir()
    piped = run("--db", str(path), "import", str(_cards(more, 5)), "--dry-run")
    assert piped.returncode == 0 and piped.stderr == ""  # piped: no bar


async def test_the_import_dialog_shows_how_the_writing_goes_then_closes(tmp_path):
    from steps import record_calls, run_from_palette

    cards, path = _cards(tmp_path, 300), demo_book(tmp_path / "book.sqlite3")
    app = RelmeetApp(Book(path))
    try:
        async with app.run_test(size=(110, 32), notifications=True) as pilot:
            await run_from_palette(pilot, "contact: import")
            dialog = app.screen
            summary = dialog.query_one("#import-summary")
            calls = record_calls(summary, "update")
            dialog.query_one("#paths").value = str(cards)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is not dialog
        shown = [str(getattr(args[0], "plain", args[0])) for args in calls]
        assert any(line.startswith("Import: people.vcf: reading [") for line in shown), shown
        assert any(line.startswith("Import: matching against the book [") for line in shown), shown
        assert any(line.startswith("Import: writing [") for line in shown), shown
    finally:
        app.book.close()
    assert run("--db", str(path), "show", "Person 299 Test").returncode == 0
