"""Exports other tools accept: vCard 4.0 that vobject reads field for field and khard keeps (every card has a
UID), CSV without a BOM unless --excel, Google and Action Network presets column by column, relmeet's own CSV
that comes back whole, and filters for what to export."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import vobject

from relmeet.exporting import csv_out, csv_presets, vcard_out
from relmeet.importers import read_bytes
from relmeet.store import Book
from relmeet.store.importing import apply, preview
import peek

CARDS = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:rosa-1\r\nFN:Rosa Nguyễn\r\nN:Nguyễn;Rosa;;;\r\n"
         "ORG:Eastside Tenants Union;Building B\r\nTITLE:Captain\r\nTEL;TYPE=HOME:+1 555 010 0001\r\n"
         "TEL;TYPE=CELL,PREF:+1 555 010 0142\r\nEMAIL;TYPE=WORK:rosa@union.example.org\r\n"
         "EMAIL;TYPE=HOME,PREF:rosa@example.org\r\nADR;TYPE=HOME:;;12 Elm St;Eastside;CA;94601;USA\r\n"
         "BDAY:1984-05-17\r\nLANG:vi\r\nCATEGORIES:tenants,vietnamese\r\nNOTE:Call after 6\\, not before.\r\n"
         "END:VCARD\r\n"
         "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:王 小明\r\nN:王;小明;;;\r\nBDAY:--0517\r\nEND:VCARD\r\n"
         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mustermann, Heiko\r\nN:Mustermann;Heiko;;Dr.;\r\n"
         "EMAIL:heiko@example.de\r\nEND:VCARD\r\n")


def _book(path) -> Book:
    book = Book(path)
    apply(book, preview(book, read_bytes(CARDS.encode(), "/home/organizer/Downloads/phone.vcf")))
    with peek.write(book) as conn:  # written by relmeet before schema 7: a path in the notes, a private note
        conn.execute("UPDATE contact SET notes = notes || '\nImported from /home/organizer/old.csv, line 2', "
                     "stance = 'ally', influence = 5, is_gatekeeper = 1 WHERE name = 'Rosa Nguyễn'")
        conn.execute("UPDATE contact SET notes = 'owes rent', notes_private = 1 WHERE name = '王 小明'")
        conn.execute("INSERT INTO contact_email (contact_id, address, bad, position) SELECT id, 'bounced@example.org', "
                     "1, 9 FROM contact WHERE name = 'Rosa Nguyễn'")
    return book


def _vcards(text: str) -> dict[str, vobject.base.Component]:
    return {card.fn.value: card for card in vobject.readComponents(text)}


def test_vobject_reads_every_card_with_the_same_fields(tmp_path):
    with _book(tmp_path / "b.sqlite3") as book:
        text = vcard_out.contacts_vcard(book)
        uids = dict(peek.rows(book, "SELECT name, uid FROM contact"))
        assert vcard_out.contacts_vcard(book) == text  # the UIDs made for the export are kept: a second is the same
    cards = _vcards(text)
    assert set(cards) == {"Rosa Nguyễn", "王 小明", "Mustermann, Heiko", "Eastside Tenants Union"}
    for name, card in cards.items():  # khard's rule: every card has a UID
        assert card.uid.value == uids[name] and card.uid.value
    rosa = cards["Rosa Nguyễn"]
    assert (rosa.n.value.family, rosa.n.value.given) == ("Nguyễn", "Rosa")
    assert rosa.org.value == ["Eastside Tenants Union", "Building B"] and rosa.title.value == "Captain"
    assert [(t.value, t.params.get("TYPE"), t.params.get("PREF")) for t in rosa.tel_list] == [
        ("+1 555 010 0001", ["home"], None), ("+1 555 010 0142", ["cell"], ["1"])]
    assert [(e.value, e.params.get("TYPE"), e.params.get("PREF")) for e in rosa.email_list] == [
        ("rosa@union.example.org", ["work"], None), ("rosa@example.org", ["home"], ["1"])]  # the bounced one stays
    adr = rosa.adr.value
    assert (adr.street, adr.city, adr.region, adr.code, adr.country) == ("12 Elm St", "Eastside", "CA", "94601", "USA")
    assert rosa.bday.value == "19840517" and rosa.lang.value == "vi"
    assert rosa.note.value == "Call after 6, not before."  # no path from an old import in a shared card
    ming = cards["王 小明"]
    assert (ming.n.value.family, ming.n.value.given) == ("王", "小明") and ming.bday.value == "--0517"
    assert "note" not in ming.contents  # private
    heiko = cards["Mustermann, Heiko"]
    assert (heiko.n.value.family, heiko.n.value.given, heiko.n.value.prefix) == ("Mustermann", "Heiko", "Dr.")
    assert "/home/" not in text


def test_a_vcard_round_trip_keeps_every_field_the_book_has(tmp_path):
    columns = ("name, kind, uid, honorific, given_name, family_name, role, department, phone, email, street, city, "
               "region, postal_code, country, birthday, language, notes")
    with _book(tmp_path / "b.sqlite3") as book:
        text = vcard_out.contacts_vcard(book, include_private=True)
        first = [tuple(r) for r in peek.rows(book, f"SELECT {columns} FROM contact ORDER BY name")]
        lists = [tuple(r) for r in peek.rows(book, "SELECT address, label, preferred FROM contact_email WHERE bad = 0 "
                                                   "ORDER BY address")]
    with Book(tmp_path / "again.sqlite3") as again:
        apply(again, preview(again, read_bytes(text.encode(), "exported.vcf")))
        second = [tuple(r) for r in peek.rows(again, f"SELECT {columns} FROM contact ORDER BY name")]
        assert [tuple(r) for r in peek.rows(again, "SELECT address, label, preferred FROM contact_email "
                                                   "ORDER BY address")] == lists
        # a second import of the same export changes nothing
        apply(again, preview(again, read_bytes(text.encode(), "exported.vcf")))
        assert [tuple(r) for r in peek.rows(again, f"SELECT {columns} FROM contact ORDER BY name")] == second
    strip = lambda rows: [r[:-1] + (r[-1].replace("\nImported from /home/organizer/old.csv, line 2", ""),)  # noqa: E731
                          for r in rows]
    assert second == strip(first)


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_relmeets_own_csv_comes_back_whole(tmp_path):
    with _book(tmp_path / "b.sqlite3") as book:
        text = csv_out.contacts_csv(book, include_private=True)
        columns = ", ".join(c for c in csv_out.CONTACT_COLUMNS if c not in (
            "id", "organization", "tags", "phones", "phone_labels", "emails", "email_labels", "created_at",
            "updated_at"))
        first = [tuple(r) for r in peek.rows(book, f"SELECT {columns} FROM contact ORDER BY name")]
    assert not text.startswith("\ufeff")
    with Book(tmp_path / "again.sqlite3") as again:
        batch = read_bytes(text.encode(), "relmeet.csv")
        assert batch.layouts == ["relmeet.csv: relmeet CSV"] and batch.problems == []
        apply(again, preview(again, batch))
        assert [tuple(r) for r in peek.rows(again, f"SELECT {columns} FROM contact ORDER BY name")] == first
        # relmeet CSV -> book -> CSV: the same, but for the ids and times of the new book
        moving = ("id", "created_at", "updated_at")
        same = lambda t: [{k: v for k, v in r.items() if k not in moving} for r in _csv(t)]  # noqa: E731
        assert same(csv_out.contacts_csv(again, include_private=True)) == same(text)
        rosa = next(r for r in _csv(csv_out.contacts_csv(again)) if r["name"] == "Rosa Nguyễn")
        assert (rosa["emails"], rosa["email_labels"]) == ("rosa@example.org ::: rosa@union.example.org", "home ::: work")
        assert rosa["tags"] == "tenants; vietnamese" and rosa["organization"] == "Eastside Tenants Union"


def test_google_and_action_network_presets_column_by_column(tmp_path):
    with _book(tmp_path / "b.sqlite3") as book:
        google = _csv(csv_presets.google_csv(book))
        network = csv_presets.action_network_csv(book)
    assert list(google[0])[:17] == csv_presets.GOOGLE_NAME
    rosa = next(r for r in google if r["First Name"] == "Rosa")
    assert {k: rosa[k] for k in ("Last Name", "Organization Name", "Organization Department", "Organization Title",
                                 "Birthday", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Value",
                                 "Phone 1 - Label", "Phone 1 - Value", "Address 1 - Postal Code")} == {
        "Last Name": "Nguyễn", "Organization Name": "Eastside Tenants Union", "Organization Department": "Building B",
        "Organization Title": "Captain", "Birthday": "1984-05-17", "Labels": "tenants ::: vietnamese",
        "E-mail 1 - Label": "* Home", "E-mail 1 - Value": "rosa@example.org",
        "E-mail 2 - Value": "rosa@union.example.org", "Phone 1 - Label": "* Mobile",
        "Phone 1 - Value": "+1 555 010 0142", "Address 1 - Postal Code": "94601"}
    assert "bounced@example.org" not in str(google) and "ally" not in str(google)
    rows = _csv(network)
    assert network.split("\r\n")[0] == "email,first_name,last_name,zip_code,phone,tags"
    assert rows == [
        {"email": "heiko@example.de", "first_name": "Heiko", "last_name": "Mustermann", "zip_code": "", "phone": "",
         "tags": ""},
        {"email": "rosa@example.org", "first_name": "Rosa", "last_name": "Nguyễn", "zip_code": "94601",
         "phone": "+1 555 010 0142", "tags": "tenants, vietnamese"},
        {"email": "", "first_name": "小明", "last_name": "王", "zip_code": "", "phone": "", "tags": ""}]


def _relmeet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, timeout=60,
                          env=os.environ.copy())


def test_export_command_filters_presets_and_excel(tmp_path):
    _book(tmp_path / "b.sqlite3").close()
    db = ["--db", str(tmp_path / "b.sqlite3"), "export"]
    out = _relmeet(*db, "-f", "vcard", "--tag", "Tenants")
    assert out.returncode == 0 and [c.fn.value for c in vobject.readComponents(out.stdout)] == ["Rosa Nguyễn"]
    out = _relmeet(*db, "-f", "csv", "--kind", "organization")
    assert [r["name"] for r in _csv(out.stdout)] == ["Eastside Tenants Union"] and not out.stdout.startswith("\ufeff")
    out = _relmeet(*db, "-f", "csv", "--preset", "action-network", "--level", "impacted")
    assert len(_csv(out.stdout)) == 3
    target = tmp_path / "excel.csv"
    assert _relmeet(*db, "-f", "csv", "--excel", "-o", str(target)).returncode == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,kind,name")
    bad = _relmeet(*db, "-f", "vcard", "--campaign", "Rent strike")
    assert bad.returncode == 2 and bad.stderr == "relmeet: there is no campaign named 'Rent strike'\n"
    bad = _relmeet(*db, "-f", "json", "--preset", "google")
    assert bad.returncode == 2 and "--preset goes with --format csv" in bad.stderr


def test_the_demo_books_vcards_come_back_with_every_tag_and_organization(demo_book, tmp_path):
    text = vcard_out.contacts_vcard(demo_book)
    # vobject reads every card, with the book's name, organization, title, phones and e-mails
    cards = list(vobject.readComponents(text))
    rows = peek.rows(demo_book, "SELECT c.*, o.name AS org FROM contact c LEFT JOIN contact o "
                                "ON o.id = c.organization_id WHERE c.archived_at IS NULL ORDER BY c.name COLLATE NOCASE, c.id")
    assert len(cards) == len(rows)
    for card, row in zip(cards, rows):
        assert card.fn.value == row["name"] and card.uid.value == row["uid"]
        org = row["name"] if row["kind"] == "organization" else row["org"]
        assert (card.org.value[0] if "org" in card.contents else None) == org
        assert (card.title.value if "title" in card.contents else "") == row["role"]
        phones = [r[0] for r in peek.rows(demo_book, "SELECT number FROM contact_phone WHERE contact_id = ? AND bad = 0 "
                                                     "ORDER BY position", (row["id"],))] or [row["phone"]]
        assert [t.value for t in card.contents.get("tel", [])] == [p for p in phones if p]
        emails = [r[0] for r in peek.rows(demo_book, "SELECT address FROM contact_email WHERE contact_id = ? "
                                                     "AND bad = 0 ORDER BY position", (row["id"],))] or [row["email"]]
        assert [e.value for e in card.contents.get("email", [])] == [e for e in emails if e]
    tags = "SELECT c.name, c.kind, group_concat(t.tag) FROM contact c LEFT JOIN (SELECT * FROM contact_tag ORDER BY tag) " \
           "t ON t.contact_id = c.id WHERE c.archived_at IS NULL GROUP BY c.id ORDER BY c.name, c.kind"
    with Book(tmp_path / "again.sqlite3") as again:
        apply(again, preview(again, read_bytes(text.encode(), "demo.vcf")))
        assert [tuple(r) for r in peek.rows(again, tags)] == [tuple(r) for r in peek.rows(demo_book, tags)]
        assert {r[0] for r in peek.rows(again, "SELECT uid FROM contact")} == {
            r[0] for r in peek.rows(demo_book, "SELECT uid FROM contact WHERE archived_at IS NULL")}


def test_a_book_open_read_only_still_exports_cards_with_their_uids(demo_book, tmp_path):
    from relmeet import db

    try:
        db.set_damage(demo_book.path, "a page is damaged")  # what the check at open records of a damaged book
        cards = _vcards(vcard_out.contacts_vcard(demo_book))
        again = _vcards(vcard_out.contacts_vcard(demo_book))
    finally:
        db.set_damage(demo_book.path, None)
    assert peek.value(demo_book, "SELECT count(*) FROM contact WHERE uid <> ''") == 0  # nothing written
    assert len(cards) > 10 and all(card.uid.value.startswith("urn:uuid:") for card in cards.values())
    assert {n: c.uid.value for n, c in again.items()} == {n: c.uid.value for n, c in cards.items()}


def test_the_google_preset_reads_back_with_its_labels_and_fields(tmp_path):
    with _book(tmp_path / "b.sqlite3") as book:
        google = csv_presets.google_csv(book)
    batch = read_bytes(google.encode(), "google.csv")
    assert batch.layouts == ["google.csv: Google Contacts (current)"]
    rosa = next(c for c in batch.contacts if c.name == "Rosa Nguyễn")
    assert (rosa.given_name, rosa.family_name, rosa.department, rosa.birthday, rosa.postal_code, rosa.city) == (
        "Rosa", "Nguyễn", "Building B", "1984-05-17", "94601", "Eastside")
    assert rosa.ordered("emails") == [("rosa@example.org", "home", True), ("rosa@union.example.org", "work", False)]
    assert rosa.ordered("phones")[0] == ("+1 555 010 0142", "mobile", True)
    heiko = next(c for c in batch.contacts if c.family_name == "Mustermann")
    assert heiko.honorific == "Dr."
