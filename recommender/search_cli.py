"""The ``search`` and ``suggest`` commands of ``python -m recommender`` (see contract.md).

:func:`add_subcommands` is called by :mod:`recommender.cli` with its sub-parsers object. Input
errors (an empty query) are one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .i18n import t
from .loading import KnowledgeBase, load_knowledge

EXIT_INVALID = 2
MAX_LIMIT = 100


def _kb(args: argparse.Namespace) -> KnowledgeBase:
    return load_knowledge(getattr(args, "knowledge", None))


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
    from .search import EmptyQueryError, search

    query = args.query
    if not query.strip():
        return _fail("query: the search text is empty")
    kb = _kb(args)
    try:
        results = search(kb, query, args.lang, args.limit)
    except EmptyQueryError:
        return _fail("query: the search text has no letters or digits")
    if args.format == "text":
        sys.stdout.write(search_text(kb, [r.to_dict(kb, args.lang) for r in results], args.lang))
        return 0
    print(
        json.dumps(
            {"results": [r.to_dict(kb, args.lang) for r in results]}, ensure_ascii=False, indent=2
        )
    )
    return 0


def search_text(kb: KnowledgeBase, results: list[dict[str, Any]], lang: str) -> str:
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
    from .suggest import suggest

    text = args.idea
    if not text.strip():
        return _fail("idea: the description is empty")
    kb = _kb(args)
    result = suggest(kb, text, args.lang)
    if args.format == "text":
        lang = "en" if args.lang == "en" else "pl"
        lines = []
        for field in ("goals", "target_groups"):
            cands = getattr(result, field)
            labels = [
                kb.vocabulary[(field, c.value)].label.get(lang)
                if (field, c.value) in kb.vocabulary
                else c.value
                for c in cands
            ]
            lines.append(f"{t('field.' + field, lang)}: " + (", ".join(labels) if labels else "–"))
        forms = ", ".join(f"{kb.form_name(c.value, lang)} ({c.score:.2f})" for c in result.forms)
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
