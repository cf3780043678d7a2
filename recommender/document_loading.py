"""Loading and cross-checking document templates (``knowledge/documents/*.yaml``).

Called by :func:`recommender.loading.load_knowledge`; every problem is reported like the rest
of the knowledge base (file, location, message), so ``python -m recommender check`` lists them.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Collection, Iterable
from typing import Any

from .conditions import ConditionError, parse_condition
from .document_models import DocumentTemplate, Placeholder
from .models import Text

PLACEHOLDERS_FILE = "document_placeholders.yaml"
DOCUMENTS_DIR = "documents"


def placeholder_names(text: str) -> list[str]:
    """The ``{names}`` in a text; raises ``ValueError`` on unbalanced braces.

    >>> placeholder_names("Stowarzyszenie {name} działa na terenie: {area}.")
    ['name', 'area']
    """
    return [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]


def _texts_of(template: DocumentTemplate) -> Iterable[tuple[str, Text]]:
    yield "title", template.title
    if template.intro is not None:
        yield "intro", template.intro
    for i, clause in enumerate(template.clauses):
        loc = f"clauses[{i}]"
        if clause.heading is not None:
            yield f"{loc}.heading", clause.heading
        yield f"{loc}.text", clause.text
        for j, item in enumerate(clause.items):
            yield f"{loc}.items[{j}]", item
        if clause.when_note is not None:
            yield f"{loc}.when_note", clause.when_note


def check_placeholders(
    placeholders: list[Placeholder],
    vocabulary_fields: Collection[tuple[str, str]],
    shown: str,
    problems: list[Any],
    problem: Callable[[str, str, str], Any],
) -> None:
    """Each placeholder reads a real profile field, and its value map uses that field's values."""
    from .profile import FIELDS

    for i, ph in enumerate(placeholders):
        loc = f"placeholders[{i}]"
        if ph.field is None:
            continue
        spec = FIELDS.get(ph.field)
        if spec is None:
            problems.append(problem(shown, f"{loc}.field", f"unknown profile field {ph.field!r}"))
            continue
        allowed: tuple[str, ...] = ()
        if spec.kind == "bool":
            allowed = ("true", "false")
        elif spec.kind in ("enum", "enum_list"):
            allowed = spec.values
        for key in ph.values:
            if key not in allowed:
                problems.append(
                    problem(shown, f"{loc}.values.{key}", f"not a value of {ph.field!r}")
                )
        if spec.kind == "enum" and not ph.values:
            problems.append(problem(shown, f"{loc}.values", "a choice field needs values"))
        if spec.kind == "enum_list" and not ph.values:
            missing = [v for v in spec.values if (ph.field, v) not in vocabulary_fields]
            if missing:
                problems.append(
                    problem(
                        shown,
                        f"{loc}.field",
                        f"no vocabulary label for {', '.join(missing)} (add values or labels)",
                    )
                )


def check_template(
    template: DocumentTemplate,
    stem: str,
    shown: str,
    *,
    form_ids: Collection[str],
    act_ids: Collection[str],
    source_ids: Collection[str],
    placeholder_ids: Collection[str],
    used_sources: set[str],
    problems: list[Any],
    problem: Callable[[str, str, str], Any],
) -> None:
    """Cross-references of one template: forms, acts, sources, placeholders and conditions."""
    if template.id != stem:
        problems.append(
            problem(shown, "id", f"id {template.id!r} differs from the file name {stem!r}")
        )
    for j, fid in enumerate(template.forms):
        if fid not in form_ids:
            problems.append(problem(shown, f"forms[{j}]", f"unknown form {fid!r}"))
    for j, sid in enumerate(template.sources):
        if sid not in source_ids:
            problems.append(problem(shown, f"sources[{j}]", f"unknown source {sid!r}"))
        used_sources.add(sid)
    seen: set[str] = set()
    for i, clause in enumerate(template.clauses):
        loc = f"clauses[{i}]"
        if clause.id in seen:
            problems.append(problem(shown, f"{loc}.id", f"duplicate clause id {clause.id!r}"))
        seen.add(clause.id)
        for k, fid in enumerate(clause.forms):
            if fid not in template.forms:
                problems.append(
                    problem(shown, f"{loc}.forms[{k}]", f"{fid!r} is not a form of this template")
                )
        for k, prov in enumerate(clause.required_by):
            if prov.act not in act_ids:
                problems.append(
                    problem(
                        shown,
                        f"{loc}.required_by[{k}].act",
                        f"unknown act {prov.act!r} (see acts.yaml)",
                    )
                )
        if clause.when is not None:
            try:
                parse_condition(clause.when)
            except ConditionError as exc:
                where = f"{loc}.when.{exc.location}" if exc.location else f"{loc}.when"
                problems.append(problem(shown, where, exc.message))
    for loc, text in _texts_of(template):
        for lang in ("pl", "en"):
            try:
                names = placeholder_names(text.get(lang))
            except ValueError as exc:
                problems.append(problem(shown, f"{loc}.{lang}", f"bad placeholder: {exc}"))
                continue
            for name in names:
                if name not in placeholder_ids:
                    problems.append(
                        problem(
                            shown,
                            f"{loc}.{lang}",
                            f"unknown placeholder {{{name}}} (see {PLACEHOLDERS_FILE})",
                        )
                    )
