"""The app's prep keys: F2 plans a meeting with the contact in view, F3 shows their brief."""
from __future__ import annotations


class PrepActions:
    """Mixed into RelmeetApp; acts on the contact in view (`self.contact_in_view()`)."""

    def action_plan_meeting(self) -> None:
        from relmeet.screens.prep import PrepScreen
        from relmeet.store.prep import next_planned

        contact_id = self.contact_in_view()
        if contact_id is None:
            return
        if isinstance(self.screen, PrepScreen):
            return
        # a contact with a meeting already planned gets that plan to keep working on
        self.push_screen(PrepScreen(contact_id, next_planned(self.book, contact_id)))

    def action_brief(self) -> None:
        from relmeet.screens.brief import BriefScreen

        contact_id = self.contact_in_view()
        if contact_id is not None and not isinstance(self.screen, BriefScreen):
            self.push_screen(BriefScreen(contact_id))
