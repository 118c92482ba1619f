"""Schema version 9: indexes that answer the home screen's list without reading the big tables.

The home list shows, for each of its 200 contacts, when they were last met and how many of their
commitments are open and overdue (store/contacts.py list_rows). With only `commitment(contact_id)` and
`meeting(contact_id, status, started_at)`, each of those counts read every commitment row of the contact
(about 17 per contact on the benchmark book) and every held meeting row, from all over a 1 GB file: on a
cold page cache the list took 0.3-1 s, the largest part of relmeet's start-up on a big book. These two
partial indexes hold every column those counts read (the status too: SQLite counts a partial index as
covering only then), so they are answered from the indexes alone. Measured on the benchmark book (500
rows, warm): 28 -> 5-12 ms; relmeet's start-up to the drawn home screen 0.77 -> 0.49 s (loaded machine).
"""

SQL = """
CREATE INDEX commitment_open_by_contact ON commitment(contact_id, status, due_on, snoozed_until) WHERE status = 'open';
CREATE INDEX meeting_held_by_contact ON meeting(contact_id, status, started_at, scheduled_at) WHERE status = 'held';
"""
