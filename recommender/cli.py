"""The command line of the public contract (``python -m recommender ...``).

Every error is one line on stderr with a non-zero exit status; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .engine import recommend
from .explain import explain_text
from .export import export_csv, export_json
from .loading import KnowledgeBase, KnowledgeError, load_knowledge
from .profile import ProfileError, parse_profile

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
    return load_knowledge(getattr(args, "knowledge", None))


def cmd_recommend(args: argparse.Namespace) -> int:
    data = read_json(args.profile)
    batch = isinstance(data, list)
    raws = data if batch else [data]

    def validate(criteria: Any) -> list[Any]:
        out = []
        for i, raw in enumerate(raws):
            try:
                out.append(parse_profile(raw, criteria))
            except ProfileError as exc:
                raise InputError(f"[{i}].{exc}" if batch else str(exc)) from exc
        return out

    validate(None)  # input errors first, whatever the state of the knowledge base
    kb = load_kb(args)
    profiles = validate(kb.criteria)
    results = [recommend(kb, p) for p in profiles]
    if args.format == "text":
        sys.stdout.write("\n".join(explain_text(kb, r, args.lang) for r in results))
        return 0
    payload: Any = (
        [r.to_dict(args.lang) for r in results] if batch else results[0].to_dict(args.lang)
    )
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    try:
        kb = load_knowledge(args.dir)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    print(f"ok: {len(kb.forms)} forms, {len(kb.sources)} sources, knowledge version {kb.version}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
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
    p.add_argument("--profile", required=True, help="a JSON file, or - for standard input")
    p.add_argument("--lang", choices=("pl", "en"), default="pl")
    p.add_argument("--format", choices=("json", "text"), default="json")
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
