"""Document drafts filled from the answers: statutes, minutes, lists of founders, agreements and
checklists, built from the templates in ``knowledge/documents/``.

A draft is a start, never a filing to sign blindly: it fills only what the answers give (goals in
words, the area, governance, business activity, the number of founders) and leaves a visible
placeholder such as ``[nazwa]`` for everything else. Each clause the law requires carries the
provision as a numbered note; every other clause is marked as a suggestion. The same
:class:`Draft` renders to Markdown (:func:`draft_markdown`) and DOCX (:func:`draft_docx`).

No personal data is ever filled in: lists of founders get blank rows.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .conditions import evaluate, parse_condition
from .docx_writer import clean_text
from .i18n import normalise_lang, t
from .profile import FIELDS, Profile, parse_profile

if TYPE_CHECKING:
    from .document_models import (
        Clause,
        DocumentTemplate,
        Placeholder,
        Provision,
    )
    from .loading import KnowledgeBase

VALUE_LIMIT = 200  # longest free text (a name, a seat) a caller may pass for a placeholder
MAX_TABLE_ROWS = 100
_UNSAFE_IN_VALUES = str.maketrans("", "", "<>[]{}|*_`\\#")


class UnknownDocument(ValueError):
    """No template with that id (or not one for that form)."""


def drafts_for(kb: KnowledgeBase, form_id: str) -> list[DocumentTemplate]:
    """The templates of one form, drafts before checklists, in the editors' order."""
    found = [d for d in kb.documents.values() if form_id in d.forms]
    return sorted(found, key=lambda d: (d.kind != "draft", d.order, d.id))


def law_date(kb: KnowledgeBase) -> dt.date:
    """The date of the law the drafts follow: ``kb.law_as_of``, else the knowledge date."""
    value = getattr(kb, "law_as_of", None)
    return value if isinstance(value, dt.date) else kb.last_checked


def provision_label(kb: KnowledgeBase, provision: Provision, lang: str = "pl") -> str:
    """ "art. 10 ust. 1 pkt 1 — Prawo o stowarzyszeniach (Dz.U. 2020 poz. 2261)"."""
    acts: Mapping[str, Any] = getattr(kb, "acts", None) or {}
    act = acts.get(provision.act)
    name = provision.act
    journal = provision.text_in
    if act is not None:
        short = getattr(act, "short", None) or getattr(act, "title", None)
        if short is not None:
            name = short.get(lang) if hasattr(short, "get") else str(short)
        journal = journal or getattr(act, "consolidated", None) or getattr(act, "journal", None)
    label = f"{provision.ref} — {name}"
    return f"{label} ({journal})" if journal else label


@dataclass(frozen=True)
class DraftTable:
    columns: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class DraftClause:
    id: str
    number: str | None  # "§ 3" in statutes; None elsewhere
    heading: str | None
    text: str
    items: tuple[str, ...]
    notes: tuple[int, ...]  # numbers of the notes naming the provisions that require it
    suggestion: bool
    optional: str | None  # set when the answers leave the clause's condition unknown
    table: DraftTable | None = None


@dataclass(frozen=True)
class Draft:
    """A filled template, independent of the output format."""

    doc_id: str
    lang: str
    kind: str
    title: str
    notice: tuple[str, ...]
    law_as_of: dt.date
    prepared: dt.date
    intro: str | None
    clauses: tuple[DraftClause, ...]
    notes: tuple[str, ...]
    filled: Mapping[str, str] = field(default_factory=dict)  # placeholder -> value used
    missing: tuple[str, ...] = ()  # placeholders left for the user, in first-use order
    form_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.doc_id,
            "form": self.form_id,
            "lang": self.lang,
            "kind": self.kind,
            "title": self.title,
            "notice": list(self.notice),
            "law_as_of": self.law_as_of.isoformat(),
            "prepared": self.prepared.isoformat(),
            "intro": self.intro,
            "clauses": [
                {
                    "id": c.id,
                    "number": c.number,
                    "heading": c.heading,
                    "text": c.text,
                    "items": list(c.items),
                    "notes": list(c.notes),
                    "suggestion": c.suggestion,
                    "optional": c.optional,
                    "table": None
                    if c.table is None
                    else {"columns": list(c.table.columns), "rows": c.table.rows},
                }
                for c in self.clauses
            ],
            "notes": list(self.notes),
            "filled": dict(self.filled),
            "missing": list(self.missing),
        }


def _as_profile(profile: Profile | Mapping[str, Any] | None) -> Profile:
    if profile is None:
        return parse_profile({})
    if isinstance(profile, Profile):
        return profile
    return parse_profile(dict(profile))


def _number(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if lang == "pl" else text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _fill(
    kb: KnowledgeBase,
    ph: Placeholder,
    profile: Profile,
    lang: str,
    values: Mapping[str, Any],
) -> str | None:
    """The text for one placeholder, or ``None`` when the answers do not give it."""
    if ph.value is not None:
        return ph.value.get(lang)
    if ph.user_text and ph.id in values:
        text = clean_text(values[ph.id], VALUE_LIMIT).translate(_UNSAFE_IN_VALUES).strip()
        return text or None
    if ph.field is None:
        return None
    actual = profile.get(ph.field)
    if actual is None:
        return None
    spec = FIELDS[ph.field]
    if spec.kind == "enum_list":
        labels = []
        for v in actual:
            if v in ph.values:
                labels.append(ph.values[v].get(lang))
            elif (ph.field, v) in kb.vocabulary:
                labels.append(_lower_first(kb.vocabulary[(ph.field, v)].label.get(lang)))
        return "; ".join(labels) or None
    if spec.kind == "int":
        return _number(int(actual), lang)
    key = ("true" if actual else "false") if spec.kind == "bool" else str(actual)
    chosen = ph.values.get(key)
    return None if chosen is None else chosen.get(lang)


class _Filler:
    """Fills ``{placeholders}`` in order, remembering which were filled and which left blank."""

    def __init__(
        self, kb: KnowledgeBase, profile: Profile, lang: str, values: Mapping[str, Any]
    ) -> None:
        self.kb, self.profile, self.lang, self.values = kb, profile, lang, values
        self.filled: dict[str, str] = {}
        self.missing: list[str] = []
        self._cache: dict[str, str | None] = {}

    def __call__(self, text: str) -> str:
        out: list[str] = []
        for literal, name, _spec, _conv in string.Formatter().parse(text):
            out.append(literal)
            if name is None:
                continue
            if name not in self._cache:
                ph = self.kb.placeholders[name]
                self._cache[name] = _fill(self.kb, ph, self.profile, self.lang, self.values)
            value = self._cache[name]
            if value is None:
                if name not in self.missing:
                    self.missing.append(name)
                out.append(f"[{self.kb.placeholders[name].label.get(self.lang)}]")
            else:
                self.filled[name] = value
                out.append(value)
        return "".join(out)


def _table_rows(clause: Clause, profile: Profile) -> int:
    assert clause.table is not None
    founders = profile.get("founders")
    wanted = founders if isinstance(founders, int) else 0
    return max(clause.table.min_rows, min(wanted, MAX_TABLE_ROWS))


def render_draft(
    kb: KnowledgeBase,
    doc_id: str,
    profile: Profile | Mapping[str, Any] | None = None,
    lang: str = "pl",
    today: dt.date | None = None,
    *,
    values: Mapping[str, Any] | None = None,
    form_id: str | None = None,
) -> Draft:
    """Fill template ``doc_id`` from a profile.

    ``values`` may give free text for placeholders marked ``user_text`` (a name typed by the
    user): it is cleaned (control characters dropped, cut at :data:`VALUE_LIMIT` characters).
    Raises :class:`UnknownDocument` for an unknown id, or one that does not belong to
    ``form_id`` when that is given, and :class:`~recommender.profile.ProfileError` for an
    invalid profile.
    """
    template = kb.documents.get(doc_id)
    if template is None:
        raise UnknownDocument(f"unknown document {doc_id!r}")
    if form_id is not None and form_id not in template.forms:
        raise UnknownDocument(f"document {doc_id!r} is not one of the drafts for {form_id!r}")
    lang = normalise_lang(lang)
    prof = _as_profile(profile)
    today = today or dt.date.today()
    fill = _Filler(kb, prof, lang, values or {})
    note_numbers: dict[tuple[str, str], int] = {}
    notes: list[str] = []
    clauses: list[DraftClause] = []
    paragraph = 0
    for clause in template.clauses:
        if clause.forms and form_id is not None and form_id not in clause.forms:
            continue
        optional = None
        if clause.forms and form_id is None:  # the form is not known: say whom it concerns
            names = ", ".join(kb.form_name(f, lang) for f in clause.forms)
            optional = t("documents.only_for", lang, forms=names)
        if clause.when is not None:
            truth = evaluate(parse_condition(clause.when), prof)
            if truth is False:
                continue
            if truth is None and clause.when_note is not None:
                optional = fill(clause.when_note.get(lang))
        numbers = []
        for prov in clause.required_by:
            key = (prov.act, prov.ref)
            if key not in note_numbers:
                notes.append(provision_label(kb, prov, lang))
                note_numbers[key] = len(notes)
            numbers.append(note_numbers[key])
        number = None
        if template.numbering == "paragraph":
            paragraph += 1
            number = f"§ {paragraph}"
        clauses.append(
            DraftClause(
                id=clause.id,
                number=number,
                heading=None if clause.heading is None else fill(clause.heading.get(lang)),
                text=fill(clause.text.get(lang)),
                items=tuple(fill(i.get(lang)) for i in clause.items),
                notes=tuple(dict.fromkeys(numbers)),
                suggestion=clause.suggestion,
                optional=optional,
                table=None
                if clause.table is None
                else DraftTable(
                    columns=tuple(c.get(lang) for c in clause.table.columns),
                    rows=_table_rows(clause, prof),
                ),
            )
        )
    law = law_date(kb)
    notice = (
        t("documents.notice.draft", lang),
        t("documents.notice.law", lang, date=law.isoformat()),
        t("documents.notice.placeholders", lang),
        t("documents.notice.prepared", lang, date=today.isoformat()),
    )
    return Draft(
        doc_id=template.id,
        lang=lang,
        kind=template.kind,
        title=fill(template.title.get(lang)),
        notice=notice,
        law_as_of=law,
        prepared=today,
        intro=None if template.intro is None else fill(template.intro.get(lang)),
        clauses=tuple(clauses),
        notes=tuple(notes),
        filled=dict(fill.filled),
        missing=tuple(fill.missing),
        form_id=form_id,
    )


def _clause_title(clause: DraftClause) -> str:
    if clause.number and clause.heading:
        return f"{clause.number}. {clause.heading}"
    return clause.number or clause.heading or ""


def _markers(clause: DraftClause) -> str:
    return "".join(f"[^{n}]" for n in clause.notes)


def draft_markdown(draft: Draft) -> str:
    """The draft as Markdown: notice, clauses (required ones with footnotes), notes."""
    lang = draft.lang
    out: list[str] = [f"# {draft.title}", ""]
    out += [f"> {line}" for line in draft.notice]
    out.append("")
    if draft.intro:
        out += [draft.intro, ""]
    for clause in draft.clauses:
        tag = f" *({t('documents.suggestion', lang)})*" if clause.suggestion else ""
        if draft.kind == "checklist":
            line = f"- [ ] {clause.heading + ': ' if clause.heading else ''}{clause.text}"
            out.append(f"{line}{_markers(clause)}{tag}")
            for item in clause.items:
                out.append(f"    - {item}")
            if clause.optional:
                out.append(f"    - *{t('documents.optional', lang, note=clause.optional)}*")
            continue
        title = _clause_title(clause)
        if title:
            out += [f"## {title}", ""]
        out.append(f"{clause.text}{_markers(clause)}{tag}")
        if clause.optional:
            out += ["", f"*{t('documents.optional', lang, note=clause.optional)}*"]
        if clause.items:
            out.append("")
            out += [f"{i}. {item}" for i, item in enumerate(clause.items, start=1)]
        if clause.table is not None:
            header = ["Lp.", *clause.table.columns]
            out += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            out += [
                "| " + " | ".join([f"{i}.", *[" "] * len(clause.table.columns)]) + " |"
                for i in range(1, clause.table.rows + 1)
            ]
        out.append("")
    if out[-1] != "":
        out.append("")
    if draft.notes:
        out += [f"## {t('documents.notes', lang)}", ""]
        out += [f"[^{i}]: {note}" for i, note in enumerate(draft.notes, start=1)]
        out.append("")
    return "\n".join(out)


def draft_blocks(draft: Draft) -> list[Any]:
    """The draft as blocks of :mod:`recommender.docx_writer` (reusable inside a larger file)."""
    from .docx_writer import Heading, ListBlock, Notes, Paragraph, Run, Table

    lang = draft.lang
    blocks: list[Any] = [Heading(draft.title, 0)]
    blocks += [Paragraph((Run(line, italic=True),), style="note") for line in draft.notice]
    if draft.intro:
        blocks.append(Paragraph(draft.intro))

    def body(clause: DraftClause) -> tuple[Any, ...]:
        parts: list[Any] = [clause.text]
        parts += [Run(f"[{n}]", superscript=True) for n in clause.notes]
        if clause.suggestion:
            parts.append(Run(f" ({t('documents.suggestion', lang)})", italic=True))
        return tuple(parts)

    if draft.kind == "checklist":
        items = []
        for clause in draft.clauses:
            lead = (Run(clause.heading + ": ", bold=True),) if clause.heading else ()
            items.append(Paragraph(lead + body(clause)))
        blocks.append(ListBlock(tuple(items), checkboxes=True))
        details = [c for c in draft.clauses if c.items or c.optional]
        for clause in details:
            blocks.append(Paragraph((Run(clause.heading or clause.text, bold=True),)))
            if clause.items:
                blocks.append(ListBlock(clause.items, ordered=False))
            if clause.optional:
                note = t("documents.optional", lang, note=clause.optional)
                blocks.append(Paragraph((Run(note, italic=True),), style="note"))
    else:
        for clause in draft.clauses:
            title = _clause_title(clause)
            if title:
                blocks.append(Heading(title, 2))
            blocks.append(Paragraph(body(clause)))
            if clause.optional:
                note = t("documents.optional", lang, note=clause.optional)
                blocks.append(Paragraph((Run(note, italic=True),), style="note"))
            if clause.items:
                blocks.append(ListBlock(clause.items, ordered=True))
            if clause.table is not None:
                blocks.append(Table(clause.table.columns, blank_rows=clause.table.rows))
    blocks.append(Notes(t("documents.notes", lang), draft.notes))
    return blocks


def draft_docx(draft: Draft) -> bytes:
    """The draft as a .docx file (python-docx through :mod:`recommender.docx_writer`)."""
    from .docx_writer import DocInfo, write_docx

    info = DocInfo(
        title=draft.title,
        language="pl-PL" if draft.lang == "pl" else "en-GB",
        subject=t("documents.subject", draft.lang),
        keywords=(draft.doc_id,),
    )
    return write_docx(draft_blocks(draft), info)
