"""The whole book's JSON export reads and writes every row (the 1 GB benchmark book: ~35 s): how far it
is shows as a bar on the terminal for `relmeet export`, and in the app's title line for 'book: export'."""
from __future__ import annotations

import json

from faults import demo_book, run
from terminal import Terminal

from relmeet.exporting.json_book import dumps
from relmeet.store import Book


def test_the_export_tells_the_rows_read_then_written_and_its_text_is_whole(tmp_path):
    told: list[tuple[str, float | None]] = []
    with Book(demo_book(tmp_path / "book.sqlite3")) as book:
        text = dumps(book, progress=lambda step, done: told.append((step, done)))
    assert json.loads(text)["tables"]["contact"]  # the same file as without progress
    assert told[0] == ("reading the book", 0.0) and ("reading the book", 1.0) in told
    assert told[-1] == ("writing", 1.0)
    steps = [step for step, _ in told]
    assert steps.index("writing") > max(i for i, s in enumerate(steps) if s == "reading the book")
    for step in ("reading the book", "writing"):
        shares = [done for name, done in told if name == step]
        assert shares == sorted(shares) and len(shares) >= 2


def test_relmeet_export_draws_a_bar_on_the_terminal_and_writes_the_same_file(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    shown_file, piped_file = tmp_path / "shown.json", tmp_path / "piped.json"
    with Terminal("--db", str(path), "export", "-o", str(shown_file)) as terminal:
        assert terminal.finish(60) == 0
        shown = terminal.plain()
    assert "Export: reading the book [" in shown and "Export: writing [" in shown and "wrote" in shown
    piped = run("--db", str(path), "export", "-o", str(piped_file))
    assert piped.returncode == 0 and "[" not in piped.stderr
    assert json.loads(shown_file.read_text())["tables"] == json.loads(piped_file.read_text())["tables"]


async def test_the_app_shows_the_export_in_its_title_line(tmp_path):
    from steps import title_lines_while

    path = demo_book(tmp_path / "book.sqlite3")
    titles = await title_lines_while(path, "book: export", "The whole book")
    assert any(line.startswith("Export: reading the book [") for line in titles), titles
    assert any(line.startswith("Export: writing [") for line in titles), titles
    assert titles[-1] == str(path)


def test_loading_a_whole_book_export_shows_its_rows_going_in(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    exported = tmp_path / "book.json"
    assert run("--db", str(path), "export", "--include-private", "-o", str(exported)).returncode == 0
    with Terminal("--db", str(tmp_path / "new.sqlite3"), "import", str(exported)) as terminal:
        assert terminal.finish(60) == 0
        shown = terminal.plain()
    assert "Import: reading…" in shown and "Import: writing [" in shown and "100%" in shown
    assert "Import: checking every row's links" in shown and "Loaded:" in shown


def test_the_contacts_as_csv_or_vcard_show_their_writing_on_the_terminal(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    for form in ("csv", "vcard"):
        with Terminal("--db", str(path), "export", "--format", form, "-o", str(tmp_path / f"out.{form}")) as terminal:
            assert terminal.finish(60) == 0
            shown = terminal.plain()
        assert "Export: reading the book…" in shown and "Export: writing [" in shown and "100%" in shown, shown
        assert (tmp_path / f"out.{form}").read_text(encoding="utf-8").count("Rosa") >= 1
