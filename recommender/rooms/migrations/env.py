"""Alembic environment of the rooms tables.

The app runs migrations through :func:`recommender.rooms.migrate.upgrade`, which passes an open
connection (inside a transaction, holding a migration lock) in ``config.attributes``. Run from the
``alembic`` command line instead (to write a new revision), it connects to ``DATABASE_URL`` or the
default SQLite file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from recommender.rooms.schema import VERSION_TABLE, metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite needs "batch" table rebuilds for most ALTERs
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        raise SystemExit("offline (SQL script) migrations are not supported; run them online")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from recommender.rooms.store import make_engine, url_from_env

    engine = make_engine(url_from_env())
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


def _inside_alembic() -> bool:
    """False when this file is merely imported (e.g. by a doctest collector)."""
    try:
        context.config  # noqa: B018 - fails outside an Alembic run
    except (NameError, AttributeError):
        return False
    return True


if _inside_alembic():
    main()
