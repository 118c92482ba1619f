"""Random bytes and text fed to the importers give a clean report, never a traceback."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from relmeet.importers import read_bytes

VCARD_BITS = st.sampled_from(["BEGIN:VCARD\r\n", "END:VCARD\r\n", "VERSION:2.1\r\n", "FN:Rosa\r\n",
                              "N;ENCODING=QUOTED-PRINTABLE:=C3=91=\r\n", " folded\r\n", "ORG:Union;\r\n",
                              "EMAIL;TYPE=work:a@b.org\r\n", "CATEGORIES:a,b\\,c\r\n", ":\r\n", ";;;\r\n",
                              "PHOTO;ENCODING=b:####\r\n", "KIND:org\r\n", "\x00", "=\r\n"])
CSV_BITS = st.sampled_from(["First Name,Last Name,E-mail Address\n", "\"Rosa\",\"Ng\"\"uyen\",a@b\n",
                            "name\tphone\n", "\"unclosed,", ",,,\n", "Labels\n", "* myContacts ::: x\n", "\ufeff",
                            "nationbuilder_id,first_name\n", "'0123,", "\r\n"])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["x.vcf", "x.csv", "x.tsv", "x"]))
def test_random_bytes(raw, name):
    batch = read_bytes(raw, name)
    assert all(p.reason for p in batch.problems)


@settings(max_examples=150, deadline=None)
@given(st.lists(VCARD_BITS, max_size=40))
def test_random_vcards(parts):
    batch = read_bytes("".join(parts).encode("utf-8"), "fuzz.vcf")
    assert all(c.name.strip() for c in batch.contacts)


@settings(max_examples=150, deadline=None)
@given(st.lists(CSV_BITS, max_size=30))
def test_random_csv(parts):
    batch = read_bytes("".join(parts).encode("utf-8"), "fuzz.csv")
    assert all(c.name.strip() for c in batch.contacts)
