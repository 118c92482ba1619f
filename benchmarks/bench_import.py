"""Issue 6's figure: `relmeet import` of 10,000 vCards, whole process, into an empty book (target <= 10 s).

The cards are generated once into benchmarks/.cache/: vCard 3.0 and 4.0, accented names, phones,
e-mails, organizations (which become organization contacts with their people linked), categories
and notes, with a few deliberately broken cards. Names repeat (20 first names x 20 family names), as in
a real list; each card has its own UID, e-mail and phone, so each must become its own contact (issue 15):
the import is checked to give one person per card, less the nameless ones.
Also timed, in the same run: vobject's parse of the same file (no validation, no book), and relmeet's
import time over it (`import_vs_vobject_parse`); the preview (`--dry-run`) of the same file against the
benchmark book, where every card is checked for look-alikes among its contacts. Wall times swing with
what else runs on the machine, so both are also given in CPU time (`import_vs_vobject_parse_cpu`).
"""
from __future__ import annotations

import random
import resource
import sqlite3
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
    path = HERE / ".cache" / f"contacts-{CARDS}-uid.vcf"
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
        lines = ["BEGIN:VCARD", f"VERSION:{version}", f"UID:urn:uuid:00000000-0000-4000-8000-{i:012d}",
                 f"FN:{first} {last}", f"N:{last};{first};;;",
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


def _run(args: list[str], cpu: list[float] | None = None) -> float:
    """Wall time of the whole process; its CPU time (user + system) added to cpu if given."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "relmeet", *args], check=True, stdout=subprocess.DEVNULL, env=clean_env())
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def _vobject_parse(cards: Path, cpu: list[float]) -> float:
    """vobject reading the same file into its objects, and nothing else (wall time; CPU time added to cpu)."""
    import vobject

    start, start_cpu = time.perf_counter(), time.process_time()
    text = cards.read_text(encoding="utf-8")
    count = sum(1 for _ in vobject.readComponents(text, ignoreUnreadable=True))
    elapsed = time.perf_counter() - start
    cpu.append(time.process_time() - start_cpu)
    assert count == CARDS, count
    return elapsed


def _people(book: Path) -> int:
    with sqlite3.connect(book) as conn:
        return conn.execute("SELECT count(*) FROM contact WHERE kind = 'person'").fetchone()[0]


@measure("import 10,000 vCards")
def _import(path: Path) -> dict:
    cards = cards_file()
    nameless = cards.read_text(encoding="utf-8").count("NOTE:lost its name")
    timings, parses, cpu, parses_cpu = [], [], [], []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            timings.append(_run(["--db", str(Path(tmp) / "book.sqlite3"), "import", str(cards)], cpu))
            people = _people(Path(tmp) / "book.sqlite3")
            assert people == CARDS - nameless, f"{people} people from {CARDS - nameless} cards with a name"
        parses.append(_vobject_parse(cards, parses_cpu))
    preview = _run(["--db", str(path), "import", "--dry-run", str(cards)])
    relmeet, vobject_s = statistics.median(timings), statistics.median(parses)
    return {"import_10k_vcards_s": round(relmeet, 2),
            "import_10k_vcards_people": people,
            "vobject_parse_10k_vcards_s": round(vobject_s, 2),
            "import_vs_vobject_parse": round(relmeet / vobject_s, 2),
            # the same in CPU time: on a machine others load, wall times wait for the processor by turns
            "import_10k_vcards_cpu_s": round(statistics.median(cpu), 2),
            "import_vs_vobject_parse_cpu": round(statistics.median(cpu) / statistics.median(parses_cpu), 2),
            "import_10k_vcards_preview_on_bench_book_s": round(preview, 2)}
