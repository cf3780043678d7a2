"""Export of the knowledge base (contract: ``python -m recommender export``) and safe CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from .loading import KnowledgeBase
from .models import Form

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A CSV cell that spreadsheets will not read as a formula (OWASP: CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue()


def core_facts(kb: KnowledgeBase, form: Form) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in kb.fact_keys.values():
        if key.core:
            value = form.facts[key.id].value
            out[key.id] = list(value) if isinstance(value, tuple) else value
    return out


def _form_sources(kb: KnowledgeBase, form: Form) -> list[str]:
    """Every source the form page cites, in first-cited order."""
    seen: dict[str, None] = {}
    for sid in form.sources:
        seen[sid] = None
    if form.legal_basis is not None:
        for sid in form.legal_basis.sources:
            seen[sid] = None
    for fact in form.facts.values():
        for sid in fact.sources:
            seen[sid] = None
    for seq in (form.pros, form.cons, form.rules, form.steps, form.pathways):
        for obj in seq:
            for sid in obj.sources:
                seen[sid] = None
    return list(seen)


def export_json(kb: KnowledgeBase) -> dict[str, Any]:
    forms: dict[str, Any] = {}
    for fid, form in kb.forms.items():
        forms[fid] = {
            "name": {"pl": form.name.pl, "en": form.name.en},
            "facts": core_facts(kb, form),
            "pros": [_item(i) for i in form.pros],
            "cons": [_item(i) for i in form.cons],
            "sources": [
                {"id": s.id, "title": s.title, "url": s.url, "checked": s.checked.isoformat()}
                for s in kb.source_list(_form_sources(kb, form))
            ],
        }
    return {"forms": forms, "knowledge_version": kb.version}


def _item(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": {"pl": item.text.pl, "en": item.text.en},
        "criteria": list(item.criteria),
        "strength": item.strength,
        "sources": list(item.sources),
    }


def export_csv(kb: KnowledgeBase, lang: str = "pl") -> str:
    """One row per form: core facts, then pros and cons as counted lists, then source URLs."""
    keys = [k.id for k in kb.fact_keys.values() if k.core]
    header = ["form", "name", *keys, "pros", "cons", "sources"]
    rows = []
    for fid, form in kb.forms.items():
        facts = core_facts(kb, form)
        rows.append(
            [
                fid,
                form.name.get(lang),
                *(
                    "; ".join(map(str, facts[k]))
                    if isinstance(facts[k], list)
                    else (
                        ""
                        if facts[k] is None
                        else str(facts[k]).lower()
                        if isinstance(facts[k], bool)
                        else facts[k]
                    )
                    for k in keys
                ),
                " | ".join(i.text.get(lang) for i in form.pros),
                " | ".join(i.text.get(lang) for i in form.cons),
                " ".join(s.url for s in kb.source_list(_form_sources(kb, form))),
            ]
        )
    return to_csv(header, rows)
