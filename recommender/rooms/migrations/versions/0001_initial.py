"""Initial rooms tables: rooms, participants, submissions, failed join attempts.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("join_code", sa.String(8), nullable=False),
        sa.Column("trainer_token_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.String(120), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rooms"),
    )
    op.create_index("ix_rooms_created_at", "rooms", ["created_at"])
    op.create_index(
        "uq_rooms_open_join_code",
        "rooms",
        ["join_code"],
        unique=True,
        sqlite_where=sa.text("closed_at IS NULL"),
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    op.create_table(
        "room_participants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("room_id", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name="fk_room_participants_room_id_rooms",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_room_participants"),
        sa.UniqueConstraint("token_hash", name="uq_room_participants_token_hash"),
    )
    op.create_index("ix_room_participants_room_id", "room_participants", ["room_id"])
    op.create_table(
        "room_submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("room_id", sa.String(16), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("submission_key", sa.String(64), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("top_form", sa.String(32), nullable=True),
        sa.Column("ranking", sa.JSON(), nullable=False),
        sa.Column("blockers", sa.JSON(), nullable=False),
        sa.Column("priorities", sa.JSON(), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name="fk_room_submissions_room_id_rooms",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["room_participants.id"],
            name="fk_room_submissions_participant_id_room_participants",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_room_submissions"),
        sa.UniqueConstraint(
            "participant_id", "submission_key", name="uq_room_submissions_participant_key"
        ),
    )
    op.create_index("ix_room_submissions_room_id", "room_submissions", ["room_id"])
    op.create_table(
        "room_join_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_room_join_failures"),
    )
    op.create_index("ix_room_join_failures_at", "room_join_failures", ["at"])


def downgrade() -> None:
    op.drop_table("room_join_failures")
    op.drop_table("room_submissions")
    op.drop_table("room_participants")
    op.drop_index("uq_rooms_open_join_code", table_name="rooms")
    op.drop_index("ix_rooms_created_at", table_name="rooms")
    op.drop_table("rooms")
