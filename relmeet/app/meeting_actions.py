"""The app's meeting flow: start or resume the notes; at start, offer back what a crash or a refused write left
(a meeting still open, text kept in a recovery file); on quit, never leave typed text behind unasked."""
from __future__ import annotations

from pathlib import Path

from relmeet.domain.errors import ConflictError, RelmeetError


class MeetingActions:
    """Mixed into RelmeetApp."""

    def start_meeting(self, meeting_id: int) -> None:
        from relmeet.screens.notes import NotesScreen
        from relmeet.store import meetings

        try:
            meetings.start(self.book, meeting_id)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        except Exception as error:  # the book refuses writes: take the notes anyway, they are kept as typed
            from relmeet.reports import describe

            if meetings.get(self.book, meeting_id) is None:
                raise
            reason = describe(error) or f"an unexpected {type(error).__name__}"
            self.notify(f"The meeting could not be marked as started — {reason} Take your notes: what you type "
                        "is kept until the book takes it.", severity="warning", timeout=15, markup=False)
        self.push_screen(NotesScreen(meeting_id))

    resume_meeting = start_meeting  # starting is idempotent: the first start time and the notes are kept

    def offer_resume(self) -> None:
        """Called once the home screen is drawn: first any text a failed save kept in a file, then a meeting
        left open. Not if the organizer already went elsewhere (the offer comes again at the next start)."""
        from relmeet import recovery
        from relmeet.screens.home import HomeScreen

        if not isinstance(self.screen, HomeScreen):
            return

        try:
            kept = recovery.pending(self.book.path)
        except OSError as exc:  # the state folder can't be read: say so, and go on to the open meeting
            self.notify(f"Kept text could not be looked for: {exc.strerror or exc}", severity="warning", markup=False)
            kept = []
        self._offer_kept(kept)

    def _offer_kept(self, items: list) -> None:
        if not items:
            self._offer_open_meeting()
            return
        from relmeet.screens.resume import KeptTextScreen, KeptTextView
        from relmeet.store import meetings

        item, rest = items[0], items[1:]
        can_put_back = (item.kind == "notes" and item.target is not None
                        and meetings.get(self.book, item.target) is not None)

        def viewed(done: bool | None) -> None:
            if done:
                self._forget_kept(item)
            self._offer_kept(rest)

        def chosen(answer: str | None) -> None:
            if answer == "put_back":
                self._put_back_notes(item)
            elif answer == "show":
                self.push_screen(KeptTextView(item), viewed)
                return
            self._offer_kept(rest)

        self.push_screen(KeptTextScreen(item, can_put_back=can_put_back), chosen)

    def _forget_kept(self, item) -> None:
        from relmeet import recovery

        try:
            recovery.discard(item.path)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def _put_back_notes(self, item) -> None:
        """Merge kept notes into the meeting's notes as the book has them now, against what they started from."""
        from relmeet.domain.merging import merge_text
        from relmeet.reports import describe
        from relmeet.store import meetings

        try:
            for _ in range(3):
                card = meetings.get(self.book, item.target)
                if card is None:
                    raise RelmeetError("that meeting is no longer in the book")
                merged, _clashes = merge_text(item.base, item.fields.get("notes", ""), card.notes)
                try:
                    meetings.save_notes(self.book, item.target, merged, card.notes_rev)
                except ConflictError:  # another copy saved in between: merge with its text afresh
                    continue
                break
            else:
                raise ConflictError("another copy of relmeet keeps saving these notes")
        except Exception as error:  # the book still refuses: the file stays for next time, and the reason is told
            reason = describe(error) or f"an unexpected {type(error).__name__}"
            self.notify(f"Not put back — {reason} The text stays in {item.path}.", severity="error", timeout=20,
                        markup=False)
            return
        self._forget_kept(item)
        self.notify(f"The kept text is back in the notes with {card.contact}.", markup=False)

    def _offer_open_meeting(self) -> None:
        from relmeet.store import meetings

        open_ones = meetings.in_progress(self.book)
        if not open_ones:
            return
        from relmeet.screens.resume import ResumeScreen

        card = open_ones[0]

        def chosen(answer: str | None) -> None:
            if answer == "resume":
                self.resume_meeting(card.id)
            elif answer == "end":
                from relmeet.screens.follow_up import FollowUpScreen

                try:
                    meetings.end(self.book, card.id)
                except Exception as error:  # a refused write: say so; the meeting stays open to resume
                    self.report_error(error)
                    return
                self.push_screen(FollowUpScreen(card.id))

        self.push_screen(ResumeScreen(card), chosen)

    def ask_did_it_happen(self, card) -> None:
        """A planned meeting whose time passed: held → its follow-up; cancelled; or a new time in its prep."""
        from datetime import timedelta

        from relmeet.screens.did_it_happen import DidItHappenScreen
        from relmeet.screens.follow_up import FollowUpScreen
        from relmeet.screens.prep import PrepScreen
        from relmeet.store import meetings

        def chosen(answer: str | None) -> None:
            try:
                if answer == "held":
                    # held as planned: its time and length are the best the book knows; the notes can come later
                    started = card.scheduled_at
                    meetings.record_held(self.book, card.id, started,
                                         started + timedelta(minutes=card.duration_min or 45), card.notes)
                    self.push_screen(FollowUpScreen(card.id))
                elif answer == "cancelled":
                    meetings.cancel(self.book, card.id)
                    self.notify(f"The meeting with {card.contact} is marked cancelled.", markup=False)
                elif answer == "reschedule":
                    self.push_screen(PrepScreen(card.contact_id, card.id))
                    return
                else:
                    return
            except Exception as error:  # a refused write: said in one line; the meeting stays as it was
                self.report_error(error)
                return
            self.screen.reload()

        self.push_screen(DidItHappenScreen(card), chosen)

    def action_thank_you_reminders(self) -> None:
        """Palette "settings: thank-you reminders": the 48-hour thank-you suggestion, off or on again."""
        from relmeet.domain.meetings import THANK_YOU_SETTING
        from relmeet.store.contacts import get_setting, set_setting

        now_on = get_setting(self.book, THANK_YOU_SETTING, "on") == "off"
        set_setting(self.book, THANK_YOU_SETTING, "on" if now_on else "off")
        self.notify("Thank-you reminders are on: after a meeting, 'Due' lists the thank-you for 48 hours."
                    if now_on else "Thank-you reminders are off. The palette's 'settings: thank-you reminders' "
                    "turns them on again.", markup=False)
        self.screen.reload()

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

    async def action_quit(self) -> None:
        """Save what can be saved; if typed text is still not in the book, say so and offer to keep it."""
        from relmeet.screens.keeping import KeepsTyping
        from relmeet.screens.unsaved import UnsavedScreen
        from relmeet.widgets.save_banner import SaveBanner

        if isinstance(self.screen, UnsavedScreen):  # Ctrl+Q again: the safe answer
            self.screen.dismiss("file")
            return
        holders = [screen for screen in self.screen_stack if isinstance(screen, KeepsTyping)]
        for screen in holders:
            screen.flush()
        waiting = [screen for screen in holders if screen.has_unsaved()]
        if not waiting:
            await super().action_quit()
            return
        reasons = [banner.message for screen in waiting for banner in screen.query(SaveBanner) if banner.shown]

        def answered(answer: str | None) -> None:
            if answer == "file":
                problems = [kept for kept in (screen.keep_copy() for screen in waiting) if not isinstance(kept, Path)]
                if problems:
                    self.notify(f"Not kept: {problems[0]}. relmeet stays open.", severity="error", timeout=20,
                                markup=False)
                    return
                for screen in waiting:
                    screen.leaving = True
                self.exit()  # the dialog named the folder; the next start offers the text back
            elif answer == "quit":
                for screen in waiting:
                    screen.leaving = True
                    screen.forget_copy()
                self.exit()

        self.push_screen(UnsavedScreen([screen.recovery_title() for screen in waiting], reasons[0] if reasons else ""),
                         answered)
