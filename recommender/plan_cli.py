"""The ``plan`` command of ``python -m recommender`` (see docs/plan.md).

``python -m recommender plan --profile FILE|- [--form ID] [--lang pl|en]
[--format json|md|docx|ics] [--out PATH] [--founding-date YYYY-MM-DD]``

Input errors (bad JSON or profile, unknown form, ``docx``/``ics`` without ``--out``, a founding
date out of bounds): exit status 2 and one line on stderr, nothing on stdout. Only light imports
at module level: the command never loads SQLAlchemy, Alembic, Streamlit or scikit-learn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

EXIT_INVALID = 2
BINARY = ("docx", "ics")


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_INVALID


def _write(out: str, data: bytes) -> str | None:
    try:
        Path(out).write_bytes(data)
    except OSError as exc:
        return f"out: cannot write {out!r}: {exc.strerror or exc}"
    return None


def cmd_plan(args: argparse.Namespace) -> int:
    from .cli import InputError, load_kb, read_json
    from .plan import (
        FormatUnavailable,
        FoundingDateError,
        UnknownForm,
        build_plan,
        plan_docx,
        plan_markdown,
    )
    from .profile import FORM_IDS, ProfileError, parse_profile

    if args.format in BINARY and not args.out:
        return _fail(f"out: --format {args.format} needs --out PATH")
    if args.form is not None and args.form not in FORM_IDS:
        return _fail(str(UnknownForm(args.form)))
    try:
        raw = read_json(args.profile)
    except InputError as exc:
        return _fail(str(exc))
    if not isinstance(raw, dict):
        return _fail("profile: expected one JSON object")
    try:
        parse_profile(raw)  # input errors first, whatever the state of the knowledge base
    except ProfileError as exc:
        return _fail(str(exc))
    kb = load_kb(args)  # the start-up cache, as the other commands
    try:
        plan = build_plan(
            kb,
            parse_profile(raw, kb.criteria),
            args.form,
            args.lang,
            founding_date=args.founding_date,
        )
    except (ProfileError, UnknownForm) as exc:
        return _fail(str(exc))
    except FoundingDateError as exc:
        return _fail(f"founding-date: {exc}")
    payload: Any
    if args.format == "json":
        text = json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "md":
        text = plan_markdown(plan)
    else:
        try:
            if args.format == "docx":
                payload = plan_docx(plan)
            else:
                from .calendar import duties_ics

                payload = duties_ics(plan)
        except FormatUnavailable as exc:
            return _fail(str(exc))
        error = _write(args.out, payload)
        return _fail(error) if error else 0
    if args.out:
        error = _write(args.out, text.encode("utf-8"))
        return _fail(error) if error else 0
    sys.stdout.write(text)
    return 0


def _date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value[:40]!r}") from None
    return value


def add_subcommands(sub: Any) -> None:
    p = sub.add_parser(
        "plan", help="a founding plan: steps, costs, times, duties and funding for one form"
    )
    p.add_argument("--profile", required=True, help="a JSON file, or - for standard input")
    p.add_argument("--form", default=None, help="form id (default: the best fit)")
    p.add_argument("--lang", choices=("pl", "en"), default="pl")
    p.add_argument("--format", choices=("json", "md", "docx", "ics"), default="json")
    p.add_argument("--out", default=None, help="output file (required for docx and ics)")
    p.add_argument(
        "--founding-date",
        type=_date,
        default=None,
        help="date the duties are counted from (default: the earliest realistic start)",
    )
    p.set_defaults(func=cmd_plan)
