"""Short links to a result: ``/wynik?r=<code>`` instead of a ~400-character query string.

A short link stores only the result's *query string* — the answers in the same canonical form
the long link carries (``founders=5&goals=community&prio.cost=3``), never a name, an address or
free text — in the rooms database (table ``short_links``, migration ``0003_short_links``).

Expiry rule (documented in ``docs/privacy.md``): a link lives :data:`LIFETIME_DAYS` days after
it was last created or opened; every open extends it. Expired links are deleted the next time
any link is created (at most once an hour per process) and by ``rooms purge``. The same answers
always get the same code while the link lives, so sharing twice does not fill the table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from .errors import RoomsError
from .schema import short_links

if TYPE_CHECKING:
    from .store import RoomStore

LIFETIME_DAYS = 180
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: easy to read aloud
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes
QUERY_MAX = 2000  # a profile's canonical query string is far shorter
_CODE_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_QUERY_RE = re.compile(r"^[A-Za-z0-9_.,:%+=&\-]*$")  # what urlencode of a profile produces
PURGE_INTERVAL_S = 3600.0


class ShortLinkError(RoomsError):
    """A query string that cannot be stored (too long or with unexpected characters)."""


def check_code(value: object) -> str | None:
    """The code if it has the right shape (case-insensitive), else ``None``."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()
    return code if _CODE_RE.match(code) else None


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _digest(query: str) -> str:
    return hashlib.sha256(query.encode("ascii")).hexdigest()


class ShortLinks:
    """Create and resolve short links in the database of a :class:`RoomStore`."""

    def __init__(
        self,
        store: RoomStore,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        lifetime_days: int = LIFETIME_DAYS,
    ) -> None:
        self.store = store
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.lifetime = dt.timedelta(days=lifetime_days)
        self._last_purge: float | None = None
        self._lock = threading.Lock()

    def _now(self) -> dt.datetime:
        return self._clock().astimezone(dt.UTC)

    def create(self, query: str) -> str:
        """The code of a link to ``query`` (the same code again while an earlier link lives)."""
        from .store import _storage_errors

        query = query.removeprefix("?")
        if len(query) > QUERY_MAX or not _QUERY_RE.match(query):
            raise ShortLinkError()
        self.store.ensure_schema()
        self._maybe_purge()
        now = self._now()
        digest = _digest(query)
        with _storage_errors(), self.store.engine.begin() as conn:
            row = conn.execute(
                sa.select(short_links.c.code).where(
                    short_links.c.query_hash == digest, short_links.c.expires_at > now
                )
            ).first()
            if row is not None:
                conn.execute(
                    short_links.update()
                    .where(short_links.c.code == row.code)
                    .values(expires_at=now + self.lifetime)
                )
                return str(row.code)
            conn.execute(short_links.delete().where(short_links.c.query_hash == digest))
            for _ in range(8):
                code = new_code()
                taken = conn.execute(
                    sa.select(short_links.c.code).where(short_links.c.code == code)
                ).first()
                if taken is None:
                    break
            else:  # pragma: no cover - 8 collisions in 8.5e11 codes
                raise ShortLinkError()
            conn.execute(
                short_links.insert().values(
                    code=code,
                    query=query,
                    query_hash=digest,
                    created_at=now,
                    expires_at=now + self.lifetime,
                )
            )
        return code

    def resolve(self, code: object) -> str | None:
        """The query string of a living link (its life extended), or ``None``."""
        from .store import _storage_errors

        checked = check_code(code)
        if checked is None:
            return None
        self.store.ensure_schema()
        now = self._now()
        with _storage_errors(), self.store.engine.begin() as conn:
            row = conn.execute(
                sa.select(short_links.c.query, short_links.c.expires_at).where(
                    short_links.c.code == checked
                )
            ).first()
            if row is None or row.expires_at <= now:
                return None
            conn.execute(
                short_links.update()
                .where(short_links.c.code == checked)
                .values(expires_at=now + self.lifetime)
            )
            return str(row.query)

    def purge_expired(self) -> int:
        """Delete expired links; returns how many."""
        from .store import _storage_errors

        self.store.ensure_schema()
        with _storage_errors(), self.store.engine.begin() as conn:
            result = conn.execute(
                short_links.delete().where(short_links.c.expires_at <= self._now())
            )
            return int(result.rowcount or 0)

    def _maybe_purge(self) -> None:
        now = time.monotonic()
        with self._lock:
            if self._last_purge is not None and now - self._last_purge < PURGE_INTERVAL_S:
                return
            self._last_purge = now
        self.purge_expired()
