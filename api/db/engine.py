"""Create a SQLAlchemy engine for PostGIS or SpatiaLite, with SpatiaLite loaded on connect."""

from __future__ import annotations

import sqlite3
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

WRITE_OPTION = "accessmap_write"


class DatabaseUnavailableError(RuntimeError):
    """The configured database cannot be used (driver, extension or server missing)."""


def _sqlite_module() -> ModuleType:
    """The standard sqlite3 when it can load extensions, else pysqlite3 (pyenv builds lack it)."""
    probe = sqlite3.connect(":memory:")
    try:
        if hasattr(probe, "enable_load_extension"):
            return sqlite3
    finally:
        probe.close()
    try:
        from pysqlite3 import dbapi2
    except ImportError as error:
        raise DatabaseUnavailableError(
            "this Python's sqlite3 cannot load extensions and pysqlite3-binary is not installed"
        ) from error
    return dbapi2  # type: ignore[no-any-return]


def _spatialite_engine(url: str, library: str) -> Engine:
    engine = create_engine(url, module=_sqlite_module())

    @event.listens_for(engine, "connect")
    def _load_spatialite(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's implicit transactions would break SQLAlchemy's; let it manage BEGIN.
        dbapi_connection.isolation_level = None
        dbapi_connection.enable_load_extension(True)
        try:
            dbapi_connection.load_extension(library)
        except Exception as error:
            raise DatabaseUnavailableError(
                f"cannot load SpatiaLite ({library!r}): {error}; "
                "install Debian's libsqlite3-mod-spatialite"
            ) from error
        finally:
            dbapi_connection.enable_load_extension(False)
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute("PRAGMA busy_timeout = 10000")
        if dbapi_connection.execute("SELECT CheckSpatialMetaData()").fetchone()[0] < 1:
            # WGS84 only: the full EPSG table is slow to create and not needed here.
            dbapi_connection.execute("SELECT InitSpatialMetaData(1, 'WGS84')")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes cannot wait for the write lock: SQLite
        # answers "database is locked" at once. Writers take the lock at BEGIN instead (see
        # `for_writes`) and so queue behind each other for up to the busy timeout.
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def for_writes(engine: Engine) -> Engine:
    """The same engine (and pool) for a transaction that will write: on SpatiaLite it begins
    IMMEDIATE, so concurrent writers wait for each other instead of failing; PostGIS ignores it."""
    return engine.execution_options(**{WRITE_OPTION: True})


def make_engine(url: str, *, spatialite_library: str = "mod_spatialite") -> Engine:
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return _spatialite_engine(url, spatialite_library)
    if backend == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    raise DatabaseUnavailableError(f"unsupported database {backend!r}: use PostGIS or SpatiaLite")


def backend_name(engine: Engine) -> str:
    return "postgis" if engine.dialect.name == "postgresql" else "spatialite"
