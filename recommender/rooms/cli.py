"""``python -m recommender rooms ...``: maintenance of the workshop rooms database.

The main command line adds these with :func:`add_subcommands`::

    from .rooms.cli import add_subcommands as add_rooms_subcommands
    sub = parser.add_subparsers(dest="command", required=True)
    add_rooms_subcommands(sub)
    ...
    return int(args.func(args))

Commands (the database is ``DATABASE_URL`` or the default SQLite file):

- ``rooms purge --older-than DAYS``: delete rooms created more than DAYS days ago, with all data;
- ``rooms purge-expired``: delete rooms past their own retention time;
- ``rooms migrate``: bring the schema up to date (the app also does it on first use).

Each prints one line. Errors print one line on stderr, no traceback: exit 2 for bad arguments,
1 when the database is unavailable.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .errors import StorageUnavailable


def _fail(message: str, status: int) -> int:
    print(f"rooms: {message}", file=sys.stderr)
    return status


def _store() -> Any:
    from .store import RoomStore  # imported when used: keeps `python -m recommender check` light

    return RoomStore.from_env()


def _days(text: str | None) -> int | None:
    if text is None or not text.strip().isdigit():
        return None
    days = int(text)
    return days if 1 <= days <= 36_500 else None


def cmd_purge(args: argparse.Namespace) -> int:
    days = _days(args.older_than)
    if days is None:
        return _fail("purge needs --older-than DAYS, a whole number of days from 1 to 36500", 2)
    try:
        store = _store()
        try:
            count = store.purge_older_than(days)
        finally:
            store.dispose()
    except StorageUnavailable as exc:
        return _fail(str(exc), 1)
    print(f"purged {count} room{'s' if count != 1 else ''} created more than {days} days ago")
    return 0


def cmd_purge_expired(args: argparse.Namespace) -> int:
    try:
        store = _store()
        try:
            count = store.purge_expired()
        finally:
            store.dispose()
    except StorageUnavailable as exc:
        return _fail(str(exc), 1)
    print(f"purged {count} expired room{'s' if count != 1 else ''}")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    try:
        store = _store()
        try:
            store.ensure_schema()
            backend = store.backend
        finally:
            store.dispose()
    except StorageUnavailable as exc:
        return _fail(str(exc), 1)
    print(f"rooms schema is up to date ({backend})")
    return 0


def add_subcommands(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``rooms`` (with ``purge``, ``purge-expired``, ``migrate``) to an argparse
    subparsers object; each leaf sets ``func`` (``args.func(args) -> exit status``)."""
    rooms: argparse.ArgumentParser = subparsers.add_parser(
        "rooms",
        help="workshop rooms database: purge old rooms, run migrations",
        description="Maintenance of the workshop rooms database (DATABASE_URL or the SQLite file).",
    )
    sub = rooms.add_subparsers(
        dest="rooms_command", required=True, metavar="{purge,purge-expired,migrate}"
    )
    p = sub.add_parser(
        "purge", help="delete rooms created more than DAYS days ago, with all answers"
    )
    # Parsed by the command, not argparse, so that a bad value gives one line and exit 2.
    p.add_argument("--older-than", metavar="DAYS", default=None, help="age in days (1-36500)")
    p.set_defaults(func=cmd_purge)
    p = sub.add_parser("purge-expired", help="delete rooms past their own retention time")
    p.set_defaults(func=cmd_purge_expired)
    p = sub.add_parser("migrate", help="bring the rooms schema up to date")
    p.set_defaults(func=cmd_migrate)
    return rooms
