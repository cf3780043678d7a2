"""Short links to a result: code, the answers' query string (no personal data), expiry.

Revision ID: 0003_short_links
Revises: 0002_workshop
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_short_links"
down_revision: str | None = "0002_workshop"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "short_links",
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("query", sa.String(2000), nullable=False),
        sa.Column("query_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_short_links"),
    )
    op.create_index("ix_short_links_query_hash", "short_links", ["query_hash"])
    op.create_index("ix_short_links_expires_at", "short_links", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_short_links_expires_at", table_name="short_links")
    op.drop_index("ix_short_links_query_hash", table_name="short_links")
    op.drop_table("short_links")
