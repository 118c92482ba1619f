import io
import re

from rich.console import Console

from relmeet.app import RelmeetApp


async def test_app_opens_on_home_and_help_lists_keys(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(app.screen.query_one("#help-text").content)
        text = console.export_text()
        lines = text.splitlines()
        # each key on its own line beside what it does
        assert any(re.match(r"\s*\^q\s+Quit\b", line) for line in lines), text
        assert any(re.match(r"\s*f1\s+Help\b", line) for line in lines), text
        # the screen's own keys first, the list's cursor keys after them
        assert text.index("Archive") < text.index("Moving around") < text.index("Cursor up")
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"
