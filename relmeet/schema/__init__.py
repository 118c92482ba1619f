"""The book's schema as ordered migration steps.

Each step takes a book from the previous step's version to its own; the numbers need not be consecutive
(there is no step 2, so step 3 upgrades a version-1 book). A step is never edited once released: a
change to the schema is a new step, with a test that upgrades a book made by the step before.
"""
from __future__ import annotations

from relmeet.schema import v1_core, v3_merge, v4_search, v5_speed, v6_ledger, v7_cards, v8_movement, v9_home_list, v10_campaign_page, v11_home_counts, \
    v12_thank_yous

# (version, SQL script) in order; the last version is the one this relmeet writes.
STEPS: list[tuple[int, str]] = [
    (1, v1_core.SQL),
    (3, v3_merge.SQL),
    (4, v4_search.SQL),
    (5, v5_speed.SQL),
    (6, v6_ledger.SQL),
    (7, v7_cards.SQL),
    (8, v8_movement.SQL),
    (9, v9_home_list.SQL),
    (10, v10_campaign_page.SQL),
    (11, v11_home_counts.SQL),
    (12, v12_thank_yous.SQL),
]

LATEST = STEPS[-1][0]
