"""`relmeet brief NAME` from the shell: output, exit codes, and no heavy imports."""
from __future__ import annotations

import os
import subprocess
import sys


def _relmeet(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, timeout=60,
                          env=os.environ.copy(), **kw)


def test_brief_prints_the_page_plain_when_piped(demo_book):
    out = _relmeet("--db", str(demo_book.path), "brief", "nguyen")  # no accent typed
    assert out.returncode == 0, out.stderr
    assert "Rosa Nguyễn" in out.stdout
    assert "Stay in Maple Court until her kids finish at Lincoln Elementary" in out.stdout
    assert "Invite five Building B neighbors" in out.stdout
    assert "Debrief the house meeting" in out.stdout
    assert "\x1b[" not in out.stdout  # no colour codes in a pipe


def test_several_matches_list_them_and_exit_1(demo_book):
    out = _relmeet("--db", str(demo_book.path), "brief", "eastside")
    assert out.returncode == 1
    assert "1. Eastside Community Health Center" in out.stdout
    assert "3. Eastside Tenants Union" in out.stdout


def test_no_match_is_one_line_and_exit_1(demo_book):
    out = _relmeet("--db", str(demo_book.path), "brief", "Nobody")
    assert out.returncode == 1
    assert out.stderr.strip().count("\n") == 0 and "No contact matches" in out.stderr


def test_brief_imports_neither_textual_nor_sqlmodel(demo_book):
    code = ("import sys, io, contextlib\nfrom relmeet.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['--db', {str(demo_book.path)!r}, 'brief', 'rosa'])\n"
            "print('textual' in sys.modules, 'sqlmodel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False False", out.stderr
