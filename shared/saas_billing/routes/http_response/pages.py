"""Server-rendered pages (Jinja2), for the functions that serve HTML. jinja2 is imported on the first
page rendered, not at init: a function's first request is often JSON (auth's /me, a checkout call)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.responses import HTMLResponse

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), auto_reload=False)


def render_page(name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any):
    html = _environment().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=headers)
