"""Server-rendered pages (Jinja2), for the functions that serve HTML. jinja2 is imported on the first
page rendered, not at init: a function's first request is often JSON (auth's /me, a checkout call).

Every page gets the product name (settings) for its title and header, and shows a confirmation when the
route passes one (`notice`, see notices.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.responses import HTMLResponse

from saas_billing.infra.settings.loader import get_settings

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"
FAVICON = TEMPLATES / "favicon.svg"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), auto_reload=False)


def page_context(context: dict[str, Any]) -> dict[str, Any]:
    """What base.html reads on every page, unless the route set it."""
    return {"product_name": get_settings().product_name, **context}


def render_page(name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any):
    html = _environment().get_template(name).render(**page_context(context))
    return HTMLResponse(html, status_code=status_code, headers=headers)
