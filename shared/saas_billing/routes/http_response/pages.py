"""Server-rendered pages (Jinja2); imported only by functions that serve HTML."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), auto_reload=False)


def render_page(name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any):
    html = _environment().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=headers)
