"""The ``draft`` command: one document draft for a profile, as Markdown or DOCX.

``python -m recommender draft --form ID --doc ID --profile FILE|- [--lang pl|en]
[--format md|docx] [--out PATH] [--name TEXT]``. Markdown goes to standard output unless
``--out`` is given; DOCX needs ``--out``. Input errors are one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_INVALID = 2


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_INVALID


def cmd_draft(args: argparse.Namespace) -> int:
    from .cli import InputError, load_kb, read_json
    from .documents import UnknownDocument, draft_docx, draft_markdown, render_draft
    from .profile import FORM_IDS, ProfileError, parse_profile

    if args.format == "docx" and not args.out:
        return _fail("--format docx needs --out PATH")
    if args.form not in FORM_IDS:
        return _fail(f"form: unknown form {args.form!r}")
    try:
        data = read_json(args.profile)
        profile = parse_profile(data)
    except InputError as exc:
        return _fail(str(exc))
    except ProfileError as exc:
        return _fail(str(exc))
    kb = load_kb(args)  # the start-up cache, as the other commands
    values = {"name": args.name} if args.name else None
    try:
        draft = render_draft(kb, args.doc, profile, args.lang, values=values, form_id=args.form)
    except UnknownDocument as exc:
        return _fail(str(exc))
    if args.format == "docx":
        payload: bytes = draft_docx(draft)
    else:
        payload = draft_markdown(draft).encode("utf-8")
    if args.out:
        try:
            Path(args.out).write_bytes(payload)
        except OSError as exc:
            return _fail(f"out: cannot write {args.out!r}: {exc.strerror or exc}")
    else:
        sys.stdout.write(payload.decode("utf-8"))
    return 0


def add_subcommands(sub: Any) -> None:
    p = sub.add_parser("draft", help="write one document draft (statute, minutes, ...)")
    p.add_argument("--form", required=True, help="form id, e.g. stowarzyszenie")
    p.add_argument("--doc", required=True, help="document id, e.g. statut-stowarzyszenia")
    p.add_argument("--profile", required=True, help="a JSON file, or - for standard input")
    p.add_argument("--lang", choices=("pl", "en"), default="pl")
    p.add_argument("--format", choices=("md", "docx"), default="md")
    p.add_argument("--out", default=None, help="file to write (required for docx)")
    p.add_argument("--name", default=None, help="the organisation's name, if already chosen")
    p.set_defaults(func=cmd_draft)
