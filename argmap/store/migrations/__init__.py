"""Alembic migrations of the store's schema (run by :func:`argmap.store.engine.upgrade`)."""
