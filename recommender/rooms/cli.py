"""``python -m recommender rooms ...``: maintenance of the workshop rooms database.

The main command line adds these with :func:`add_subcommands`::

    from .rooms.cli import add_subcommands as add_rooms_subcommands
    sub = parser.add_subparsers(dest="command", required=True)
    add_rooms_subcommands(sub)
    ...
    return int(args.func(args))

Commands (the database is ``DATABASE_URL`` or the default SQLite file):

- ``rooms purge --older-than DAYS``: delete rooms created more than DAYS days ago, with all data;
- ``rooms purge-expired``: delete rooms past their own retention time, and expired short links;
- ``rooms migrate``: bring the schema up to date (the app also does it on first use);
- ``rooms create --name NAME [--lang pl|en] [--days N] [--format json|text]``: a room for a
  session, printing ``{"code", "join_url", "projector_url", "trainer_url"}`` (addresses from
  ``JAKAFORMA_PUBLIC_URL``, else ``http://localhost:8501``; only the trainer URL carries the
  secret, and it is shown this once);
- ``rooms list [--format json|text]``: rooms not yet expired, newest first;
- ``rooms close CODE``: close a room by its join code (or room id).

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
            from .shortlinks import ShortLinks

            links = ShortLinks(store).purge_expired()
        finally:
            store.dispose()
    except StorageUnavailable as exc:
        return _fail(str(exc), 1)
    print(f"purged {count} expired room{'s' if count != 1 else ''}")
    if links:  # short links to results past their lifetime (recommender.rooms.shortlinks)
        print(f"purged {links} expired short link{'s' if links != 1 else ''}")
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


def cmd_create(args: argparse.Namespace) -> int:
    import json

    from .errors import RateLimited
    from .ids import check_title
    from .links import LOCAL_URL, public_base_url, room_links

    if args.lang not in ("pl", "en"):
        return _fail("--lang must be pl or en", 2)
    days = _days(args.days)
    if days is None or days > 365:
        return _fail("--days must be a whole number of days from 1 to 365", 2)
    try:
        name = check_title(args.name)
    except ValueError as exc:
        return _fail(f"--name: {exc}", 2)
    if not name:
        return _fail("--name must not be empty", 2)
    try:
        store = _store()
        try:
            room, code, token = store.create_room(retention_days=days, title=name, lang=args.lang)
        finally:
            store.dispose()
    except RateLimited as exc:
        return _fail(str(exc), 1)
    except StorageUnavailable as exc:
        return _fail(str(exc), 1)
    links = room_links(public_base_url() or LOCAL_URL, code, room.id, token)
    if args.format == "json":
        print(json.dumps(links, ensure_ascii=False))
    else:
        for key, value in links.items():
            print(f"{key}: {value}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    import json

    try:
        store = _store()
        try:
            found = store.list_rooms()
        finally:
            store.dispose()
    except StorageUnavailable as exc:
        return _fail(str(exc), 1)
    rows = [
        {
            "code": room.join_code,
            "id": room.id,
            "name": room.title or "",
            "lang": room.lang,
            "created_at": room.created_at.isoformat(timespec="seconds"),
            "closed": room.closed,
            "participants": joined,
            "round": room.current_round,
            "group": room.group_no,
            "expires_at": room.expires_at.isoformat(timespec="seconds"),
        }
        for room, joined in found
    ]
    if args.format == "json":
        print(json.dumps({"rooms": rows}, ensure_ascii=False))
        return 0
    for r in rows:
        state = "closed" if r["closed"] else "open"
        print(
            f"{r['code']}  {state:6}  {r['participants']:>3} joined  "
            f"created {r['created_at']}  {r['name']}"
        )
    if not rows:
        print("no rooms")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from .errors import InvalidIdentifier, UnknownJoinCode

    try:
        store = _store()
        try:
            room = store.room_for_admin(args.code)
            room = store.close_room(room)
        finally:
            store.dispose()
    except (InvalidIdentifier, UnknownJoinCode):
        return _fail(f"no room has the code {args.code!r}", 2)
    except StorageUnavailable as exc:
        return _fail(str(exc), 1)
    print(f"closed room {room.join_code}")
    return 0


def add_subcommands(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``rooms`` (with ``purge``, ``purge-expired``, ``migrate``) to an argparse
    subparsers object; each leaf sets ``func`` (``args.func(args) -> exit status``)."""
    rooms: argparse.ArgumentParser = subparsers.add_parser(
        "rooms",
        help="workshop rooms: create, list, close; purge old rooms, run migrations",
        description="Maintenance of the workshop rooms database (DATABASE_URL or the SQLite file).",
    )
    sub = rooms.add_subparsers(
        dest="rooms_command",
        required=True,
        metavar="{create,list,close,purge,purge-expired,migrate}",
    )
    p = sub.add_parser("create", help="create a room for a session and print its links")
    p.add_argument("--name", required=True, help="the room's name (shown to participants)")
    p.add_argument("--lang", default="pl", help="the room's language: pl (default) or en")
    p.add_argument("--days", default="30", help="keep the room this many days (1-365)")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=cmd_create)
    p = sub.add_parser("list", help="rooms not yet expired, newest first")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("close", help="close a room: no new participants or answers")
    p.add_argument("code", help="the join code (or the room id)")
    p.set_defaults(func=cmd_close)
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
