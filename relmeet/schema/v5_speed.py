"""Schema version 5: the contacts in a full-text index of their own, the letters the tokenizer keeps
spelled plainly, and indexes for the map views' counts.

Ranking every match of a common word across a million captured items by relevance took ~200 ms
(FTS5 scores each one). With the contacts in their own index, search ranks names by relevance
there (20,000 rows; rowid = contact id) and walks the big index, now of captured items and meetings
only, newest first, stopping after a page; see store/search.py.

Both indexes also hold, in a second column, the text with the letters that carry no
combining mark spelled plainly (Đặng as Dặng, Søren as Soren, Łukasz as Lukasz): the tokenizer
removes accents but not these, and "dang" must find Đặng. The column is empty when there are none.
"""

from relmeet.schema.v4_search import _BODIES  # the item bodies, unchanged (v4 is released, never edited)

# letters the unicode61 tokenizer keeps as they are, and how someone without them would type them
UNMARKED = {"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Ħ": "H", "ħ": "h", "Æ": "AE", "æ": "ae",
            "Œ": "OE", "œ": "oe", "ß": "ss", "ı": "i"}


def _plain(expr: str) -> str:
    for letter, plain in UNMARKED.items():
        expr = f"replace({expr}, '{letter}', '{plain}')"
    return expr


def _rows(select_bodies: str) -> str:
    """(id, body, plain) rows for contact_search from a SELECT of (id, b)."""
    return (f"SELECT id, b, CASE WHEN p <> b THEN p ELSE '' END FROM "
            f"(SELECT id, b, {_plain('b')} AS p FROM ({select_bodies}))")


_BODY = """
    {c}.name || ' ' || {c}.role || ' ' || coalesce((SELECT o.name FROM contact o WHERE o.id = {c}.organization_id), '')
    || ' ' || {c}.neighbourhood || ' ' || {c}.their_language || ' ' || {c}.email || ' '
    || coalesce((SELECT group_concat(tag, ' ') FROM contact_tag WHERE contact_id = {c}.id), '') || ' ' || {c}.notes
"""


def _reindex(contact_id: str) -> str:
    return f"""
    DELETE FROM contact_search WHERE rowid = {contact_id};
    INSERT INTO contact_search (rowid, body, plain)
        {_rows(f"SELECT c.id AS id, {_BODY.format(c='c')} AS b FROM contact c WHERE c.id = {contact_id}")};"""


_V4_TRIGGERS = ["contact_insert", "contact_update", "contact_delete", "tag_insert", "tag_delete"] + [
    f"{table}_{event}" for (table, _code) in _BODIES for event in ("insert", "update", "delete")]
_DROP_V4_TRIGGERS = "".join(f"DROP TRIGGER search_{name};\n" for name in _V4_TRIGGERS)


def _item_rows(select: str, code: int) -> str:
    """(rowid, kind, contact_id, body, plain) rows for search_index from a SELECT of (id, contact_id, b)."""
    return (f"SELECT id, {code}, contact_id, b, CASE WHEN p <> b THEN p ELSE '' END FROM "
            f"(SELECT id, contact_id, b, {_plain('b')} AS p FROM ({select}))")


def _item_triggers(table: str, code: int, body: str) -> str:
    insert = ("INSERT INTO search_index (rowid, kind, contact_id, body, plain) " +
              _item_rows(f"SELECT NEW.id * 8 + {code} AS id, NEW.contact_id AS contact_id, {body} AS b", code) + ";")
    return f"""
CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN {insert}
END;
CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + {code};
    {insert}
END;
CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + {code};
END;
"""


def _item_backfill(table: str, code: int, body: str) -> str:
    select = f"SELECT id * 8 + {code} AS id, contact_id, {body.replace('NEW.', '')} AS b FROM {table}"
    return f"INSERT INTO search_index (rowid, kind, contact_id, body, plain) {_item_rows(select, code)};\n"


SQL = f"""
CREATE VIRTUAL TABLE contact_search USING fts5(
    body, plain, tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3'
);

CREATE TRIGGER contact_search_insert AFTER INSERT ON contact BEGIN
    INSERT INTO contact_search (rowid, body, plain) {_rows(f"SELECT NEW.id AS id, {_BODY.format(c='NEW')} AS b")};
END;
CREATE TRIGGER contact_search_update AFTER UPDATE OF name, role, organization_id, neighbourhood, their_language,
    email, notes ON contact BEGIN {_reindex("NEW.id")}
END;
-- an organization's new name must find its people too
CREATE TRIGGER contact_search_org_rename AFTER UPDATE OF name ON contact WHEN OLD.name IS NOT NEW.name BEGIN
    DELETE FROM contact_search WHERE rowid IN (SELECT id FROM contact WHERE organization_id = NEW.id);
    INSERT INTO contact_search (rowid, body, plain)
        {_rows(f"SELECT c.id AS id, {_BODY.format(c='c')} AS b FROM contact c WHERE c.organization_id = NEW.id")};
END;
CREATE TRIGGER contact_search_delete AFTER DELETE ON contact BEGIN
    DELETE FROM contact_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER contact_search_tag_insert AFTER INSERT ON contact_tag BEGIN {_reindex("NEW.contact_id")}
END;
CREATE TRIGGER contact_search_tag_delete AFTER DELETE ON contact_tag BEGIN {_reindex("OLD.contact_id")}
END;

INSERT INTO contact_search (rowid, body, plain) {_rows(f"SELECT c.id AS id, {_BODY.format(c='c')} AS b FROM contact c")};

-- the big index again, for captured items and meetings only, with the same plainly spelled column
{_DROP_V4_TRIGGERS}
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED, contact_id UNINDEXED, body, plain,
    tokenize = "unicode61 remove_diacritics 2", prefix = '2 3 4'
);
{"".join(_item_triggers(table, code, body) for (table, code), body in _BODIES.items())}
{"".join(_item_backfill(table, code, body) for (table, code), body in _BODIES.items())}

-- the map views' and health panes' counts, answered from the indexes alone at a large shop's scale
DROP INDEX meeting_campaign;
CREATE INDEX meeting_campaign ON meeting(campaign_id, status);
CREATE INDEX meeting_contact_status ON meeting(contact_id, status, started_at);
CREATE INDEX commitment_open_owner ON commitment(status, owner, due_on);
DROP INDEX exchange_campaign;
CREATE INDEX exchange_campaign ON exchange(campaign_id, direction, status);
CREATE INDEX commitment_campaign ON commitment(campaign_id, status, due_on);
"""
