"""The command line itself: --db and --demo before or after the command, a missing command module is an
error (not a command silently gone), and --version is looked up only when asked."""
from __future__ import annotations

import subprocess
import sys

import faults
import peek
from relmeet import cli

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amara Obi\r\nEMAIL:amara@example.org\r\nEND:VCARD\r\n"


def test_db_after_the_command(tmp_path):
    """The README: every command takes --db. `relmeet import --db book.sqlite3 contacts.vcf` failed."""
    path = tmp_path / "book.sqlite3"
    card = tmp_path / "contacts.vcf"
    card.write_text(CARD)
    imported = faults.run("import", "--db", str(path), str(card))
    assert (imported.returncode, imported.stderr) == (0, "")
    assert "Imported: 1 added" in imported.stdout
    assert peek.value(path, "SELECT name FROM contact") == "Amara Obi"
    shown = faults.run("show", "Amara", "--db", str(path))
    assert shown.returncode == 0 and shown.stdout.startswith("Amara Obi\n")
    assert faults.run("where", "--db", str(path)).stdout == f"{path}\n"


def test_db_before_the_command_still_works_and_the_last_one_counts(tmp_path):
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    assert faults.run("--db", str(first), "where").stdout == f"{first}\n"
    assert faults.run("--db", str(first), "where", "--db", str(second)).stdout == f"{second}\n"
    assert faults.run("where", "--db", str(second), env={"RELMEET_DB": str(first)}).stdout == f"{second}\n"


def test_demo_after_the_command():
    shown = faults.run("show", "Rosa", "--demo")
    assert shown.returncode == 0, shown.stderr
    assert "Rosa Nguyễn" in shown.stdout


def test_a_command_module_that_is_missing_is_an_error(monkeypatch, capsys):
    # a typo in the list of commands: it used to be skipped, and `relmeet show` was simply gone
    monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, "relmeet.commands.shwo"])
    assert cli.main(["where"]) == 2
    assert capsys.readouterr().err == ("relmeet: relmeet is incomplete: its command module relmeet.commands.shwo "
                                       "is missing; reinstall relmeet\n")


def test_version_is_looked_up_only_when_asked(tmp_path):
    code = ("import sys\nfrom relmeet.cli import main\n"
            f"main(['--db', {str(tmp_path / 'book.sqlite3')!r}, 'where'])\n"
            "print('importlib.metadata' in sys.modules)\n")
    started = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert started.stdout.splitlines() == [str(tmp_path / "book.sqlite3"), "False"]
    version = faults.run("--version")
    assert (version.returncode, version.stderr) == (0, "")
    assert version.stdout.startswith("relmeet ") and len(version.stdout.split()) == 2
