"""An upgrade of an older book is done once, when it is opened, and rebuilding a big book's search indexes
takes most of a minute: each step is told as it runs, and drawn as a bar on the terminal (before the app
starts, or in a shell command)."""
from __future__ import annotations

import sqlite3

from faults import run
from terminal import Terminal

from relmeet import db
from relmeet.schema import LATEST

MADE = "2026-10-01T18:00:00+00:00"


def _old_book(path, version: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, to_version=version)
    conn.execute("INSERT INTO contact (id, name, created_at, updated_at) VALUES (1, 'Rosa Nguyễn', ?, ?)",
                 (MADE, MADE))
    conn.close()


def test_each_step_of_an_upgrade_is_told_in_order(tmp_path):
    path = tmp_path / "book.sqlite3"
    _old_book(path, LATEST - 3)
    told: list[tuple[str, float | None]] = []
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        db.migrate(conn, LATEST - 3, progress=lambda step, done: told.append((step, done)))
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    finally:
        conn.close()
    assert told[0] == ("step 1 of 3", 0.0) and told[-1] == ("step 3 of 3", 1.0)
    steps = [step for step, _ in told]
    assert steps.index("step 2 of 3") < steps.index("step 3 of 3")
    assert [done for _, done in told] == sorted(done for _, done in told)


def test_an_upgrade_draws_a_bar_on_the_terminal_and_only_its_line_when_piped(tmp_path):
    path = tmp_path / "book.sqlite3"
    _old_book(path, LATEST - 2)
    with Terminal("--db", str(path), "show", "Rosa") as terminal:
        assert terminal.finish(60) == 0
        shown = terminal.plain()
    assert f"upgrading the book book.sqlite3 from version {LATEST - 2} to {LATEST}" in shown
    assert "relmeet: upgrading, step 1 of 2 [" in shown and "step 2 of 2 [####" in shown and "100%" in shown
    assert "Rosa Nguyễn" in shown

    other = tmp_path / "other.sqlite3"
    _old_book(other, LATEST - 1)
    piped = run("--db", str(other), "show", "Rosa")
    assert piped.returncode == 0, piped.stderr
    assert "[" not in piped.stderr and "upgrading the book other.sqlite3" in piped.stderr  # no bar, the line
