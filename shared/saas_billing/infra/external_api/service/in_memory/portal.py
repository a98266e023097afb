"""Customer portal part of the in-memory gateway; its URL points at the dev server's stand-in page."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from saas_billing.domain.errors import CustomerNotFound
from saas_billing.infra.external_api.interface.portal_gateway import PortalGateway
from saas_billing.infra.external_api.service.billing_shapes import to_portal_session

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import PortalSession
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState

LOCAL_PAGES = "/_local/stripe"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class InMemoryPortal(PortalGateway):
    state: InMemoryStripeState

    def create_portal_session(self, customer_id: str, return_url: str) -> PortalSession:
        with self.state.lock:
            if customer_id not in self.state.customers:
                raise CustomerNotFound(f"No such customer: '{customer_id}'")
            session_id = self.state.new_id("bps")
            session = {
                "id": session_id,
                "object": "billing_portal.session",
                "customer": customer_id,
                "return_url": return_url,
                "created": int(time.time()),
                "url": f"{origin(return_url)}{LOCAL_PAGES}/portal/{session_id}",
            }
            self.state.portal_sessions[session_id] = session
            return to_portal_session(session)
