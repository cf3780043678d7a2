"""Strict loading of the knowledge base: YAML → typed models → cross-reference checks.

All problems are collected (not just the first) as :class:`Problem` values that name the file
and the location inside it, so ``python -m recommender check`` can list every one at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .concepts import FILE as CONCEPTS_FILE
from .concepts import ConceptsFile, load_concepts
from .conditions import Condition, ConditionError, parse_condition
from .document_loading import (
    DOCUMENTS_DIR,
    PLACEHOLDERS_FILE,
    check_placeholders,
    check_template,
)
from .document_models import DocumentTemplate, Placeholder
from .models import (
    Act,
    Acts,
    Contact,
    Criterion,
    FactKey,
    FaqEntry,
    Form,
    GlossaryEntry,
    Item,
    LawChange,
    LawChanges,
    Persona,
    Questionnaire,
    Rule,
    Scoring,
    Source,
    Sourced,
    Status,
    Text,
    VocabularyEntry,
)
from .plan_loading import check_steps, load_plan_knowledge
from .plan_models import Duty, FundingRoute
from .problems import KnowledgeError as KnowledgeError  # re-exported: its historical home
from .problems import Problem as Problem
from .profile import FIELDS, FORM_IDS, ProfileError, parse_profile
from .provenance import (
    Entry,
    contact_entry,
    form_entries,
    judge,
    replace_in_form,
    replace_in_status,
    status_entries,
    warning_text,
    with_warning,
)
from .reading import FILE as READING_FILE
from .reading_models import load_reading
from .staleness import Staleness

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "knowledge"
RULE_PLACEHOLDERS = {"gap", *FIELDS}


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is available


class _StrictLoader(_Base):  # type: ignore[misc]
    """A safe loader that rejects duplicate keys instead of silently keeping the last one."""


def _construct_mapping(
    loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=deep))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file strictly; returns (data, problems)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, "", f"cannot read file: {exc}")]
    try:
        return yaml.load(text, Loader=_StrictLoader), []  # noqa: S506 - strict *safe* loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return None, [Problem(shown, where, f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, "", f"invalid YAML: {exc}")]


def _loc(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out


M = TypeVar("M", bound=BaseModel)


def _validate(
    model: type[M], data: Any, shown: str, prefix: str, problems: list[Problem]
) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = _loc((*([prefix] if prefix else []), *err["loc"]))
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown field"
            elif err["type"] == "missing":
                msg = "required field is missing"
            problems.append(Problem(shown, loc, msg))
        return None


_MISSING = object()


def _items_of(data: Any, key: str, shown: str, problems: list[Problem]) -> list[Any]:
    if data is _MISSING:
        return []
    if data is None:
        problems.append(Problem(shown, "", "file is empty"))
        return []
    if not isinstance(data, dict) or set(data) != {key}:
        problems.append(Problem(shown, "", f"expected a mapping with the single key '{key}'"))
        return []
    items = data[key]
    if not isinstance(items, list):
        problems.append(Problem(shown, key, "expected a list"))
        return []
    return items


def _validate_list(
    model: type[M], data: Any, key: str, shown: str, problems: list[Problem]
) -> list[M]:
    out: list[M] = []
    ids: dict[str, int] = {}
    for i, raw in enumerate(_items_of(data, key, shown, problems)):
        obj = _validate(model, raw, shown, f"{key}[{i}]", problems)
        if obj is None:
            continue
        oid = getattr(obj, "id", None)
        if oid is not None:
            if oid in ids:
                problems.append(
                    Problem(
                        shown, f"{key}[{i}].id", f"duplicate id {oid!r} (also {key}[{ids[oid]}])"
                    )
                )
                continue
            ids[oid] = i
        out.append(obj)
    return out


@dataclass(frozen=True)
class CompiledItem:
    """A pro or con with its compiled condition and criteria vector (precomputed once)."""

    form: str
    kind: str  # "pro" | "con"
    item: Item
    condition: Condition | None


@dataclass(frozen=True)
class CompiledRule:
    form: str
    rule: Rule
    condition: Condition


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole, validated knowledge base: one immutable object shared by every user."""

    root: Path
    forms: dict[str, Form]
    criteria: dict[str, Criterion]
    criteria_conditions: dict[str, tuple[tuple[Condition, int], ...]]
    fact_keys: dict[str, FactKey]
    sources: dict[str, Source]
    questionnaire: Questionnaire
    question_conditions: dict[str, Condition]
    glossary: dict[str, GlossaryEntry]
    contacts: dict[str, Contact]
    statuses: dict[str, Status]
    personas: dict[str, Persona]
    faq: dict[str, FaqEntry]
    vocabulary: dict[tuple[str, str], VocabularyEntry]
    scoring: Scoring
    items: dict[str, tuple[CompiledItem, ...]]
    rules: dict[str, tuple[CompiledRule, ...]]
    version: str
    last_checked: dt.date
    acts: dict[str, Act]
    law_as_of: dt.date  # the date up to which every act was checked ("stan prawny na")
    law_changes: tuple[LawChange, ...]  # newest first
    staleness: dict[tuple[str, str | None, str], Staleness]  # (kind, form, id) -> verdict
    amount_max_age_years: int
    extra: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, DocumentTemplate] = field(default_factory=dict)  # documents/*.yaml
    placeholders: dict[str, Placeholder] = field(default_factory=dict)  # their {placeholders}
    duties: tuple[Duty, ...] = ()  # yearly and one-off duties (duties.yaml)
    funding: tuple[FundingRoute, ...] = ()  # funding routes (funding.yaml)
    concepts: ConceptsFile = field(default_factory=ConceptsFile)  # knowledge/concepts.yaml

    def form_name(self, form_id: str, lang: str) -> str:
        return self.forms[form_id].name.get(lang)

    def source_list(self, ids: Iterable[str]) -> list[Source]:
        return [self.sources[i] for i in ids if i in self.sources]


def _check_sourced(
    obj: Sourced,
    shown: str,
    loc: str,
    sources: dict[str, Source],
    problems: list[Problem],
    used: set[str],
    require: bool = True,
) -> None:
    for j, sid in enumerate(obj.sources):
        if sid not in sources:
            problems.append(Problem(shown, f"{loc}.sources[{j}]", f"unknown source {sid!r}"))
        used.add(sid)
    if obj.unverified:
        if obj.sources:
            problems.append(
                Problem(shown, f"{loc}.unverified", "a fact with sources is not unverified")
            )
        if obj.uncertainty is None:
            problems.append(
                Problem(shown, f"{loc}.uncertainty", "an unverified fact must say so to the user")
            )
    elif require and not obj.sources:
        problems.append(
            Problem(shown, f"{loc}.sources", "needs at least one source (or unverified: true)")
        )


# Rules and core facts of a form that an act establishes must cite a provision.
REQUIRE_PROVISIONS = True


def _check_provisions(
    obj: Any, shown: str, loc: str, acts: dict[str, Act], problems: list[Problem]
) -> None:
    for j, prov in enumerate(getattr(obj, "provisions", ())):
        if prov.act not in acts:
            problems.append(
                Problem(
                    shown,
                    f"{loc}.provisions[{j}].act",
                    f"unknown act {prov.act!r} (add it to acts.yaml)",
                )
            )


def law_change_order(change: LawChange) -> tuple[bool, dt.date]:
    """Sort key (descending): bills first, then newest in force first, undated last."""
    return (change.status == "pending", change.in_force or dt.date.min)


def _compile(
    raw: dict[str, Any] | None, shown: str, loc: str, problems: list[Problem]
) -> Condition | None:
    if raw is None:
        return None
    try:
        return parse_condition(raw)
    except ConditionError as exc:
        problems.append(
            Problem(shown, f"{loc}.{exc.location}" if exc.location else loc, exc.message)
        )
        return None


def _check_placeholders(text: Text, shown: str, loc: str, problems: list[Problem]) -> None:
    for lang in ("pl", "en"):
        try:
            names = [f for _, f, _, _ in string.Formatter().parse(text.get(lang)) if f is not None]
        except ValueError as exc:
            problems.append(Problem(shown, f"{loc}.{lang}", f"bad placeholder: {exc}"))
            continue
        for name in names:
            if name.split(":")[0].split("|")[0] not in RULE_PLACEHOLDERS:
                problems.append(Problem(shown, f"{loc}.{lang}", f"unknown placeholder {{{name}}}"))


def _check_fact_value(key: FactKey, value: Any) -> str | None:
    t = key.type
    if t == "text":
        return None if value is None else "a text fact takes no value"
    if t == "bool":
        return None if isinstance(value, bool) else "expected true or false"
    if t in ("int", "int_or_null"):
        if value is None and t == "int_or_null":
            return None
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return (
            None
            if ok
            else "expected a whole number >= 0" + (" or null" if t == "int_or_null" else "")
        )
    if t == "enum":
        return None if value in key.values else f"expected one of {', '.join(key.values)}"
    if not isinstance(value, list) or any(v not in key.values for v in value):
        return f"expected a list of {', '.join(key.values)}"
    return None


def load_knowledge(root: str | Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base, or raise :class:`KnowledgeError` with every problem."""
    base = Path(root) if root is not None else DEFAULT_DIR
    shown_root = str(root) if root is not None else "knowledge"
    problems: list[Problem] = []

    def show(rel: str) -> str:
        return str(Path(shown_root) / rel)

    if not base.is_dir():
        raise KnowledgeError([Problem(shown_root, "", "not a directory")])

    def load_file(rel: str, required: bool = True) -> Any:
        p = base / rel
        if not p.exists():
            if required:
                problems.append(Problem(show(rel), "", "file is missing"))
            return _MISSING
        data, probs = read_yaml(p, show(rel))
        problems.extend(probs)
        return data if not probs else _MISSING

    # -- registries ------------------------------------------------------------------------
    sources: dict[str, Source] = {}
    src_dir = base / "sources"
    src_files = sorted(src_dir.glob("*.yaml")) if src_dir.is_dir() else []
    if not src_files:
        problems.append(Problem(show("sources"), "", "no source files (sources/*.yaml)"))
    source_origin: dict[str, str] = {}
    source_pages: dict[str, str] = {}  # a page's address -> the first source id that cites it
    for p in src_files:
        rel = f"sources/{p.name}"
        data, probs = read_yaml(p, show(rel))
        problems.extend(probs)
        if probs:
            continue
        for s in _validate_list(Source, data, "sources", show(rel), problems):
            if s.id in sources:
                problems.append(
                    Problem(
                        show(rel),
                        f"sources.{s.id}",
                        f"duplicate source id (also in {source_origin[s.id]})",
                    )
                )
                continue
            page = s.url.split("#", 1)[0].rstrip("/").lower()
            if page in source_pages:
                # one page, one entry: two ids for it drift apart (dates checked, notes)
                problems.append(
                    Problem(
                        show(rel),
                        f"sources.{s.id}.url",
                        f"the same page as source {source_pages[page]!r}: cite that id instead",
                    )
                )
            source_pages.setdefault(page, s.id)
            sources[s.id] = s
            source_origin[s.id] = rel
    used_sources: set[str] = set()

    criteria_list = _validate_list(
        Criterion, load_file("criteria.yaml"), "criteria", show("criteria.yaml"), problems
    )
    criteria = {c.id: c for c in criteria_list}
    criteria_conditions: dict[str, tuple[tuple[Condition, int], ...]] = {}
    for i, c in enumerate(criteria_list):
        conds = []
        for j, imp in enumerate(c.implied):
            cond = _compile(
                imp.when, show("criteria.yaml"), f"criteria[{i}].implied[{j}].when", problems
            )
            if cond is not None:
                conds.append((cond, imp.value))
        criteria_conditions[c.id] = tuple(conds)

    fact_keys_list = _validate_list(
        FactKey, load_file("fact_keys.yaml"), "fact_keys", show("fact_keys.yaml"), problems
    )
    fact_keys = {k.id: k for k in fact_keys_list}

    # -- acts: the registry of the law, and the staleness of what rests on it --------------
    acts_data = load_file("acts.yaml")
    acts_file = (
        _validate(Acts, acts_data, show("acts.yaml"), "", problems)
        if acts_data is not _MISSING
        else None
    )
    acts: dict[str, Act] = {}
    established: dict[str, str] = {}  # form id -> the act that creates it
    if acts_file is not None:
        for i, act in enumerate(acts_file.acts):
            loc = f"acts[{i}]"
            if act.id in acts:
                problems.append(
                    Problem(show("acts.yaml"), f"{loc}.id", f"duplicate act {act.id!r}")
                )
                continue
            acts[act.id] = act
            if act.checked < acts_file.law_as_of:
                problems.append(
                    Problem(
                        show("acts.yaml"),
                        f"{loc}.checked",
                        f"checked {act.checked} is before law_as_of {acts_file.law_as_of}",
                    )
                )
            for j, fid in enumerate(act.establishes):
                if fid not in FORM_IDS:
                    problems.append(
                        Problem(
                            show("acts.yaml"), f"{loc}.establishes[{j}]", f"unknown form {fid!r}"
                        )
                    )
                established.setdefault(fid, act.id)
    staleness: dict[tuple[str, str | None, str], Staleness] = {}
    pending: dict[tuple[str, str], Text] = {}
    if acts_file is not None:
        for pp in acts_file.pending_provisions:
            pending[(pp.form, pp.item)] = pp.reason
    pending_seen: set[tuple[str, str]] = set()

    def provenance(entry: Entry, shown: str, require: bool = False) -> Any:
        """Check an item's provisions, judge its staleness; the item, warned if stale."""
        if acts_file is None:
            return entry.obj
        obj = entry.obj
        _check_provisions(obj, shown, entry.loc, acts, problems)
        key = (entry.form or "", f"{'facts' if entry.kind == 'fact' else 'rules'}.{entry.id}")
        if key in pending:
            pending_seen.add(key)
            if obj.provisions:
                problems.append(
                    Problem(
                        show("acts.yaml"),
                        "pending_provisions",
                        f"{entry.form}: {key[1]} cites a provision now; remove it from the list",
                    )
                )
            else:
                obj = with_warning(obj, pending[key])
        elif require and REQUIRE_PROVISIONS and not obj.provisions:
            problems.append(
                Problem(
                    shown,
                    f"{entry.loc}.provisions",
                    f"needs a provision: {established[entry.form or '']!r} establishes this form",
                )
            )
        verdict = judge(
            entry, sources, acts, fact_keys, acts_file.law_as_of, acts_file.amount_max_age_years
        )
        staleness[entry.key] = verdict
        warning = warning_text(
            verdict, acts, acts_file.stale_warning, acts_file.amount_max_age_years
        )
        return obj if warning is None else with_warning(obj, warning)

    statuses_list = _validate_list(
        Status, load_file("statuses.yaml"), "statuses", show("statuses.yaml"), problems
    )
    for i, status in enumerate(statuses_list):
        _check_provisions(status, show("statuses.yaml"), f"statuses[{i}]", acts, problems)
        status_updates = {
            e.loc.split(".", 1)[1]: provenance(e, show("statuses.yaml"))
            for e in status_entries(status, i)
        }
        statuses_list[i] = replace_in_status(status, status_updates)
    statuses = {s.id: s for s in statuses_list}

    scoring_data = load_file("scoring.yaml")
    scoring = (
        _validate(Scoring, scoring_data, show("scoring.yaml"), "", problems)
        if scoring_data is not _MISSING
        else None
    )

    # -- forms -----------------------------------------------------------------------------
    forms: dict[str, Form] = {}
    items: dict[str, tuple[CompiledItem, ...]] = {}
    rules: dict[str, tuple[CompiledRule, ...]] = {}
    used_criteria: set[str] = set()
    unreadable: set[str] = set()  # files whose citations are unknown: skip "unused" checks then
    form_dir = base / "forms"
    present = {p.stem: p for p in sorted(form_dir.glob("*.yaml"))} if form_dir.is_dir() else {}
    for stem in present:
        if stem not in FORM_IDS:
            problems.append(
                Problem(
                    show(f"forms/{stem}.yaml"), "", f"unknown form id {stem!r} (see contract.md)"
                )
            )
    for fid in FORM_IDS:
        rel = f"forms/{fid}.yaml"
        shown = show(rel)
        if fid not in present:
            problems.append(Problem(shown, "", "file is missing"))
            continue
        data, probs = read_yaml(present[fid], shown)
        problems.extend(probs)
        if probs:
            unreadable.add(shown)
            continue
        form = _validate(Form, data, shown, "", problems)
        if form is None:
            unreadable.add(shown)
            _raw_cross_references(data, shown, criteria, sources, problems)
            continue
        if form.id != fid:
            problems.append(
                Problem(shown, "id", f"id {form.id!r} differs from the file name {fid!r}")
            )
        for j, sid in enumerate(form.sources):
            if sid not in sources:
                problems.append(Problem(shown, f"sources[{j}]", f"unknown source {sid!r}"))
            used_sources.add(sid)
        if form.legal_basis is not None:
            _check_provisions(form.legal_basis, shown, "legal_basis", acts, problems)
        for j, pw in enumerate(form.pathways):
            _check_provisions(pw, shown, f"pathways[{j}]", acts, problems)
        form_updates: dict[tuple[str, str], Any] = {}
        for entry in form_entries(form):
            core = entry.kind == "fact" and entry.id in fact_keys and fact_keys[entry.id].core
            form_updates[(entry.kind, entry.id)] = provenance(
                entry, shown, require=fid in established and (core or entry.kind == "rule")
            )
        form = replace_in_form(form, form_updates)
        if form.legal_basis is not None:
            _check_sourced(form.legal_basis, shown, "legal_basis", sources, problems, used_sources)
        # facts
        for key in fact_keys.values():
            if key.core and key.id not in form.facts:
                problems.append(Problem(shown, f"facts.{key.id}", "core fact is missing"))
        for key_id, fact in form.facts.items():
            loc = f"facts.{key_id}"
            fk = fact_keys.get(key_id)
            if fk is None:
                problems.append(
                    Problem(shown, loc, f"unknown fact key {key_id!r} (add it to fact_keys.yaml)")
                )
            elif fact.not_applicable:
                if fact.value is not None:
                    problems.append(
                        Problem(shown, f"{loc}.value", "a fact that does not apply has no value")
                    )
            else:
                err = _check_fact_value(fk, fact.value)
                if err:
                    problems.append(Problem(shown, f"{loc}.value", err))
            _check_sourced(fact, shown, loc, sources, problems, used_sources)
        # pros and cons
        compiled_items: list[CompiledItem] = []
        seen_items: dict[str, str] = {}
        for kind, seq in (("pro", form.pros), ("con", form.cons)):
            if len(seq) < 5:
                problems.append(
                    Problem(shown, f"{kind}s", f"needs at least 5 {kind}s, has {len(seq)}")
                )
            for j, it in enumerate(seq):
                loc = f"{kind}s[{j}]"
                if it.id in seen_items:
                    problems.append(
                        Problem(
                            shown,
                            f"{loc}.id",
                            f"duplicate item id {it.id!r} (also {seen_items[it.id]})",
                        )
                    )
                seen_items[it.id] = loc
                for k, crit in enumerate(it.criteria):
                    if crit not in criteria:
                        problems.append(
                            Problem(shown, f"{loc}.criteria[{k}]", f"unknown criterion {crit!r}")
                        )
                    used_criteria.add(crit)
                _check_sourced(it, shown, loc, sources, problems, used_sources)
                cond = _compile(it.applies_when, shown, f"{loc}.applies_when", problems)
                compiled_items.append(CompiledItem(fid, kind, it, cond))
        items[fid] = tuple(compiled_items)
        # rules
        compiled_rules: list[CompiledRule] = []
        seen_rules: set[str] = set()
        for j, rule in enumerate(form.rules):
            loc = f"rules[{j}]"
            if rule.id in seen_rules:
                problems.append(Problem(shown, f"{loc}.id", f"duplicate rule id {rule.id!r}"))
            seen_rules.add(rule.id)
            _check_sourced(rule, shown, loc, sources, problems, used_sources)
            _check_placeholders(rule.message, shown, f"{loc}.message", problems)
            _check_placeholders(rule.change, shown, f"{loc}.change", problems)
            if rule.lift is not None:
                try:
                    parse_profile(rule.lift)
                except ProfileError as exc:
                    problems.append(Problem(shown, f"{loc}.lift.{exc.field}", exc.problem))
            cond = _compile(rule.blocks_when, shown, f"{loc}.blocks_when", problems)
            if cond is not None:
                compiled_rules.append(CompiledRule(fid, rule, cond))
        rules[fid] = tuple(compiled_rules)
        for j, step in enumerate(form.steps):
            _check_sourced(step, shown, f"steps[{j}]", sources, problems, used_sources)
        for j, pw in enumerate(form.pathways):
            if pw.to not in FORM_IDS:
                problems.append(Problem(shown, f"pathways[{j}].to", f"unknown form {pw.to!r}"))
            elif pw.to == fid:
                problems.append(
                    Problem(shown, f"pathways[{j}].to", "a pathway cannot lead to the form itself")
                )
            _check_sourced(pw, shown, f"pathways[{j}]", sources, problems, used_sources)
        for j, goal in enumerate(form.typical_goals):
            if goal not in FIELDS["goals"].values:
                problems.append(Problem(shown, f"typical_goals[{j}]", f"unknown goal {goal!r}"))
        for j, group in enumerate(form.typical_target_groups):
            if group not in FIELDS["target_groups"].values:
                problems.append(
                    Problem(shown, f"typical_target_groups[{j}]", f"unknown target group {group!r}")
                )
        for j, st in enumerate(form.statuses):
            if st not in statuses:
                problems.append(Problem(shown, f"statuses[{j}]", f"unknown status {st!r}"))
        opp = form.facts.get("opp_eligible")
        if opp is not None and ("opp" in form.statuses) != (opp.value is True):
            problems.append(
                Problem(
                    shown,
                    "statuses",
                    "lists 'opp' but facts.opp_eligible is not true"
                    if "opp" in form.statuses
                    else "facts.opp_eligible is true but 'opp' is not in statuses",
                )
            )
        forms[fid] = form

    for waiting in pending:
        if waiting not in pending_seen and not unreadable:
            problems.append(
                Problem(
                    show("acts.yaml"),
                    "pending_provisions",
                    f"{waiting[0]}: no rule or fact {waiting[1]!r} to wait for",
                )
            )
    for i, c in enumerate(criteria_list):
        if c.id not in used_criteria and forms and not unreadable:
            problems.append(
                Problem(
                    show("criteria.yaml"),
                    f"criteria[{i}]",
                    f"criterion {c.id!r} is used by no pro or con",
                )
            )

    # -- statuses, questionnaire, glossary, contacts, personas, faq ------------------------------
    for i, status in enumerate(statuses_list):
        for part in ("conditions", "benefits", "duties"):
            for j, cond_ in enumerate(getattr(status, part)):
                _check_sourced(
                    cond_,
                    show("statuses.yaml"),
                    f"statuses[{i}].{part}[{j}]",
                    sources,
                    problems,
                    used_sources,
                )
        for j, sid in enumerate(status.sources):
            if sid not in sources:
                problems.append(
                    Problem(
                        show("statuses.yaml"),
                        f"statuses[{i}].sources[{j}]",
                        f"unknown source {sid!r}",
                    )
                )
            used_sources.add(sid)

    q_data = load_file("questions.yaml")
    questionnaire = (
        _validate(Questionnaire, q_data, show("questions.yaml"), "", problems)
        if q_data is not _MISSING
        else None
    )
    question_conditions: dict[str, Condition] = {}
    if questionnaire is not None:
        _check_questionnaire(questionnaire, show("questions.yaml"), problems, question_conditions)

    def simple(rel: str, model: type[M], key: str, required: bool = True) -> list[M]:
        data = load_file(rel, required)
        return _validate_list(model, data, key, show(rel), problems)

    glossary = simple("glossary.yaml", GlossaryEntry, "glossary")
    contacts = [
        provenance(contact_entry(c, i), show("contacts.yaml"))
        for i, c in enumerate(simple("contacts.yaml", Contact, "contacts"))
    ]
    law_changes_file = load_file("law_changes.yaml")
    law_changes: tuple[LawChange, ...] = ()
    if law_changes_file is not _MISSING:
        lc = _validate(LawChanges, law_changes_file, show("law_changes.yaml"), "", problems)
        law_changes = lc.law_changes if lc is not None else ()
    seen_changes: set[str] = set()
    for i, change in enumerate(law_changes):
        shown = show("law_changes.yaml")
        loc = f"law_changes[{i}]"
        if change.id in seen_changes:
            problems.append(Problem(shown, f"{loc}.id", f"duplicate id {change.id!r}"))
        seen_changes.add(change.id)
        if acts_file is not None and change.act not in acts:
            problems.append(Problem(shown, f"{loc}.act", f"unknown act {change.act!r}"))
        _check_provisions(change, shown, loc, acts if acts_file is not None else {}, problems)
        _check_sourced(change, shown, loc, sources, problems, used_sources)
        for j, f in enumerate(change.forms):
            if f not in FORM_IDS:
                problems.append(Problem(shown, f"{loc}.forms[{j}]", f"unknown form {f!r}"))
        for j, fact_key in enumerate(change.facts):
            if fact_key not in fact_keys:
                problems.append(
                    Problem(shown, f"{loc}.facts[{j}]", f"unknown fact key {fact_key!r}")
                )
        if change.in_force is None and change.status != "pending" and change.uncertainty is None:
            problems.append(
                Problem(shown, f"{loc}.uncertainty", "say that the date in force is not confirmed")
            )
    law_changes = tuple(sorted(law_changes, key=law_change_order, reverse=True))
    personas = simple("personas.yaml", Persona, "personas", required=False)
    faq = simple("faq.yaml", FaqEntry, "faq", required=False)
    referencing: tuple[tuple[str, str, list[Any]], ...] = (
        ("glossary.yaml", "glossary", list(glossary)),
        ("contacts.yaml", "contacts", list(contacts)),
        ("faq.yaml", "faq", list(faq)),
    )
    for rel, list_key, entries in referencing:
        for i, e in enumerate(entries):
            if list_key == "faq":
                _check_provisions(e, show(rel), f"faq[{i}]", acts, problems)
            for j, sid in enumerate(e.sources):
                if sid not in sources:
                    problems.append(
                        Problem(
                            show(rel), f"{list_key}[{i}].sources[{j}]", f"unknown source {sid!r}"
                        )
                    )
                used_sources.add(sid)
            refs = tuple(getattr(e, "forms", None) or getattr(e, "helps_with", None) or ())
            field_name = "forms" if hasattr(e, "forms") else "helps_with"
            for j, f in enumerate(refs):
                if f not in FORM_IDS:
                    problems.append(
                        Problem(
                            show(rel), f"{list_key}[{i}].{field_name}[{j}]", f"unknown form {f!r}"
                        )
                    )
            url = getattr(e, "url", None)
            if url is not None and not url.startswith(("https://", "http://")):
                problems.append(Problem(show(rel), f"{key}[{i}].url", "must be an http(s) URL"))
    contacts_by_id = {c.id: c for c in contacts}
    duties, funding = load_plan_knowledge(
        simple, show, base, sources, contacts_by_id, FORM_IDS, used_sources, problems
    )
    for i, duty in enumerate(duties):
        if duty.status is not None and duty.status not in statuses:
            problems.append(
                Problem(
                    show("duties.yaml"), f"duties[{i}].status", f"unknown status {duty.status!r}"
                )
            )
    vocabulary: dict[tuple[str, str], VocabularyEntry] = {}
    voc_data = load_file("vocabulary.yaml", required=False)
    for i, raw in enumerate(_items_of(voc_data, "vocabulary", show("vocabulary.yaml"), problems)):
        voc_entry = _validate(
            VocabularyEntry, raw, show("vocabulary.yaml"), f"vocabulary[{i}]", problems
        )
        if voc_entry is None:
            continue
        spec = FIELDS.get(voc_entry.field)
        if spec is None or spec.kind not in ("enum", "enum_list"):
            problems.append(
                Problem(
                    show("vocabulary.yaml"),
                    f"vocabulary[{i}].field",
                    f"not a field with values: {voc_entry.field!r}",
                )
            )
        elif voc_entry.value not in spec.values:
            problems.append(
                Problem(
                    show("vocabulary.yaml"),
                    f"vocabulary[{i}].value",
                    f"unknown value {voc_entry.value!r} for {voc_entry.field!r}",
                )
            )
        elif (voc_entry.field, voc_entry.value) in vocabulary:
            problems.append(
                Problem(
                    show("vocabulary.yaml"),
                    f"vocabulary[{i}]",
                    f"duplicate entry {voc_entry.field}={voc_entry.value}",
                )
            )
        else:
            vocabulary[(voc_entry.field, voc_entry.value)] = voc_entry
            if voc_entry.open_to_all and voc_entry.field != "goals":
                problems.append(
                    Problem(
                        show("vocabulary.yaml"),
                        f"vocabulary[{i}].open_to_all",
                        "only a goal can be open to all residents",
                    )
                )
            if voc_entry.at_risk and voc_entry.field != "target_groups":
                problems.append(
                    Problem(
                        show("vocabulary.yaml"),
                        f"vocabulary[{i}].at_risk",
                        "only a target group can be at risk of exclusion",
                    )
                )
            if voc_entry.default_goal is not None and (
                voc_entry.field != "target_groups"
                or voc_entry.default_goal not in FIELDS["goals"].values
            ):
                problems.append(
                    Problem(
                        show("vocabulary.yaml"),
                        f"vocabulary[{i}].default_goal",
                        f"a target group's default goal must be a goal, "
                        f"not {voc_entry.default_goal!r}",
                    )
                )
    for i, persona in enumerate(personas):
        try:
            parse_profile(persona.profile, criteria)
        except ProfileError as exc:
            problems.append(
                Problem(show("personas.yaml"), f"personas[{i}].profile.{exc.field}", exc.problem)
            )
        for j, f in enumerate(persona.good_fit):
            if f not in FORM_IDS:
                problems.append(
                    Problem(
                        show("personas.yaml"), f"personas[{i}].good_fit[{j}]", f"unknown form {f!r}"
                    )
                )

    placeholders = simple(PLACEHOLDERS_FILE, Placeholder, "placeholders")
    check_placeholders(placeholders, vocabulary, show(PLACEHOLDERS_FILE), problems, Problem)
    documents: dict[str, DocumentTemplate] = {}
    docs_unreadable = False
    doc_dir = base / DOCUMENTS_DIR
    for p in sorted(doc_dir.glob("*.yaml")) if doc_dir.is_dir() else []:
        shown = show(f"{DOCUMENTS_DIR}/{p.name}")
        data, probs = read_yaml(p, shown)
        problems.extend(probs)
        template = None if probs else _validate(DocumentTemplate, data, shown, "", problems)
        if template is None:
            unreadable.add(shown)
            docs_unreadable = True
            continue
        check_template(
            template,
            p.stem,
            shown,
            form_ids=FORM_IDS,
            act_ids=acts,
            source_ids=sources,
            placeholder_ids={ph.id for ph in placeholders},
            used_sources=used_sources,
            problems=problems,
            problem=Problem,
        )
        documents[template.id] = template
    # steps name document templates: checked once the templates are read (an unreadable
    # template is reported on its own and would only repeat here as unknown ids)
    for fid, form in forms.items():
        check_steps(
            form,
            show(f"forms/{fid}.yaml"),
            contacts_by_id,
            None if docs_unreadable else documents,
            problems,
        )

    for sid in sources:
        if sid not in used_sources and not unreadable:
            problems.append(
                Problem(
                    show(f"sources/{source_origin[sid].split('/')[-1]}"),
                    f"sources.{sid}",
                    "source is cited nowhere",
                )
            )

    concepts, concept_problems = load_concepts(base, show(CONCEPTS_FILE))
    problems += [Problem(show(CONCEPTS_FILE), loc, msg) for loc, msg in concept_problems]
    # the word lists "describe your idea" reads sentences by (used from the application's own
    # folder, see recommender.reading; checked here for whichever folder is loaded)
    _, reading_problems = load_reading(base, show(READING_FILE))
    problems += [Problem(show(READING_FILE), loc, msg) for loc, msg in reading_problems]

    if problems or scoring is None or questionnaire is None or acts_file is None:
        raise KnowledgeError(problems or [Problem(shown_root, "", "knowledge base incomplete")])

    digest = hashlib.sha256()
    for p in sorted(base.rglob("*.yaml")):
        digest.update(p.relative_to(base).as_posix().encode())
        digest.update(p.read_bytes())
    last_checked = max(s.checked for s in sources.values())
    return KnowledgeBase(
        root=base,
        forms={fid: forms[fid] for fid in FORM_IDS},
        criteria=criteria,
        criteria_conditions=criteria_conditions,
        fact_keys=fact_keys,
        sources=sources,
        questionnaire=questionnaire,
        question_conditions=question_conditions,
        glossary={g.id: g for g in glossary},
        contacts={c.id: c for c in contacts},
        statuses=statuses,
        personas={p.id: p for p in personas},
        faq={f.id: f for f in faq},
        vocabulary=vocabulary,
        scoring=scoring,
        items=items,
        rules=rules,
        version=f"{last_checked.isoformat()}+{digest.hexdigest()[:12]}",
        last_checked=last_checked,
        documents=documents,
        placeholders={ph.id: ph for ph in placeholders},
        acts=acts,
        law_as_of=acts_file.law_as_of,
        law_changes=law_changes,
        staleness=staleness,
        amount_max_age_years=acts_file.amount_max_age_years,
        duties=duties,
        funding=funding,
        concepts=concepts,
    )


def _raw_cross_references(
    data: Any,
    shown: str,
    criteria: dict[str, Criterion],
    sources: dict[str, Source],
    problems: list[Problem],
) -> None:
    """Reference checks on a form that failed validation, so that all problems show at once."""
    if not isinstance(data, dict):
        return
    for kind in ("pros", "cons", "rules", "steps", "pathways"):
        seq = data.get(kind)
        if not isinstance(seq, list):
            continue
        for j, raw in enumerate(seq):
            if not isinstance(raw, dict):
                continue
            crits = raw.get("criteria")
            if isinstance(crits, list):
                for k, crit in enumerate(crits):
                    if isinstance(crit, str) and crit not in criteria:
                        problems.append(
                            Problem(
                                shown, f"{kind}[{j}].criteria[{k}]", f"unknown criterion {crit!r}"
                            )
                        )
            srcs = raw.get("sources")
            if isinstance(srcs, list):
                for k, sid in enumerate(srcs):
                    if isinstance(sid, str) and sid not in sources:
                        problems.append(
                            Problem(shown, f"{kind}[{j}].sources[{k}]", f"unknown source {sid!r}")
                        )
            for key in ("applies_when", "blocks_when"):
                if key in raw:
                    _compile(raw[key], shown, f"{kind}[{j}].{key}", problems)


def _check_questionnaire(
    q: Questionnaire, shown: str, problems: list[Problem], conditions: dict[str, Condition]
) -> None:
    seen: set[str] = set()
    for i, sec in enumerate(q.sections):
        for j, qu in enumerate(sec.questions):
            loc = f"sections[{i}].questions[{j}]"
            if qu.id in seen:
                problems.append(Problem(shown, f"{loc}.id", f"duplicate question id {qu.id!r}"))
            seen.add(qu.id)
            spec = FIELDS.get(qu.field) if qu.field else None
            if qu.field is not None and spec is None:
                problems.append(
                    Problem(shown, f"{loc}.field", f"unknown profile field {qu.field!r}")
                )
            if qu.show_when is not None:
                cond = _compile(qu.show_when, shown, f"{loc}.show_when", problems)
                if cond is not None:
                    conditions[qu.id] = cond
            if qu.kind == "number":
                if spec is None or spec.kind != "int":
                    problems.append(
                        Problem(shown, f"{loc}.field", "a number question needs a number field")
                    )
                if qu.options:
                    problems.append(
                        Problem(shown, f"{loc}.options", "a number question has no options")
                    )
                continue
            if qu.kind == "multi" and (spec is None or spec.kind != "enum_list"):
                problems.append(
                    Problem(shown, f"{loc}.field", "a multi question needs a list field")
                )
            unknowns = [o for o in qu.options if o.unknown]
            if len(unknowns) != 1:
                problems.append(
                    Problem(
                        shown,
                        f"{loc}.options",
                        "needs exactly one 'nie wiem' option (unknown: true)",
                    )
                )
            opt_ids: set[str] = set()
            for k, opt in enumerate(qu.options):
                oloc = f"{loc}.options[{k}]"
                if opt.id in opt_ids:
                    problems.append(Problem(shown, f"{oloc}.id", f"duplicate option id {opt.id!r}"))
                opt_ids.add(opt.id)
                if opt.unknown:
                    if opt.sets or opt.value is not None:
                        problems.append(
                            Problem(shown, oloc, "the 'nie wiem' option must set nothing")
                        )
                    continue
                if qu.kind == "multi":
                    if opt.sets is not None:
                        try:
                            parse_profile(opt.sets)
                        except ProfileError as exc:
                            problems.append(Problem(shown, f"{oloc}.sets.{exc.field}", exc.problem))
                    elif spec is not None and opt.value not in spec.values:
                        problems.append(
                            Problem(
                                shown,
                                f"{oloc}.value",
                                f"unknown value {opt.value!r} for field {qu.field!r}",
                            )
                        )
                else:
                    if not opt.sets:
                        problems.append(
                            Problem(
                                shown,
                                f"{oloc}.sets",
                                "a single-choice option must set a profile value",
                            )
                        )
                        continue
                    try:
                        parse_profile(opt.sets)
                    except ProfileError as exc:
                        problems.append(Problem(shown, f"{oloc}.sets.{exc.field}", exc.problem))
