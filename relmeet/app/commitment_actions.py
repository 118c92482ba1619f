"""The app's commitments actions: the ledger both ways (what I owe, what they owe, all), opened on the
contact in view when it is opened from their history, and the undo of the last mark from anywhere."""
from __future__ import annotations


class CommitmentActions:
    """Mixed into RelmeetApp."""

    def _open_ledger(self, owner: str, contact_id: int | None = None) -> None:
        from relmeet.screens.commitments import CommitmentsScreen
        from relmeet.screens.history import HistoryScreen

        if contact_id is None and isinstance(self.screen, HistoryScreen):
            contact_id = self.screen.selected_contact_id  # from a contact's page: their ledger
        if isinstance(self.screen, CommitmentsScreen):
            self.screen.show_owner(owner)  # already in view: switch whose
            return
        self.push_screen(CommitmentsScreen(owner, contact_id))

    def action_commitments_mine(self) -> None:
        self._open_ledger("mine")

    def action_commitments_theirs(self) -> None:
        self._open_ledger("theirs")

    def action_commitments_all(self) -> None:
        self._open_ledger("all")

    def action_commitments_of_contact(self) -> None:
        contact_id = self.contact_in_view()
        if contact_id is not None:
            self._open_ledger("all", contact_id)

    def action_undo_commitment_mark(self) -> None:
        from relmeet.domain import CommitmentStatus
        from relmeet.domain.errors import RelmeetError
        from relmeet.store import commitments

        try:
            line = commitments.undo(self.book)
        except RelmeetError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        state = "open again" if line.is_open else f"back to {CommitmentStatus(line.status).label.lower()}"
        self.notify(f"Undone: {line.text} ({line.contact}) is {state}.", markup=False)
        self.book_changed()
