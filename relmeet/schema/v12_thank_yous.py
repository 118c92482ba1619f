"""Schema version 12: the thank-yous owed, read from the last week's held meetings alone.

The thank-you every guide asks for within 48 hours is suggested for the meetings held in the last week whose
summary is not marked sent (store/commitments.thank_yous). Finding them read every meeting's row: 240 ms on
the benchmark book (100,000 meetings), at every opening of the home screen's Due pane, the commitments view
and `relmeet due`. A partial index of the held meetings not yet thanked, by when they were held, gives the
last week's directly; a meeting leaves it when its summary is marked sent.
"""

SQL = """
CREATE INDEX meeting_thank_you ON meeting(coalesce(ended_at, started_at, scheduled_at))
    WHERE status = 'held' AND summary_sent_on IS NULL;
"""
