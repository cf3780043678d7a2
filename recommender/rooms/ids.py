"""Identifiers and secrets of the rooms layer: how they are made and how they are checked.

Everything that arrives from a URL, a form field or a cookie goes through one of the
``check_*`` functions before it reaches the database, so malformed or oversized input is refused
early with :class:`~recommender.rooms.errors.InvalidIdentifier`.

>>> code = new_join_code()
>>> len(code), check_join_code(code.lower()) == code
(6, True)
>>> check_join_code("abc-def") in {"ABCDEF"}
True
>>> check_join_code("AB0DEF")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
recommender.rooms.errors.InvalidIdentifier: join code: must be 6 characters from 234...
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from .errors import InvalidIdentifier

# No 0/O, 1/I/L: a code read aloud or copied from a projector must not be ambiguous.
JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 6  # 31**6 ≈ 8.9e8 codes
_JOIN_CODE_RE = re.compile(f"^[{JOIN_CODE_ALPHABET}]{{{JOIN_CODE_LENGTH}}}$")
_JOIN_CODE_MAX_INPUT = 24  # spaces and dashes a user may type around the code

ROOM_ID_BYTES = 8  # 16 hex characters; not a secret (the trainer token protects the room)
_ROOM_ID_RE = re.compile(r"^[0-9a-f]{16}$")

TOKEN_BYTES = 32  # 256 bits from ``secrets``; >= 128 bits is the requirement
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # token_urlsafe(32) gives 43 characters

_SUBMISSION_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,63}$")

CLIENT_KEY_MAX = 256
TITLE_MAX = 120


def new_room_id() -> str:
    return secrets.token_hex(ROOM_ID_BYTES)


def new_token() -> str:
    """A bearer secret (trainer link, participant session): 256 random bits, URL-safe."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def hash_token(token: str) -> str:
    """SHA-256 of a token, hex. Tokens are random with 256 bits, so a fast hash is enough:
    there is nothing to brute-force. Only this hash is stored."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Constant-time comparison of a presented token with a stored hash."""
    return hmac.compare_digest(hash_token(token).encode("ascii"), stored_hash.encode("ascii"))


def _require_str(value: object, what: str, max_len: int) -> str:
    if not isinstance(value, str):
        raise InvalidIdentifier(what, "must be text")
    if len(value) > max_len:
        raise InvalidIdentifier(what, "is too long")
    return value


def check_room_id(value: object) -> str:
    text = _require_str(value, "room id", 64)
    if not _ROOM_ID_RE.match(text):
        raise InvalidIdentifier("room id")
    return text


def check_token(value: object, what: str = "token") -> str:
    text = _require_str(value, what, 64)
    if not _TOKEN_RE.match(text):
        raise InvalidIdentifier(what)
    return text


def check_join_code(value: object) -> str:
    """Normalise a typed join code (case, spaces, dashes) and check it."""
    text = _require_str(value, "join code", _JOIN_CODE_MAX_INPUT)
    code = re.sub(r"[\s\-]", "", text).upper()
    if not _JOIN_CODE_RE.match(code):
        raise InvalidIdentifier(
            "join code", f"must be {JOIN_CODE_LENGTH} characters from {JOIN_CODE_ALPHABET}"
        )
    return code


def check_submission_key(value: object) -> str:
    text = _require_str(value, "submission key", 64)
    if not _SUBMISSION_KEY_RE.match(text):
        raise InvalidIdentifier("submission key", "must be 8-64 characters A-Z a-z 0-9 _ -")
    return text


def check_client_key(value: object) -> str:
    text = _require_str(value, "client key", CLIENT_KEY_MAX)
    if not text:
        raise InvalidIdentifier("client key", "must not be empty")
    return text


def check_slug(value: object, what: str) -> str:
    """Criterion and rule ids inside a submission summary."""
    text = _require_str(value, what, 64)
    if not _SLUG_RE.match(text):
        raise InvalidIdentifier(what)
    return text


def check_title(value: object) -> str | None:
    """An optional room title: one line of printable text, at most 120 characters."""
    if value is None:
        return None
    text = _require_str(value, "title", TITLE_MAX)
    text = " ".join(text.split())
    if any(not ch.isprintable() for ch in text):
        raise InvalidIdentifier("title", "must be printable text")
    return text or None


TABLE_LABEL_MAX = 16
MAX_TABLES = 12
_TABLE_RE = re.compile(r"^[^\W_][\w .\-]{0,15}$")


def check_tables(labels: object) -> tuple[str, ...]:
    """Table labels set by the trainer: up to 12 distinct short labels (letters, digits,
    spaces, dots, dashes; e.g. ``A``, ``Stół 2``), each at most 16 characters.

    >>> check_tables(["A", " B ", "Stół 3"])
    ('A', 'B', 'Stół 3')
    """
    from .errors import InvalidControl

    if isinstance(labels, str) or not isinstance(labels, list | tuple):
        raise InvalidControl("tables: expected a list of labels")
    out = tuple(str(label).strip() for label in labels if str(label).strip())
    if len(out) > MAX_TABLES:
        raise InvalidControl(f"tables: at most {MAX_TABLES}")
    for label in out:
        if not _TABLE_RE.match(label) or label.startswith(("=", "+", "-", "@")):
            raise InvalidControl("tables: a label is 1-16 letters, digits, spaces, dots or dashes")
    if len(set(out)) != len(out):
        raise InvalidControl("tables: every label once")
    return out
