"""Write access: API tokens with a role, stored as hashes, checked in constant time.

Reading stays public. A write needs `Authorization: Bearer <token>`; no or an unknown token is a
401, a token of too low a role a 403. Repeated failures from one client are rate limited (429).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import HTTPException, Request
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from api.db.engine import for_writes
from api.db.models import ApiToken

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


class FailureLimiter:
    """Counts failed authentications per client in a sliding window."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            window = self._failures[client]
            while window and now - window[0] > FAILURE_WINDOW_S:
                window.popleft()
            return len(window) >= FAILURES_ALLOWED

    def fail(self, client: str) -> None:
        with self._lock:
            self._failures[client].append(time.monotonic())


def authenticate(engine: Engine, header: str | None) -> Actor | None:
    if not header or not header.lower().startswith("bearer "):
        return None
    presented = token_hash(header[7:].strip())
    with Session(engine) as session:
        rows = session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_(None))).all()
    found = None
    for row in rows:  # compare against every token so timing says nothing about which matched
        if hmac.compare_digest(row.token_hash, presented):
            found = Actor(row.name, row.role)
    return found


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def requires(role: str) -> Callable[[Request], Actor]:
    """A dependency that admits tokens of `role` or higher."""

    def dependency(request: Request) -> Actor:
        limiter: FailureLimiter = request.app.state.auth_failures
        client = client_of(request)
        if limiter.blocked(client):
            raise HTTPException(429, "too many failed authentications; try again in a minute")
        actor = authenticate(request.app.state.engine, request.headers.get("authorization"))
        if actor is None:
            limiter.fail(client)
            raise HTTPException(
                401,
                "a valid API token is required (Authorization: Bearer ...)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if RANK[actor.role] < RANK[role]:
            raise HTTPException(403, f"token {actor.name!r} has role {actor.role}; {role} needed")
        return actor

    return dependency
