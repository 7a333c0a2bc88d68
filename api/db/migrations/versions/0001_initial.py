"""Initial schema: regions, indicators, revisions, observations, centres.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import geoalchemy2
import geoalchemy2.alembic_helpers
import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _geometry(kind: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(
        "geom", geoalchemy2.Geometry(kind, srid=4326, spatial_index=True), nullable=nullable
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    multipolygon = geoalchemy2.Geometry("MULTIPOLYGON", srid=4326, spatial_index=True)
    op.create_geospatial_table(
        "regions",
        sa.Column("iso_code", sa.String(8), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name_kk", sa.Text, nullable=False),
        sa.Column("name_ru", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("short_en", sa.Text, nullable=False),
        sa.Column("centre_kk", sa.Text, nullable=False),
        sa.Column("centre_ru", sa.Text, nullable=False),
        sa.Column("centre_en", sa.Text, nullable=False),
        sa.Column("source_pcode", sa.String(16), nullable=False),
        sa.Column("area_km2", sa.Float, nullable=False),
        sa.Column("geom", multipolygon, nullable=False),
        sa.Column("geom_web", multipolygon, nullable=False),
        sa.Column("geom_lite", multipolygon, nullable=False),
    )
    op.create_table(
        "indicators",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("unit", sa.String(16), nullable=False),
        *(sa.Column(f"name_{lang}", sa.Text, nullable=False) for lang in ("kk", "ru", "en")),
        *(sa.Column(f"definition_{lang}", sa.Text, nullable=False) for lang in ("kk", "ru", "en")),
    )
    op.create_table(
        "data_revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("author", sa.Text),
        sa.Column("description", sa.Text, nullable=False),
    )
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("area_code", sa.String(8), nullable=False, index=True),
        sa.Column(
            "indicator", sa.String(40), sa.ForeignKey("indicators.code"), nullable=False, index=True
        ),
        sa.Column("as_of", sa.String(10)),
        sa.Column("as_of_year", sa.Integer, index=True),
        sa.Column("value", sa.Float),
        sa.Column("value_text", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_date", sa.String(10)),
        sa.Column("derivation", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("comparable", sa.Boolean, nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("revision_id", sa.Integer, sa.ForeignKey("data_revisions.id"), nullable=False),
        sa.CheckConstraint(
            "value IS NULL OR value >= 0", name="ck_observations_value_non_negative"
        ),
        sa.CheckConstraint(
            "(value IS NULL) <> (value_text IS NULL)", name="ck_observations_one_value"
        ),
    )
    op.create_geospatial_table(
        "centres",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("operator", sa.Text),
        sa.Column(
            "iso_code", sa.String(8), sa.ForeignKey("regions.iso_code"), nullable=False, index=True
        ),
        sa.Column("settlement", sa.Text),
        sa.Column("address", sa.Text),
        sa.Column("capacity", sa.Integer),
        sa.Column("capacity_text", sa.Text),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("status_text", sa.Text, nullable=False),
        sa.Column("opening", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_date", sa.String(10)),
        sa.Column("note", sa.Text),
        sa.Column("location_precision", sa.String(16), nullable=False),
        sa.Column("location_source", sa.Text),
        _geometry("POINT", nullable=True),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("revision_id", sa.Integer, sa.ForeignKey("data_revisions.id"), nullable=False),
    )


def downgrade() -> None:
    op.drop_geospatial_table("centres")
    op.drop_table("observations")
    op.drop_table("data_revisions")
    op.drop_table("indicators")
    op.drop_geospatial_table("regions")
