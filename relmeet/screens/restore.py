"""Put a backup back: the book's backups, newest first; Enter on one asks, then restores it.

The book as it is now is backed up first, so a restore can itself be undone by restoring that.
"""
from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.errors import RelmeetError
from relmeet.screens.base import RelmeetModal
from relmeet.store import backup
from relmeet.widgets.chrome import Footer


class RestoreScreen(RelmeetModal[bool]):
    HELP_TITLE = "putting a backup back"
    BINDINGS = [
        Binding("escape", "dismiss(False)", "Close", id="restore-close", tooltip="Leave the book as it is"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="restore-box", classes="dialog"):
            yield Static("Put a backup back", classes="pane-title")
            yield Static(Text("Enter on a backup replaces the book with it (after a question). The book as it is "
                              "now is backed up first."), id="restore-hint")
            yield OptionList(id="restore-list")
        yield Footer()

    def on_mount(self) -> None:
        self.found = backup.list_backups(self.book)
        options = self.query_one("#restore-list", OptionList)
        for item in self.found:
            size = f"{item.size / 1024:.0f} KiB" if item.size < 1024 * 1024 else f"{item.size / 1048576:.1f} MiB"
            options.add_option(Option(Text(f"{item.made_at.astimezone():%Y-%m-%d %H:%M}   {size:>9}"), id=item.name))
        options.highlighted = 0  # Enter works at once on the newest
        options.focus()

    @on(OptionList.OptionSelected, "#restore-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from relmeet.screens.confirm import ConfirmScreen

        name = event.option.id
        when = event.option.prompt.plain.split("   ")[0]
        self.app.push_screen(
            ConfirmScreen(f"Replace the book with the backup of {when}? The book as it is now is backed up first.",
                          yes="Restore"),
            lambda yes: self._restore(name, when) if yes else None)

    @work(thread=True, exclusive=True, group="restore", exit_on_error=False)
    def _restore(self, name: str, when: str) -> None:
        try:
            with self.app.work_shown("Restoring") as progress:
                safety = backup.restore(self.book, name, progress=progress)
        except RelmeetError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", title="Not restored",
                                      markup=False)
            return
        except OSError as exc:  # a full disk or a folder gone: say so, the app stays up
            self.app.call_from_thread(self.app.notify, f"{exc.strerror or exc} ({exc.filename or 'the backups folder'})"
                                      "; the book was left as it was", severity="error", title="Not restored",
                                      markup=False)
            return
        self.app.call_from_thread(self._done, when, safety.name)

    def _done(self, when: str, safety: str) -> None:
        self.app.notify(f"The backup of {when} is back; the book as it was is kept as {safety}.", title="Restored",
                        timeout=10, markup=False)
        self.dismiss(True)
