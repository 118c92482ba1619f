"""The store: the only place that opens the book's connections and sessions.

Screens and commands call the named functions in the submodules and get plain read models
(relmeet/views.py) back. Reads use plain sqlite3 (fast to import and to run, for the shell
lookups); writes go through SQLModel sessions in BEGIN IMMEDIATE transactions.
"""
from relmeet.store.book import Book

__all__ = ["Book"]
