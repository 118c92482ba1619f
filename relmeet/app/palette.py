"""Command palette entries, named "noun: verb" (contact: new, meeting: new, ...).

Each entry calls an action on the app or the current screen, so the palette, the Footer and
the help screen all lead to the same code. Hits are handed to the palette as text, not markup, so an
entry may one day carry a name from the book.
"""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

# (title, help, action name); the action runs on the active screen if it has it, else on the app.
PALETTE: list[tuple[str, str, str]] = [
    ("contact: new", "Add a person or an organization to the book", "new_contact"),
    ("contact: find", "Filter the contact list by name, organization, role or tag", "find_contact"),
    ("search: everything", "Search as you type over names, tags, interests, notes, asks… (Ctrl+F)", "search"),
    ("contact: edit", "Edit the highlighted contact", "edit_contact"),
    ("contact: archive", "Archive the highlighted contact (asks first; can be undone)", "archive_contact"),
    ("contact: undo archive", "Bring back the contact archived last", "unarchive"),
    ("contact: show archived", "Switch the list between active and archived contacts", "toggle_archived"),
    ("contact: sort", "Sort the list by the next column", "cycle_sort"),
    ("contact: merge", "Merge a duplicate into the contact in view, field by field (can be undone)", "merge_contact"),
    ("contact: undo merge", "Split the last merge back into two contacts", "undo_merge"),
    ("contact: export history", "Write the contact in view's whole history as Markdown beside the book",
     "export_contact"),
    ("book: export", "Write the whole book as JSON beside it (CSV, vCard, Markdown: `relmeet export`)", "export_book"),
    ("book: back up now", "Copy the book into its backups folder now", "backup_now"),
    ("book: restore", "Put a backup back (the book as it is now is backed up first)", "restore_book"),
    ("book: lock with a passphrase", "Encrypt the book and its backups at rest; it opens only with the passphrase",
     "lock_book"),
    ("book: change the passphrase", "Lock the book and its backups with a new passphrase", "change_passphrase"),
    ("meeting: new", "Plan a meeting with the contact in view (F2)", "plan_meeting"),
    ("meeting: start", "Start the notes for the contact in view: their planned meeting, or one now", "start_meeting"),
    ("meeting: end", "End the meeting and go to the follow-up (F10 in the notes)", "end_meeting"),
    ("meeting: follow up", "Back to the follow-up of the contact in view's last meeting (outcomes, summary)",
     "follow_up"),
    ("meeting: brief", "The one-page brief on the contact in view (F3)", "brief"),
    ("map: power", "The power map: influence against stance, per campaign (F4)", "power_map"),
    ("map: levels", "Contacts by the three levels, leaders and gatekeepers marked (F5)", "levels"),
    ("map: referrals", "Who referred whom, and the connectors ranked (F6)", "referrals"),
    ("campaign: list", "The campaigns, and for one: its people, asks, gaps (F7)", "campaigns"),
    ("campaign: new", "Start a campaign: the goal you are organizing for", "new_campaign"),
    ("wins: list", "Wins to celebrate, per campaign (F8)", "wins"),
    ("commitments: what I owe", "What I promised, overdue first, and the check-ins to make: mark, note, undo",
     "commitments_mine"),
    ("commitments: what they owe", "What they promised me, overdue first: mark, note, undo", "commitments_theirs"),
    ("commitments: all", "Commitments both ways and check-ins, filtered by contact, campaign, organization, date",
     "commitments_all"),
    ("commitments: this contact's", "The ledger of the contact in view, both ways, and those involving them",
     "commitments_of_contact"),
    ("commitments: undo last mark", "Put back the commitment marked last (done, partly, missed, dropped, reopened)",
     "undo_commitment_mark"),
    ("settings: thank-you reminders", "Turn the thank-you reminder (within 48 hours of a meeting) off or on",
     "thank_you_reminders"),
    ("health: tend after days", "How long an ally or leader can go unmet before 'Tend these' lists them",
     "tend_after"),
    ("contact: import", "Import contacts from vCard or CSV files: a preview first, then all or nothing (F9)",
     "import_contacts"),
    ("help: keys", "Every key on this screen", "help"),
]


class RelmeetCommands(Provider):
    def _available(self):
        # only what can run from here: "contact: archive" means nothing on the notes screen
        screen = self.screen  # the screen the palette was opened over
        for title, help_text, action in PALETTE:
            if hasattr(screen, f"action_{action}") or hasattr(self.app, f"action_{action}"):
                yield title, help_text, action

    async def discover(self) -> Hits:
        for title, help_text, action in self._available():
            yield DiscoveryHit(Content(title), partial(self._run, action), text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlighted(matcher, title), partial(self._run, action), text=title,
                          help=escape(help_text))

    async def _run(self, action: str) -> None:
        app = self.app
        screen = self.screen
        target = screen if hasattr(screen, f"action_{action}") else app
        await app.run_action(action, target)


def _highlighted(matcher: Matcher, title: str) -> Content:
    """The title with the typed letters marked; `Matcher.highlight` would read the title as markup."""
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
