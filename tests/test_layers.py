"""The layers written down in pyproject.toml ([tool.importlinter]) hold, and nothing reaches into Textual's
private names: a leak fails the suite, and so CI."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is a dev dependency: `uv sync` installs it"
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


PRIVATE_TEXTUAL = re.compile(r"textual(\.\w+)*\._\w+|__watchers|\._closing\b|\._notifications\b|\._footer\b")


def test_no_private_textual_names():
    found = [f"{path.relative_to(ROOT)}:{number}"
             for folder in ("relmeet", "tests") for path in (ROOT / folder).rglob("*.py") if path.name != "test_layers.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if PRIVATE_TEXTUAL.search(line)]
    assert found == []


SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|PRAGMA)\b|\.execute\(|book\._\w+")


def test_sql_only_in_the_store():
    allowed = ("relmeet/store/", "relmeet/schema/", "relmeet/db.py", "relmeet/keys.py")
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in (ROOT / "relmeet").rglob("*.py") if not str(path.relative_to(ROOT)).startswith(allowed)
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SQL.search(line) and not line.lstrip().startswith("#")]
    assert found == []
