"""Schema version 7: people as organizers know them, and cards that come and go whole.

One step for this round's people fields (issue 14, "People as organizers know them", builds its screens on
them; issue 15, "Contacts in and out", fills them from vCard/CSV files and writes them back out).

Several e-mails and phones (new tables, one row per address or number, in the order the organizer sees them):
- `contact_email(id, contact_id, address, label, preferred, bad, position)` and
  `contact_phone(id, contact_id, number, label, preferred, bad, position)`.
  `label` is the organizer's or the card's word for it ("home", "work", "mobile", "Signal", free text, '' if
  none). `preferred` (0/1) marks the one to use, at most one per contact (a unique partial index);
  `bad` (0/1) marks a bounced e-mail or a wrong number: kept and shown, never preferred (a CHECK), never
  exported. `position` orders them (0 first). `number` is kept as given ("+1 (555) 010-2030").
- `contact.email` and `contact.phone` stay, as a copy of the preferred entry ('' if none), maintained by the
  store whenever the lists change, because search, lists and the shell read them. An upgraded book turns
  each non-empty `contact.email` / `contact.phone` into that contact's one preferred entry (label '').

On `contact` (all TEXT NOT NULL DEFAULT '' unless said):
- `uid`: the card's UID as imported (vCard UID, a CRM's id) or made once on first export; unique among the
  non-empty ones, so a second import of the same file finds its people again.
- `source_name`: the *name* of the file a contact was first imported from ("phone.vcf"), never a path.
- `birthday`, `anniversary`: ISO text, '1984-05-17', or '--05-17' when the year isn't known ('' if none).
- `street`, `city`, `region`, `postal_code`, `country`: the address beside the neighbourhood
  (`street` may hold several lines, joined with a newline).
- `department`: ORG's unit ("Pastoral care") beside `organization_id`; `url`: their web page.
- `pronouns` ("she/her"); `reach_note`: how and when to reach them ("texts after 6pm", "Spanish first").
- `leadership_note`: the rating in words; `gatekeeper_note`: gatekeeper of what.
- `day_to_day_id` (INTEGER, NULL if none, set to NULL when that person is deleted): on an organization, the
  person who is its day-to-day contact; `day_to_day_note` ("Marcus, CHW lead").
  (The name they go by is `goes_by` from step 6: a card's NICKNAME goes there; there is no nickname column.)

On `meeting` (prep):
- `credential` (who referred me, who I'm with, why I'm calling), `my_story` (my story to share),
  `risks` (risks / what they may need), `questions` (one question per line): TEXT NOT NULL DEFAULT ''.
- `time_asked_min`: the time asked for, in minutes (INTEGER, NULL if not said, >= 0).
- `series_visit`: which visit of a series this meeting is, 1 for the first (INTEGER, NULL if not a series).
"""

_CONTACT_TEXT = ["uid", "source_name", "birthday", "anniversary", "street", "city", "region", "postal_code",
                 "country", "department", "url", "pronouns", "reach_note", "leadership_note", "gatekeeper_note",
                 "day_to_day_note"]
_MEETING_TEXT = ["credential", "my_story", "risks", "questions"]


def _list_table(table: str, value: str) -> str:
    return f"""
CREATE TABLE {table} (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    {value:<11} TEXT NOT NULL CHECK (trim({value}) <> ''),
    label       TEXT NOT NULL DEFAULT '',
    preferred   INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
    bad         INTEGER NOT NULL DEFAULT 0 CHECK (bad IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0,
    CHECK (NOT (preferred = 1 AND bad = 1))
);
CREATE INDEX {table}_contact ON {table}(contact_id, position);
CREATE INDEX {table}_{value} ON {table}({value} COLLATE NOCASE);
CREATE UNIQUE INDEX {table}_one_preferred ON {table}(contact_id) WHERE preferred = 1;
"""


SQL = (
    "".join(f"ALTER TABLE contact ADD COLUMN {c} TEXT NOT NULL DEFAULT '';\n" for c in _CONTACT_TEXT)
    + "ALTER TABLE contact ADD COLUMN day_to_day_id INTEGER REFERENCES contact(id) ON DELETE SET NULL;\n"
    + "CREATE UNIQUE INDEX contact_uid ON contact(uid) WHERE uid <> '';\n"
    + _list_table("contact_email", "address")
    + _list_table("contact_phone", "number")
    + """
INSERT INTO contact_email (contact_id, address, preferred, position)
    SELECT id, trim(email), 1, 0 FROM contact WHERE trim(email) <> '';
INSERT INTO contact_phone (contact_id, number, preferred, position)
    SELECT id, trim(phone), 1, 0 FROM contact WHERE trim(phone) <> '';
"""
    + "".join(f"ALTER TABLE meeting ADD COLUMN {c} TEXT NOT NULL DEFAULT '';\n" for c in _MEETING_TEXT)
    + "ALTER TABLE meeting ADD COLUMN time_asked_min INTEGER CHECK (time_asked_min IS NULL OR time_asked_min >= 0);\n"
    + "ALTER TABLE meeting ADD COLUMN series_visit INTEGER CHECK (series_visit IS NULL OR series_visit >= 1);\n"
)
