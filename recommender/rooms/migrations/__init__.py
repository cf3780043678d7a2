"""Alembic migrations of the rooms tables; run by :func:`recommender.rooms.migrate.upgrade`."""
