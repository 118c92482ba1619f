"""`relmeet show`, `due` and `search` from the shell: output, exit codes, the book they read."""
from __future__ import annotations

import os
import subprocess
import sys


def _relmeet(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, timeout=60,
                          env=env or os.environ.copy())


def test_show_prints_the_history(demo_book):
    out = _relmeet("--db", str(demo_book.path), "show", "rosa")
    assert out.returncode == 0, out.stderr
    for expected in ("Rosa Nguyễn", "Stay in Maple Court until her kids finish at Lincoln Elementary",
                     "Asks and offers — I asked 2 / they asked 0 · I offered 1 / they offered 0", "Host a house meeting in Building B",
                     "Meetings (2)", "Rent up 18% in March", "Referred us to: Hieu Tran"):
        assert expected in out.stdout
    assert "\x1b[" not in out.stdout


def test_show_an_organization_lists_its_people(demo_book):
    out = _relmeet("--db", str(demo_book.path), "show", "Eastside Tenants Union")
    assert out.returncode == 0
    assert "People at Eastside Tenants Union (2)" in out.stdout and "Teresa Alvarez — Treasurer" in out.stdout


def test_show_several_or_none(demo_book):
    several = _relmeet("--db", str(demo_book.path), "show", "eastside")
    assert several.returncode == 1 and "1. Eastside Community Health Center" in several.stdout
    none = _relmeet("--db", str(demo_book.path), "show", "Nobody Here")
    assert none.returncode == 1 and none.stderr.count("\n") == 1


def test_due_lists_overdue_and_upcoming(demo_book):
    out = _relmeet("--db", str(demo_book.path), "due")
    assert out.returncode == 0
    assert "20 days overdue" in out.stdout and "Write down the dates of his notice" in out.stdout
    assert "Upcoming meetings" in out.stdout and "Linda Park" in out.stdout


def test_search_prints_snippets_and_honours_relmeet_db(demo_book):
    env = os.environ.copy() | {"RELMEET_DB": str(demo_book.path)}
    out = _relmeet("search", "medicine", env=env)
    assert out.returncode == 0
    assert "Rosa Nguyễn" in out.stdout and "medicine" in out.stdout
    assert _relmeet("search", "zzzzzz", env=env).returncode == 1


def test_demo_flag_works_for_lookups():
    out = _relmeet("--demo", "show", "Rosa")
    assert out.returncode == 0 and "Rosa Nguyễn" in out.stdout


def test_lookups_import_neither_textual_nor_sqlmodel(demo_book):
    code = ("import sys, io, contextlib\nfrom relmeet.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    for cmd in (['show', 'rosa'], ['due'], ['search', 'tenants']):\n"
            f"        main(['--db', {str(demo_book.path)!r}, *cmd])\n"
            "print('textual' in sys.modules, 'sqlmodel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False False", out.stderr
