"""Reading profiles as a stream: one JSON object, a JSON list, or JSON Lines.

The input is read in chunks and each profile is handed on as soon as it has been parsed, so memory
does not grow with the size of the batch. What the input is comes from its first non-space
character and its structure:

- ``[`` — a JSON list; its items are parsed one by one (:meth:`json.JSONDecoder.raw_decode` over
  the chunks read so far);
- ``{`` and the first line is a complete JSON object — JSON Lines, one profile per line (blank lines
  are skipped); a single such line is a single profile;
- anything else (a pretty-printed object over several lines, a string, …) — one JSON document.

JSON is read strictly (no ``NaN``/``Infinity``, no duplicate keys). Every problem is a
:class:`StreamError` whose text is one line naming where it is (``line 7``, ``[3]``): invalid JSON,
invalid UTF-8, a profile longer than :data:`MAX_PROFILE_BYTES`, a list cut off before its ``]``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO, Literal

MAX_PROFILE_BYTES = 1 << 20  # one profile (one line, one list item, one document): 1 MiB
CHUNK = 1 << 16
_WS = " \t\r\n"
_WS_BYTES = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"
# raw_decode's error position is this close to the end of what has been read: more input may fix
# it (a literal such as "-Infinity" or a \\u escape cut between two chunks).
_NEAR_END = 12

Kind = Literal["object", "list", "lines"]


class StreamError(ValueError):
    """Invalid input; ``str(err)`` is one line."""


def _reject_constant(name: str) -> Any:
    raise StreamError(f"invalid JSON number {name}")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise StreamError(f"{key}: duplicate key")
        out[key] = value
    return out


DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
_MB = f"{MAX_PROFILE_BYTES // (1 << 20)} MB"


def _msg(exc: json.JSONDecodeError) -> str:
    return exc.msg.removesuffix(" starting at")  # "Unterminated string starting at"


def _loads(text: str, where: str, first_line: int = 1) -> Any:
    """Strict ``json.loads`` with one-line errors prefixed by ``where``."""
    try:
        return DECODER.decode(text)
    except json.JSONDecodeError as exc:
        line = exc.lineno + first_line - 1
        at = f"line {line}, column {exc.colno}" if where == "" else f"column {exc.colno}"
        raise StreamError(f"{where or 'profile: '}invalid JSON at {at}: {_msg(exc)}") from None
    except StreamError as exc:
        raise StreamError(f"{where or 'profile: '}{exc}") from None
    except RecursionError:
        raise StreamError(f"{where or 'profile: '}JSON nested too deeply") from None


def _utf8(data: bytes, where: str, offset: int = 0) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StreamError(
            f"{where or 'profile: '}not valid UTF-8 (byte {offset + exc.start + 1})"
        ) from None


class ProfileStream:
    """The profiles of one input, in order, as ``(where, raw JSON value)`` pairs.

    ``where`` is ``""`` for a single profile, ``"line N: "`` for JSON Lines and ``"[i]."`` for a
    list item: the prefix of an error message about that profile. ``kind`` is known as soon as the
    stream is opened (before any profile is read).
    """

    def __init__(self, source: str, binary: BinaryIO) -> None:
        self.source = source
        self._f = binary
        self._buf = b""
        self._eof = False
        self._consumed = 0  # bytes dropped from the front of _buf
        self._by_lines = False
        self._skipped_lines = 0  # blank lines before the first profile
        self.kind: Kind = self._detect()

    # -- reading ----------------------------------------------------------------------------

    def _fill(self) -> bool:
        if self._eof:
            return False
        try:
            chunk = self._f.read(CHUNK)
        except OSError as exc:
            raise StreamError(f"profile: cannot read {self.source!r}: {exc.strerror}") from None
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def _drop(self, n: int) -> None:
        self._buf = self._buf[n:]
        self._consumed += n

    def close(self) -> None:
        if self._f is not _stdin_buffer():
            self._f.close()

    def __enter__(self) -> ProfileStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- detection --------------------------------------------------------------------------

    def _first_byte(self) -> int | None:
        """The first non-space byte; the blanks before it are dropped (their lines counted)."""
        while True:
            if self._consumed == 0 and self._buf.startswith(_BOM):
                self._drop(len(_BOM))
            stripped = self._buf.lstrip(_WS_BYTES)
            if stripped:
                blank = self._buf[: len(self._buf) - len(stripped)]
                self._skipped_lines += blank.count(b"\n")
                self._drop(len(blank) - len(blank.rsplit(b"\n", 1)[-1]) if b"\n" in blank else 0)
                return stripped[0]
            if len(self._buf) > CHUNK:
                self._skipped_lines += self._buf.count(b"\n")
                self._drop(len(self._buf))
            if not self._fill():
                return None

    def _detect(self) -> Kind:
        first = self._first_byte()
        if first == ord("["):
            return "list"
        if first == ord("{"):
            while b"\n" not in self._buf and len(self._buf) <= MAX_PROFILE_BYTES:
                if not self._fill():
                    break
            line = self._buf.split(b"\n", 1)[0]
            try:
                value = DECODER.decode(line.decode("utf-8"))
            except (ValueError, RecursionError):  # not one object on the first line
                value = None
            if isinstance(value, dict):
                self._by_lines = True
                return "lines" if self._more_than_one_line() else "object"
        return "object"

    def _more_than_one_line(self) -> bool:
        """Whether anything but blanks follows the first line (reads ahead only over blanks)."""
        nl = self._buf.find(b"\n")
        start = nl + 1 if nl >= 0 else len(self._buf)
        while True:
            rest = self._buf[start:]
            if rest.lstrip(_WS_BYTES):
                return True
            if not self._fill():
                return False

    # -- iteration --------------------------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        if self.kind == "list":
            return self._list_items()
        if self._by_lines:
            return self._lines()
        return self._document()

    def _document(self) -> Iterator[tuple[str, Any]]:
        while len(self._buf) <= MAX_PROFILE_BYTES and self._fill():
            pass
        if len(self._buf) > MAX_PROFILE_BYTES:
            raise StreamError(
                f"profile: the input is longer than {_MB}; give many profiles as a JSON list "
                "or as JSON Lines (one profile per line)"
            )
        yield "", _loads(_utf8(self._buf, ""), "", self._skipped_lines + 1)

    def _lines(self) -> Iterator[tuple[str, Any]]:
        line_no = self._skipped_lines
        pos = 0
        while True:
            nl = self._buf.find(b"\n", pos)
            if nl < 0:
                if len(self._buf) - pos > MAX_PROFILE_BYTES:
                    raise StreamError(f"line {line_no + 1}: longer than {_MB}")
                if pos:
                    self._drop(pos)
                    pos = 0
                if self._fill():
                    continue
                if not self._buf.strip(_WS_BYTES):
                    return
                nl = len(self._buf)  # the last line, without a newline at its end
            line_no += 1
            raw = self._buf[pos:nl]
            offset = self._consumed + pos
            pos = nl + 1
            if not raw.strip(_WS_BYTES):
                continue
            where = "" if self.kind == "object" else f"line {line_no}: "
            if len(raw) > MAX_PROFILE_BYTES:
                raise StreamError(f"{where or 'profile: '}longer than {_MB}")
            yield where, _loads(_utf8(raw, where, offset), where, line_no)

    def _list_items(self) -> Iterator[tuple[str, Any]]:
        decode = codecs.getincrementaldecoder("utf-8")("strict")
        text = ""
        pos = 0
        lines_before = self._skipped_lines  # newlines in text already dropped
        fed = self._consumed  # bytes given to the decoder (a BOM was dropped before)

        def more() -> bool:
            """Decode more of the input into ``text``; False at its end."""
            nonlocal text, fed
            while True:
                if not self._buf and not self._fill():
                    try:
                        decode.decode(b"", final=True)
                    except UnicodeDecodeError:
                        raise StreamError(f"profile: not valid UTF-8 (byte {fed})") from None
                    return False
                data, self._buf = self._buf, b""
                try:
                    piece = decode.decode(data)
                except UnicodeDecodeError as exc:
                    raise StreamError(
                        f"profile: not valid UTF-8 (byte {fed + exc.start + 1})"
                    ) from None
                fed += len(data)
                if piece:
                    text += piece
                    return True

        def skip_ws() -> bool:
            """Move ``pos`` to the next non-space character; False at the end of the input."""
            nonlocal pos
            while True:
                while pos < len(text) and text[pos] in _WS:
                    pos += 1
                if pos < len(text):
                    return True
                if not more():
                    return False

        def line_at(p: int) -> int:
            return lines_before + text.count("\n", 0, p) + 1

        skip_ws()
        pos += 1  # the "["
        index = 0
        if not skip_ws():
            raise StreamError("profile: the list is cut off: no closing ']'")
        if text[pos] == "]":
            pos += 1
        else:
            while True:
                where = f"[{index}]."
                while True:
                    try:
                        value, end = DECODER.raw_decode(text, pos)
                        break
                    except json.JSONDecodeError as exc:
                        unfinished = exc.pos >= len(text) - _NEAR_END or exc.msg.startswith(
                            "Unterminated string"
                        )
                        if len(text) - pos > MAX_PROFILE_BYTES:
                            raise StreamError(f"{where[:-1]}: longer than {_MB}") from None
                        if unfinished and more():
                            continue
                        if unfinished:
                            raise StreamError(
                                f"profile: the list is cut off in item [{index}] "
                                f"(line {line_at(pos)})"
                            ) from None
                        raise StreamError(
                            f"[{index}]: invalid JSON at line {line_at(exc.pos)}: {_msg(exc)}"
                        ) from None
                    except StreamError as exc:
                        raise StreamError(f"[{index}]: {exc}") from None
                    except RecursionError:
                        raise StreamError(f"[{index}]: JSON nested too deeply") from None
                yield where, value
                index += 1
                pos = end
                if pos > CHUNK:
                    lines_before += text.count("\n", 0, pos)
                    text = text[pos:]
                    pos = 0
                if not skip_ws():
                    raise StreamError(
                        f"profile: the list is cut off after item [{index - 1}]: no closing ']'"
                    )
                if text[pos] == "]":
                    pos += 1
                    break
                if text[pos] != ",":
                    raise StreamError(
                        f"profile: invalid JSON at line {line_at(pos)}: expected ',' or ']' "
                        f"after item [{index - 1}]"
                    )
                pos += 1
                if not skip_ws():
                    raise StreamError(
                        f"profile: the list is cut off after item [{index - 1}]: no closing ']'"
                    )
        if skip_ws():
            raise StreamError(
                f"profile: invalid JSON at line {line_at(pos)}: extra data after the list"
            )


def _stdin_buffer() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def open_profiles(source: str) -> ProfileStream:
    """The profiles of a file path, or of standard input for ``-``."""
    if source == "-":
        return ProfileStream(source, _stdin_buffer())
    try:
        f = open(source, "rb")  # noqa: SIM115 - closed by the stream
    except OSError as exc:
        raise StreamError(f"profile: cannot read {source!r}: {exc.strerror or exc}") from None
    try:
        return ProfileStream(source, f)
    except BaseException:
        f.close()
        raise
