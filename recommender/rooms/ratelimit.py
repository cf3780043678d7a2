"""Limits on guessing join codes.

Two layers, checked *before* a code is looked up:

1. **Per client, in process** (:class:`ClientLimiter`): at most ``per_client_failures`` failed
   attempts per ``window_s`` sliding window for one client key (whatever the caller can tell
   apart: a browser session, a forwarded address). Kept in memory only, as a keyed BLAKE2 hash
   with a random per-process key, and forgotten when the window passes: nothing that could
   identify a device is ever written to the database. Per instance: with several app instances
   a client that hops between them gets the allowance of each, which is why there is layer 2.
2. **Deployment-wide, in the database** (``room_join_failures``, used by
   :class:`~recommender.rooms.store.RoomStore`): at most ``global_failures`` failed attempts per
   window across all clients and all app instances; the rows hold only a timestamp.

With 31**6 possible codes and, say, 100 open rooms, the global budget bounds an attacker who
rotates client keys to about ``global_failures * 100 / 31**6`` expected hits per window
(3e-5 with the defaults). The price: while someone burns the whole budget, joins fail for
everyone for at most one window; :class:`~recommender.rooms.errors.RateLimited` says how long.
Successful joins never count.

Creating rooms is limited the same two ways, counting creations instead of failures:
``per_client_rooms`` per window for one client (in memory) and ``global_rooms`` per window for
the deployment (counted from ``rooms.created_at``, so nothing new is stored). The command line
passes no client key and meets only the deployment-wide limit.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimits:
    """The knobs of both layers (defaults suit workshops of 10-60 people)."""

    window_s: int = 600
    per_client_failures: int = 10
    global_failures: int = 300
    max_tracked_clients: int = 50_000  # memory bound; the oldest entries are dropped first
    # room creation (counted on success): per client per window, and deployment-wide per window
    per_client_rooms: int = 10
    global_rooms: int = 200

    def __post_init__(self) -> None:
        if (
            min(
                self.window_s,
                self.per_client_failures,
                self.global_failures,
                self.per_client_rooms,
                self.global_rooms,
            )
            < 1
        ):
            raise ValueError("rate limits must be positive")


class ClientLimiter:
    """Sliding-window counter of failed attempts per client key, in memory, thread-safe."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = limits
        self._clock = clock
        self._salt = secrets.token_bytes(16)
        self._failures: dict[bytes, deque[float]] = {}
        self._lock = threading.Lock()

    def _key(self, client_key: str) -> bytes:
        return hashlib.blake2b(client_key.encode("utf-8"), key=self._salt, digest_size=16).digest()

    def _prune(self, key: bytes, now: float) -> deque[float] | None:
        times = self._failures.get(key)
        if times is None:
            return None
        horizon = now - self._limits.window_s
        while times and times[0] <= horizon:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        return times

    def retry_after(self, client_key: str) -> int:
        """0 if the client may try now, else the seconds until its oldest failure expires."""
        now = self._clock()
        with self._lock:
            times = self._prune(self._key(client_key), now)
            if times is None or len(times) < self._limits.per_client_failures:
                return 0
            return max(1, int(times[0] + self._limits.window_s - now + 0.999))

    def record_failure(self, client_key: str) -> None:
        now = self._clock()
        key = self._key(client_key)
        with self._lock:
            times = self._prune(key, now)
            if times is None:
                if len(self._failures) >= self._limits.max_tracked_clients:
                    self._evict(now)
                times = self._failures.setdefault(key, deque())
            times.append(now)

    def _evict(self, now: float) -> None:
        for key in list(self._failures):
            self._prune(key, now)
        while len(self._failures) >= self._limits.max_tracked_clients:
            # dicts keep insertion order: drop the client tracked for the longest time
            del self._failures[next(iter(self._failures))]

    def tracked_clients(self) -> int:
        with self._lock:
            return len(self._failures)
