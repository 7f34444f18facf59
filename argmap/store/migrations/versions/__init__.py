"""One file per schema revision; alembic reads them, nothing imports them."""
