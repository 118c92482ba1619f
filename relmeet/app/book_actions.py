"""The app's whole-book actions (palette: book: export / back up now / restore, contact: merge /
undo merge / import) and the daily backup after start-up."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from relmeet.domain.errors import RelmeetError


def exports_folder(book_path: Path) -> Path:
    """`exports/` beside the book, owner-only even if it was made open to others before."""
    folder = book_path.parent / "exports"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


class BookActions:
    """Mixed into RelmeetApp; `self` is the app (it has `book`, `notify`, `run_worker`...)."""

    def start_daily_backup(self) -> None:
        """After start-up: say if the book is damaged (it was opened read-only) and back up nothing; else
        today's backup, checked before it joins the rotation (and a big book checked whole)."""
        from relmeet.store import health

        problem = health.damage(self.book)
        if problem is not None:
            self.notify(health.damaged_message(self.book, problem), title="Damaged book", severity="error",
                        timeout=120, markup=False)
            return
        if not getattr(self, "demo", False):  # the demo book is a throwaway copy
            self.run_worker(self._daily_backup, thread=True, group="backup", exit_on_error=False)

    def _daily_backup(self) -> None:
        from relmeet.store import backup, health

        big = health.needs_whole_check(self.book)  # too big to check at open
        try:
            with self.work_shown("Today's backup:") as progress:
                made = backup.maybe_daily_backup(self.book, progress=progress)
            # the backup's copy checked whole, so the book was; else check the book itself
            problem = None if made is not None or not big else health.check_whole(self.book)
        except backup.DamagedBook as exc:
            problem = exc.problem
            health.mark_damaged(self.book, problem)
        except RelmeetError as exc:
            self.call_from_thread(self.notify, f"Today's backup failed: {exc}", severity="error", timeout=15,
                                  markup=False)
            return
        if problem is not None:
            self.call_from_thread(self.notify, health.damaged_message(self.book, problem), title="Damaged book",
                                  severity="error", timeout=120, markup=False)
        elif made is not None and big:
            health.record_clean_check(self.book)

    def action_backup_now(self) -> None:
        self.run_worker(self._backup_now, thread=True, group="backup", exit_on_error=False)

    def _backup_now(self) -> None:
        from relmeet.store import backup

        try:
            with self.work_shown("Backing up") as progress:
                made = backup.backup_now(self.book, progress=backup.of_what("the book", progress))
        except RelmeetError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", title="Backup failed")
            return
        kept = backup.keep_count(self.book)
        self.call_from_thread(self.notify, f"Backed up to {made.path} (the last {kept} are kept).", title="Backup")

    def action_restore_book(self) -> None:
        from relmeet.screens.restore import RestoreScreen
        from relmeet.store import backup

        if not backup.list_backups(self.book):
            self.notify("No backups yet: 'book: back up now' makes one.", title="Restore")
            return
        self.push_screen(RestoreScreen(), lambda restored: restored and self.book_changed())

    def action_export_book(self) -> None:
        self.run_worker(self._export_json, thread=True, group="export", exit_on_error=False)

    def _export_json(self) -> None:
        from relmeet.exporting.json_book import dumps
        from relmeet.paths import write_private

        try:
            target = exports_folder(self.book.path) / f"{self.book.path.stem}-{datetime.now():%Y-%m-%d-%H%M%S}.json"
            with self.work_shown("Export:") as progress:
                text = dumps(self.book, progress=progress)
            write_private(target, text)
        except (OSError, RelmeetError) as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error", title="Export")
            return
        self.call_from_thread(self.notify, f"The whole book (what is marked private left out) is in {target}. "
                              "For CSV, vCard or Markdown: `relmeet export --format csv|vcard|markdown`.",
                              title="Exported", timeout=15)

    def action_export_contact(self) -> None:
        contact_id = self.contact_in_view()
        if contact_id is None:
            return
        self.run_worker(lambda: self._export_history(contact_id), thread=True, group="export", exit_on_error=False)

    def _export_history(self, contact_id: int) -> None:
        import re

        from relmeet.exporting.markdown_out import contact_history
        from relmeet.paths import write_private
        from relmeet.store.merge import contact_fields

        try:
            text = contact_history(self.book, contact_id)
            # a file name from the contact's name: letters (any script), digits and dashes only
            name = contact_fields(self.book, contact_id)["name"]
            slug = re.sub(r"[^\w]+", "-", name).strip("-_")[:60] or "contact"
            target = exports_folder(self.book.path) / f"{slug}-{datetime.now():%Y-%m-%d}.md"
            write_private(target, text)
        except (OSError, RelmeetError) as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error", title="Export history")
            return
        self.call_from_thread(self.notify, f"Their history (what is marked private left out) is in {target}.",
                              title="Exported", timeout=15)

    def action_merge_contact(self) -> None:
        from relmeet.screens.merge import MergeScreen

        self.push_screen(MergeScreen(self.selected_contact_id()))

    def action_undo_merge(self) -> None:
        from relmeet.store import merge

        recent = merge.recent_merges(self.book, limit=1)
        if not recent:
            self.notify("There is no merge to undo.", title="Undo merge")
            return
        try:
            merge.undo(self.book, recent[0].id)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", title="Undo merge")
            return
        self.notify(f"{recent[0].dropped_name} is separate from {recent[0].kept_name} again.", title="Merge undone")
        self.book_changed()

    def action_import_contacts(self) -> None:
        from relmeet.screens.import_screen import ImportScreen

        self.push_screen(ImportScreen(), lambda _: self.book_changed())
