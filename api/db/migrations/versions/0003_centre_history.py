"""Centre corrections keep history: a corrected or closed centre is a new row superseding the old.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of the table would lose SpatiaLite's geometry registration.
    op.add_column("centres", sa.Column("superseded_by", sa.Integer, nullable=True))
    op.add_column("centres", sa.Column("change_reason", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("centres") as batch:
        batch.drop_column("change_reason")
        batch.drop_column("superseded_by")
