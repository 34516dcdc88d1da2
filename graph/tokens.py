"""API tokens: `pm_<id>_<secret>`; the graph keeps the id, the role and a hash of the secret.

The id finds the token with an index; the secret's hash is then compared in constant time,
so neither a timing difference nor the database ever reveals a usable token.

The API keeps each token it verified for a few seconds (`TokenCache`,
`POWERMAP_TOKEN_CACHE_SECONDS`): a revoked token stops working within that time. A token that
failed is never kept, so it is never taken for a valid one.
"""

import hashlib
import hmac
import secrets
import time
from enum import StrEnum
from threading import Lock

from neo4j import Driver
from pydantic import BaseModel

from graph.connection import read, write

PREFIX = "pm"


class Role(StrEnum):
    """Each role includes the ones before it."""

    viewer = "viewer"
    analyst = "analyst"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: "Role") -> bool:
        return self.rank >= other.rank


class TokenInfo(BaseModel):
    id: str
    role: Role
    name: str
    created_at: str | None = None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(driver: Driver, database: str, role: Role, name: str) -> str:
    """Store a new token and return it whole; this is the only time it is seen."""
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    write(
        driver,
        database,
        "auth/create_token",
        id=token_id,
        hash=_hash(secret),
        role=role.value,
        name=name,
    )
    return f"{PREFIX}_{token_id}_{secret}"


def verify_token(driver: Driver, database: str, token: str) -> TokenInfo | None:
    """The token's id, role and name when it is valid; None otherwise."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    rows = read(driver, database, "auth/find_token", id=parts[1])
    if not rows or not hmac.compare_digest(rows[0]["hash"], _hash(parts[2])):
        return None
    return TokenInfo(id=rows[0]["id"], role=Role(rows[0]["role"]), name=rows[0]["name"])


class TokenCache:
    """Tokens verified within the last `seconds`, by the hash of the whole token (never the token
    itself). Only valid tokens are kept: an unknown or malformed one asks the database every time."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._verified: dict[str, tuple[float, TokenInfo]] = {}
        self._lock = Lock()  # misses are verified on the thread pool

    def get(self, token: str) -> TokenInfo | None:
        """The token's info when it was verified less than `seconds` ago; no database."""
        found = self._verified.get(_hash(token))
        if found is None or time.monotonic() >= found[0]:
            return None
        return found[1]

    def verify(self, driver: Driver, database: str, token: str) -> TokenInfo | None:
        """`get`, else `verify_token` (one read transaction), keeping the answer when valid."""
        info = self.get(token)
        if info is not None:
            return info
        info = verify_token(driver, database, token)
        if info is not None and self.seconds > 0:
            with self._lock:
                now = time.monotonic()
                # Expired entries go when the cache is written, so it never outgrows the live tokens.
                self._verified = {k: v for k, v in self._verified.items() if v[0] > now}
                self._verified[_hash(token)] = (now + self.seconds, info)
        return info


def list_tokens(driver: Driver, database: str) -> list[TokenInfo]:
    return [TokenInfo(**row) for row in read(driver, database, "auth/list_tokens")]


def revoke_token(driver: Driver, database: str, token_id: str) -> bool:
    return bool(write(driver, database, "auth/revoke_token", id=token_id)[0]["revoked"])
