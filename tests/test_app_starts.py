from relmeet.app import RelmeetApp


async def test_app_opens_on_home_and_help_lists_keys(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        assert "Quit" in text
        assert "F1" in text or "f1" in text.lower()
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"
