"""Run the rooms migrations programmatically (no ``alembic.ini`` at the repository root).

:func:`upgrade` is safe to call from several app instances at once: on PostgreSQL it holds a
transaction-scoped advisory lock, on SQLite the migration runs inside ``BEGIN IMMEDIATE`` (the
engine from :func:`recommender.rooms.store.make_engine` does that for write transactions), so
the second instance waits and then finds the schema already at head.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from .schema import VERSION_TABLE

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Arbitrary constant key for pg_advisory_xact_lock ("jfrooms" in ASCII).
_PG_LOCK_KEY = 0x6A66726F6F6D73

WRITE = {"rooms_write": True}  # execution option: on SQLite, begin with BEGIN IMMEDIATE


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    ctx = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return ctx.get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the rooms tables to ``revision`` (default: the newest). Idempotent."""
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        command.upgrade(alembic_config(conn), revision)
