"""Loading and cross-reference checks for the plan's knowledge: duties, funding routes, and the
plan-related fields of steps (office, documents, provisions).

Called by :func:`recommender.loading.load_knowledge`; every problem is collected, never raised.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from .conditions import ConditionError, parse_condition
from .models import Contact, Form, Provision, Source
from .plan_models import Duty, FundingRoute


def act_ids(base: Path) -> frozenset[str] | None:
    """Ids of the registry of acts, or None when the registry is not there (nothing to check)."""
    from .loading import read_yaml

    path = base / "acts.yaml"
    if not path.exists():
        return None
    data, problems = read_yaml(path, "acts.yaml")
    if problems or not isinstance(data, dict) or not isinstance(data.get("acts"), list):
        return None
    return frozenset(a["id"] for a in data["acts"] if isinstance(a, dict) and "id" in a)


def check_provisions(
    provisions: Iterable[Provision],
    acts: frozenset[str] | None,
    shown: str,
    loc: str,
    problems: list[Any],
) -> None:
    from .problems import Problem

    if acts is None:
        return
    for j, prov in enumerate(provisions):
        if prov.act not in acts:
            problems.append(
                Problem(shown, f"{loc}.provisions[{j}].act", f"unknown act {prov.act!r}")
            )


def check_steps(
    form: Form,
    shown: str,
    contacts: Mapping[str, Contact],
    document_ids: Collection[str] | None,
    problems: list[Any],
) -> None:
    """The plan-related fields of a form's steps refer to known contacts and to the document
    templates in ``knowledge/documents/`` (``None``: a template was unreadable, so the ids are not
    judged). Their provisions are checked with every other provision of the form."""
    from .problems import Problem

    for j, step in enumerate(form.steps):
        loc = f"steps[{j}]"
        if step.office is not None and contacts and step.office not in contacts:
            problems.append(Problem(shown, f"{loc}.office", f"unknown contact {step.office!r}"))
        if document_ids is None:
            continue
        for k, doc in enumerate(step.documents):
            if doc not in document_ids:
                problems.append(
                    Problem(shown, f"{loc}.documents[{k}]", f"unknown document {doc!r}")
                )


def load_plan_knowledge(
    load_list: Callable[[str, type, str, bool], list[Any]],
    show: Callable[[str], str],
    base: Path,
    sources: Mapping[str, Source],
    contacts: Mapping[str, Contact],
    form_ids: Iterable[str],
    used_sources: set[str],
    problems: list[Any],
) -> tuple[tuple[Duty, ...], tuple[FundingRoute, ...]]:
    """Validate ``duties.yaml`` and ``funding.yaml`` (both optional) and their references."""
    from .problems import Problem

    acts = act_ids(base)
    known_forms = set(form_ids)
    out: dict[str, list[Any]] = {}
    for rel, model, key in (
        ("duties.yaml", Duty, "duties"),
        ("funding.yaml", FundingRoute, "funding"),
    ):
        entries = load_list(rel, model, key, False)
        shown = show(rel)
        for i, e in enumerate(entries):
            loc = f"{key}[{i}]"
            if not e.sources and not e.unverified:
                problems.append(
                    Problem(shown, f"{loc}.sources", "needs at least one source (or unverified)")
                )
            for j, sid in enumerate(e.sources):
                if sid not in sources:
                    problems.append(
                        Problem(shown, f"{loc}.sources[{j}]", f"unknown source {sid!r}")
                    )
                used_sources.add(sid)
            for j, f in enumerate(e.forms):
                if f not in known_forms:
                    problems.append(Problem(shown, f"{loc}.forms[{j}]", f"unknown form {f!r}"))
            ref = getattr(e, "office", None) or getattr(e, "contact", None)
            if ref is not None and ref not in contacts:
                field = "office" if isinstance(e, Duty) else "contact"
                problems.append(Problem(shown, f"{loc}.{field}", f"unknown contact {ref!r}"))
            if e.applies_when is not None:
                try:
                    parse_condition(e.applies_when)
                except ConditionError as exc:
                    where = f"{loc}.applies_when" + (f".{exc.location}" if exc.location else "")
                    problems.append(Problem(shown, where, exc.message))
            url = getattr(e, "url", None)
            if url is not None and not url.startswith(("https://", "http://")):
                problems.append(Problem(shown, f"{loc}.url", "must be an http(s) URL"))
            check_provisions(e.provisions, acts, shown, loc, problems)
        out[key] = entries
    return tuple(out["duties"]), tuple(out["funding"])
