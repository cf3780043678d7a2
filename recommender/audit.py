"""``python -m recommender audit``: every fact, rule, pro, con, step, status statement and contact
with the provisions and sources it rests on, their dates, and whether it is stale.

The JSON shape is part of the public contract (``contract.md``, "Additions") and is documented in
``docs/knowledge-format.md`` with a JSON Schema in ``docs/schema/audit.schema.json``. The command
imports neither the rooms store nor Streamlit nor scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .loading import KnowledgeBase, load_knowledge
from .provenance import Entry, contact_entry, form_entries, status_entries


def entries(kb: KnowledgeBase) -> list[Entry]:
    """Every audited item, in a stable order: forms (contract order), statuses, contacts."""
    out: list[Entry] = [e for form in kb.forms.values() for e in form_entries(form)]
    for i, status in enumerate(kb.statuses.values()):
        out.extend(status_entries(status, i))
    out.extend(contact_entry(c, i) for i, c in enumerate(kb.contacts.values()))
    return out


def text_in(kb: KnowledgeBase, act_id: str, explicit: str | None) -> str | None:
    """The text a provision was read in: its own ``text_in``, else the act's consolidated text,
    else (no consolidated text confirmed) the act as first published."""
    if explicit:
        return explicit
    act = kb.acts.get(act_id)
    if act is None:
        return None
    return act.consolidated or act.journal


def _published(value: Any) -> str | None:
    if value is None or value == "undated":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def audit(kb: KnowledgeBase) -> dict[str, Any]:
    """The audit as a JSON-ready object."""
    items = []
    for e in entries(kb):
        verdict = kb.staleness.get(e.key)
        provisions = [
            {"act": p.act, "ref": p.ref, "text_in": text_in(kb, p.act, p.text_in)}
            for p in getattr(e.obj, "provisions", ())
        ]
        sources = [
            {
                "id": s.id,
                "url": s.url,
                "published": _published(s.published),
                "checked": s.checked.isoformat(),
            }
            for s in kb.source_list(e.obj.sources)
        ]
        items.append(
            {
                "kind": e.kind,
                "id": e.id,
                "form": e.form,
                "provisions": provisions,
                "sources": sources,
                "stale": bool(verdict and verdict.stale),
                "why": verdict.why if verdict else "not judged",
            }
        )
    return {
        "knowledge_version": kb.version,
        "law_as_of": kb.law_as_of.isoformat(),
        "items": items,
    }


def audit_text(report: dict[str, Any]) -> str:
    """One line per item: kind, form/id, provisions, source dates, and STALE with the reason."""
    lines = [
        f"knowledge {report['knowledge_version']}, law as of {report['law_as_of']}, "
        f"{len(report['items'])} items, "
        f"{sum(1 for i in report['items'] if i['stale'])} stale"
    ]
    for item in report["items"]:
        where = f"{item['form']}/{item['id']}" if item["form"] else item["id"]
        provs = "; ".join(f"{p['ref']} {p['act']}" for p in item["provisions"]) or "no provision"
        dates = ", ".join(
            f"{s['id']} (published {s['published'] or 'undated'}, checked {s['checked']})"
            for s in item["sources"]
        )
        flag = f"STALE: {item['why']}" if item["stale"] else "ok"
        lines.append(f"{item['kind']}\t{where}\t{provs}\t{dates or 'no source'}\t{flag}")
    return "\n".join(lines) + "\n"


def cmd_audit(args: argparse.Namespace) -> int:
    kb = load_knowledge(getattr(args, "knowledge", None))
    report = audit(kb)
    if args.format == "text":
        sys.stdout.write(audit_text(report))
    else:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def add_subcommands(sub: Any) -> None:
    p = sub.add_parser(
        "audit", help="list every fact, rule, pro, con, step, status and contact with its dates"
    )
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.set_defaults(func=cmd_audit)
