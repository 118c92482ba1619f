"""Schema version 6: the ledger of a relationship, both ways, worked after the meeting.

- Asks and offers say who made them (`made_by`: me or them), and an answer in the person's words:
  yes (`agreed`), partly (how much in `answer`), a counter-offer, pending (`thinking`: the `condition` and a
  `decide_by` date), no (`declined`), deferred (raise it later). A deferred ask raised again in a later
  meeting points at the one it came from (`raised_from_id`), so it keeps one history. The status values
  stored before keep their meaning; only the labels a user reads change. SQLite can't change a CHECK, so
  the table is rebuilt with its ids (the search index's rows keep pointing at them) and its triggers.
- Commitments carry the date they were done, a note on the outcome ("2 of 4"), a second contact they
  involve, the ask they came from; dated progress notes; and the state before each mark, for undo.
- Meetings remember when a check-in was done and when the summary (the thank-you) was sent.
- People have name parts: an honorific, given and family names, the name they go by.
"""

from relmeet.schema.v5_speed import _item_triggers  # the search index's triggers (v5 is released, never edited)

_EXCHANGE_COLUMNS = "id, contact_id, meeting_id, campaign_id, direction, kind, text, status, private, created_at, updated_at"

SQL = f"""
CREATE TABLE exchange_v6 (
    id              INTEGER PRIMARY KEY,
    contact_id      INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    meeting_id      INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    campaign_id     INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('ask', 'offer')),
    made_by         TEXT NOT NULL DEFAULT 'me' CHECK (made_by IN ('me', 'them')),
    kind            TEXT NOT NULL DEFAULT 'other'
                    CHECK (kind IN ('time', 'money', 'action', 'endorsement', 'introduction',
                                    'information', 'support', 'other')),
    text            TEXT NOT NULL CHECK (trim(text) <> ''),
    status          TEXT NOT NULL DEFAULT 'made'
                    CHECK (status IN ('planned', 'made', 'agreed', 'partly', 'counter', 'thinking', 'declined',
                                      'deferred')),
    answer          TEXT NOT NULL DEFAULT '',
    condition       TEXT NOT NULL DEFAULT '',
    decide_by       TEXT,
    answered_on     TEXT,
    raised_from_id  INTEGER REFERENCES exchange_v6(id) ON DELETE SET NULL,
    private         INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
INSERT INTO exchange_v6 ({_EXCHANGE_COLUMNS}) SELECT {_EXCHANGE_COLUMNS} FROM exchange;
DROP TABLE exchange;
ALTER TABLE exchange_v6 RENAME TO exchange;
CREATE INDEX exchange_contact ON exchange(contact_id);
CREATE INDEX exchange_meeting ON exchange(meeting_id);
CREATE INDEX exchange_campaign ON exchange(campaign_id, direction, status);
CREATE INDEX exchange_direction_status ON exchange(direction, status);
CREATE INDEX exchange_raised_from ON exchange(raised_from_id);
{_item_triggers("exchange", 3, "NEW.text")}

ALTER TABLE commitment ADD COLUMN done_on TEXT;
ALTER TABLE commitment ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
ALTER TABLE commitment ADD COLUMN involves_contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL;
ALTER TABLE commitment ADD COLUMN exchange_id INTEGER REFERENCES exchange(id) ON DELETE SET NULL;
CREATE INDEX commitment_involves ON commitment(involves_contact_id);

CREATE TABLE commitment_note (
    id             INTEGER PRIMARY KEY,
    commitment_id  INTEGER NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
    noted_on       TEXT NOT NULL,
    text           TEXT NOT NULL CHECK (trim(text) <> ''),
    created_at     TEXT NOT NULL
);
CREATE INDEX commitment_note_commitment ON commitment_note(commitment_id);

-- a commitment as it was before each mark, newest last: "undo" puts the latest back
CREATE TABLE commitment_change (
    id             INTEGER PRIMARY KEY,
    commitment_id  INTEGER NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
    status         TEXT NOT NULL,
    closed_at      TEXT,
    done_on        TEXT,
    outcome_note   TEXT NOT NULL DEFAULT '',
    changed_at     TEXT NOT NULL
);
CREATE INDEX commitment_change_commitment ON commitment_change(commitment_id);

ALTER TABLE meeting ADD COLUMN check_in_done_on TEXT;
-- the check-ins to make, found without reading every meeting's notes (39 ms for 10,000 meetings without it)
CREATE INDEX meeting_check_in ON meeting(check_in_on) WHERE check_in_on IS NOT NULL;
ALTER TABLE meeting ADD COLUMN summary_sent_on TEXT;

ALTER TABLE contact ADD COLUMN honorific TEXT NOT NULL DEFAULT '';
ALTER TABLE contact ADD COLUMN given_name TEXT NOT NULL DEFAULT '';
ALTER TABLE contact ADD COLUMN family_name TEXT NOT NULL DEFAULT '';
ALTER TABLE contact ADD COLUMN goes_by TEXT NOT NULL DEFAULT '';
"""
