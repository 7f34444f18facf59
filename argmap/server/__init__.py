"""argmap's HTTP server: a JSON API (OpenAPI at ``/openapi.json``) over the store.

``create_app(store)`` gives the FastAPI application for a store the caller opened;
``create_app_from_url(url)`` opens the store itself. ``python -m argmap.server``
serves one with uvicorn. See :mod:`argmap.server.access` for authentication, CSRF
and the roles, and :mod:`argmap.server.problems` for the error format.
"""

from argmap.server.app import create_app, create_app_from_url

__all__ = ["create_app", "create_app_from_url"]
