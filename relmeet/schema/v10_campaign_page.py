"""Schema version 10: indexes for a campaign's page and the campaigns list on a big book.

Since the campaign page counts the people met under a campaign and says who asked whom (I asked / they
asked), its queries read rows of the two largest tables: on the benchmark book (100,000 meetings,
1,000,000 items, 8 campaigns) the list of campaigns took 0.31 s and one campaign's page 0.57 s (target
0.2 s), mostly the asks and offers counted by direction and author (0.17 s) and the newest dozen of them
(0.24 s, every ask of the campaign sorted). Each index below answers one of those reads in index order
or from the index alone; the store names them (INDEXED BY), since relmeet keeps no statistics for the
planner to choose by. Measured on a copy of the benchmark book: list 0.31 -> 0.04 s, page 0.57 -> 0.1 s.
"""

SQL = """
CREATE INDEX meeting_campaign_people ON meeting(campaign_id, status, contact_id);
CREATE INDEX meeting_campaign_newest ON meeting(campaign_id, coalesce(started_at, scheduled_at));
CREATE INDEX exchange_campaign_words ON exchange(campaign_id, direction, made_by, status);
CREATE INDEX exchange_campaign_newest ON exchange(campaign_id);
"""
