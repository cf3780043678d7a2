"""The command line of the public contract (``python -m recommender ...``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .loading import KnowledgeError, load_knowledge


def cmd_check(args: argparse.Namespace) -> int:
    try:
        kb = load_knowledge(args.dir)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    print(f"ok: {len(kb.forms)} forms, {len(kb.sources)} sources, knowledge version {kb.version}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m recommender", description="Jaka forma? recommender")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate the knowledge base")
    p.add_argument("dir", nargs="?", default=None)
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
