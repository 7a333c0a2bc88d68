"""Observations say how exact their date is: as_of_quality (exact, month, year, inferred, undated).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: uploaded rows and rows loaded before this revision carry no stated quality; the
    # domain then takes the quality the date's own precision implies. The next seed load fills it.
    op.add_column("observations", sa.Column("as_of_quality", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("as_of_quality")
