"""Import from the app: name the files, see the preview, decide on look-alikes, import in one go."""
from __future__ import annotations

import shlex
import time
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from relmeet.domain.errors import RelmeetError
from relmeet.domain.files import Preview
from relmeet.domain.progress import Progress, bar_line
from relmeet.screens.base import RelmeetModal
from relmeet.store.importing import DECISIONS, reason, resembles
from relmeet.widgets.field import Field


class ImportScreen(RelmeetModal[bool]):
    HELP_TITLE = "import"
    HELP = ("Type one or more file paths (vCard or CSV; quote paths with spaces) and press Enter for the preview.\n"
            "Enter on a look-alike cycles merge / skip / add. Ctrl+S imports everything in one go.")
    BINDINGS = [
        Binding("ctrl+s", "import_now", "Import", id="import-now", tooltip="Write the preview to the book, all or nothing"),
        Binding("escape", "dismiss(False)", "Close", id="close-import", tooltip="Leave; nothing is written"),
    ]

    def __init__(self):
        super().__init__()
        self.found: Preview | None = None
        self.writing = False  # Ctrl+S pressed and the import not done yet

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-box"):
            yield Static("Import contacts", classes="pane-title")
            yield Field("Files", Input(placeholder="~/Downloads/contacts.vcf  ~/export.csv", id="paths"), name="paths")
            yield Static("", id="import-summary")
            yield DataTable(id="look-alikes", cursor_type="row")
            yield Static("", id="import-problems")

    def on_mount(self) -> None:
        self.query_one("#look-alikes", DataTable).add_columns("In the file", "Looks like", "Why", "Do")
        self.query_one("#look-alikes", DataTable).display = False

    @on(Input.Submitted, "#paths")
    def _read(self, event: Input.Submitted) -> None:
        field = self.query_one("#field-paths", Field)
        try:
            paths = [Path(p).expanduser() for p in shlex.split(event.value)]
        except ValueError as exc:
            field.show_error(f"Check the quotes: {exc}")
            return
        if not paths:
            field.show_error("Name at least one file.")
            return
        field.show_error(None)
        self.query_one("#import-summary", Static).update(Text("Reading…", style="dim"))
        self.load(paths)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self, paths: list[Path]) -> None:
        from relmeet.importers import read_files
        from relmeet.store.importing import preview

        try:
            progress = self.progress_shown()
            found = preview(self.book, read_files(paths, progress), progress)
        except RelmeetError as exc:
            self.app.call_from_thread(self.query_one("#field-paths", Field).show_error, str(exc))
            self.app.call_from_thread(self.query_one("#import-summary", Static).update, "")
            return
        self.app.call_from_thread(self.show_preview, found)

    def show_preview(self, found: Preview) -> None:
        self.found = found
        people = sum(1 for c in found.new if c.kind == "person")
        in_file = sum(1 for alike in found.look_alikes if alike.other is not None)
        summary = Text(f"New: {people} people, {found.organizations} organizations · look like contacts in the book: "
                       f"{len(found.look_alikes) - in_file} · like another card of this import: {in_file} · "
                       f"could not read: {len(found.problems)}", style="bold")
        summary.append("\nCtrl+S imports; nothing is written before.", style="dim")
        self.query_one("#import-summary", Static).update(summary)
        table = self.query_one("#look-alikes", DataTable)
        table.clear()
        for index, alike in enumerate(found.look_alikes):
            table.add_row(Text(alike.incoming.name), Text(resembles(alike, ", in the book")), Text(reason(alike)),
                          alike.decision, key=str(index))
        table.display = bool(found.look_alikes)
        problems = Text()
        for problem in found.problems[:30]:
            problems.append(f"{problem.source}: ", style="bold red")
            problems.append(problem.reason + "\n")
        self.query_one("#import-problems", Static).update(problems)

    @on(DataTable.RowSelected, "#look-alikes")
    def _cycle(self, event: DataTable.RowSelected) -> None:
        alike = self.found.look_alikes[int(event.row_key.value)]
        alike.decision = DECISIONS[(DECISIONS.index(alike.decision) + 1) % len(DECISIONS)]
        event.data_table.update_cell(event.row_key, event.data_table.ordered_columns[3].key, alike.decision)

    def progress_shown(self) -> Progress:
        """From the worker: how the reading, matching or writing goes, as a bar line in the dialog's summary
        (10,000 cards take a few seconds)."""
        started = time.monotonic()
        summary = self.query_one("#import-summary", Static)

        def tell(step: str, done: float | None) -> None:
            line = Text(bar_line("Import:", step, done, time.monotonic() - started), style="dim")
            self.app.call_from_thread(summary.update, line)
        return tell

    def action_import_now(self) -> None:
        if self.found is None:
            self.notify("Name the files and press Enter to see the preview first.", severity="warning")
            return
        if self.writing:
            self.notify("Importing: the dialog closes when it is done.", severity="warning")
            return
        self.writing = True
        self.write(self.found)

    @work(thread=True, exclusive=True, group="import-write", exit_on_error=False)
    def write(self, found: Preview) -> None:
        from relmeet.store.importing import apply

        try:
            counts = apply(self.book, found, self.progress_shown())
        except (RelmeetError, OSError) as exc:
            self.app.call_from_thread(self.not_written, f"Nothing was imported: {exc}")
            return
        except Exception as error:  # reported as any failure is, and Ctrl+S works again
            self.app.call_from_thread(self.not_written, None, error)
            return
        self.app.call_from_thread(self.written, counts)

    def not_written(self, message: str | None, error: BaseException | None = None) -> None:
        self.writing = False
        self.show_preview(self.found)  # the summary again, in place of the bar
        if error is not None:
            self.app.report_error(error)
        else:
            self.notify(message, severity="error", markup=False)

    def written(self, counts) -> None:
        self.notify(f"Imported: {counts.added} added ({counts.organizations} new organizations), "
                    f"{counts.merged} merged, {counts.skipped} skipped.")
        self.dismiss(True)
