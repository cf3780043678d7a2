"""Workshop state: room language, reveal flag, countdown, rounds, groups, tables, row version;
each participant's group and table; each answer's group, round, table and decisive reasons.

Revision ID: 0002_workshop
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_workshop"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rooms") as batch:
        batch.add_column(sa.Column("lang", sa.String(2), nullable=False, server_default="pl"))
        batch.add_column(
            sa.Column("state_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(
            sa.Column("revealed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("timer_ends_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("current_round", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(sa.Column("group_no", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("tables", sa.JSON(), nullable=True))
    with op.batch_alter_table("room_participants") as batch:
        batch.add_column(sa.Column("group_no", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("table_label", sa.String(16), nullable=True))
    with op.batch_alter_table("room_submissions") as batch:
        batch.add_column(sa.Column("group_no", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("round_no", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("table_label", sa.String(16), nullable=True))
        batch.add_column(sa.Column("reasons", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("room_submissions") as batch:
        for name in ("reasons", "table_label", "round_no", "group_no"):
            batch.drop_column(name)
    with op.batch_alter_table("room_participants") as batch:
        for name in ("table_label", "group_no"):
            batch.drop_column(name)
    with op.batch_alter_table("rooms") as batch:
        for name in (
            "tables",
            "group_no",
            "current_round",
            "timer_ends_at",
            "revealed",
            "state_version",
            "lang",
        ):
            batch.drop_column(name)
