"""The app's meeting flow: start or resume the notes, and offer to resume what a crash left open."""
from __future__ import annotations

from relmeet.domain.errors import RelmeetError


class MeetingActions:
    """Mixed into RelmeetApp."""

    def start_meeting(self, meeting_id: int) -> None:
        from relmeet.screens.notes import NotesScreen
        from relmeet.store import meetings

        try:
            meetings.start(self.book, meeting_id)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error")
            return
        self.push_screen(NotesScreen(meeting_id))

    resume_meeting = start_meeting  # starting is idempotent: the first start time and the notes are kept

    def offer_resume(self) -> None:
        """Called at start-up: a meeting still in progress means relmeet was closed mid-meeting."""
        from relmeet.screens.resume import ResumeScreen
        from relmeet.store import meetings

        open_ones = meetings.in_progress(self.book)
        if not open_ones:
            return
        card = open_ones[0]

        def chosen(answer: str | None) -> None:
            if answer == "resume":
                self.resume_meeting(card.id)
            elif answer == "end":
                from relmeet.screens.follow_up import FollowUpScreen

                meetings.end(self.book, card.id)
                self.push_screen(FollowUpScreen(card.id))

        self.push_screen(ResumeScreen(card), chosen)

    def action_start_meeting(self) -> None:
        """Palette "meeting: start": the contact in view's planned meeting, or a meeting right now."""
        from relmeet.domain.meetings import MeetingPlan
        from relmeet.store.prep import next_planned, save_plan

        contact_id = self.contact_in_view()
        if contact_id is None:
            return
        meeting_id = next_planned(self.book, contact_id)
        if meeting_id is None:
            meeting_id = save_plan(self.book, MeetingPlan(contact_id=contact_id, purpose="Unplanned conversation"), [])
        self.start_meeting(meeting_id)

    def action_follow_up(self) -> None:
        """Palette "meeting: follow up": back to the follow-up of the contact in view's last meeting."""
        from relmeet.screens.follow_up import FollowUpScreen
        from relmeet.store.meetings import last_held

        contact_id = self.contact_in_view()
        if contact_id is None:
            return
        card = last_held(self.book, contact_id)
        if card is None:
            self.notify("No meeting held with them yet — F2 plans one.", severity="warning")
            return
        self.push_screen(FollowUpScreen(card.id))

    def _save_open_notes(self) -> None:
        from relmeet.screens.notes import NotesScreen

        for screen in self.screen_stack:
            if isinstance(screen, NotesScreen):
                screen.save_now()

    async def action_quit(self) -> None:
        self._save_open_notes()
        await super().action_quit()
