"""The wins view (F8) as the organizer reads it at a laptop's 80 columns: each campaign's wins together,
newest first, a long win wrapping under itself (not under its date), two campaigns of the same name kept
apart, and wins tied to no campaign last."""
from __future__ import annotations

from datetime import date

from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.store import campaigns, captures
from screen_text import screen_lines

LONG_WIN = ("The landlord signed the repairs list for all forty units at 1420 Elm after the delegation of twelve "
            "tenants, the pastor and two council aides stood in his lobby for an hour")


async def test_wins_grouped_newest_first_and_a_long_win_wraps_under_itself(book):
    housing = campaigns.save(book, CampaignIn(name="Housing"))
    other_housing = campaigns.save(book, CampaignIn(name="Housing", goal="the county's, not the city's"))
    captures.add_win(book, "First repairs done", won_on=date(2026, 11, 2), campaign_id=housing)
    captures.add_win(book, LONG_WIN, won_on=date(2026, 11, 20), campaign_id=housing)
    captures.add_win(book, "County hearing date set", won_on=date(2026, 11, 5), campaign_id=other_housing)
    captures.add_win(book, "A new volunteer at the table", won_on=date(2026, 11, 9))
    app = RelmeetApp(book)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        lines = [line.rstrip() for line in screen_lines(app)]
    text = "\n".join(lines)
    # two campaigns called Housing stay two groups, each with its own count; the unfiled win comes last
    assert text.count("Housing (2)") == 1 and text.count("Housing (1)") == 1, text
    assert text.index("Housing (2)") < text.index("Not tied to a campaign (1)")
    assert text.index("County hearing date set") < text.index("Not tied to a campaign (1)")
    # newest first within a campaign
    assert text.index("Fri 20 Nov 2026") < text.index("Mon 2 Nov 2026")
    # the long win: its first line follows the date, the next lines start under its first word
    first = next(number for number, line in enumerate(lines) if "★ Fri 20 Nov 2026 The landlord" in line)
    column = lines[first].index("The landlord")
    following = lines[first + 1]
    assert following[:column].strip() in ("", "▁", "▇", "█"), following  # nothing under the date (a scrollbar at most)
    assert following[column:].startswith(following[column:].lstrip()) and following[column] != " ", following
    assert " ".join(" ".join(line[column:] for line in lines[first:first + 4]).split()).startswith(
        " ".join(LONG_WIN.split()[:20]))


def test_a_hanging_line_keeps_the_colours_of_its_date_and_text():
    from rich.console import Console
    from rich.text import Text

    from relmeet.pages.formatting import Hanging

    console = Console(width=40, color_system="truecolor")
    body = Text("Twelve tenants came to the first Building B house meeting", style="bold")
    segments = [s for s in console.render(Hanging(Text("  ★ Wed 11 Nov", style="green"), body)) if s.text.strip()]
    assert segments[0].text == "  ★ Wed 11 Nov" and segments[0].style.color.name == "green"
    assert all(s.style.bold for s in segments[1:]), segments  # every wrapped line of the text keeps its style
    assert len(segments) >= 3  # it did wrap
