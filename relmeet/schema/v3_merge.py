"""Schema version 3: the merge log, so that merging two contacts can be undone.

Each row holds what undo needs: a JSON snapshot of the removed contact and of the kept contact's
fields before the merge, and the ids of every row that was moved from one to the other.
"""

SQL = """
CREATE TABLE merge_log (
    id            INTEGER PRIMARY KEY,
    -- the kept contact; no foreign key, so that when it is merged into a third contact later, this
    -- row survives and can be undone once that later merge is undone
    kept_id       INTEGER NOT NULL,
    -- the removed contact's id (no foreign key: that row is gone until an undo)
    dropped_id    INTEGER NOT NULL,
    dropped_name  TEXT NOT NULL,
    snapshot      TEXT NOT NULL CHECK (json_valid(snapshot)),
    merged_at     TEXT NOT NULL,
    undone_at     TEXT
);
CREATE INDEX merge_log_recent ON merge_log(undone_at, merged_at);
"""
