"""The exceptions of the rooms storage layer.

Callers (the Streamlit pages, the command line) catch :class:`RoomsError` subclasses and show a
short notice; none of them carries a driver traceback or a database URL.
"""

from __future__ import annotations


class RoomsError(Exception):
    """Base class of every error the rooms layer raises on purpose."""


class StorageUnavailable(RoomsError):
    """The database cannot be reached or used (down, unreachable, unwritable, timed out).

    The original driver error is logged by :mod:`recommender.rooms.store` (logger
    ``recommender.rooms``) and deliberately not chained, so no driver traceback reaches a user.
    """

    def __init__(self, message: str = "the workshop rooms database is unavailable") -> None:
        super().__init__(message)


class InvalidIdentifier(RoomsError, ValueError):
    """An identifier (room id, token, join code, submission key) has the wrong format or length.

    Raised before the value reaches the database.
    """

    def __init__(self, what: str, problem: str = "has an invalid format") -> None:
        self.what = what
        super().__init__(f"{what}: {problem}")


class InvalidSubmission(RoomsError, ValueError):
    """A submitted profile or result summary does not have the expected shape."""


class AccessDenied(RoomsError):
    """Wrong trainer token, unknown room, or a participant token that does not belong to the room.

    One error for all of these on purpose: the caller cannot tell an unknown room from a wrong
    token, so it cannot be used to probe which rooms exist.
    """

    def __init__(self) -> None:
        super().__init__("access denied")


class UnknownJoinCode(RoomsError):
    """No open room has this join code (never existed, closed, or expired)."""

    def __init__(self) -> None:
        super().__init__("no open room has this code")


class RoomClosed(RoomsError):
    """The room is closed (or past its retention time): it accepts no new answers."""

    def __init__(self) -> None:
        super().__init__("the room is closed")


class RoomFull(RoomsError):
    """The room has reached its participant limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the room is full ({limit} participants)")


class RateLimited(RoomsError):
    """Too many failed join attempts; ``retry_after`` is a number of seconds to wait."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(f"too many attempts; try again in {self.retry_after} s")


class StaleState(RoomsError):
    """A control was sent from a console that had not seen the room's latest change (another
    tab, another trainer): nothing was changed. Reload the room and decide again."""

    def __init__(self) -> None:
        super().__init__("the room changed meanwhile; nothing was changed")


class InvalidControl(RoomsError, ValueError):
    """A control value out of range (timer length, table labels, round number)."""
