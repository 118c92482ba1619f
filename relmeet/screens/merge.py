"""Merge two contacts: pick the duplicate, choose field by field which value to keep, confirm.

Everything that hangs off the other contact moves onto the kept one; "contact: undo merge" in the
command palette splits them again.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.errors import RelmeetError
from relmeet.pages.merge_fields import describe_moves, field_rows
from relmeet.screens.base import RelmeetScreen
from relmeet.store import contacts, merge
from relmeet.widgets.chrome import Footer, Header


class MergeScreen(RelmeetScreen[None]):
    HELP_TITLE = "merging two contacts"
    HELP = ("Type part of a name and pick the duplicate from the list (Enter). Then, in the table, Enter on a\n"
            "field takes that value from the other side. Ctrl+S merges (after a question); every meeting,\n"
            "interest, ask, offer, commitment and referral moves to the contact kept. Ctrl+P 'contact: undo\n"
            "merge' splits them again.")
    BINDINGS = [
        Binding("ctrl+s", "merge", "Merge", id="merge-confirm", tooltip="Merge the two (asks first; can be undone)"),
        Binding("ctrl+r", "swap", "Swap sides", id="merge-swap", tooltip="Keep the other contact instead"),
        Binding("escape", "cancel", "Cancel", id="merge-cancel", tooltip="Leave without merging"),
    ]

    def __init__(self, keep_id: int | None = None, drop_id: int | None = None):
        super().__init__()
        self.keep_id, self.drop_id = keep_id, drop_id
        self.choices: dict[str, str] = {}

    @property
    def selected_contact_id(self) -> int | None:
        return self.keep_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Merge two contacts", classes="screen-title")
        with Vertical(id="merge-pick"):
            yield Static("", id="merge-prompt")
            yield Input(placeholder="Type part of a name…", id="merge-name")
            yield OptionList(id="merge-candidates")
        with Vertical(id="merge-compare"):
            yield Static("", id="merge-moves")
            yield DataTable(id="merge-fields", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    # -- picking the two ---------------------------------------------------------------------
    def _show(self) -> None:
        picking = self.keep_id is None or self.drop_id is None
        self.query_one("#merge-pick").display = picking
        self.query_one("#merge-compare").display = not picking
        if picking:
            if self.keep_id is None:
                prompt = Text("Which contact do you want to keep?")
            else:
                prompt = Text("Merge into ")
                prompt.append(self._contact_name(self.keep_id), style="bold")
                prompt.append(": which contact is the duplicate?")
            self.query_one("#merge-prompt", Static).update(prompt)
            self.query_one("#merge-name", Input).focus()
            self._fill_candidates(self.query_one("#merge-name", Input).value)
        else:
            self._fill_table()
            self.query_one("#merge-fields", DataTable).focus()

    def _contact_name(self, contact_id: int) -> str:
        return merge.contact_fields(self.book, contact_id)["name"]

    @on(Input.Changed, "#merge-name")
    def _typed(self, event: Input.Changed) -> None:
        self._fill_candidates(event.value)

    @on(Input.Submitted, "#merge-name")
    def _submitted(self) -> None:
        candidates = self.query_one("#merge-candidates", OptionList)
        if candidates.option_count:
            self._pick(candidates.get_option_at_index(candidates.highlighted or 0).id)

    def _fill_candidates(self, text: str) -> None:
        found = [c for c in contacts.find_by_name(self.book, text, limit=30) if c.id != self.keep_id]
        candidates = self.query_one("#merge-candidates", OptionList)
        candidates.clear_options()
        apart = contacts.told_apart(self.book, [c.id for c in found])  # two of the same name, told apart
        candidates.add_options([Option(Text(c.name).append(f"  {apart.get(c.id, '')}", style="dim"), id=str(c.id))
                                for c in found])
        if found:
            candidates.highlighted = 0

    @on(OptionList.OptionSelected, "#merge-candidates")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id is None:
            return
        if self.keep_id is None:
            self.keep_id = int(option_id)
        else:
            self.drop_id = int(option_id)
        self.query_one("#merge-name", Input).value = ""
        self._show()

    # -- the side-by-side comparison ---------------------------------------------------------
    def _fill_table(self) -> None:
        book = self.book
        both = merge.sides(book, self.keep_id, self.drop_id)
        keep, drop = both.keep, both.drop
        if not self.choices:
            self.choices = merge.default_choices(keep, drop)
        table = self.query_one("#merge-fields", DataTable)
        row = table.cursor_row
        table.clear(columns=True)  # new headings: the columns size to the names
        table.add_column("Field", key="field")
        table.add_column(Text(f"Keep: {keep['name']}"), key="keep")
        table.add_column(Text(f"Other: {drop['name']}"), key="drop")
        for name, label, keep_text, drop_text in field_rows(both):
            if name not in merge.FIELD_NAMES:  # shown for information: both sides are kept
                table.add_row(Text(label), _cell(keep_text, True), _cell(drop_text, True), key=name)
                continue
            chosen = self.choices.get(name, "keep")
            table.add_row(Text(label), _cell(keep_text, chosen == "keep"), _cell(drop_text, chosen == "drop"), key=name)
        table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one("#merge-moves", Static).update(describe_moves(both))

    @on(DataTable.RowSelected, "#merge-fields")
    def _toggle(self, event: DataTable.RowSelected) -> None:
        name = event.row_key.value
        if name not in merge.FIELD_NAMES:
            return
        self.choices[name] = "keep" if self.choices.get(name) == "drop" else "drop"
        self._fill_table()

    def action_swap(self) -> None:
        if self.keep_id is not None and self.drop_id is not None:
            self.keep_id, self.drop_id = self.drop_id, self.keep_id
            self.choices = {}
            self._show()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_merge(self) -> None:
        if self.keep_id is None or self.drop_id is None:
            self.notify("Pick the two contacts first.", severity="warning")
            return
        from relmeet.screens.confirm import ConfirmScreen

        keep, drop = self._contact_name(self.keep_id), self._contact_name(self.drop_id)
        question = (f"Merge {drop} into {keep}? {drop}'s meetings, interests, asks, offers, commitments and "
                    f"referrals move to {keep}, and {drop} is removed. (Ctrl+P 'contact: undo merge' undoes it.)")
        self.app.push_screen(ConfirmScreen(question, yes="Merge"), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        keep, drop = self._contact_name(self.keep_id), self._contact_name(self.drop_id)
        try:
            merge.merge(self.book, self.keep_id, self.drop_id, self.choices)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", title="Not merged", markup=False)
            return
        self.app.notify(f"{drop} merged into {keep}. To undo: Ctrl+P, 'contact: undo merge'.", title="Merged",
                        timeout=10, markup=False)
        self.dismiss(self.keep_id)


def _cell(text: str, chosen: bool) -> Text:
    if chosen:
        return Text("● ", style="bold green") + Text(text, style="bold")
    return Text("○ ", style="dim") + Text(text, style="dim")
