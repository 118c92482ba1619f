"""Schema version 4: one full-text index over everything an organizer searches, kept in step by triggers.

Each indexed row has rowid = source id * 8 + a kind code, so a trigger replaces exactly its own row
(FTS5 can only find a row fast by rowid). Kinds: 0 contact (name, role, organization, neighbourhood,
their language, tags, notes), 2 interest, 3 ask or offer, 4 commitment, 5 meeting (purpose, notes,
summary, next step). `unicode61 remove_diacritics 2` makes "nguyen" find "Nguyễn"; the prefix indexes
make "tena" find "tenants" fast.
"""

KINDS = {0: "contact", 2: "interest", 3: "exchange", 4: "commitment", 5: "meeting"}

_CONTACT_BODY = """
    NEW.name || ' ' || NEW.role || ' ' || coalesce((SELECT o.name FROM contact o WHERE o.id = NEW.organization_id), '')
    || ' ' || NEW.neighbourhood || ' ' || NEW.their_language || ' ' || NEW.email || ' '
    || coalesce((SELECT group_concat(tag, ' ') FROM contact_tag WHERE contact_id = NEW.id), '') || ' ' || NEW.notes
"""


def _reindex_contact(contact: str) -> str:
    """Statements that rebuild one contact's row from the table (used by the tag triggers)."""
    return f"""
    DELETE FROM search_index WHERE rowid = {contact} * 8;
    INSERT INTO search_index (rowid, kind, contact_id, body)
        SELECT c.id * 8, 0, c.id, c.name || ' ' || c.role || ' ' || coalesce(o.name, '') || ' ' || c.neighbourhood
               || ' ' || c.their_language || ' ' || c.email || ' '
               || coalesce((SELECT group_concat(tag, ' ') FROM contact_tag WHERE contact_id = c.id), '')
               || ' ' || c.notes
        FROM contact c LEFT JOIN contact o ON o.id = c.organization_id WHERE c.id = {contact};"""


def _simple(table: str, code: int, body: str) -> str:
    return f"""
CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO search_index (rowid, kind, contact_id, body) VALUES (NEW.id * 8 + {code}, {code}, NEW.contact_id, {body});
END;
CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + {code};
    INSERT INTO search_index (rowid, kind, contact_id, body) VALUES (NEW.id * 8 + {code}, {code}, NEW.contact_id, {body});
END;
CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + {code};
END;
"""


def _backfill(table: str, code: int, body: str) -> str:
    return (f"INSERT INTO search_index (rowid, kind, contact_id, body) "
            f"SELECT id * 8 + {code}, {code}, contact_id, {body.replace('NEW.', '')} FROM {table};\n")


_BODIES = {
    ("interest", 2): "NEW.text || ' ' || NEW.responsible",
    ("exchange", 3): "NEW.text",
    ("commitment", 4): "NEW.text",
    ("meeting", 5): "NEW.purpose || ' ' || NEW.location || ' ' || NEW.notes || ' ' || NEW.summary || ' ' || NEW.next_step",
}

SQL = f"""
-- the home screen's reciprocity counts (asks made against offers made) without reading every exchange
CREATE INDEX exchange_direction_status ON exchange(direction, status);

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED, contact_id UNINDEXED, body,
    tokenize = "unicode61 remove_diacritics 2", prefix = '2 3 4'
);

CREATE TRIGGER search_contact_insert AFTER INSERT ON contact BEGIN
    INSERT INTO search_index (rowid, kind, contact_id, body) VALUES (NEW.id * 8, 0, NEW.id, {_CONTACT_BODY});
END;
CREATE TRIGGER search_contact_update AFTER UPDATE OF name, role, organization_id, neighbourhood, their_language,
    email, notes ON contact BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8;
    INSERT INTO search_index (rowid, kind, contact_id, body) VALUES (NEW.id * 8, 0, NEW.id, {_CONTACT_BODY});
END;
CREATE TRIGGER search_contact_delete AFTER DELETE ON contact BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8;
END;
CREATE TRIGGER search_tag_insert AFTER INSERT ON contact_tag BEGIN {_reindex_contact("NEW.contact_id")}
END;
CREATE TRIGGER search_tag_delete AFTER DELETE ON contact_tag BEGIN {_reindex_contact("OLD.contact_id")}
END;
{''.join(_simple(t, c, b) for (t, c), b in _BODIES.items())}
INSERT INTO search_index (rowid, kind, contact_id, body)
    SELECT c.id * 8, 0, c.id, c.name || ' ' || c.role || ' ' || coalesce(o.name, '') || ' ' || c.neighbourhood
           || ' ' || c.their_language || ' ' || c.email || ' '
           || coalesce((SELECT group_concat(tag, ' ') FROM contact_tag WHERE contact_id = c.id), '') || ' ' || c.notes
    FROM contact c LEFT JOIN contact o ON o.id = c.organization_id;
{''.join(_backfill(t, c, b) for (t, c), b in _BODIES.items())}
"""
