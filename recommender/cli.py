"""The command line of the public contract (``python -m recommender ...``).

Every error is one line on stderr with a non-zero exit status; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .engine import Recommendation, recommend
from .explain import explain_text
from .jsonstream import ProfileStream, StreamError, open_profiles
from .problems import KnowledgeError
from .profile import Profile, ProfileError, parse_profile

if TYPE_CHECKING:
    from .loading import KnowledgeBase

EXIT_INVALID = 2


class InputError(Exception):
    """Invalid user input: one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def _reject_constant(name: str) -> Any:
    raise InputError(f"profile: invalid JSON number {name}")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"{key}: duplicate key")
        out[key] = value
    return out


def read_json(source: str) -> Any:
    """Read JSON from a file path or ``-`` (stdin), strictly (no NaN, no duplicate keys)."""
    try:
        text = sys.stdin.read() if source == "-" else open(source, encoding="utf-8").read()  # noqa: SIM115
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"profile: cannot read {source!r}: {getattr(exc, 'strerror', None) or exc}"
        ) from exc
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"profile: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise InputError("profile: JSON nested too deeply") from exc


def load_kb(args: argparse.Namespace) -> KnowledgeBase:
    """The knowledge base, from the start-up cache when it holds this version (see kbcache)."""
    from .kbcache import load_cached

    return load_cached(getattr(args, "knowledge", None))


def load_ranking_kb(args: argparse.Namespace) -> KnowledgeBase:
    """What ``recommend`` reads of the knowledge base: its plain view (see ranking_view), cached.

    On a cache hit this imports neither the loader nor the pydantic models.
    """
    from .kbcache import load_view

    return load_view(getattr(args, "knowledge", None)).as_knowledge()


def _profiles(args: argparse.Namespace) -> ProfileStream:
    try:
        return open_profiles(args.profile)
    except StreamError as exc:
        raise InputError(str(exc)) from None


def _validated(where: str, raw: Any, criteria: Any) -> Profile:
    try:
        return parse_profile(raw, criteria)
    except ProfileError as exc:
        raise InputError(f"{where}{exc}") from None


def _validate_all(args: argparse.Namespace, criteria: Any) -> tuple[str, list[Profile] | None]:
    """Check every profile of a file before anything is written; keep them only for stdin.

    A file is read twice (here and while writing), so memory does not grow with the batch.
    """
    keep = args.profile == "-"
    out: list[Profile] = []
    stream = _profiles(args)
    for where, raw in _stream_items(stream):
        profile = _validated(where, raw, criteria)
        if keep:
            out.append(profile)
    return stream.kind, (out if keep else None)


def cmd_recommend(args: argparse.Namespace) -> int:
    if args.format == "jsonl":
        return _recommend_lines(args)
    # json and text: every profile is checked before anything is written (an invalid one leaves
    # the output empty), then the results are written one by one as they are computed.
    try:
        kb: KnowledgeBase | None = load_ranking_kb(args)
    except KnowledgeError:
        kb = None  # input errors are reported first, whatever the state of the knowledge base
    kind, kept = _validate_all(args, kb.criteria if kb is not None else None)
    if kb is None:
        kb = load_ranking_kb(args)
    batch: Any
    if kept is not None:
        batch, is_list = kept, kind != "object"
    else:
        stream = _profiles(args)
        is_list = stream.kind != "object"
        batch = (_validated(where, raw, kb.criteria) for where, raw in _stream_items(stream))
    results = (recommend(kb, p) for p in batch)
    if args.format == "text":
        for i, result in enumerate(results):
            sys.stdout.write(("\n" if i else "") + explain_text(kb, result, args.lang))
            if i % 64 == 0:
                sys.stdout.flush()
        return 0
    out = sys.stdout.buffer
    sys.stdout.flush()
    pretty = sys.stdout.isatty()
    if not is_list:
        out.write(_serialised(next(iter(results)), args.lang, pretty) + b"\n")
        return 0
    out.write(b"[\n  " if pretty else b"[")
    for i, result in enumerate(results):
        if i:
            out.write(b",\n  " if pretty else b",")
        item = _serialised(result, args.lang, pretty)
        out.write(item.replace(b"\n", b"\n  ") if pretty else item)
    out.write(b"\n]\n" if pretty else b"]\n")
    return 0


def _stream_items(stream: ProfileStream) -> Any:
    with stream:
        try:
            yield from stream
        except StreamError as exc:
            raise InputError(str(exc)) from None


def _serialised(result: Recommendation, lang: str, pretty: bool) -> bytes:
    return _dumps(result.to_dict(lang), True) if pretty else result.to_json(lang)


def _dumps(data: Any, pretty: bool = False) -> bytes:
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2 if pretty else 0)


def _recommend_lines(args: argparse.Namespace) -> int:
    """``--format jsonl``: one compact result per line, written as soon as it is computed.

    Nothing is held but the current profile: memory does not grow with the batch. An invalid
    profile stops the run (exit 2) after the results of the profiles before it.
    """

    out = sys.stdout.buffer
    flush_each = sys.stdout.isatty()
    kb: KnowledgeBase | None = None
    lang = args.lang
    try:
        for where, raw in _stream_items(_profiles(args)):
            if kb is None:
                _validated(where, raw, None)  # an input error comes before a knowledge error
                kb = load_ranking_kb(args)
            profile = _validated(where, raw, kb.criteria)
            out.write(recommend(kb, profile).to_json(lang))
            out.write(b"\n")
            if flush_each:
                out.flush()
    finally:
        out.flush()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .loading import load_knowledge

    try:
        kb = load_knowledge(args.dir)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    print(f"ok: {len(kb.forms)} forms, {len(kb.sources)} sources, knowledge version {kb.version}")
    stale = _vectors_missing(kb, Path(args.dir) if args.dir else None)
    if stale:
        print(
            f"note: {stale} search items have no stored sentence vector; search computes them "
            "when it builds its index – run `python scripts/embed_knowledge.py` to store them",
            file=sys.stderr,
        )
    return 0


def _vectors_missing(kb: Any, root: Path | None) -> int:
    """How many of the items search shows have no vector in the knowledge folder's store."""
    from . import semantic
    from .search import knowledge_passages

    store = semantic.read_store(semantic.store_path(root) if root else semantic.STORE)
    return sum(semantic.key(t) not in store for t in knowledge_passages(kb))


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_csv, export_json

    kb = load_kb(args)
    if args.format == "csv":
        sys.stdout.write(export_csv(kb, args.lang))
    else:
        print(json.dumps(export_json(kb), ensure_ascii=False, indent=2))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return 0


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, only the extension modules that command needs."""
    parser = _Parser(
        prog="python -m recommender",
        description="Jaka forma? – which form fits your social activity",
    )
    parser.add_argument(
        "--knowledge", default=None, help="knowledge base directory (default: knowledge/)"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("recommend", help="rank the forms for a profile (JSON object or list)")
    p.add_argument(
        "--profile",
        required=True,
        help="a JSON object, a JSON list or JSON Lines (one per line); - for standard input",
    )
    p.add_argument("--lang", choices=("pl", "en"), default="pl")
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "text"),
        default="json",
        help="jsonl: one compact result per line, written as computed (memory stays bounded)",
    )
    p.set_defaults(func=cmd_recommend)

    p = sub.add_parser("check", help="validate the knowledge base")
    p.add_argument("dir", nargs="?", default=None)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("export", help="export forms, core facts, pros, cons and sources")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--lang", choices=("pl", "en"), default="pl", help="language of CSV texts")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("schema", help="write JSON Schemas of the knowledge files")
    p.add_argument("--out", default="docs/schema")
    p.set_defaults(func=cmd_schema)

    _load_extensions(sub, command)
    return parser


# Subcommands that live in their own modules: module -> the subcommand names its
# ``add_subcommands(sub)`` adds. Only the module of the subcommand being run is imported, so each
# command pays only for what it uses (``recommend``, ``check`` and ``export`` never import the rooms
# store's SQLAlchemy and Alembic). A module listed with no names is imported for every command that
# is not named here (it still works, only without this saving).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "recommender.search_cli": ("search", "suggest"),
    "recommender.rooms.cli": ("rooms",),
    "recommender.audit": ("audit",),
    "recommender.plan_cli": ("plan",),
    "recommender.draft_cli": ("draft",),
}
BUILTIN_COMMANDS = ("recommend", "check", "export", "schema")


def _load_extensions(sub: Any, command: str | None = None) -> None:
    """Add the subcommands of the extension modules that ``command`` needs (all when ``None``).

    An unknown ``command`` loads every module, so argparse's "invalid choice" lists them all.
    """
    import importlib

    named = {name for names in EXTENSIONS.values() for name in names}
    everything = command is None or (command not in BUILTIN_COMMANDS and command not in named)
    for module, names in EXTENSIONS.items():
        if not everything and command not in names:
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue  # that part is not installed in this checkout
            raise
        mod.add_subcommands(sub)


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (``None`` for none, or when help is asked for).

    >>> command_of(["--knowledge", "k", "recommend", "--profile", "-"])
    'recommend'
    >>> command_of(["-h"]) is None
    True
    """
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--knowledge":
            skip = True
        elif arg in ("-h", "--help"):
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_of(argv))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KnowledgeError as exc:
        print(
            f"error: the knowledge base is invalid ({len(exc.problems)} problems; "
            f"run 'python -m recommender check'): {exc.problems[0]}",
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
