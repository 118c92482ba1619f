"""The app's prep keys: F2 plans a meeting with the contact in view, F3 shows their brief."""
from __future__ import annotations


class PrepActions:
    """Mixed into RelmeetApp; acts on `self.selected_contact_id()`."""

    def _contact_in_view(self) -> int | None:
        contact_id = self.selected_contact_id()
        if contact_id is None:
            self.notify("Highlight a contact first (on the home screen or in a contact's history).",
                        severity="warning")
        return contact_id

    def action_plan_meeting(self) -> None:
        from relmeet.screens.prep import PrepScreen
        from relmeet.store.prep import next_planned

        contact_id = self._contact_in_view()
        if contact_id is None:
            return
        if isinstance(self.screen, PrepScreen):
            return
        # a contact with a meeting already planned gets that plan to keep working on
        self.push_screen(PrepScreen(contact_id, next_planned(self.book, contact_id)))

    def action_brief(self) -> None:
        from relmeet.screens.brief import BriefScreen

        contact_id = self._contact_in_view()
        if contact_id is not None and not isinstance(self.screen, BriefScreen):
            self.push_screen(BriefScreen(contact_id))
