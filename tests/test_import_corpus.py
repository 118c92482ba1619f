"""Every file in tests/corpus/ goes through the importer, with the counts it must give.

The files are other projects' test data, kept with their attribution in tests/corpus/SOURCES.md,
csv/README.md and vcards/MANIFEST.tsv: vCards from the test suites of ez-vcard (BSD-2-Clause),
evolution-data-server (LGPL-2.0+), khard, SyncEvolution, vcard4android and vobject; CSV exports from
Roundcube (GPL-3.0+), Spoke (GPL-3.0), BostonDSA's actionnetwork_activist_sync (MIT), and headers of
Google, Outlook, Action Network, NationBuilder and EveryAction with rows written for relmeet.
Android's vCard library's test files (Apache-2.0) and two of Roundcube's (GPL-3.0-or-later) were added for issue 15.
Expected counts were read off the files: for every vCard file, contacts + unreadable cards equals its
number of BEGIN:VCARD lines (but v21_nest.vcf, whose two inner cards belong to the outer one).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from relmeet.domain.errors import RelmeetError
from relmeet.importers import read_bytes, read_files
from relmeet.store.importing import apply, preview
import peek

CORPUS = Path(__file__).resolve().parent / "corpus"

# (file, contacts, organizations named, unreadable cards or rows)
EXPECTED = [
    ("csv/action_network_report__FABRICATED_ROWS.csv", 2, 1, 0),
    ("vcards/android-vcard/v21_complicated.vcf", 1, 1, 0),
    ("vcards/android-vcard/v21_japanese_1.vcf", 1, 0, 0),
    ("vcards/android-vcard/v21_japanese_2.vcf", 1, 0, 0),
    ("vcards/android-vcard/v21_nest.vcf", 1, 0, 0),  # two cards nested in the parent: its agents, not people
    ("vcards/android-vcard/v21_org_before_title.vcf", 1, 1, 0),
    ("vcards/android-vcard/v21_pref_handling.vcf", 1, 1, 0),
    ("vcards/android-vcard/v21_winmo_65.vcf", 1, 0, 0),
    ("vcards/android-vcard/v30_comma_separated.vcf", 1, 0, 0),
    ("vcards/android-vcard/v30_japanese.vcf", 1, 0, 0),
    ("vcards/android-vcard/v30_multibyte_param.vcf", 1, 0, 0),
    ("vcards/roundcube/johndoe.vcf", 1, 1, 0),
    ("vcards/roundcube/utf-16_sample.vcf", 1, 0, 0),
    ("csv/dsa_national_roster__bostondsa_01current.csv", 2, 0, 0),
    ("csv/dsa_national_roster_older__bostondsa_actionkit_export.csv", 1, 0, 0),
    ("csv/everyaction_bulk_upload__egnor_rcv_header__FABRICATED_ROW.tsv", 1, 1, 0),
    ("csv/google_current_format__FABRICATED_ROWS.csv", 4, 3, 0),
    ("csv/google_legacy_format__roundcube_gmail.csv", 1, 1, 0),
    ("csv/google_legacy_format__roundcube_gmail.expected.vcf", 1, 1, 0),
    ("csv/nationbuilder_people_export__FABRICATED_ROWS.csv", 2, 2, 0),
    ("csv/outlook_desktop_export__FABRICATED_ROWS.csv", 2, 2, 0),
    ("csv/outlook_emails_only__roundcube_outlook.csv", 1, 0, 0),
    ("csv/thunderbird__roundcube_tb_plain.csv", 1, 1, 0),
    ("csv/van_everyaction_export_type8__spoke_test.csv", 13, 0, 0),
    ("vcards/evolution-data-server/1.vcf", 1, 1, 0),
    ("vcards/evolution-data-server/10.vcf", 1, 1, 0),
    ("vcards/evolution-data-server/11.vcf", 1, 0, 0),
    ("vcards/evolution-data-server/12.vcf", 1, 0, 0),
    ("vcards/evolution-data-server/13.vcf", 1, 1, 0),  # escapes, TAB folding, a QP value ending in "="
    ("vcards/evolution-data-server/2.vcf", 1, 1, 0),
    ("vcards/evolution-data-server/3.vcf", 1, 0, 0),
    ("vcards/evolution-data-server/4.vcf", 1, 0, 0),
    ("vcards/evolution-data-server/5.vcf", 1, 1, 0),
    ("vcards/evolution-data-server/6.vcf", 1, 1, 0),
    ("vcards/evolution-data-server/8.vcf", 0, 0, 1),
    ("vcards/evolution-data-server/9.vcf", 0, 0, 1),
    ("vcards/evolution-data-server/photo-1.vcf", 1, 0, 0),
    ("vcards/ez-vcard/John_Doe_ANDROID.vcf", 6, 2, 0),  # two cards of an e-mail alone, named by it
    ("vcards/ez-vcard/John_Doe_BLACK_BERRY.vcf", 1, 1, 0),
    ("vcards/ez-vcard/John_Doe_EVOLUTION.vcf", 1, 1, 0),
    ("vcards/ez-vcard/John_Doe_GMAIL.vcf", 1, 1, 0),
    ("vcards/ez-vcard/John_Doe_IPHONE.vcf", 1, 1, 0),
    ("vcards/ez-vcard/John_Doe_LOTUS_NOTES.vcf", 1, 1, 0),
    ("vcards/ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf", 1, 1, 0),
    ("vcards/ez-vcard/John_Doe_MS_OUTLOOK.vcf", 1, 1, 0),
    ("vcards/ez-vcard/fullcontact.vcf", 1, 1, 0),
    ("vcards/ez-vcard/gmail-list.vcf", 3, 0, 0),
    ("vcards/ez-vcard/gmail-single.vcf", 1, 1, 0),
    ("vcards/ez-vcard/gmail-single2.vcf", 1, 1, 0),
    ("vcards/ez-vcard/issue114.vcf", 1, 1, 0),
    ("vcards/ez-vcard/outlook-2003.vcf", 1, 1, 0),
    ("vcards/ez-vcard/outlook-2007.vcf", 1, 1, 0),
    ("vcards/ez-vcard/rfc2426-example.vcf", 2, 2, 0),
    ("vcards/ez-vcard/rfc6350-example.vcf", 1, 1, 0),
    ("vcards/ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf", 1, 1, 0),
    ("vcards/khard/altid.vcf", 1, 0, 0),
    ("vcards/khard/category.vcf", 1, 0, 0),
    ("vcards/khard/individual.vcf", 1, 1, 0),
    ("vcards/khard/joe.vcf", 1, 0, 0),
    ("vcards/khard/korean-c.vcf", 1, 0, 0),
    ("vcards/khard/labels.vcf", 1, 1, 0),
    ("vcards/khard/nickname.vcf", 1, 0, 0),
    ("vcards/khard/org.vcf", 1, 1, 0),
    ("vcards/khard/photov3.vcf", 1, 0, 0),
    ("vcards/khard/photov4.vcf", 1, 0, 0),
    ("vcards/khard/post.vcf", 1, 0, 0),
    ("vcards/khard/tel-value-uri.vcf", 1, 0, 0),
    ("vcards/khard/text-bday.vcf", 1, 0, 0),
    ("vcards/khard/unparsable.vcf", 0, 0, 1),
    ("vcards/syncevolution/Google-Gmail.vcf", 1, 1, 0),
    ("vcards/syncevolution/eds_contact.vcf", 17, 1, 0),
    ("vcards/syncevolution/vcard21.vcf", 16, 1, 0),
    ("vcards/vcard4android/allfields-vcard3.vcf", 1, 1, 0),
    ("vcards/vcard4android/strange-rev.vcf", 1, 0, 0),
    ("vcards/vcard4android/unknown-properties-with-labels.vcf", 1, 0, 0),
    ("vcards/vcard4android/vcard4.vcf", 1, 0, 0),
    ("vcards/vobject/radicale-1587.vcf", 1, 0, 0),
]
NOT_CONTACTS = ["README.md", "SOURCES.md", "csv/README.md", "csv/roundcube_csv_column_names__outlook_thunderbird_gmail.tsv",
                "vcards/MANIFEST.tsv", "vcards/README.md", "vcards/evolution-data-server/README",
                "vcards/ez-vcard/LICENSE", "vcards/ez-vcard/vcard-samples-license.txt",
                "vcards/android-vcard/LICENSE-2.0.txt", "vcards/roundcube/LICENSE.md",
                "vcards/evolution-data-server/7.vcf"]
NESTED = {"vcards/android-vcard/v21_nest.vcf": 2}  # cards inside another card


def test_every_corpus_file_is_covered():
    files = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file()}
    assert files == {name for name, *_ in EXPECTED} | set(NOT_CONTACTS)


@pytest.mark.parametrize("name, contacts, organizations, unreadable", EXPECTED)
def test_counts(name, contacts, organizations, unreadable):
    raw = (CORPUS / name).read_bytes()
    batch = read_bytes(raw, name)
    assert len(batch.contacts) == contacts
    named = {c.name for c in batch.contacts if c.kind == "organization"} | {c.organization for c in batch.contacts
                                                                             if c.organization}
    assert len(named) == organizations
    assert len(batch.problems) == unreadable
    if name.endswith(".vcf"):
        text = raw.decode("utf-16-be") if raw.startswith(b"\x00") else raw.decode("latin-1")  # Roundcube's UTF-16
        assert contacts + unreadable + NESTED.get(name, 0) == text.upper().count("BEGIN:VCARD")
    for problem in batch.problems:
        assert problem.source.startswith(name) and problem.reason


@pytest.mark.parametrize("name", NOT_CONTACTS)
def test_files_that_are_not_contacts_are_refused_in_one_line(name):
    with pytest.raises(RelmeetError) as caught:
        read_files([CORPUS / name])
    assert "\n" not in str(caught.value) and name.split("/")[-1] in str(caught.value)


@pytest.mark.parametrize("name, expected", [
    ("vcards/khard/korean-c.vcf", "최유림"),
    ("vcards/evolution-data-server/12.vcf", "Michael Brüning"),
    ("vcards/evolution-data-server/5.vcf", "十城目管理大型知座"),
    ("vcards/vcard4android/allfields-vcard3.vcf", "Ämi Display"),
    ("csv/google_current_format__FABRICATED_ROWS.csv", "Thanh Nguyễn"),
    ("csv/outlook_desktop_export__FABRICATED_ROWS.csv", "María José Peña"),  # cp1252 with CRLF
])
def test_names_and_scripts_survive_exactly(name, expected):
    assert expected in [c.name for c in read_bytes((CORPUS / name).read_bytes(), name).contacts]


def test_layouts_are_recognised_by_their_headers():
    layouts = " ".join(read_files(sorted((CORPUS / "csv").glob("*_*.csv"))).layouts)
    for layout in ("Action Network", "ActionKit roster", "Google Contacts (current)", "Google Contacts (old)",
                   "NationBuilder", "Outlook", "Thunderbird", "EveryAction/VAN export"):
        assert layout in layouts


def test_quirks_of_the_exports():
    nb = read_bytes((CORPUS / "csv/nationbuilder_people_export__FABRICATED_ROWS.csv").read_bytes(), "nb.csv")
    adaeze = nb.contacts[0]
    assert adaeze.phones == ["5550150"]  # NationBuilder's leading ' removed, digits kept
    assert adaeze.tags == ["partner-org", "health", "1on1-2024"]
    assert adaeze.organization == "Eastside Community Health Clinic" and adaeze.role == "Executive Director"
    google = read_bytes((CORPUS / "csv/google_current_format__FABRICATED_ROWS.csv").read_bytes(), "g.csv")
    assert all("myContacts" not in c.tags for c in google.contacts)  # Google's system group is not a tag
    assert any(c.kind == "organization" for c in google.contacts)    # the organization-only row


def test_whole_corpus_imports_into_a_book(book):
    files = [CORPUS / name for name, *_ in EXPECTED]
    found = preview(book, read_files(files))
    counts = apply(book, found)
    people = peek.value(book, "SELECT count(*) FROM contact WHERE kind = 'person'")
    assert people == counts.added > 80
    assert peek.value(book, "SELECT count(*) FROM contact WHERE kind = 'organization'") >= 20
    rosa = peek.row(book, "SELECT c.role, o.name FROM contact c JOIN contact o ON o.id = c.organization_id "
                    "WHERE c.name = 'Rosa Delgado'")
    assert tuple(rosa) == ("Co-chair", "Maple Court Tenants Association")
