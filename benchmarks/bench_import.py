"""Issue 6's figure: `relmeet import` of 10,000 vCards, whole process, into an empty book (target <= 10 s).

The cards are generated once into benchmarks/.cache/: vCard 3.0 and 4.0, accented names, phones,
e-mails, organizations (which become organization contacts with their people linked), categories
and notes, with a few deliberately broken cards. Also timed: the preview (`--dry-run`) of the same
file against the benchmark book, where every card is checked for look-alikes among its contacts.
"""
from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import HERE, clean_env, measure

CARDS = 10_000
FIRST = ["Rosa", "José", "Amara", "Hieu", "Linda", "Marcus", "Denise", "Teresa", "Nguyễn", "Zoë", "Björn", "Aisha",
         "Søren", "Chloé", "Đức", "Małgorzata", "Oluwaseun", "Ana", "Ahmed", "Mei"]
LAST = ["Nguyễn", "Martínez", "Singh", "Tran", "Park", "Hill", "Okafor", "Alvarez", "Ibáñez", "Ødegaard", "Kowalski",
        "Mensah", "Rossi", "O'Brien", "Lê", "García", "Chen", "Adeyemi", "Hernández", "Müller"]
ORGS = [f"{place} {kind}" for place in ("Eastside", "Maple Court", "Lincoln Heights", "Riverside", "Northgate")
        for kind in ("Tenants Union", "Food Bank", "Parents Council", "Mutual Aid", "Workers Center", "Church")]


def cards_file() -> Path:
    path = HERE / ".cache" / f"contacts-{CARDS}.vcf"
    if path.exists():
        return path
    rng = random.Random(6)
    out = []
    for i in range(CARDS):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if i % 997 == 13:  # a broken card now and then: no name at all
            out.append("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:lost its name\r\nEND:VCARD\r\n")
            continue
        version = "4.0" if i % 2 else "3.0"
        lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{first} {last} {i}", f"N:{last} {i};{first};;;",
                 f"EMAIL;TYPE=home:{first.lower()}.{i}@example.org", f"TEL;TYPE=cell:+1 555 {i:07d}"]
        if rng.random() < 0.4:
            lines += [f"ORG:{rng.choice(ORGS)}", "TITLE:Member"]
        if rng.random() < 0.5:
            lines.append(f"CATEGORIES:{rng.choice(['tenants', 'faith', 'parents'])},{rng.choice(['spanish', 'vietnamese'])}")
        if rng.random() < 0.3:
            lines.append(f"NOTE:Met at the {rng.choice(['house meeting', 'food bank', 'rally'])}\\, wants to help")
        lines.append("END:VCARD")
        out.append("\r\n".join(lines) + "\r\n")
    path.parent.mkdir(exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")
    return path


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "relmeet", *args], check=True, stdout=subprocess.DEVNULL, env=clean_env())
    return time.perf_counter() - start


@measure("import 10,000 vCards")
def _import(path: Path) -> dict:
    cards = cards_file()
    timings = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            timings.append(_run(["--db", str(Path(tmp) / "book.sqlite3"), "import", str(cards)]))
    preview = _run(["--db", str(path), "import", "--dry-run", str(cards)])
    return {"import_10k_vcards_s": round(statistics.median(timings), 2),
            "import_10k_vcards_preview_on_bench_book_s": round(preview, 2)}
