"""Issue 15's decoding cases on other projects' test files, with the values those projects' own tests expect.

Android's vCard library (Apache-2.0; expectations from its VCardImporterTests.java) and Roundcube (GPL-3.0-or-later;
expectations from tests/Framework/VCardTest.php), kept byte for byte in tests/corpus/vcards/ with their licences
(tests/corpus/vcards/README.md, MANIFEST.tsv).
"""
from __future__ import annotations

from pathlib import Path

from relmeet.importers import read_files
from relmeet.store.importing import apply, preview
import peek

VCARDS = Path(__file__).resolve().parent / "corpus" / "vcards"


def _one(name: str):
    batch = read_files([VCARDS / name])
    assert batch.problems == []
    assert len(batch.contacts) == 1
    return batch.contacts[0]


def test_shift_jis_charset_on_8bit_21_values():
    first = _one("android-vcard/v21_japanese_1.vcf")
    assert (first.name, first.family_name) == ("安藤ロイド", "安藤ロイド")
    assert (first.phones, first.preferred_phone) == (["0300000000"], "0300000000")
    second = _one("android-vcard/v21_japanese_2.vcf")
    assert (second.name, second.family_name, second.given_name) == ("安藤 ロイド 1", "安藤", "ロイド1")
    # quoted-printable with soft breaks, then Shift_JIS: the address and the note
    assert (second.street, second.postal_code) == ("東京都渋谷区桜丘町26-1セルリアンタワー6階", "150-8512")
    assert second.notes == "メモ"


def test_a_shift_jis_second_byte_that_is_a_backslash_stays_part_of_its_character():
    card = _one("android-vcard/v30_japanese.vcf")
    assert (card.family_name, card.given_name) == ("伊能", "圭一 伊予")
    assert card.name == "伊能 圭一 伊予"


def test_windows_1252_charset_and_pref_on_the_second_email():
    card = _one("roundcube/johndoe.vcf")
    assert (card.name, card.family_name, card.organization) == ("John Doë", "Doë", "roundcube.net")
    assert card.emails == ["inbox@roundcube.net", "roundcube@gmail.com"]
    assert card.preferred_email == "roundcube@gmail.com"  # Roundcube: 'Use PREF e-mail as primary'
    assert card.notes == "The notes..."


def test_utf16_without_a_byte_order_mark():
    card = _one("roundcube/utf-16_sample.vcf")
    assert card.name == "Ǽgean ĽdaMonté"  # Roundcube: 'Decoded from UTF-16'
    assert (card.street, card.city, card.region, card.postal_code, card.country) == (
        "169 Mária Canal", "LaPaz", "Conceptión", "245-876", "Perú")


def test_quoted_printable_soft_breaks_org_department_and_pref():
    card = _one("android-vcard/v21_complicated.vcf")
    assert card.name == "Joe Due"
    assert (card.honorific, card.given_name, card.family_name) == ("Pos", "Forrest Hoge", "Gump")
    # the soft break before ' to the aid' keeps its space (Android: "... to come to the aid of their country.")
    assert card.notes.splitlines()[:2] == ["The following note is the example from RFC 2045.",
                                           "Now's the time for all folk to come to the aid of their country."]
    assert (card.organization, card.department, card.role) == ("Gump Shrimp Co.", "Sales Dept.;Manager / Fish keeper",
                                                               "Shrimp Man")
    assert card.emails == ["forrestgump@walladalla.com", "cell@example.com"]
    assert card.preferred_email == "forrestgump@walladalla.com"
    assert card.phones == ["(111) 555-1212", "(404) 555-1212", "0311111111", "0322222222", "0333333333"]
    assert (card.street, card.city, card.region, card.postal_code, card.country) == (
        "100 Waters Edge", "Baytown", "LA", "30314", "United States of America")
    assert "Address (home): 42 Plantation St., Baytown, LA, 30314, United States of America" in card.notes
    assert (card.birthday, card.url) == ("1980-01-01", "http://www.example.com/")


def test_pref_chooses_the_preferred_phone_and_the_first_of_two_preferred_emails():
    card = _one("android-vcard/v21_pref_handling.vcf")
    assert (card.phones, card.preferred_phone) == (["1", "2", "3"], "2")
    assert card.phone_labels == {"1": "home", "2": "work", "3": "isdn"}
    assert (card.emails, card.preferred_email) == (["test@example.com", "test2@examination.com"], "test@example.com")
    assert (card.organization, card.role) == ("Company", "Engineer")


def test_org_department_units():
    card = _one("android-vcard/v21_org_before_title.vcf")
    assert (card.organization, card.department, card.role) == (
        "Company", "Organization / Devision / Room / Sheet No.", "Excellent Janitor")


def test_nested_cards_stay_with_the_card_they_are_in():
    card = _one("android-vcard/v21_nest.vcf")
    assert (card.name, card.phones) == ("parent", ["1"])
    assert card.notes == "Agent: nest1\nAgent: nest2"


def test_an_agent_with_a_text_value_is_no_person_and_the_anniversary_is_kept():
    card = _one("android-vcard/v21_winmo_65.vcf")
    assert (card.name, card.anniversary) == ("Example", "2009-10-10")


def test_quoted_parameters_holding_a_colon_a_comma_or_utf8():
    card = _one("android-vcard/v30_comma_separated.vcf")
    assert (card.phones, card.preferred_phone) == (["1"], "1")  # the ':' inside the quotes does not start the value
    assert card.phone_labels == {"1": "comma,separated:inside.dquote"}
    assert (card.family_name, card.given_name) == ("F", "G M")
    card = _one("android-vcard/v30_multibyte_param.vcf")
    assert card.phone_labels == {"1": "费"}  # Android: label "\u8D39"


def test_the_book_keeps_what_was_decoded(book):
    files = [VCARDS / "android-vcard" / "v21_japanese_2.vcf", VCARDS / "roundcube" / "utf-16_sample.vcf",
             VCARDS / "android-vcard" / "v21_nest.vcf", VCARDS / "android-vcard" / "v21_pref_handling.vcf"]
    counts = apply(book, preview(book, read_files(files)))
    assert counts.added == 4
    rows = {r["name"]: r for r in peek.rows(book, "SELECT * FROM contact WHERE kind = 'person'")}
    assert set(rows) == {"安藤 ロイド 1", "Ǽgean ĽdaMonté", "parent", "Smith"}
    assert (rows["安藤 ロイド 1"]["street"], rows["安藤 ロイド 1"]["notes"]) == (
        "東京都渋谷区桜丘町26-1セルリアンタワー6階", "メモ")
    assert rows["Ǽgean ĽdaMonté"]["country"] == "Perú"
    assert rows["parent"]["notes"] == "Agent: nest1\nAgent: nest2"
    assert (rows["Smith"]["phone"], rows["Smith"]["email"]) == ("2", "test@example.com")
    assert peek.value(book, "SELECT group_concat(address, ' ') FROM contact_email WHERE contact_id = ?",
                      (rows["Smith"]["id"],)) == "test@example.com test2@examination.com"
