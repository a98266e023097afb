"""When an account's entitlements change, its signed-in devices must not keep using the old claims.

RecordEntitlements calls `on_change(account_id)` after storing a changed set. Every device session of the
account is marked; the next request of each is treated as carrying an expired access token (see
Authenticate): a browser is silently refreshed and gets tokens with the new claims, an API client gets a
401 telling it to refresh. Tokens already handed to other services stay valid until they expire (the
access token lifetime is the staleness bound there), since those services never call us. The mark is a
counter, not a flag, so tokens whose claims were read just before it cannot clear it (RefreshRotation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository


class RefreshSessionsOnChange:
    def __init__(self, sessions: DeviceSessionRepository) -> None:
        self._sessions = sessions

    def on_change(self, account_id: str) -> None:
        """One update of the account's sessions; the per-request check reads the flag it already loads."""
        self._sessions.mark_claims_stale(account_id)
