"""ORM models. The schema itself is owned by the Alembic migrations in api/db/migrations."""

from __future__ import annotations

from datetime import datetime

from geoalchemy2 import Geometry
from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SRID = 4326


class Base(DeclarativeBase):
    pass


class Region(Base):
    __tablename__ = "regions"

    iso_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name_kk: Mapped[str] = mapped_column(Text)
    name_ru: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    short_en: Mapped[str] = mapped_column(Text)
    centre_kk: Mapped[str] = mapped_column(Text)
    centre_ru: Mapped[str] = mapped_column(Text)
    centre_en: Mapped[str] = mapped_column(Text)
    source_pcode: Mapped[str] = mapped_column(String(16))
    area_km2: Mapped[float] = mapped_column(Float)
    # One column per boundary level (see geo.boundaries.LEVELS).
    geom: Mapped[object] = mapped_column(Geometry("MULTIPOLYGON", srid=SRID))
    geom_web: Mapped[object] = mapped_column(Geometry("MULTIPOLYGON", srid=SRID))
    geom_lite: Mapped[object] = mapped_column(Geometry("MULTIPOLYGON", srid=SRID))


class Indicator(Base):
    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    unit: Mapped[str] = mapped_column(String(16))
    name_kk: Mapped[str] = mapped_column(Text)
    name_ru: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    definition_kk: Mapped[str] = mapped_column(Text)
    definition_ru: Mapped[str] = mapped_column(Text)
    definition_en: Mapped[str] = mapped_column(Text)


class DataRevision(Base):
    """Each change of the data (a seed load that changed rows, later an upload) is a revision.

    The latest revision id is the data version that caches are keyed by.
    """

    __tablename__ = "data_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    origin: Mapped[str] = mapped_column(String(16))
    author: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)


class Observation(Base):
    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    area_code: Mapped[str] = mapped_column(String(8), index=True)  # ISO region code or "KZ"
    indicator: Mapped[str] = mapped_column(ForeignKey("indicators.code"), index=True)
    as_of: Mapped[str | None] = mapped_column(String(10))  # ISO 8601, possibly partial
    as_of_year: Mapped[int | None] = mapped_column(Integer, index=True)
    # exact / month / year / inferred / undated (geo.vocabulary); None on rows from before 0004
    as_of_quality: Mapped[str | None] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    source_date: Mapped[str | None] = mapped_column(String(10))
    derivation: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    comparable: Mapped[bool] = mapped_column(Boolean)
    origin: Mapped[str] = mapped_column(String(16))  # "seed" or "upload"
    revision_id: Mapped[int] = mapped_column(ForeignKey("data_revisions.id"))


class Centre(Base):
    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(Text)
    operator: Mapped[str | None] = mapped_column(Text)
    iso_code: Mapped[str] = mapped_column(ForeignKey("regions.iso_code"), index=True)
    settlement: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int | None] = mapped_column(Integer)
    capacity_text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(24))
    status_text: Mapped[str] = mapped_column(Text)
    opening: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    source_date: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    # "settlement": placed at its settlement by the gazetteer (approximate); "none": not placed.
    location_precision: Mapped[str] = mapped_column(String(16))
    location_source: Mapped[str | None] = mapped_column(Text)
    geom: Mapped[object | None] = mapped_column(Geometry("POINT", srid=SRID), nullable=True)
    origin: Mapped[str] = mapped_column(String(16))
    revision_id: Mapped[int] = mapped_column(ForeignKey("data_revisions.id"))
    # A correction or closure is a new row; the old one points to it and stays as history.
    superseded_by: Mapped[int | None] = mapped_column(Integer)
    change_reason: Mapped[str | None] = mapped_column(Text)


class ApiToken(Base):
    """A write token; only its SHA-256 is stored, the token itself is shown once at creation."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(16))
    client: Mapped[str | None] = mapped_column(String(64))
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("data_revisions.id"))
    detail: Mapped[str] = mapped_column(Text)


class AuthFailure(Base):
    """One failed authentication, kept for the limiter's window and shared by every process."""

    __tablename__ = "auth_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # "address:<ip>" or "token:<first hex digits of the presented token's SHA-256>".
    key: Mapped[str] = mapped_column(String(80))
    at: Mapped[float] = mapped_column(Float)  # seconds since the epoch
