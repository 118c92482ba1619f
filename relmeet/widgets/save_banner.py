"""A line across the top of a screen that stays while what was typed is not in the book."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class SaveBanner(Static):
    """Hidden while everything is saved; `show_problem` says what failed and what relmeet is doing about it."""

    DEFAULT_CSS = """
    SaveBanner { display: none; height: auto; padding: 0 1; background: $error; color: $text; text-style: bold; }
    SaveBanner.-shown { display: block; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.message = ""

    def show_problem(self, message: str) -> None:
        self.message = message
        self.update(Text(message))  # the message can carry a file name or the book's words: never markup
        self.add_class("-shown")

    def clear(self) -> None:
        self.message = ""
        self.update("")
        self.remove_class("-shown")

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")
