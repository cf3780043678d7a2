"""The tables of the rooms layer (SQLAlchemy Core).

This is the *current* shape; the database gets it through the Alembic migrations in
``migrations/versions``. ``tests/test_rooms.py`` checks that the migrations and this module agree.

No column holds personal data: no names, e-mail or IP addresses, no free text tied to a person.
Tokens are stored only as SHA-256 hashes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator

VERSION_TABLE = "rooms_alembic_version"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC in both SQLite and PostgreSQL; always returns aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


rooms = Table(
    "rooms",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("join_code", String(8), nullable=False),
    Column("trainer_token_hash", String(64), nullable=False),
    Column("title", String(120), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False, index=True),
    Column("closed_at", UTCDateTime(), nullable=True),
    Column("retention_days", Integer, nullable=False),
    # -- workshop state (migration 0002): what the console controls and the projector shows --
    Column("lang", String(2), nullable=False, server_default="pl"),
    # bumped by every change of the state below: a control sent from a stale console tab
    # (one that has not seen the latest change) is refused instead of applied twice
    Column("state_version", Integer, nullable=False, server_default="1"),
    Column("revealed", Boolean, nullable=False, server_default=false()),
    Column("timer_ends_at", UTCDateTime(), nullable=True),
    Column("current_round", Integer, nullable=False, server_default="1"),
    Column("group_no", Integer, nullable=False, server_default="1"),
    Column("tables", JSON, nullable=True),  # the trainer's table labels, e.g. ["A", "B", "C"]
)

# A join code is unique among *open* rooms only: closed rooms keep theirs until purged.
Index(
    "uq_rooms_open_join_code",
    rooms.c.join_code,
    unique=True,
    sqlite_where=rooms.c.closed_at.is_(None),
    postgresql_where=rooms.c.closed_at.is_(None),
)

participants = Table(
    "room_participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "room_id",
        String(16),
        ForeignKey("rooms.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("joined_at", UTCDateTime(), nullable=False),
    Column("group_no", Integer, nullable=False, server_default="1"),
    Column("table_label", String(16), nullable=True),
)

submissions = Table(
    "room_submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "room_id",
        String(16),
        ForeignKey("rooms.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column(
        "participant_id",
        Integer,
        ForeignKey("room_participants.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("submission_key", String(64), nullable=False),
    Column("profile", JSON, nullable=False),
    Column("top_form", String(32), nullable=True),
    Column("ranking", JSON, nullable=False),
    Column("blockers", JSON, nullable=False),
    Column("priorities", JSON, nullable=False),
    Column("finished", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("group_no", Integer, nullable=False, server_default="1"),
    Column("round_no", Integer, nullable=False, server_default="1"),
    Column("table_label", String(16), nullable=True),  # the participant's table when sent
    Column("reasons", JSON, nullable=True),  # ids of the pros that decided the first form
    # Idempotency: one row per (participant, key). Scoped to the participant so that nobody can
    # collide with, or probe, another participant's keys.
    UniqueConstraint(
        "participant_id", "submission_key", name="uq_room_submissions_participant_key"
    ),
)

# Failed join attempts, for the deployment-wide budget against code guessing. Deliberately no
# client column: nothing here can be tied to a person or a device.
join_failures = Table(
    "room_join_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False, index=True),
)


# Short links to a result (migration 0003; recommender.rooms.shortlinks): the answers' canonical
# query string only, never personal data; deleted LIFETIME_DAYS after the last open.
short_links = Table(
    "short_links",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("query", String(2000), nullable=False),
    Column("query_hash", String(64), nullable=False, index=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False, index=True),
)
