"""Decoding like the best readers: unfold first, then each value by its own CHARSET/ENCODING, falling back per
value; UTF-16/32 with a BOM; quoted parameters; VALUE=uri numbers; AGENT cards; PREF; ORG's department.
The files are written here for the tests (bytes as the phones and programs named in each test write them)."""
from __future__ import annotations

from relmeet.importers import read_bytes
from relmeet.store.importing import apply, preview
import peek


def _one(raw: bytes, name: str = "t.vcf"):
    batch = read_bytes(raw, name)
    assert batch.problems == [], batch.problems
    assert len(batch.contacts) == 1, batch.contacts
    return batch.contacts[0]


def test_8bit_values_decode_by_their_charset():
    # a Japanese feature phone's 2.1 card: Shift_JIS bytes, no quoted-printable
    card = _one(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + "山田;太郎".encode("shift_jis")
                + b"\r\nNOTE;CHARSET=SHIFT_JIS:" + "よろしく".encode("shift_jis") + b"\r\nEND:VCARD\r\n")
    assert (card.name, card.family_name, card.given_name, card.notes) == ("太郎 山田", "山田", "太郎", "よろしく")
    for charset, text in (("WINDOWS-1253", "Αλέξης Παπαδόπουλος"), ("windows-1251", "Наталья Петрова"),
                          ("WINDOWS-1255", "דוד לוי")):
        card = _one(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=" + charset.encode() + b":" + text.encode(charset)
                    + b"\r\nEND:VCARD\r\n")
        assert card.name == text


def test_a_fold_inside_a_utf8_character_is_joined_before_decoding():
    encoded = "FN:Αβγδ Ωμέγα".encode("utf-8")
    cut = encoded.index("β".encode()) + 1  # the fold splits β's two bytes
    raw = b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + encoded[:cut] + b"\r\n " + encoded[cut:] + b"\r\nEND:VCARD\r\n"
    assert _one(raw).name == "Αβγδ Ωμέγα"


def test_an_ansi_card_after_a_utf8_one_leaves_the_utf8_one_alone():
    raw = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nguyễn Thị Hoa\r\nEND:VCARD\r\n".encode("utf-8")
           + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nEND:VCARD\r\n".encode("cp1252"))
    assert [c.name for c in read_bytes(raw, "two.vcf").contacts] == ["Nguyễn Thị Hoa", "Zoë Müller"]


def test_utf16_with_a_bom_reads_as_vcard_and_csv():
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Đặng Văn Lâm\r\nTEL:+84 90 123 4567\r\nEND:VCARD\r\n"
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        raw = card.encode(codec) if codec != "utf-16-be" else b"\xfe\xff" + card.encode(codec)
        assert _one(raw, "phone.vcf").phones == ["+84 90 123 4567"]
    # Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated
    csv = "First Name\tLast Name\tE-mail Address\r\nRosa\tNguyễn\trosa@example.org\r\n"
    contact = _one(csv.encode("utf-16"), "excel.txt")
    assert (contact.name, contact.emails) == ("Rosa Nguyễn", ["rosa@example.org"])


def test_quoted_parameters_uri_numbers_and_quoted_printable_breaks():
    raw = (b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lima\r\n"
           b'ADR;GEO="geo:12.3457,78.910";LABEL="12 Elm St\\nEastside":;;12 Elm St;Eastside;CA;94601;USA\r\n'
           b"TEL;VALUE=uri;TYPE=work:tel:+1-555-555-0100;ext=5\r\nEND:VCARD\r\n"
           b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bo Chen\r\n"
           b"NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond=\r\n  and a space\r\nEND:VCARD\r\n")
    ana, bo = read_bytes(raw, "t.vcf").contacts
    assert (ana.street, ana.city, ana.region, ana.postal_code, ana.country) == (
        "12 Elm St", "Eastside", "CA", "94601", "USA")
    assert ana.phones == ["+1-555-555-0100 ext. 5"] and ana.phone_labels == {"+1-555-555-0100 ext. 5": "work"}
    assert bo.notes == "first line\nsecond  and a space"


def test_a_nested_agent_card_stays_with_its_person():
    raw = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Boss;Pat\r\nFN:Pat Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
           b"FN:Sam Assistant\r\nTEL:+1 555 010 0777\r\nEND:VCARD\r\nTEL;WORK:+1 555 010 0100\r\nEND:VCARD\r\n")
    card = _one(raw)
    assert card.name == "Pat Boss" and card.phones == ["+1 555 010 0100"]
    assert card.notes == "Agent: Sam Assistant, +1 555 010 0777"


def test_pref_department_nickname_dates_and_an_email_alone(book):
    raw = (b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Rev. Grace Okafor\r\nN:Okafor;Grace;Adaeze;Rev.;\r\nNICKNAME:Pastor G\r\n"
           b"ORG:Grace AME Church;Pastoral care\r\nTITLE:Associate pastor\r\nBDAY:--0517\r\nANNIVERSARY:19980620\r\n"
           b"TEL;TYPE=home:+1 555 010 0001\r\nTEL;TYPE=cell;PREF=1:+1 555 010 0002\r\n"
           b"EMAIL;TYPE=work:grace@graceame.example.org\r\nEMAIL;PREF=1:grace@example.org\r\nUID:urn:uuid:g-1\r\n"
           b"URL:https://graceame.example.org\r\nLANG:en\r\nEND:VCARD\r\n"
           b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:only.an.address@example.org\r\nEND:VCARD\r\n")
    batch = read_bytes(raw, "/home/organizer/Downloads/church.vcf")
    grace, address_only = batch.contacts
    assert address_only.name == "only.an.address@example.org"
    apply(book, preview(book, batch))
    row = peek.row(book, "SELECT * FROM contact WHERE uid = 'urn:uuid:g-1'")
    assert {k: row[k] for k in ("honorific", "given_name", "family_name", "goes_by", "department", "role", "birthday",
                                "anniversary", "phone", "email", "url", "language", "source_name", "notes")} == {
        "honorific": "Rev.", "given_name": "Grace Adaeze", "family_name": "Okafor", "goes_by": "Pastor G",
        "department": "Pastoral care", "role": "Associate pastor", "birthday": "--05-17", "anniversary": "1998-06-20",
        "phone": "+1 555 010 0002", "email": "grace@example.org", "url": "https://graceame.example.org",
        "language": "en", "source_name": "church.vcf", "notes": ""}
    assert [tuple(r) for r in peek.rows(book, "SELECT number, label, preferred FROM contact_phone WHERE contact_id = ? "
                                              "ORDER BY position", (row["id"],))] == [
        ("+1 555 010 0001", "home", 0), ("+1 555 010 0002", "mobile", 1)]
