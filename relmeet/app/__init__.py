"""The Textual app: global keys, the command palette, which screen opens first, and how errors reach
the organizer. The screens live in relmeet/screens/; app-wide actions in the mixins beside this file.
"""
from __future__ import annotations

import gc
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from relmeet.app.book_actions import BookActions
from relmeet.app.commitment_actions import CommitmentActions
from relmeet.app.lock_actions import LockActions
from relmeet.app.meeting_actions import MeetingActions
from relmeet.app.palette import RelmeetCommands
from relmeet.app.prep_actions import PrepActions
from relmeet.app.view_actions import ViewActions
from relmeet.app.work_progress import WorkProgress
from relmeet.domain.text import clean_text
from relmeet.screens.base import BookChanged, BookView, guard_actions
from relmeet.store import Book

# Full garbage collections run from a timer once no key has been pressed for QUIET_FOR seconds
# (and at least every COLLECT_AT_LEAST_EVERY seconds, for a meeting typed without a pause).
TIDY_EVERY, QUIET_FOR, COLLECT_AT_LEAST_EVERY = 5, 3, 120
# The privacy curtain comes down by itself after this many minutes without a key (0: never); the setting
# is the book's. A locked book hides by default: whoever holds the laptop has no passphrase.
HIDE_SETTING, HIDE_DEFAULT_LOCKED = "hide_after_minutes", 5
# What still works behind the curtain (and before a locked book's passphrase): leaving.
WHILE_HIDDEN = {"quit"}


class RelmeetApp(MeetingActions, PrepActions, ViewActions, BookActions, CommitmentActions, LockActions, WorkProgress,
                 App):
    CSS_PATH = "app.tcss"
    TITLE = "relmeet"
    COMMANDS = App.COMMANDS | {RelmeetCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="Every key on this screen, and what it does"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Save everything and leave relmeet", priority=True),
        # early in the list, so the Footer shows it even at 80 columns: it is needed in a hurry
        Binding("ctrl+b", "hide", "Hide", id="hide", priority=True,
                tooltip="Hide everything on screen at once (a locked book asks its passphrase to come back)"),
        Binding("ctrl+f", "search", "Search", id="search",
                tooltip="Search names, organizations, tags, interests, notes, asks, offers, commitments"),
        Binding("f2", "plan_meeting", "Plan meeting", id="plan-meeting",
                tooltip="Plan (or keep preparing) a meeting with the contact in view"),
        Binding("f3", "brief", "Brief", id="brief", tooltip="The one-page brief on the contact in view"),
        Binding("f4", "power_map", "Power map", id="power-map",
                tooltip="Who holds power over the decision, and where each stands"),
        Binding("f5", "levels", "Levels", id="levels", show=False,
                tooltip="Contacts by level: directly impacted, leaders, organizations"),
        Binding("f6", "referrals", "Referrals", id="referrals", show=False,
                tooltip="Who referred whom, and the connectors"),
        Binding("f7", "campaigns", "Campaigns", id="campaigns", show=False,
                tooltip="The goals being organized for, and who's missing"),
        Binding("f8", "wins", "Wins", id="wins", show=False, tooltip="Wins to celebrate, per campaign"),
        Binding("f9", "import_contacts", "Import", id="import", show=False,
                tooltip="Import contacts from vCard or CSV files"),
    ]

    def __init__(self, book: Book | None, *, demo: bool = False, book_path: Path | None = None,
                 remembered: bool = False):
        """book None: a locked book at book_path, opened after the passphrase screen; remembered: a locked
        book opened with the key `relmeet remember` kept, which the organizer is told."""
        super().__init__()
        self.book = book
        self.remembered = remembered
        self.book_path = Path(book_path if book is None else book.path)
        self.demo = demo
        self.book_title = "demo book (throwaway copy)" if demo else clean_text(str(self.book_path))
        self.sub_title = self.book_title
        self._last_input = self._last_collect = time.monotonic()
        self.hide_after = 0  # minutes; the book's setting, read once it is open
        self._held: list[tuple[str, dict]] = []  # toasts that came while hidden, shown when it lifts

    def get_default_screen(self) -> Screen:
        # An open book's home screen is the first on the stack: pushed over Textual's empty default screen,
        # that one was laid out and drawn first, for nothing (~25 ms of start-up).
        if self.book is None:
            return super().get_default_screen()
        from relmeet.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._gc_thresholds = gc.get_threshold()
        if self.book is None:
            from relmeet.screens.passphrase import PassphraseScreen

            self.push_screen(PassphraseScreen(self.book_path), self._unlocked)
        else:
            self._start()

    def _unlocked(self, book: Book | None) -> None:
        if book is not None:
            from relmeet.screens.home import HomeScreen

            self.book = book
            self.push_screen(HomeScreen())
            self._start()

    def _start(self) -> None:
        self.read_hide_setting()
        if self.remembered:
            self.notify("Opened without the passphrase: `relmeet remember` kept it for this session. "
                        "`relmeet forget` ends that.", timeout=8)
        # Once the home screen is drawn: text a failed save kept, or a meeting left open, is the first thing
        # to see (reading them loaded the meeting read models before the first frame); then the daily backup.
        self.call_after_refresh(self.offer_resume)
        self.call_after_refresh(self.start_daily_backup)
        # Full garbage collections walk every live object (~300,000 with a large book's screens and
        # Textual's caches) and took 150-300 ms; left to chance they fell on a keypress every few views.
        # Young generations are still collected as usual; the full one runs between keypresses.
        gc.set_threshold(self._gc_thresholds[0], self._gc_thresholds[1], 1_000_000)
        self.set_interval(TIDY_EVERY, self._tidy_up)

    def on_unmount(self) -> None:
        gc.set_threshold(*self._gc_thresholds)  # the process may go on (tests, an embedding program)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = time.monotonic()
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = clean_text(event.text)  # a pasted ESC, NUL or BEL would reach the field, then the terminal
        await super().on_event(event)

    def read_hide_setting(self) -> None:
        """The minutes without a key after which the curtain comes down (the book's setting)."""
        from relmeet.store.contacts import get_setting

        default = HIDE_DEFAULT_LOCKED if self.book.locked else 0
        try:
            self.hide_after = max(0, int(get_setting(self.book, HIDE_SETTING, str(default))))
        except ValueError:  # a mistyped setting: the default, rather than no curtain at all
            self.hide_after = default

    def curtain_up(self) -> bool:
        from relmeet.screens.curtain import CurtainScreen

        return any(isinstance(screen, CurtainScreen) for screen in self.screen_stack)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Behind the curtain, and before a locked book is open, no key may bring anything of it up.
        if (self.book is None or self.curtain_up()) and action not in WHILE_HIDDEN:
            return False
        return super().check_action(action, parameters)

    def action_hide(self) -> None:
        """The privacy key: everything on screen goes behind a neutral page at once."""
        from relmeet.screens.curtain import CurtainScreen

        if self.book is None or self.curtain_up():
            return
        self.clear_notifications()  # a toast can carry a name
        self.push_screen(CurtainScreen(ask_passphrase=self.book.locked), self._shown_again)

    def _shown_again(self, _result: None) -> None:
        def replay() -> None:  # once the curtain is off the stack (it still is while this callback runs)
            held, self._held = self._held, []
            for message, options in held:
                self.notify(message, **options)

        self.call_after_refresh(replay)

    def _tidy_up(self) -> None:
        now = time.monotonic()
        if self.hide_after and self.book is not None and now - self._last_input >= self.hide_after * 60:
            self.action_hide()
        typing = now - self._last_input < QUIET_FOR
        if typing and now - self._last_collect < COLLECT_AT_LEAST_EVERY:
            return
        gc.collect()
        self._last_collect = time.monotonic()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A toast, always as text: messages carry names, notes, file names and error text, and as markup
        `Ann [/]` ended the app and `[@click=app.quit]` became a live action. Screens' and widgets'
        `notify` end here too, whatever `markup` they pass. Control characters (a name typed with an ESC
        sequence in it) are left out: the toast is drawn straight to the terminal."""
        if self.book is not None and self.curtain_up():
            # nothing shows over the curtain: the toast waits until it lifts
            self._held.append((message, {"title": title, "severity": severity, "timeout": timeout}))
            return
        super().notify(clean_text(message), title=clean_text(title), severity=severity, timeout=timeout,
                       markup=False)

    def selected_contact_id(self) -> int | None:
        """Whoever the screen in view is about (home's highlighted row, a history, a prep form)."""
        screen = self.screen
        return screen.selected_contact_id if isinstance(screen, BookView) else None

    def book_changed(self) -> None:
        """Something changed the whole book (an import, a restore, a merge): the screen shows it again."""
        self.screen.post_message(BookChanged())

    def report_error(self, error: BaseException) -> None:
        """Tell the organizer in one line; an unexpected error also leaves a report without their data."""
        from relmeet.reports import describe, shown_path, write_report

        message = describe(error)
        if message is None:
            try:
                where = f"A report (without your notes) is in {shown_path(write_report(error))}."
            except OSError as exc:
                where = f"No report could be written ({exc.strerror})."
            message = f"relmeet hit an unexpected error ({type(error).__name__}); the app goes on. {where}"
        self.notify(message, severity="error", timeout=15, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The app's own workers (backups, exports); the screens report theirs themselves.
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_error(event.worker.error)

    def contact_in_view(self) -> int | None:
        """The contact an action is for, or None after telling the organizer how to pick one."""
        contact_id = self.selected_contact_id()
        if contact_id is None:
            self.notify("Highlight a contact first (on the home screen or in a contact's history).",
                        severity="warning")
        return contact_id

    def open_contact(self, contact_id: int) -> None:
        """Enter on a contact anywhere leads here; the contact's history screen is its home, an
        organization's page rolls up its people."""
        from relmeet.screens.history import HistoryScreen
        from relmeet.store import organizations

        if organizations.is_organization(self.book, contact_id):
            from relmeet.screens.organization import OrganizationScreen

            self.push_screen(OrganizationScreen(contact_id))
            return
        self.push_screen(HistoryScreen(contact_id))

    def action_search(self) -> None:
        from relmeet.screens.search import SearchScreen

        def chosen(contact_id: int | None) -> None:
            if contact_id is not None:
                self.open_contact(contact_id)

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(), chosen)

    def action_help(self) -> None:
        from relmeet.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


for _actions in (RelmeetApp, MeetingActions, PrepActions, ViewActions, BookActions, CommitmentActions, LockActions):
    guard_actions(_actions)
