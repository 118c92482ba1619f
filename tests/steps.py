"""Steps several Pilot tests take the way a user does."""
from __future__ import annotations


async def run_from_palette(pilot, command: str) -> None:
    """Ctrl+P, type the command's words, Enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def notices(pilot) -> list[str]:
    """The text of every toast on the screen, as the organizer reads it, once the screen has caught up."""
    await pilot.pause()
    return [toast.render().plain for toast in pilot.app.screen.query("Toast")]


async def home_counts_line(book) -> str:
    """The home screen's "Overdue: theirs N, mine M · asks …" line, once its side panes are filled."""
    from textual.widgets import Static

    from relmeet.app import RelmeetApp

    app = RelmeetApp(book)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return str(app.screen.query_one("#health-counts", Static).render())


async def open_history_of(pilot, name: str) -> None:
    """From the home screen: the filter narrowed to name, then Enter on the first match: their history."""
    await pilot.pause()
    await pilot.press("ctrl+l", *name.lower().replace(" ", ""), "enter")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.3)


def record_calls(owner, name: str) -> list[tuple]:
    """Each call of owner.name from here on, as its arguments, while it still does what it did: what a
    screen or the app was told to show, which a finished picture no longer holds."""
    calls: list[tuple] = []
    method = getattr(owner, name)

    def recording(*args):
        calls.append(args)
        return method(*args)

    setattr(owner, name, recording)
    return calls


async def title_lines_while(book_path, command: str, ended: str) -> list[str]:
    """The app on the book at book_path runs a palette command whose work shows in the title line, until a
    toast says `ended`: each line the title showed meanwhile (work of any length shown, even milliseconds)."""
    import time

    from relmeet.app import RelmeetApp
    from relmeet.store import Book

    app = RelmeetApp(Book(book_path))
    try:
        async with app.run_test(size=(110, 32), notifications=True) as pilot:
            await pilot.pause(0.5)
            app.show_work_after = 0
            calls = record_calls(app, "show_work")
            await run_from_palette(pilot, command)
            end = time.monotonic() + 20
            while not any(ended in toast.render().plain for toast in app.screen.query("Toast")):
                assert time.monotonic() < end, f"no toast said {ended!r} in time"
                await pilot.pause(0.05)
            assert app.sub_title == str(book_path)  # the book's own title again
    finally:
        app.book.close()
    return [line for (line,) in calls]
