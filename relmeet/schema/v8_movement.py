"""Schema version 8: house meetings (a meeting with several people) and movement (a dated story of where
someone stands), and snoozing what is due (issue 17).

Participants:
- `meeting_participant(meeting_id, contact_id, role, position, added_at)`, one row per person in a meeting,
  in the order they were added (`position`, 0 first). `role` is 'with' for the meeting's own contact (the
  person a one-on-one is with; exactly one per meeting) and 'participant' for everyone else. The meeting's
  `contact_id` column stays and is the 'with' participant: triggers add that row when a meeting is made and
  move it when the meeting changes hands (a merge), so no writer can leave the two apart. An upgraded book
  gives every meeting its contact as its only participant.
- "Whose" a capture is: interests, asks/offers, commitments already carry a `contact_id`, and in a one-on-one
  it is the meeting's contact. In a house meeting it is the participant the capture belongs to (a referral's
  `from_contact_id` likewise). No column is added: every history, count and export that reads captures by
  `contact_id` then shows each participant's own, and the rows of a one-on-one are unchanged.

The story (`standing_change`), one row per change of one field:
- `field`: 'stance', 'influence', 'rung', 'leader' or 'gatekeeper'; `campaign_id` NULL for the overall
  value on `contact`, else the campaign's (`campaign_contact`; only stance and influence are per campaign).
- `old_value` → `new_value` as stored text ('potential_ally', '4', 'volunteer', '1'); `old_value` is NULL on
  the first entry of a story. `changed_on` the organizer's local date; `meeting_id` the meeting it came
  from (NULL if none); `changed_by` the organizer's name from the setting 'organizer_name' ('' if none
  set); `reason` as typed ("agreed to host the renewal table", '' if none).
- Triggers write the row whenever a value actually changes (and the first entries when a contact or a
  campaign row is made), in the writer's own transaction, so an import, a merge or a script cannot move
  someone without a trace. The store then adds the reason, the meeting and its own `today()` to the rows
  its write made (store/standing.py). Flags get a first entry only when set.
- An upgraded book: each contact's current stance, influence and rung (and a set leader/gatekeeper flag),
  and each campaign row's stance and influence, become the first entry of the story, dated at the
  contact's last update (`contact.updated_at`; campaign rows have no time of their own).
- The value on a date is the newest entry on or before it, else the old value of the first entry after it
  (else the first entry's value, else the current value): see store/standing.py.

Snooze: `snoozed_until` (a date, NULL if not snoozed) and `snooze_reason` on `commitment`, and on `meeting`
for its check-in: a snoozed item is not overdue until that date.
"""

_ORGANIZER = "coalesce((SELECT value FROM setting WHERE key = 'organizer_name'), '')"
_NOW = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
_TODAY = "date('now', 'localtime')"
# a time that is no date (a script's 'x') dates the entry today rather than failing the upgrade
_UPDATED = "coalesce(date(c.updated_at, 'localtime'), date('now', 'localtime'))"
_MADE = "coalesce(date(NEW.created_at, 'localtime'), date('now', 'localtime'))"
_COLUMNS = "contact_id, campaign_id, field, old_value, new_value, changed_on, changed_by, created_at"


def _changes(row: str, contact: str, campaign: str, fields: list[tuple[str, str]], old: str | None,
             on: str, where: str = "o IS NOT n") -> str:
    """INSERT of one story row per field whose value changed (or, with old=None, per field: a first entry)."""
    parts = " UNION ALL ".join(
        f"SELECT '{name}' AS f, {f'CAST({old}.{column} AS TEXT)' if old else 'NULL'} AS o, "
        f"CAST({row}.{column} AS TEXT) AS n" for name, column in fields)
    return (f"INSERT INTO standing_change ({_COLUMNS}) SELECT {contact}, {campaign}, f, o, n, {on}, {_ORGANIZER}, "
            f"{_NOW} FROM ({parts}) WHERE {where};")


_CONTACT_FIELDS = [("stance", "stance"), ("influence", "influence"), ("rung", "rung"), ("leader", "is_leader"),
                   ("gatekeeper", "is_gatekeeper")]
_CAMPAIGN_FIELDS = [("stance", "stance"), ("influence", "influence")]
# a first entry for every value, but for a flag only when it is set
_FIRST = "n IS NOT NULL AND NOT (f IN ('leader', 'gatekeeper') AND n = '0')"

SQL = f"""
CREATE TABLE meeting_participant (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    role        TEXT NOT NULL DEFAULT 'participant' CHECK (role IN ('with', 'participant')),
    position    INTEGER NOT NULL DEFAULT 0,
    added_at    TEXT NOT NULL,
    PRIMARY KEY (meeting_id, contact_id)
) WITHOUT ROWID;
-- a person's meetings, for histories and "last met"
CREATE INDEX meeting_participant_contact ON meeting_participant(contact_id, meeting_id);
CREATE UNIQUE INDEX meeting_participant_with ON meeting_participant(meeting_id) WHERE role = 'with';
INSERT INTO meeting_participant (meeting_id, contact_id, role, position, added_at)
    SELECT id, contact_id, 'with', 0, created_at FROM meeting;
CREATE TRIGGER meeting_participant_with_insert AFTER INSERT ON meeting BEGIN
    INSERT OR REPLACE INTO meeting_participant (meeting_id, contact_id, role, position, added_at)
        VALUES (NEW.id, NEW.contact_id, 'with', 0, NEW.created_at);
END;
CREATE TRIGGER meeting_participant_with_update AFTER UPDATE OF contact_id ON meeting
WHEN OLD.contact_id IS NOT NEW.contact_id BEGIN
    -- the 'with' row keeps the day it was made, so that a merge and its undo leave the row as it was
    INSERT OR REPLACE INTO meeting_participant (meeting_id, contact_id, role, position, added_at)
        SELECT NEW.id, NEW.contact_id, 'with', 0,
               coalesce((SELECT added_at FROM meeting_participant WHERE meeting_id = NEW.id AND role = 'with'),
                        NEW.updated_at);
    DELETE FROM meeting_participant WHERE meeting_id = NEW.id AND contact_id = OLD.contact_id;
END;

CREATE TABLE standing_change (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    campaign_id INTEGER REFERENCES campaign(id) ON DELETE CASCADE,
    field       TEXT NOT NULL CHECK (field IN ('stance', 'influence', 'rung', 'leader', 'gatekeeper')),
    old_value   TEXT,
    new_value   TEXT NOT NULL,
    changed_on  TEXT NOT NULL,
    meeting_id  INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    changed_by  TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    CHECK (campaign_id IS NULL OR field IN ('stance', 'influence'))
);
-- "as of a date" reads: one person's story of one field, and who moved in a campaign (or overall) since
CREATE INDEX standing_change_contact ON standing_change(contact_id, field, changed_on);
CREATE INDEX standing_change_campaign ON standing_change(campaign_id, changed_on);
CREATE INDEX standing_change_meeting ON standing_change(meeting_id) WHERE meeting_id IS NOT NULL;

INSERT INTO standing_change ({_COLUMNS})
    SELECT c.id, NULL, f.field, NULL, f.value, {_UPDATED}, {_ORGANIZER}, {_NOW}
    FROM contact c JOIN (
        SELECT id, 1 AS n, 'stance' AS field, stance AS value FROM contact
        UNION ALL SELECT id, 2, 'influence', CAST(influence AS TEXT) FROM contact
        UNION ALL SELECT id, 3, 'rung', rung FROM contact
        UNION ALL SELECT id, 4, 'leader', '1' FROM contact WHERE is_leader = 1
        UNION ALL SELECT id, 5, 'gatekeeper', '1' FROM contact WHERE is_gatekeeper = 1
    ) f ON f.id = c.id
    ORDER BY c.id, f.n;
INSERT INTO standing_change ({_COLUMNS})
    SELECT cc.contact_id, cc.campaign_id, f.field, NULL, f.value, {_UPDATED}, {_ORGANIZER},
           {_NOW}
    FROM campaign_contact cc JOIN contact c ON c.id = cc.contact_id JOIN (
        SELECT campaign_id, contact_id, 1 AS n, 'stance' AS field, stance AS value FROM campaign_contact
        UNION ALL SELECT campaign_id, contact_id, 2, 'influence', CAST(influence AS TEXT) FROM campaign_contact
    ) f ON f.campaign_id = cc.campaign_id AND f.contact_id = cc.contact_id
    ORDER BY cc.contact_id, cc.campaign_id, f.n;

CREATE TRIGGER standing_contact_insert AFTER INSERT ON contact BEGIN
    {_changes("NEW", "NEW.id", "NULL", _CONTACT_FIELDS, None, _MADE, _FIRST)}
END;
CREATE TRIGGER standing_contact_update AFTER UPDATE OF stance, influence, rung, is_leader, is_gatekeeper ON contact
BEGIN
    {_changes("NEW", "NEW.id", "NULL", _CONTACT_FIELDS, "OLD", _TODAY)}
END;
CREATE TRIGGER standing_campaign_insert AFTER INSERT ON campaign_contact BEGIN
    {_changes("NEW", "NEW.contact_id", "NEW.campaign_id", _CAMPAIGN_FIELDS, None, _TODAY, _FIRST)}
END;
CREATE TRIGGER standing_campaign_update AFTER UPDATE OF stance, influence ON campaign_contact BEGIN
    {_changes("NEW", "NEW.contact_id", "NEW.campaign_id", _CAMPAIGN_FIELDS, "OLD", _TODAY)}
END;

ALTER TABLE commitment ADD COLUMN snoozed_until TEXT;
ALTER TABLE commitment ADD COLUMN snooze_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting ADD COLUMN snoozed_until TEXT;
ALTER TABLE meeting ADD COLUMN snooze_reason TEXT NOT NULL DEFAULT '';
"""
