"""Schema version 1: the whole data model of the organizer's book.

Times are ISO 8601 text in UTC with an explicit offset; calendar dates are YYYY-MM-DD.
Choices are checked here as well as in Python, so that no importer or script can store a value
the app can't show.
"""

SQL = """
CREATE TABLE campaign (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    goal        TEXT NOT NULL DEFAULT '',
    scope       TEXT NOT NULL DEFAULT 'broad' CHECK (scope IN ('broad', 'narrow')),
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'won', 'closed')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE contact (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organization')),
    name            TEXT NOT NULL CHECK (trim(name) <> ''),
    organization_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    role            TEXT NOT NULL DEFAULT '',
    level           TEXT NOT NULL DEFAULT 'impacted'
                    CHECK (level IN ('impacted', 'leader', 'organization')),
    is_leader       INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1)),
    is_gatekeeper   INTEGER NOT NULL DEFAULT 0 CHECK (is_gatekeeper IN (0, 1)),
    stance          TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (stance IN ('opposition', 'neutral', 'unknown', 'potential_ally', 'ally')),
    influence       INTEGER NOT NULL DEFAULT 3 CHECK (influence BETWEEN 1 AND 5),
    rung            TEXT NOT NULL DEFAULT 'identified'
                    CHECK (rung IN ('identified', 'met', 'supporter', 'volunteer', 'leader', 'core')),
    their_language  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    neighbourhood   TEXT NOT NULL DEFAULT '',
    contact_method  TEXT NOT NULL DEFAULT ''
                    CHECK (contact_method IN ('', 'phone', 'text', 'email', 'in_person', 'messaging')),
    language        TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    notes_private   INTEGER NOT NULL DEFAULT 0 CHECK (notes_private IN (0, 1)),
    archived_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX contact_organization ON contact(organization_id);
CREATE INDEX contact_name ON contact(name COLLATE NOCASE);

CREATE TABLE contact_tag (
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL CHECK (trim(tag) <> ''),
    PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;
CREATE INDEX contact_tag_tag ON contact_tag(tag COLLATE NOCASE);

-- Stance and influence per campaign: an ally on housing can oppose a zoning fight.
-- The contact's own stance/influence is the overall value for work not tied to a campaign.
CREATE TABLE campaign_contact (
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    stance      TEXT NOT NULL DEFAULT 'unknown'
                CHECK (stance IN ('opposition', 'neutral', 'unknown', 'potential_ally', 'ally')),
    influence   INTEGER NOT NULL DEFAULT 3 CHECK (influence BETWEEN 1 AND 5),
    PRIMARY KEY (campaign_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX campaign_contact_contact ON campaign_contact(contact_id);

CREATE TABLE meeting (
    id                    INTEGER PRIMARY KEY,
    contact_id            INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    campaign_id           INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    type                  TEXT NOT NULL DEFAULT 'recruitment'
                          CHECK (type IN ('recruitment', 'maintenance', 'escalation', 'other')),
    status                TEXT NOT NULL DEFAULT 'planned'
                          CHECK (status IN ('planned', 'in_progress', 'held', 'cancelled')),
    scheduled_at          TEXT,
    location              TEXT NOT NULL DEFAULT '',
    duration_min          INTEGER CHECK (duration_min IS NULL OR duration_min >= 0),
    started_at            TEXT,
    ended_at              TEXT,
    purpose               TEXT NOT NULL DEFAULT '',
    known                 TEXT NOT NULL DEFAULT '',
    guessed_interest      TEXT NOT NULL DEFAULT '',
    want_to_learn         TEXT NOT NULL DEFAULT '',
    offer_plan            TEXT NOT NULL DEFAULT '',
    framing               TEXT NOT NULL DEFAULT '',
    notes                 TEXT NOT NULL DEFAULT '',
    notes_private         INTEGER NOT NULL DEFAULT 0 CHECK (notes_private IN (0, 1)),
    -- bumped on every notes save, so two copies of the app can't overwrite each other silently
    notes_rev             INTEGER NOT NULL DEFAULT 0,
    summary               TEXT NOT NULL DEFAULT '',
    next_step             TEXT NOT NULL DEFAULT '',
    check_in_on           TEXT,
    leadership_rating     INTEGER CHECK (leadership_rating IS NULL OR leadership_rating BETWEEN 1 AND 5),
    relationship_rating   INTEGER CHECK (relationship_rating IS NULL OR relationship_rating BETWEEN 1 AND 5),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX meeting_contact ON meeting(contact_id, scheduled_at);
CREATE INDEX meeting_campaign ON meeting(campaign_id);
CREATE INDEX meeting_status ON meeting(status, scheduled_at);

CREATE TABLE interest (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    meeting_id  INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('self_interest', 'value', 'story', 'concern', 'resource')),
    text        TEXT NOT NULL CHECK (trim(text) <> ''),
    -- for a concern: whom they hold responsible
    responsible TEXT NOT NULL DEFAULT '',
    private     INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at  TEXT NOT NULL
);
CREATE INDEX interest_contact ON interest(contact_id);
CREATE INDEX interest_meeting ON interest(meeting_id);

-- Asks (of them) and offers (to them) in one table, so their balance is one query (seed 003).
CREATE TABLE exchange (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    meeting_id  INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    campaign_id INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('ask', 'offer')),
    kind        TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('time', 'money', 'action', 'endorsement', 'introduction',
                                'information', 'support', 'other')),
    text        TEXT NOT NULL CHECK (trim(text) <> ''),
    status      TEXT NOT NULL DEFAULT 'made'
                CHECK (status IN ('planned', 'made', 'agreed', 'declined', 'thinking', 'deferred')),
    private     INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX exchange_contact ON exchange(contact_id);
CREATE INDEX exchange_meeting ON exchange(meeting_id);
CREATE INDEX exchange_campaign ON exchange(campaign_id);

CREATE TABLE commitment (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    meeting_id  INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    campaign_id INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    owner       TEXT NOT NULL CHECK (owner IN ('mine', 'theirs')),
    text        TEXT NOT NULL CHECK (trim(text) <> ''),
    due_on      TEXT,
    status      TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'done', 'partly', 'missed', 'dropped')),
    closed_at   TEXT,
    private     INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX commitment_contact ON commitment(contact_id);
CREATE INDEX commitment_meeting ON commitment(meeting_id);
CREATE INDEX commitment_open_due ON commitment(status, due_on);

CREATE TABLE referral (
    id              INTEGER PRIMARY KEY,
    from_contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    to_contact_id   INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    meeting_id      INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK (from_contact_id <> to_contact_id)
);
CREATE INDEX referral_from ON referral(from_contact_id);
CREATE INDEX referral_to ON referral(to_contact_id);

CREATE TABLE win (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
    meeting_id  INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
    contact_id  INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    text        TEXT NOT NULL CHECK (trim(text) <> ''),
    won_on      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX win_campaign ON win(campaign_id);

-- The organizer's own preferences that belong with the book (e.g. the "tend these" threshold).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""
