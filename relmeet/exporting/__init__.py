"""Getting the book out: JSON (lossless), CSV, vCard 4.0 and Markdown.

Plain sqlite3 reads only, so `relmeet export` starts without Textual or SQLModel.
"""
