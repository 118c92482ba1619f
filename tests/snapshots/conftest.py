"""What every picture test shares: the demo book with 'today' pinned, so pictures don't drift with the date."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from relmeet.demo import fill
from relmeet.store import Book

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import screenshots  # noqa: E402  (the same steps make the README's pictures)


@pytest.fixture
def pinned_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", screenshots.PINNED_TODAY)
    monkeypatch.setenv("TZ", "UTC")  # times are shown in local time
    time.tzset()
    with Book(tmp_path / "demo.sqlite3") as book:
        fill(book)
        yield book
    monkeypatch.undo()
    time.tzset()
