"""Write access: API tokens with a role, stored as hashes, checked in constant time.

Reading stays public. A write needs `Authorization: Bearer <token>`; no or an unknown token is a
401, a token of too low a role a 403. Repeated failures from one address, or with one token, are
rate limited (429) across every process that shares the database.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from fastapi import HTTPException, Request
from sqlalchemy import Engine, String, delete, func, select
from sqlalchemy.orm import Session

from api.db.engine import for_writes
from api.db.models import ApiToken, AuthFailure

ROLES = ("editor", "admin")
RANK = {"editor": 1, "admin": 2}
FAILURES_ALLOWED, FAILURE_WINDOW_S = 10, 60.0


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(engine: Engine, name: str, role: str) -> str:
    """Store a new token's hash and return the token (shown once, never stored)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: use {', '.join(ROLES)}")
    token = "amkz_" + secrets.token_urlsafe(32)
    with Session(for_writes(engine)) as session, session.begin():
        if session.scalar(select(ApiToken).where(ApiToken.name == name)) is not None:
            raise ValueError(f"a token named {name!r} exists already")
        session.add(
            ApiToken(
                name=name, role=role, token_hash=token_hash(token), created_at=datetime.now(UTC)
            )
        )
    return token


def revoke_token(engine: Engine, name: str) -> bool:
    with Session(for_writes(engine)) as session, session.begin():
        row = session.scalar(select(ApiToken).where(ApiToken.name == name))
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = datetime.now(UTC)
        return True


def list_tokens(engine: Engine) -> list[tuple[str, str, datetime, datetime | None]]:
    with Session(engine) as session:
        rows = session.scalars(select(ApiToken).order_by(ApiToken.id)).all()
        return [(r.name, r.role, r.created_at, r.revoked_at) for r in rows]


# As long as the database column allows (an IPv6 address with a zone id fits).
KEY_LENGTH = int(cast(String, AuthFailure.__table__.c.key.type).length or 0)


class FailureLimiter:
    """Failed authentications per client address and per presented token, in a sliding window.

    Kept in the database, so several workers or hosts behind one database count the same
    failures. A valid token is never refused because its address failed before (behind a proxy
    that hides addresses, every editor shares one); only further failures are.
    """

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine, self.clock = engine, clock

    def blocked(self, keys: list[str]) -> bool:
        since = self.clock() - FAILURE_WINDOW_S
        with self.engine.connect() as connection:
            counts = connection.execute(
                select(AuthFailure.key, func.count())
                .where(AuthFailure.key.in_(keys), AuthFailure.at > since)
                .group_by(AuthFailure.key)
            ).all()
        return any(count >= FAILURES_ALLOWED for _key, count in counts)

    def fail(self, keys: list[str]) -> None:
        now = self.clock()
        with Session(for_writes(self.engine)) as session, session.begin():
            # Entries expire: whatever left the window is deleted as new failures arrive.
            session.execute(delete(AuthFailure).where(AuthFailure.at <= now - FAILURE_WINDOW_S))
            session.add_all(AuthFailure(key=key, at=now) for key in keys)


def presented_token(header: str | None) -> str | None:
    if not header or not header.lower().startswith("bearer "):
        return None
    return header[7:].strip() or None


def authenticate(engine: Engine, token: str | None) -> Actor | None:
    if token is None:
        return None
    presented = token_hash(token)
    with Session(engine) as session:
        rows = session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_(None))).all()
    found = None
    for row in rows:  # compare against every token so timing says nothing about which matched
        if hmac.compare_digest(row.token_hash, presented):
            found = Actor(row.name, row.role)
    return found


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def failure_keys(client: str, token: str | None) -> list[str]:
    keys = [f"address:{client}"[:KEY_LENGTH]]
    if token is not None:  # one wrong token tried from many addresses is counted too
        keys.append(f"token:{token_hash(token)[:16]}")
    return keys


def requires(role: str) -> Callable[[Request], Actor]:
    """A dependency that admits tokens of `role` or higher."""

    def dependency(request: Request) -> Actor:
        limiter: FailureLimiter = request.app.state.auth_failures
        token = presented_token(request.headers.get("authorization"))
        actor = authenticate(request.app.state.engine, token)
        if actor is None:
            keys = failure_keys(client_of(request), token)
            if limiter.blocked(keys):
                raise HTTPException(
                    429,
                    "too many failed authentications; try again in a minute",
                    headers={"Retry-After": str(int(FAILURE_WINDOW_S))},
                )
            limiter.fail(keys)
            raise HTTPException(
                401,
                "a valid API token is required (Authorization: Bearer ...)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if RANK[actor.role] < RANK[role]:
            raise HTTPException(403, f"token {actor.name!r} has role {actor.role}; {role} needed")
        return actor

    return dependency
