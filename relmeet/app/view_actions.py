"""The app's view keys: F4 power map, F5 levels, F6 referrals, F7 campaigns, F8 wins, and the health
threshold behind the home screen's "Tend these"."""
from __future__ import annotations


class ViewActions:
    """Mixed into RelmeetApp; each opens its view unless it is already the one in view."""

    def _open_view(self, screen_type, *args) -> None:
        if not isinstance(self.screen, screen_type):
            self.push_screen(screen_type(*args))

    def action_power_map(self) -> None:
        from relmeet.screens.power_map import PowerMapScreen

        # from a campaign's page, the map opens on that campaign
        self._open_view(PowerMapScreen, getattr(self.screen, "selected_campaign_id", None))

    def action_levels(self) -> None:
        from relmeet.screens.levels import LevelsScreen

        self._open_view(LevelsScreen)

    def action_referrals(self) -> None:
        from relmeet.screens.referrals import ReferralsScreen

        self._open_view(ReferralsScreen)

    def action_campaigns(self) -> None:
        from relmeet.screens.campaigns import CampaignsScreen

        self._open_view(CampaignsScreen)

    def action_new_campaign(self) -> None:
        from relmeet.screens.campaigns import CampaignFormScreen

        self.push_screen(CampaignFormScreen())

    def action_wins(self) -> None:
        from relmeet.screens.wins import WinsScreen

        self._open_view(WinsScreen)

    def action_tend_after(self) -> None:
        from relmeet.screens.tend_after import TendAfterScreen

        self.push_screen(TendAfterScreen(), lambda _: self.book_changed())
