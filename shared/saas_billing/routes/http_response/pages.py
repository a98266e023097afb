"""Server-rendered pages (Jinja2), for the functions that serve HTML. jinja2 is imported on the first
page rendered, not at init: a function's first request is often JSON (auth's /me, a checkout call).

Every page gets the product name (settings) for its title and header, and shows a confirmation when the
route passes one (`notice`, see notices.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from starlette.responses import HTMLResponse

from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.http_response.page_templates import TEMPLATES, environment

if TYPE_CHECKING:
    from jinja2 import Environment

FAVICON = TEMPLATES / "favicon.svg"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return environment()  # from the compiled templates in a built layer (page_templates.py)


def load_every_template() -> None:
    """For SnapStart priming (infra/snapstart/priming.py): every template loaded into the cache."""
    environment = _environment()
    for path in TEMPLATES.glob("*.html"):
        environment.get_template(path.name)


def page_context(context: dict[str, Any]) -> dict[str, Any]:
    """What base.html reads on every page, unless the route set it."""
    return {"product_name": get_settings().product_name, **context}


def render_page(name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any):
    html = _environment().get_template(name).render(**page_context(context))
    return HTMLResponse(html, status_code=status_code, headers=headers)
