"""Workshop rooms: create, join, submit, aggregate, export, close, purge.

A trainer creates a room and gets a *join code* (short, for participants' phones) and a
*trainer token* (a long secret for the trainer's dashboard link). Participants join with the
code and get their own random token; they answer anonymously and can read back only their own
answers. Only SHA-256 hashes of tokens are stored.

Storage is SQLite (``jakaforma.sqlite3`` in the folder ``JAKAFORMA_DATA_DIR`` names, by default
``data/`` under the repository; WAL mode, zero configuration) unless ``DATABASE_URL`` names a
PostgreSQL database (``postgresql+psycopg://user:pass@host/db``; ``postgres://`` and
``postgresql://`` are read as psycopg 3). The schema is brought up to date by Alembic the first
time a store is used.

Every failure of the database itself (down, unreachable, unwritable, timed out) surfaces as one
exception, :class:`~recommender.rooms.errors.StorageUnavailable`, whose message holds no driver
detail; the original error goes to the ``recommender.rooms`` logger.

Submissions are idempotent per participant and ``submission_key``: sending the same key again
stores nothing new and returns the first id. A new key is a new answer; earlier answers are kept
(so a late retry of an old key can never overwrite a newer answer) but aggregates count each
participant once, by their latest submission (see :meth:`RoomStore.room_stats`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic.util import CommandError
from sqlalchemy import (
    ColumnElement,
    Engine,
    RowMapping,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..profile import FIELDS, FORM_IDS, PRIORITY_MAX, ProfileError, parse_profile
from .errors import (
    AccessDenied,
    InvalidControl,
    InvalidSubmission,
    RateLimited,
    RoomClosed,
    RoomFull,
    RoomsError,
    StaleState,
    StorageUnavailable,
    UnknownJoinCode,
)
from .ids import (
    check_client_key,
    check_join_code,
    check_room_id,
    check_submission_key,
    check_tables,
    check_title,
    check_token,
    hash_token,
    new_join_code,
    new_room_id,
    new_token,
    token_matches,
)
from .migrate import WRITE, upgrade
from .ratelimit import ClientLimiter, RateLimits
from .records import (
    FieldCounts,
    Joined,
    RankEntry,
    Room,
    RoomStats,
    RuledOut,
    SubmissionRecord,
    SubmissionSummary,
    parse_priorities,
)
from .schema import join_failures, participants, rooms, submissions

try:  # psycopg is a dependency, but keep SQLite-only installs working
    import psycopg

    _DRIVER_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, psycopg.Error)
except ImportError:  # pragma: no cover
    _DRIVER_ERRORS = (sqlite3.Error,)

_STORAGE_ERRORS: tuple[type[BaseException], ...] = (
    SQLAlchemyError,
    OSError,
    CommandError,
    *_DRIVER_ERRORS,
)

log = logging.getLogger("recommender.rooms")
# A library logs, the application decides where to: without this handler Python would print
# the driver traceback on stderr (its "last resort"), which the command line must not do.
log.addHandler(logging.NullHandler())

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR_ENV = "JAKAFORMA_DATA_DIR"  # folder of the SQLite file (default: data/ in the repository)
SQLITE_FILE_NAME = "jakaforma.sqlite3"
DEFAULT_SQLITE_PATH = REPO_ROOT / "data" / SQLITE_FILE_NAME

DEFAULT_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 365
MAX_PARTICIPANTS = 300  # workshops have 10-60 people; the cap bounds flooding a room
MAX_SUBMISSIONS_PER_PARTICIPANT = 500
SQLITE_BUSY_TIMEOUT_S = 30
MIGRATE_ATTEMPTS = 3  # SQLite only: a lock met while several processes migrate one new file
MIGRATE_RETRY_S = 0.2
PG_CONNECT_TIMEOUT_S = 5
MAX_ROUNDS = 20
MAX_GROUPS = 50
MAX_TIMER_S = 3 * 3600
LANGS = ("pl", "en")
_CODE_ATTEMPTS = 20
_DELETE_CHUNK = 500


# ---------------------------------------------------------------------------------------------
# engine


def sqlite_path(environ: Mapping[str, str] | None = None) -> Path:
    """The SQLite file: ``$JAKAFORMA_DATA_DIR/jakaforma.sqlite3`` if that variable is set and not
    empty, else ``data/jakaforma.sqlite3`` under the repository."""
    env = os.environ if environ is None else environ
    folder = env.get(DATA_DIR_ENV, "").strip()
    if folder:
        return Path(folder).expanduser().resolve() / SQLITE_FILE_NAME
    return DEFAULT_SQLITE_PATH


def default_url(environ: Mapping[str, str] | None = None) -> str:
    return f"sqlite:///{sqlite_path(environ)}"


def normalise_url(url: str) -> str:
    """Read bare ``postgres://`` / ``postgresql://`` URLs (as hosting providers give them) with
    the installed psycopg 3 driver instead of SQLAlchemy's default psycopg2."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def url_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``DATABASE_URL`` if set and not empty, else the SQLite file (see :func:`sqlite_path`)."""
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "").strip()
    return normalise_url(url) if url else default_url(env)


def make_engine(url: str | URL) -> Engine:
    """An engine configured for this layer (SQLite: WAL, busy timeout, foreign keys)."""
    try:
        parsed = make_url(normalise_url(url) if isinstance(url, str) else url)
    except (ArgumentError, ValueError):
        raise StorageUnavailable("DATABASE_URL is not a valid database URL") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        return _postgres_engine(parsed)
    raise StorageUnavailable(f"unsupported database {backend!r}: use SQLite or PostgreSQL")


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if not memory:
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            # Not fatal here: connecting will fail and raise StorageUnavailable at first use.
            log.warning("cannot create the folder of the SQLite database", exc_info=True)
    connect_args = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    if memory:
        engine = create_engine(
            url, connect_args=connect_args, poolclass=StaticPool, hide_parameters=True
        )
    else:
        engine = create_engine(
            url,
            connect_args=connect_args,
            pool_size=10,
            max_overflow=40,
            pool_timeout=60,
            hide_parameters=True,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We emit BEGIN ourselves (below), so the driver must not open transactions on its own.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=FULL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Write transactions take the write lock up front: a deferred transaction that later
        # upgrades to a write lock can fail with SQLITE_BUSY at once, without waiting.
        mode = "IMMEDIATE" if conn.get_execution_options().get("rooms_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _postgres_engine(url: URL) -> Engine:
    if url.get_driver_name() not in ("psycopg", "psycopg_async"):
        url = url.set(drivername="postgresql+psycopg")
    connect_args: dict[str, Any] = {"application_name": "jakaforma-rooms"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    return create_engine(
        url,
        connect_args=connect_args,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        pool_timeout=30,
        hide_parameters=True,
    )


@contextmanager
def _storage_errors() -> Iterator[None]:
    """Turn every database-level failure into :class:`StorageUnavailable` (logged, not chained)."""
    try:
        yield
    except RoomsError:
        raise
    except _STORAGE_ERRORS as exc:
        log.warning("rooms storage error (%s)", type(exc).__name__, exc_info=True)
        raise StorageUnavailable() from None


class _DuplicateKey(RoomsError):
    """Internal: an insert hit a unique constraint (a race with a concurrent identical insert)."""


# ---------------------------------------------------------------------------------------------
# the store


class RoomStore:
    """The rooms API. Thread-safe; create one per process (e.g. with ``st.cache_resource``).

    Construction does not touch the database: the first call runs the migrations, and a
    database that is down raises :class:`StorageUnavailable` from that call (the next call
    tries again), so the app can start and show a notice.
    """

    def __init__(
        self,
        url: str | URL | None = None,
        *,
        limits: RateLimits | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        monotonic: Callable[[], float] | None = None,
        migrate: bool = True,
        auto_purge_interval_s: float | None = 3600.0,
    ) -> None:
        self._engine = make_engine(url if url is not None else default_url())
        self.limits = limits or RateLimits()
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._monotonic = monotonic or time.monotonic
        self._clients = ClientLimiter(self.limits, self._monotonic)
        self._creators = ClientLimiter(
            dataclasses.replace(self.limits, per_client_failures=self.limits.per_client_rooms),
            self._monotonic,
        )
        # Retention must not depend on a cron job being set up: creating a room also deletes
        # expired rooms, at most once per interval per process (None: only the CLI purges).
        self._auto_purge_interval_s = auto_purge_interval_s
        self._last_auto_purge: float | None = None
        self._purge_lock = threading.Lock()
        self._migrate = migrate
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        self._new_join_code: Callable[[], str] = new_join_code

    @classmethod
    def from_env(cls, **kwargs: Any) -> RoomStore:
        """A store on ``DATABASE_URL`` (PostgreSQL) or, when unset, the SQLite file in
        ``JAKAFORMA_DATA_DIR`` (default: ``data/`` under the repository)."""
        return cls(url_from_env(), **kwargs)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def backend(self) -> str:
        return self._engine.dialect.name

    def dispose(self) -> None:
        """Close pooled connections (tests, shutdown)."""
        self._engine.dispose()

    # -- plumbing -------------------------------------------------------------------------------

    def _now(self) -> dt.datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return aware datetimes")
        return now.astimezone(dt.UTC)

    def ensure_schema(self) -> None:
        """Run the migrations once per process (also called lazily by every operation)."""
        if self._schema_ready or not self._migrate:
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            for attempt in range(MIGRATE_ATTEMPTS):
                try:
                    with _storage_errors():
                        upgrade(self._engine)
                    break
                except StorageUnavailable:
                    # Several processes starting on one new SQLite file at once: switching it
                    # to WAL can meet another process's lock without waiting for it. The
                    # migration is idempotent, so try again shortly; a database that is
                    # really down fails every attempt and is reported as before.
                    if attempt + 1 == MIGRATE_ATTEMPTS or self._engine.dialect.name != "sqlite":
                        raise
                    time.sleep(MIGRATE_RETRY_S * (attempt + 1))
            self._schema_ready = True

    @contextmanager
    def _tx(self, *, write: bool) -> Iterator[Connection]:
        self.ensure_schema()
        with _storage_errors(), self._engine.connect() as conn:
            if write:
                conn.execution_options(**WRITE)
            with conn.begin():
                yield conn

    def ping(self) -> None:
        """Raise :class:`StorageUnavailable` unless the database answers (and has the schema)."""
        with self._tx(write=False) as conn:
            conn.execute(select(func.count()).select_from(rooms).limit(1))

    @staticmethod
    def _room(row: RowMapping) -> Room:
        return Room(
            id=row["id"],
            join_code=row["join_code"],
            title=row["title"],
            created_at=row["created_at"],
            closed_at=row["closed_at"],
            retention_days=row["retention_days"],
            lang=row["lang"] if row["lang"] in LANGS else "pl",
            version=int(row["state_version"]),
            revealed=bool(row["revealed"]),
            timer_ends_at=row["timer_ends_at"],
            current_round=int(row["current_round"]),
            group_no=int(row["group_no"]),
            tables=tuple(str(t) for t in (row["tables"] or ())),
        )

    @staticmethod
    def _expired(row: RowMapping, now: dt.datetime) -> bool:
        created: dt.datetime = row["created_at"]
        return now >= created + dt.timedelta(days=int(row["retention_days"]))

    @staticmethod
    def _room_id_of(room: Room | str) -> str:
        return check_room_id(room.id if isinstance(room, Room) else room)

    @staticmethod
    def _trainer_room_id(room: Room) -> str:
        # Trainer operations take the Room that room_for_trainer() returned, never a bare id
        # from a URL, so they cannot be reached without the trainer token.
        if not isinstance(room, Room):
            raise TypeError("pass the Room returned by create_room() or room_for_trainer()")
        return check_room_id(room.id)

    # -- trainer ---------------------------------------------------------------------------------

    def create_room(
        self,
        *,
        retention_days: int = DEFAULT_RETENTION_DAYS,
        title: str | None = None,
        lang: str = "pl",
        client_key: str | None = None,
    ) -> tuple[Room, str, str]:
        """Create a room. Returns ``(room, join_code, trainer_token)``.

        The trainer token is shown once (put it in the trainer's link); only its hash is kept.
        ``retention_days`` (1..365): the room and all answers are deleted that many days after
        creation (by :meth:`purge_expired`; expired rooms are refused before that).
        """
        if (
            isinstance(retention_days, bool)
            or not isinstance(retention_days, int)
            or not 1 <= retention_days <= MAX_RETENTION_DAYS
        ):
            raise ValueError(f"retention_days must be a whole number 1..{MAX_RETENTION_DAYS}")
        title = check_title(title)
        if lang not in LANGS:
            raise ValueError("lang must be 'pl' or 'en'")
        if client_key is not None:
            client_key = check_client_key(client_key)
            wait = self._creators.retry_after(client_key)
            if wait:
                raise RateLimited(wait)
        self._maybe_purge_expired()
        token = new_token()
        now = self._now()
        window = dt.timedelta(seconds=self.limits.window_s)
        with self._tx(write=False) as conn:
            recent = (
                conn.execute(
                    select(rooms.c.created_at)
                    .where(rooms.c.created_at > now - window)
                    .order_by(rooms.c.created_at.desc())
                    .limit(self.limits.global_rooms)
                )
                .scalars()
                .all()
            )
        if len(recent) >= self.limits.global_rooms:
            raise RateLimited(int((recent[-1] + window - now).total_seconds()) + 1)
        for _ in range(_CODE_ATTEMPTS):
            room_id, code = new_room_id(), self._new_join_code()
            values = {
                "id": room_id,
                "join_code": code,
                "trainer_token_hash": hash_token(token),
                "title": title,
                "created_at": now,
                "closed_at": None,
                "retention_days": retention_days,
                "lang": lang,
            }
            try:
                with self._tx(write=True) as conn:
                    try:
                        conn.execute(insert(rooms).values(**values))
                    except IntegrityError:
                        raise _DuplicateKey() from None
            except _DuplicateKey:
                continue  # the code (or, astronomically unlikely, the id) is taken: draw again
            room = Room(
                id=room_id,
                join_code=code,
                title=title,
                created_at=now,
                closed_at=None,
                retention_days=retention_days,
                lang=lang,
            )
            if client_key is not None:
                self._creators.record_failure(client_key)  # counts creations, not failures
            return room, code, token
        raise StorageUnavailable("could not find a free join code")

    def _maybe_purge_expired(self) -> None:
        if self._auto_purge_interval_s is None:
            return
        now = self._monotonic()
        with self._purge_lock:
            last = self._last_auto_purge
            if last is not None and now - last < self._auto_purge_interval_s:
                return
            self._last_auto_purge = now
        purged = self.purge_expired()
        if purged:
            log.info("purged %d expired room(s)", purged)

    def room_for_trainer(self, room_id: str, token: str) -> Room:
        """The room, if ``token`` is its trainer token; else :class:`AccessDenied`.

        Unknown, expired and wrong-token rooms are indistinguishable to the caller.
        """
        room_id = check_room_id(room_id)
        token = check_token(token, "trainer token")
        with self._tx(write=False) as conn:
            row = conn.execute(select(rooms).where(rooms.c.id == room_id)).mappings().first()
        stored = row["trainer_token_hash"] if row is not None else "0" * 64
        ok = token_matches(token, stored)  # compared even for unknown rooms: same timing
        if row is None or not ok or self._expired(row, self._now()):
            raise AccessDenied()
        return self._room(row)

    def close_room(self, room: Room, *, expected_version: int | None = None) -> Room:
        """Close the room: no new participants or answers; results stay readable until purged."""
        return self._control(
            room, {"closed_at": self._now(), "timer_ends_at": None}, expected_version
        )

    def _control(
        self,
        room: Room,
        values: Mapping[str, Any] | Callable[[RowMapping], Mapping[str, Any]],
        expected_version: int | None,
    ) -> Room:
        """Change the room's state in one transaction and bump its row version.

        ``expected_version`` (the :attr:`Room.version` the console showed) makes the change
        conditional: if anything changed the room since, :class:`StaleState` and nothing is
        changed. Controls that set an absolute state (reveal, hide, close) may pass ``None``;
        steps (next round, new group) always pass it, so two tabs never advance twice.
        ``values`` may be a function of the current row (read under the write lock).
        """
        room_id = self._trainer_room_id(room)
        now = self._now()
        with self._tx(write=True) as conn:
            row = (
                conn.execute(select(rooms).where(rooms.c.id == room_id).with_for_update())
                .mappings()
                .first()
            )
            if row is None or self._expired(row, now):
                raise AccessDenied()
            if expected_version is not None and int(row["state_version"]) != expected_version:
                raise StaleState()
            changes = dict(values(row) if callable(values) else values)
            if changes:
                changes["state_version"] = rooms.c.state_version + 1
                try:
                    with conn.begin_nested():
                        conn.execute(update(rooms).where(rooms.c.id == room_id).values(**changes))
                except IntegrityError:
                    # reopening: another open room took this join code meanwhile
                    if "closed_at" not in changes:
                        raise
                    changes["join_code"] = self._free_code(conn)
                    conn.execute(update(rooms).where(rooms.c.id == room_id).values(**changes))
            row = conn.execute(select(rooms).where(rooms.c.id == room_id)).mappings().first()
        assert row is not None
        return self._room(row)

    def _free_code(self, conn: Connection) -> str:
        for _ in range(_CODE_ATTEMPTS):
            code = self._new_join_code()
            taken = conn.execute(
                select(rooms.c.id).where(rooms.c.join_code == code, rooms.c.closed_at.is_(None))
            ).first()
            if taken is None:
                return code
        raise StorageUnavailable("could not find a free join code")

    def reopen_room(self, room: Room, *, expected_version: int | None = None) -> Room:
        """Take answers again (the join code stays, unless another open room has it now)."""
        return self._control(room, {"closed_at": None}, expected_version)

    def set_revealed(
        self, room: Room, revealed: bool, *, expected_version: int | None = None
    ) -> Room:
        """Show (or hide) the group result on the projector and the phones."""
        return self._control(room, {"revealed": bool(revealed)}, expected_version)

    def start_timer(self, room: Room, seconds: int, *, expected_version: int | None = None) -> Room:
        """A countdown of ``seconds`` (1 s to 3 h) from now, seen on the projector and phones."""
        if isinstance(seconds, bool) or not isinstance(seconds, int):
            raise InvalidControl("timer: expected whole seconds")
        if not 1 <= seconds <= MAX_TIMER_S:
            raise InvalidControl(f"timer: 1..{MAX_TIMER_S} seconds")
        ends = self._now() + dt.timedelta(seconds=seconds)
        return self._control(room, {"timer_ends_at": ends}, expected_version)

    def stop_timer(self, room: Room, *, expected_version: int | None = None) -> Room:
        return self._control(room, {"timer_ends_at": None}, expected_version)

    def next_round(self, room: Room, *, expected_version: int) -> Room:
        """Everyone answers again (after discussing a persona); earlier rounds are kept.

        The result is hidden and the countdown stopped for the new round.
        """

        def step(row: RowMapping) -> dict[str, Any]:
            if int(row["current_round"]) >= MAX_ROUNDS:
                raise InvalidControl(f"at most {MAX_ROUNDS} rounds")
            return {
                "current_round": int(row["current_round"]) + 1,
                "revealed": False,
                "timer_ends_at": None,
            }

        return self._control(room, step, expected_version)

    def new_group(self, room: Room, *, expected_version: int) -> Room:
        """Reuse the room for the next group: round 1 again, result hidden, room open.

        The earlier group's answers are kept (export) but no longer counted on the screens;
        its participants can no longer send answers.
        """

        def step(row: RowMapping) -> dict[str, Any]:
            if int(row["group_no"]) >= MAX_GROUPS:
                raise InvalidControl(f"at most {MAX_GROUPS} groups")
            return {
                "group_no": int(row["group_no"]) + 1,
                "current_round": 1,
                "revealed": False,
                "timer_ends_at": None,
                "closed_at": None,
            }

        return self._control(room, step, expected_version)

    def set_tables(
        self, room: Room, labels: Sequence[str], *, expected_version: int | None = None
    ) -> Room:
        """The tables participants pick from (e.g. ``["A", "B", "C"]``; none: no tables)."""
        return self._control(room, {"tables": list(check_tables(labels)) or None}, expected_version)

    def delete_room(self, room: Room) -> None:
        """Delete the room now, with every participant and answer (no undo)."""
        room_id = self._trainer_room_id(room)
        with self._tx(write=True) as conn:
            self._delete_rooms(conn, [room_id])

    def room_by_code(self, code: str) -> Room:
        """The room a projector shows: the open room with this join code, else the newest
        closed one that had it (results stay on the wall after closing).

        The join code is public (it is on the wall), so this returns only what a participant
        may see; :class:`UnknownJoinCode` if no room has it. No rate limit: it never creates
        anything, and the answer says no more than a join attempt would.
        """
        code = check_join_code(code)
        now = self._now()
        with self._tx(write=False) as conn:
            rows = (
                conn.execute(
                    select(rooms)
                    .where(rooms.c.join_code == code)
                    .order_by(rooms.c.closed_at.is_(None).desc(), rooms.c.created_at.desc())
                    .limit(5)
                )
                .mappings()
                .all()
            )
        for row in rows:
            if not self._expired(row, now):
                return self._room(row)
        raise UnknownJoinCode()

    def list_rooms(self) -> list[tuple[Room, int]]:
        """Every room not yet expired, newest first, with its number of participants."""
        now = self._now()
        with self._tx(write=False) as conn:
            counts: dict[str, int] = {
                str(room_id): int(n)
                for room_id, n in conn.execute(
                    select(participants.c.room_id, func.count()).group_by(participants.c.room_id)
                ).all()
            }
            rows = conn.execute(select(rooms).order_by(rooms.c.created_at.desc())).mappings().all()
        return [
            (self._room(r), int(counts.get(r["id"], 0))) for r in rows if not self._expired(r, now)
        ]

    def room_for_admin(self, room_id_or_code: str) -> Room:
        """A room by id or join code, for the command line (which has the database itself)."""
        text = room_id_or_code.strip()
        if len(text) == 16:
            with self._tx(write=False) as conn:
                row = (
                    conn.execute(select(rooms).where(rooms.c.id == check_room_id(text)))
                    .mappings()
                    .first()
                )
            if row is None:
                raise UnknownJoinCode()
            return self._room(row)
        return self.room_by_code(text)

    # -- participants ----------------------------------------------------------------------------

    def join(self, code: str, client_key: str) -> Joined:
        """Join the open room with this code; returns the room id and a new participant token.

        ``client_key`` identifies the client for rate limiting only; use the Streamlit session
        id, not the IP address alone (a whole workshop often shares one public address, and a
        few typos would lock everyone out). It is kept in memory, hashed, for at most one
        window and never stored. Raises
        :class:`RateLimited` (before looking at the code) when this client or the whole
        deployment has too many recent failures, :class:`UnknownJoinCode` when no open room has
        the code, :class:`RoomFull` at :data:`MAX_PARTICIPANTS`.
        """
        client_key = check_client_key(client_key)
        code = check_join_code(code)
        wait = self._clients.retry_after(client_key)
        if wait:
            raise RateLimited(wait)
        now = self._now()
        window = dt.timedelta(seconds=self.limits.window_s)
        token = new_token()
        with self._tx(write=True) as conn:
            recent = (
                conn.execute(
                    select(join_failures.c.at)
                    .where(join_failures.c.at > now - window)
                    .order_by(join_failures.c.at)
                )
                .scalars()
                .all()
            )
            if len(recent) >= self.limits.global_failures:
                oldest = recent[len(recent) - self.limits.global_failures]
                raise RateLimited(int((oldest + window - now).total_seconds()) + 1)
            row = (
                conn.execute(
                    select(rooms).where(rooms.c.join_code == code, rooms.c.closed_at.is_(None))
                )
                .mappings()
                .first()
            )
            if row is not None and not self._expired(row, now):
                count = conn.execute(
                    select(func.count())
                    .select_from(participants)
                    .where(participants.c.room_id == row["id"])
                ).scalar_one()
                if count >= MAX_PARTICIPANTS:
                    raise RoomFull(MAX_PARTICIPANTS)
                conn.execute(
                    insert(participants).values(
                        room_id=row["id"],
                        token_hash=hash_token(token),
                        joined_at=now,
                        group_no=row["group_no"],
                    )
                )
                return Joined(
                    room_id=row["id"],
                    participant_token=token,
                    title=row["title"],
                    tables=tuple(row["tables"] or ()),
                )
            # A failure: count it for this client (memory) and for the deployment (database).
            conn.execute(insert(join_failures).values(at=now))
            conn.execute(delete(join_failures).where(join_failures.c.at <= now - window))
        self._clients.record_failure(client_key)
        raise UnknownJoinCode()

    def _participant(
        self, conn: Connection, room_id: str, token: str, now: dt.datetime, lock: bool = False
    ) -> tuple[int, RowMapping]:
        """(participant id, room row) for a token of this room, else :class:`AccessDenied`.

        ``lock``: hold a share lock on the room row until the transaction ends (PostgreSQL;
        SQLite's write transactions are serialised anyway), so a concurrent close, reset or
        next round is applied entirely before or entirely after this submission.
        """
        token_hash = hash_token(token)
        query = (
            select(
                participants.c.id.label("participant_id"),
                participants.c.token_hash,
                participants.c.group_no.label("participant_group"),
                participants.c.table_label,
                rooms,
            )
            .join(rooms, rooms.c.id == participants.c.room_id)
            .where(participants.c.room_id == room_id, participants.c.token_hash == token_hash)
        )
        if lock:
            query = query.with_for_update(read=True, of=rooms)
        row = conn.execute(query).mappings().first()
        if row is None or not token_matches(token, row["token_hash"]) or self._expired(row, now):
            raise AccessDenied()
        return int(row["participant_id"]), row

    def participant_room(self, room: Room | str, participant_token: str) -> Room:
        """The room a participant joined (title, closed or not); :class:`AccessDenied` otherwise."""
        room_id = self._room_id_of(room)
        token = check_token(participant_token, "participant token")
        with self._tx(write=False) as conn:
            _, row = self._participant(conn, room_id, token, self._now())
        return self._room(row)

    def participant_view(self, room: Room | str, participant_token: str) -> tuple[Room, str | None]:
        """The room as the participant's phone shows it (reveal, countdown, tables) and the
        table they picked. :class:`RoomClosed` once the room moved on to the next group."""
        room_id = self._room_id_of(room)
        token = check_token(participant_token, "participant token")
        with self._tx(write=False) as conn:
            _, row = self._participant(conn, room_id, token, self._now())
        if row["participant_group"] != row["group_no"]:
            raise RoomClosed()
        return self._room(row), row["table_label"]

    def choose_table(self, room: Room | str, participant_token: str, label: str | None) -> None:
        """The participant sits at table ``label`` (one of the room's tables; ``None``: none).

        Answers sent afterwards carry the table; earlier answers keep the one they were sent at.
        """
        room_id = self._room_id_of(room)
        token = check_token(participant_token, "participant token")
        with self._tx(write=True) as conn:
            pid, row = self._participant(conn, room_id, token, self._now(), lock=True)
            if label is not None and label not in (row["tables"] or ()):
                raise InvalidControl("table: not one of this room's tables")
            conn.execute(
                update(participants).where(participants.c.id == pid).values(table_label=label)
            )

    def submit(
        self,
        room: Room | str,
        participant_token: str,
        submission_key: str,
        profile: Mapping[str, Any],
        summary: SubmissionSummary | Mapping[str, Any],
    ) -> int:
        """Store one answer of a participant; returns its id. Idempotent per ``submission_key``.

        The same key again (a retry, a double click, a rerun) stores nothing and returns the
        first id, even after the room was closed. A new key stores a new answer, which becomes
        the participant's current one. ``profile`` is the contract profile object (validated);
        ``summary`` a :class:`SubmissionSummary` or its JSON form.
        """
        room_id = self._room_id_of(room)
        token = check_token(participant_token, "participant token")
        key = check_submission_key(submission_key)
        if not isinstance(profile, Mapping):
            raise InvalidSubmission("profile: expected a JSON object")
        try:
            profile_json = parse_profile(dict(profile)).to_dict()
        except ProfileError as exc:
            raise InvalidSubmission(f"profile: {exc}") from None
        parsed = SubmissionSummary.parse(summary)
        priorities = (
            dict(parsed.priorities)
            if parsed.priorities is not None
            else parse_priorities(profile_json.get("priorities", {}))
        )
        now = self._now()
        try:
            with self._tx(write=True) as conn:
                pid, row = self._participant(conn, room_id, token, now, lock=True)
                existing = self._submission_id(conn, pid, key)
                if existing is not None:
                    return existing
                if row["closed_at"] is not None or row["participant_group"] != row["group_no"]:
                    raise RoomClosed()  # closed, or reused for the next group since they joined
                count = conn.execute(
                    select(func.count())
                    .select_from(submissions)
                    .where(submissions.c.participant_id == pid)
                ).scalar_one()
                if count >= MAX_SUBMISSIONS_PER_PARTICIPANT:
                    raise InvalidSubmission("too many answers from one participant")
                try:
                    result = conn.execute(
                        insert(submissions).values(
                            room_id=room_id,
                            participant_id=pid,
                            submission_key=key,
                            profile=profile_json,
                            top_form=parsed.top_form,
                            ranking=[
                                {"form": e.form, "eligible": e.eligible, "score": e.score}
                                for e in parsed.ranking
                            ],
                            blockers={k: list(v) for k, v in parsed.blockers.items()},
                            priorities=priorities,
                            finished=parsed.finished,
                            created_at=now,
                            group_no=row["group_no"],
                            round_no=row["current_round"],
                            table_label=row["table_label"],
                            reasons=list(parsed.reasons),
                        )
                    )
                except IntegrityError:
                    raise _DuplicateKey() from None
                pk = result.inserted_primary_key
                assert pk is not None
                return int(pk[0])
        except _DuplicateKey:
            pass
        # A concurrent request with the same key won the race: return its id.
        with self._tx(write=False) as conn:
            pid, _ = self._participant(conn, room_id, token, now)
            existing = self._submission_id(conn, pid, key)
        if existing is None:  # pragma: no cover - the winner's row is committed
            raise StorageUnavailable("submission could not be stored")
        return existing

    @staticmethod
    def _submission_id(conn: Connection, participant_id: int, key: str) -> int | None:
        found = conn.execute(
            select(submissions.c.id).where(
                submissions.c.participant_id == participant_id,
                submissions.c.submission_key == key,
            )
        ).scalar_one_or_none()
        return None if found is None else int(found)

    def participant_result(
        self, room: Room | str, participant_token: str
    ) -> SubmissionRecord | None:
        """The participant's own latest answer (``None`` before the first one).

        Only the holder of the participant token of *this* room gets anything; any other
        token, or a room they did not join, raises :class:`AccessDenied`.
        """
        room_id = self._room_id_of(room)
        token = check_token(participant_token, "participant token")
        with self._tx(write=False) as conn:
            pid, _ = self._participant(conn, room_id, token, self._now())
            row = (
                conn.execute(
                    select(submissions)
                    .where(submissions.c.participant_id == pid)
                    .order_by(submissions.c.id.desc())
                    .limit(1)
                )
                .mappings()
                .first()
            )
        return None if row is None else _record(row)

    # -- aggregates ------------------------------------------------------------------------------

    def _counted_rows(
        self,
        conn: Connection,
        room_id: str,
        include_unfinished: bool,
        group_no: int | None = None,
        round_no: int | None = None,
        table: str | None = None,
    ) -> Sequence[RowMapping]:
        """Each participant's latest (finished) submission in each (group, round) asked for:
        the rows aggregates and exports are built from."""
        latest = select(func.max(submissions.c.id)).where(submissions.c.room_id == room_id)
        if not include_unfinished:
            latest = latest.where(submissions.c.finished.is_(True))
        if group_no is not None:
            latest = latest.where(submissions.c.group_no == group_no)
        if round_no is not None:
            latest = latest.where(submissions.c.round_no == round_no)
        latest = latest.group_by(
            submissions.c.participant_id, submissions.c.group_no, submissions.c.round_no
        )
        query = select(submissions).where(submissions.c.id.in_(latest))
        if table is not None:
            query = query.where(submissions.c.table_label == table)
        query = query.order_by(
            submissions.c.group_no, submissions.c.round_no, submissions.c.participant_id
        )
        return conn.execute(query).mappings().all()

    def room_stats(
        self,
        room: Room,
        *,
        include_unfinished: bool = False,
        round_no: int | None = None,
        table: str | None = None,
        group_no: int | None = None,
    ) -> RoomStats:
        """Aggregates for the console and, once revealed, the projector.

        By default: the room's current group and round, all tables. ``joined``: participants of
        that group (at that table); ``submitted``: those with any answer in that round;
        ``finished``: those who reached a result in it. The distributions count each
        participant once, by their latest finished answer of the round (``include_unfinished``:
        their latest answer of any kind), so retries and changed answers never count twice.
        """
        room_id = self._trainer_room_id(room)
        group = room.group_no if group_no is None else group_no
        rnd = room.current_round if round_no is None else round_no
        with self._tx(write=False) as conn:
            joined_q = (
                select(func.count())
                .select_from(participants)
                .where(participants.c.room_id == room_id, participants.c.group_no == group)
            )
            if table is not None:
                joined_q = joined_q.where(participants.c.table_label == table)
            joined = conn.execute(joined_q).scalar_one()

            def distinct_participants(*extra: ColumnElement[bool]) -> int:
                where = [
                    submissions.c.room_id == room_id,
                    submissions.c.group_no == group,
                    submissions.c.round_no == rnd,
                    *extra,
                ]
                if table is not None:
                    where.append(submissions.c.table_label == table)
                return int(
                    conn.execute(
                        select(func.count(func.distinct(submissions.c.participant_id))).where(
                            *where
                        )
                    ).scalar_one()
                )

            submitted = distinct_participants()
            finished = distinct_participants(submissions.c.finished.is_(True))
            rows = self._counted_rows(conn, room_id, include_unfinished, group, rnd, table)
        stats = _aggregate(room_id, int(joined), submitted, finished, rows, include_unfinished)
        return dataclasses.replace(stats, group_no=group, round_no=rnd, table=table)

    def rounds_done(self, room: Room) -> list[int]:
        """The rounds of the current group that have at least one answer, in order."""
        room_id = self._trainer_room_id(room)
        with self._tx(write=False) as conn:
            found = (
                conn.execute(
                    select(submissions.c.round_no)
                    .where(
                        submissions.c.room_id == room_id, submissions.c.group_no == room.group_no
                    )
                    .distinct()
                    .order_by(submissions.c.round_no)
                )
                .scalars()
                .all()
            )
        return [int(r) for r in found]

    def export_records(
        self, room: Room, *, include_unfinished: bool = False
    ) -> list[tuple[int, SubmissionRecord]]:
        """(participant number, answer) for every group and round of the room: each
        participant's latest (finished) answer per group and round, oldest group first.

        Participants are numbered 1, 2, ... in the order they joined; no token or internal id
        leaves the store.
        """
        room_id = self._trainer_room_id(room)
        with self._tx(write=False) as conn:
            order = (
                conn.execute(
                    select(participants.c.id)
                    .where(participants.c.room_id == room_id)
                    .order_by(participants.c.id)
                )
                .scalars()
                .all()
            )
            rows = self._counted_rows(conn, room_id, include_unfinished)
        number = {pid: i for i, pid in enumerate(order, start=1)}
        return [(number.get(row["participant_id"], 0), _record(row)) for row in rows]

    def export_rows(self, room: Room, *, include_unfinished: bool = False) -> list[dict[str, str]]:
        """One row per participant and round, with ids (the tools' CSV; the readable export
        with names in the room's language is :mod:`recommender.rooms.export`).

        Every row has the same keys in the same order (the CSV columns); pass the rows to
        :func:`recommender.rooms.csvexport.to_csv`.
        """
        records = self.export_records(room, include_unfinished=include_unfinished)
        criteria = sorted({c for _, r in records for c in r.priorities})
        out: list[dict[str, str]] = []
        for n, rec in records:
            line: dict[str, str] = {
                "participant": str(n or ""),
                "group": str(rec.group_no),
                "round": str(rec.round_no),
                "table": rec.table or "",
                "submitted_at": rec.created_at.isoformat(timespec="seconds"),
                "finished": _cell(rec.finished),
                "top_form": rec.top_form or "",
            }
            for name in FIELDS:
                line[name] = _cell(rec.profile.get(name))
            for crit in criteria:
                line[f"priority:{crit}"] = _cell(rec.priorities.get(crit))
            line["ranking"] = "; ".join(
                f"{e.form}={e.score:g}{'' if e.eligible else '(x)'}" for e in rec.ranking
            )
            line["ruled_out"] = "; ".join(
                f"{form}({','.join(r)})" for form, r in rec.blockers.items()
            )
            out.append(line)
        return out

    # -- retention -------------------------------------------------------------------------------

    def purge_older_than(self, days: int) -> int:
        """Delete every room created (and so also every room closed) more than ``days`` days
        ago, with all its participants and answers. Returns the number of rooms deleted."""
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 36_500:
            raise ValueError("days must be a whole number 1..36500")
        cutoff = self._now() - dt.timedelta(days=days)
        with self._tx(write=True) as conn:
            ids = (
                conn.execute(select(rooms.c.id).where(rooms.c.created_at < cutoff)).scalars().all()
            )
            return self._delete_rooms(conn, list(ids))

    def purge_expired(self) -> int:
        """Delete every room past its own ``retention_days`` (counted from creation)."""
        now = self._now()
        with self._tx(write=True) as conn:
            candidates = (
                conn.execute(
                    select(rooms.c.id, rooms.c.created_at, rooms.c.retention_days).where(
                        rooms.c.created_at <= now - dt.timedelta(days=1)
                    )
                )
                .mappings()
                .all()
            )
            ids = [r["id"] for r in candidates if self._expired(r, now)]
            return self._delete_rooms(conn, ids)

    def _delete_rooms(self, conn: Connection, ids: list[str]) -> int:
        # Children first, explicitly: correct even where foreign keys are not enforced.
        for start in range(0, len(ids), _DELETE_CHUNK):
            chunk = ids[start : start + _DELETE_CHUNK]
            conn.execute(delete(submissions).where(submissions.c.room_id.in_(chunk)))
            conn.execute(delete(participants).where(participants.c.room_id.in_(chunk)))
            conn.execute(delete(rooms).where(rooms.c.id.in_(chunk)))
        window = dt.timedelta(seconds=self.limits.window_s)
        conn.execute(delete(join_failures).where(join_failures.c.at <= self._now() - window))
        return len(ids)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def _record(row: RowMapping) -> SubmissionRecord:
    return SubmissionRecord(
        id=int(row["id"]),
        created_at=row["created_at"],
        finished=bool(row["finished"]),
        profile=dict(row["profile"]),
        top_form=row["top_form"],
        ranking=tuple(
            RankEntry(form=e["form"], eligible=bool(e["eligible"]), score=float(e["score"]))
            for e in row["ranking"]
        ),
        blockers={k: tuple(v) for k, v in row["blockers"].items()},
        priorities={k: int(v) for k, v in row["priorities"].items()},
        reasons=tuple(str(r) for r in (row["reasons"] or ())),
        group_no=int(row["group_no"]),
        round_no=int(row["round_no"]),
        table=row["table_label"],
    )


def _aggregate(
    room_id: str,
    joined: int,
    submitted: int,
    finished: int,
    rows: Sequence[RowMapping],
    include_unfinished: bool,
) -> RoomStats:
    records = [_record(r) for r in rows]
    tops = Counter(r.top_form for r in records if r.top_form)
    top_forms = dict(sorted(((f, tops[f]) for f in FORM_IDS), key=lambda kv: -kv[1]))

    answers: dict[str, FieldCounts] = {}
    for name, spec in FIELDS.items():
        counts: Counter[str] = Counter()
        unknown = 0
        for rec in records:
            value = rec.profile.get(name)
            if value is None:
                unknown += 1
            elif spec.kind == "enum_list":
                counts.update(sorted(set(value)))
            elif spec.kind == "bool":
                counts["true" if value else "false"] += 1
            else:
                counts[str(value)] += 1
        if spec.kind in ("enum", "enum_list"):
            values = {v: counts[v] for v in spec.values}
        elif spec.kind == "bool":
            values = {"true": counts["true"], "false": counts["false"]}
        else:
            values = {k: counts[k] for k in sorted(counts, key=int)}
        answers[name] = FieldCounts(values=values, unknown=unknown)

    sums: Counter[str] = Counter()
    ns: Counter[str] = Counter()
    for rec in records:
        for crit, weight in rec.priorities.items():
            sums[crit] += weight
            ns[crit] += 1
    average = {c: round(sums[c] / ns[c], 2) for c in sorted(ns)}
    spread: dict[str, list[int]] = {}
    for rec in records:
        for crit, weight in rec.priorities.items():
            spread.setdefault(crit, [0] * (PRIORITY_MAX + 1))[weight] += 1
    decisive = Counter(
        (rec.top_form, reason) for rec in records if rec.top_form for reason in rec.reasons
    )

    ruled: dict[str, Counter[str]] = {}
    ruled_n: Counter[str] = Counter()
    for rec in records:
        for entry in rec.ranking:
            if not entry.eligible:
                ruled_n[entry.form] += 1
                ruled.setdefault(entry.form, Counter()).update(rec.blockers.get(entry.form, ()))
    ruled_out = tuple(
        RuledOut(
            form=form,
            count=ruled_n[form],
            rules=dict(sorted(ruled[form].items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for form in sorted(ruled_n, key=lambda f: (-ruled_n[f], FORM_IDS.index(f)))
    )
    return RoomStats(
        room_id=room_id,
        joined=joined,
        submitted=submitted,
        finished=finished,
        counted=len(records),
        include_unfinished=include_unfinished,
        top_forms=top_forms,
        without_top_form=sum(1 for r in records if not r.top_form),
        answers=answers,
        average_priorities=average,
        ruled_out=ruled_out,
        priority_spread={c: tuple(v) for c, v in sorted(spread.items())},
        decisive=tuple(
            (form, reason, n)
            for (form, reason), n in sorted(decisive.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    )
