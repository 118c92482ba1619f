"""Schema version 11: indexes for the home screen's counts and its Due pane on a big book.

Measured on the benchmark book (store calls, warm): the home screen's counts took 2.25 s and its Due pane
0.39 s, in the worker that fills the side panes after the first frame (they were 75 ms together before).
- Overdue both ways now honours snoozing (`max(due_on, snoozed_until) < today`): with the index on
  (status, owner, due_on) alone that read every open commitment's row (0.89 s). With snoozed_until in
  the index the count is read from the index alone.
- Asks and offers counted by who made them (`GROUP BY direction, made_by`): every exchange row was read
  (1.29 s); the index on (direction, made_by, status) holds all the count needs.
- A pending ask's decide-by date, listed as a follow-up: a partial index of the pending ones by that date
  (the list read every exchange row, 0.27 s).
- "Last met" in the home list counts the house meetings someone came to (schema 8's participants): the
  meetings they were a guest in, apart from their own (which schema 9's index answers), so only those few
  meeting rows are read for each of the list's 200 contacts.
"""

SQL = """
CREATE INDEX commitment_overdue ON commitment(status, owner, due_on, snoozed_until);
CREATE INDEX exchange_made_by ON exchange(direction, made_by, status);
CREATE INDEX exchange_decide_by ON exchange(decide_by) WHERE status = 'thinking';
CREATE INDEX meeting_participant_guest ON meeting_participant(contact_id, meeting_id) WHERE role = 'participant';
"""
