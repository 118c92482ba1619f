"""A locked book named by a relative path (`relmeet --db book.sqlite3 …`, the way a shell user types it) opens: the
passphrase check, the recovery files and the backups read it through a file URI, which needs an absolute path
(before: "stopped on an unexpected error (ValueError)")."""
from __future__ import annotations

import os
import subprocess
import sys

from faults import demo_book
from relmeet.store import lock

PASSPHRASE = "correct horse battery"


def test_a_locked_book_given_by_a_relative_path_opens_in_the_shell(tmp_path):
    demo_book(tmp_path / "book.sqlite3")
    lock.lock(tmp_path / "book.sqlite3", PASSPHRASE)
    secret = tmp_path / "secret"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    for command in (["show", "Rosa"], ["backup", "--daily"], ["due"]):
        done = subprocess.run([sys.executable, "-m", "relmeet", "--db", "book.sqlite3", "--passphrase-file", "secret",
                               *command], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                              env=os.environ | {"HOME": str(tmp_path)})
        assert done.returncode == 0, (command, done.stderr)
        assert "unexpected error" not in done.stderr
    shown = subprocess.run([sys.executable, "-m", "relmeet", "--db", "book.sqlite3", "--passphrase-file", "secret",
                            "show", "Rosa"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                           env=os.environ | {"HOME": str(tmp_path)})
    assert "Rosa Nguyễn" in shown.stdout
