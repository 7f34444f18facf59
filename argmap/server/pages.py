"""The web page: one static HTML file, one script, one stylesheet, vendored Cytoscape.js.

:func:`mount_pages` adds to an app made by :func:`argmap.server.create_app`:

* ``GET /`` and ``GET /d/{key}``: the page (the same static file; the script reads the
  path, or a ``#/debates/{key}`` fragment, and talks only to the JSON API);
* ``/static/...``: the script, the stylesheet and ``vendor/`` (Cytoscape.js, copied by
  ``scripts/vendor_js.sh`` and committed, so no npm at run time).

Nothing from the store is ever written into HTML on the server; the script renders
every user's text with ``textContent``. The page's Content-Security-Policy allows
scripts and styles from this origin only: no inline script, no ``eval``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Route

__all__ = ["PAGE_CSP", "STATIC_DIR", "mount_pages"]

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: Same-origin scripts, styles and API calls only; images only as data/blob (exports).
PAGE_CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

_HEADERS = {"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"}


def _page() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers=_HEADERS)


def mount_pages(app: FastAPI) -> None:
    """Serve the web page at ``/`` and ``/d/{key}``, its files under ``/static``.

    Replaces a ``GET /`` the app already has (the API's placeholder page).
    """
    app.router.routes[:] = [
        r
        for r in app.router.routes
        if not (isinstance(r, Route) and r.path == "/" and "GET" in (r.methods or set()))
    ]

    @app.get("/", include_in_schema=False)
    def home() -> FileResponse:
        """The page, listing the public debates."""
        return _page()

    @app.get("/d/{key}", include_in_schema=False)
    def debate_page(key: str) -> FileResponse:
        """The page, showing the debate ``key`` (the script reads it from the path)."""
        return _page()

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
