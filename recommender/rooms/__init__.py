"""Workshop rooms: the storage layer behind the trainer dashboard and the participants' join page.

No Streamlit here. The pages call :class:`RoomStore` (usually ``RoomStore.from_env()`` once per
process) and catch :class:`RoomsError` subclasses to show a notice.
"""

from __future__ import annotations

from .csvexport import neutralise, to_csv
from .errors import (
    AccessDenied,
    InvalidControl,
    InvalidIdentifier,
    InvalidSubmission,
    RateLimited,
    RoomClosed,
    RoomFull,
    RoomsError,
    StaleState,
    StorageUnavailable,
    UnknownJoinCode,
)
from .ratelimit import RateLimits
from .records import (
    FieldCounts,
    Joined,
    RankEntry,
    Room,
    RoomStats,
    RuledOut,
    SubmissionRecord,
    SubmissionSummary,
)
from .store import DEFAULT_RETENTION_DAYS, RoomStore, make_engine, url_from_env

__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "AccessDenied",
    "FieldCounts",
    "InvalidControl",
    "InvalidIdentifier",
    "InvalidSubmission",
    "Joined",
    "RankEntry",
    "RateLimited",
    "RateLimits",
    "Room",
    "RoomClosed",
    "RoomFull",
    "RoomStats",
    "RoomStore",
    "RoomsError",
    "RuledOut",
    "StorageUnavailable",
    "StaleState",
    "SubmissionRecord",
    "SubmissionSummary",
    "UnknownJoinCode",
    "make_engine",
    "neutralise",
    "to_csv",
    "url_from_env",
]
