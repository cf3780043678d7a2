"""The ``search`` and ``suggest`` commands of ``python -m recommender`` (see contract.md).

:func:`add_subcommands` is called by :mod:`recommender.cli` with its sub-parsers object. Input
errors (an empty query) are one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn

from .i18n import t

EXIT_INVALID = 2
MAX_LIMIT = 100


class InvalidKnowledge(Exception):
    """The knowledge base could not be loaded (its first problem is the message)."""

    def __init__(self, count: int, first: str) -> None:
        super().__init__(first)
        self.count = count


def _index(args: argparse.Namespace) -> Any:
    """The search index: from the cache file when it matches the knowledge files (no need to
    load, or even import, the knowledge base's loader), else built from the loaded knowledge
    base and saved."""
    from pathlib import Path

    from .search import ROOT, load_cached

    root = Path(getattr(args, "knowledge", None) or ROOT / "knowledge")
    if root.is_dir():
        cached = load_cached(root)
        if cached is not None:
            return cached
    from .loading import KnowledgeError, load_knowledge
    from .search import index_for

    try:
        return index_for(load_knowledge(getattr(args, "knowledge", None)))
    except KnowledgeError as exc:
        raise InvalidKnowledge(len(exc.problems), str(exc.problems[0])) from None


def _invalid(exc: InvalidKnowledge) -> int:
    print(
        f"error: the knowledge base is invalid ({exc.count} problems; "
        f"run 'python -m recommender check'): {exc}",
        file=sys.stderr,
    )
    return 1


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_INVALID


def _limit(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 1 <= n <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_LIMIT}, got {n}")
    return n


def cmd_search(args: argparse.Namespace) -> int:
    from .search import EmptyQueryError, cut_query

    query, cut = cut_query(args.query)
    if not query:
        return _fail("query: the search text is empty")
    try:
        index = _index(args)
    except InvalidKnowledge as exc:
        return _invalid(exc)
    try:
        results = index.search(query, args.lang, args.limit)
    except EmptyQueryError:
        return _fail("query: the search text has no letters or digits")
    if cut:
        print(t("search.query_cut", args.lang, n=len(query)), file=sys.stderr)
    found = [r.to_dict(None, args.lang) for r in results]
    if args.format == "text":
        sys.stdout.write(search_text(index, found, args.lang))
        return 0
    payload: dict[str, Any] = {"results": found}
    if cut:
        payload["query_cut_at"] = len(query)
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def search_text(kb: Any, results: list[dict[str, Any]], lang: str) -> str:
    """Readable search results: title, snippet, form, source, uncertainty."""
    if not results:
        return t("search.no_results", lang) + "\n"
    lines: list[str] = []
    for pos, r in enumerate(results, 1):
        lines.append(
            f"{pos}. {r['title']}  [{t('search.kind.' + r['type'], lang)}; {r['score']:.2f}]"
        )
        lines.append(f"   {r['text']}")
        if r["form"]:
            lines.append(f"   {t('search.form', lang)}: {kb.form_name(r['form'], lang)}")
        if r["source"]:
            lines.append(
                f"   {t('search.source', lang)}: {r['source']} – {r['url']} "
                f"({t('search.checked', lang)} {r['checked']})"
            )
        elif r["unverified"]:
            lines.append(f"   {t('search.unverified', lang)}")
        if r["uncertainty"]:
            lines.append(f"   ! {r['uncertainty']}")
        lines.append("")
    lines.append(t("search.disclaimer", lang))
    return "\n".join(lines) + "\n"


def cmd_suggest(args: argparse.Namespace) -> int:
    from .suggest import Suggester

    text = args.idea
    if not text.strip():
        return _fail("idea: the description is empty")
    try:
        index = _index(args)
    except InvalidKnowledge as exc:
        return _invalid(exc)

    from .kbcache import load_view
    from .search import ROOT

    # the engine's plain view of the knowledge (cached like the index): the forms the law rules
    # out for the suggested goals, and what those goals do to each form, as in the app
    view = load_view(getattr(args, "knowledge", None) or ROOT / "knowledge")
    result = Suggester(index, kb=view.as_knowledge()).suggest(text, args.lang)
    if args.format == "text":
        lang = "en" if args.lang == "en" else "pl"
        lines = []
        for field in ("goals", "target_groups", "funding"):
            cands = getattr(result, field)
            labels = [
                index.value_labels[(field, c.value)].get(lang)
                if (field, c.value) in index.value_labels
                else c.value
                for c in cands
            ]
            lines.append(f"{t('field.' + field, lang)}: " + (", ".join(labels) if labels else "–"))
        forms = ", ".join(f"{index.form_name(c.value, lang)} ({c.score:.2f})" for c in result.forms)
        lines.append(f"{t('search.forms', lang)}: " + (forms or "–"))
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return 0


def add_subcommands(sub: Any) -> None:
    """Register ``search`` and ``suggest`` on the command line's sub-parsers."""
    p = sub.add_parser("search", help="search everything the knowledge base says")
    p.add_argument("query", help="a question or words, in your own words")
    p.add_argument("--lang", choices=("pl", "en"), default="pl")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument(
        "--limit", type=_limit, default=10, help=f"number of results (1..{MAX_LIMIT}, default 10)"
    )
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "suggest", help="suggest goals, target groups and forms for an idea in your own words"
    )
    p.add_argument("idea", help="the idea, described in your own words")
    p.add_argument(
        "--lang",
        choices=("pl", "en", "auto"),
        default="auto",
        help="language of the description (default: try both)",
    )
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.set_defaults(func=cmd_suggest)


COMMANDS = ("search", "suggest")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def main(argv: list[str]) -> int:
    """``python -m recommender search|suggest …`` without loading the rest of the command line
    (and its imports): a fresh process answers from the cached index within a second."""
    parser = _Parser(prog="python -m recommender")
    parser.add_argument("--knowledge", default=None, help="knowledge base directory")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add_subcommands(sub)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_INVALID if exc.code not in (0, None) else 0
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
