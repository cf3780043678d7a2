"""A room's answers for people: headers and values in the room's language, with the ids in
extra columns for tools. CSV (formula-injection safe) and XLSX (one sheet per group and round).

Each row is one participant's latest answer in one round. Columns: participant number,
group, round, table, time, the first form (name, then id), each profile field (label; the
value's label, then the raw value as ``<field> (id)``), each criterion's weight, the ranking,
the ruled-out forms with their rules, and the decisive pros.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..profile import FIELDS
from .csvexport import neutralise, to_csv

if TYPE_CHECKING:
    from ..loading import KnowledgeBase
    from .records import Room, SubmissionRecord
    from .store import RoomStore

Rows = list[dict[str, str]]


def _value_labels(kb: KnowledgeBase, lang: str) -> dict[tuple[str, str], str]:
    """(field, raw value) -> the label people saw (vocabulary first, then the questionnaire)."""
    out: dict[tuple[str, str], str] = {}
    for section in kb.questionnaire.sections:
        for q in section.questions:
            for option in q.options:
                if option.sets:
                    for field, value in option.sets.items():
                        if isinstance(value, str | bool):
                            out.setdefault((field, _raw(value)), option.label.get(lang))
                elif q.field and option.value is not None:
                    out.setdefault((q.field, _raw(option.value)), option.label.get(lang))
    for (field, value), entry in kb.vocabulary.items():
        out[(field, _raw(value))] = entry.label.get(lang)
    return out


def _raw(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(_raw(v) for v in value)
    return str(value)


def readable_rows(
    kb: KnowledgeBase, records: Sequence[tuple[int, SubmissionRecord]], lang: str
) -> Rows:
    """The rows of :func:`readable_csv` and :func:`readable_xlsx` (same keys in every row)."""
    labels = _value_labels(kb, lang)
    yes, no = t("export.yes", lang), t("export.no", lang)
    criteria = [c for c in kb.criteria if any(c in r.priorities for _, r in records)]

    def value_label(field: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return yes if value else no
        if isinstance(value, list | tuple):
            return "; ".join(labels.get((field, _raw(v)), _raw(v)) for v in value)
        return labels.get((field, _raw(value)), _raw(value))

    def h(key: str, **values: Any) -> str:
        return t(f"export.col.{key}", lang, **values)

    out: Rows = []
    for number, rec in records:
        row: dict[str, str] = {
            h("participant"): str(number),
            h("group"): str(rec.group_no),
            h("round"): str(rec.round_no),
            h("table"): rec.table or "",
            h("time"): rec.created_at.isoformat(timespec="seconds"),
            h("finished"): yes if rec.finished else no,
            h("top_form"): kb.form_name(rec.top_form, lang) if rec.top_form else "",
            h("top_form_id"): rec.top_form or "",
        }
        for name in FIELDS:
            label = t(f"field.{name}", lang)
            row[label] = value_label(name, rec.profile.get(name))
            row[f"{label} (id)"] = _raw(rec.profile.get(name))
        for cid in criteria:
            row[h("priority", criterion=kb.criteria[cid].label.get(lang))] = _raw(
                rec.priorities.get(cid)
            )
        row[h("ranking")] = "; ".join(
            f"{kb.form_name(e.form, lang)} {e.score:g}" for e in rec.ranking if e.eligible
        )
        ruled = []
        for form_id, rule_ids in rec.blockers.items():
            form = kb.forms.get(form_id)
            rules = {r.id: r for r in form.rules} if form else {}
            names = [
                rule_summary(rules[r].message.get(lang)) if r in rules else r for r in rule_ids
            ]
            ruled.append(f"{kb.form_name(form_id, lang)}: {', '.join(names)}")
        row[h("ruled_out")] = "; ".join(ruled)
        row[h("ruled_out_id")] = "; ".join(f"{f}({','.join(r)})" for f, r in rec.blockers.items())
        top = kb.forms.get(rec.top_form or "")
        pros = {p.id: p for p in top.pros} if top else {}
        row[h("reasons")] = "; ".join(pros[r].text.get(lang) for r in rec.reasons if r in pros)
        row[h("reasons_id")] = "; ".join(rec.reasons)
        out.append(row)
    return out


def rule_summary(template: str) -> str:
    """A blocker message without the clause that quotes one person's answers.

    Rule messages say e.g. "... at least 7 founders; you have {founders}." The overview counts
    many people, so it keeps the general part.

    >>> rule_summary("An association needs at least 7 founders; you have {founders}.")
    'An association needs at least 7 founders.'
    >>> rule_summary("No placeholders here.")
    'No placeholders here.'
    """
    start = template.find("{")
    if start < 0:
        return template
    head = template[:start]
    cut = max(head.rfind(". "), head.rfind("; "), head.rfind("? "), head.rfind("! "))
    if cut <= 0:
        return template.replace("{", "").replace("}", "")
    text = head[:cut].rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def readable_csv(kb: KnowledgeBase, store: RoomStore, room: Room) -> str:
    records = store.export_records(room)
    rows = readable_rows(kb, records, room.lang)
    if not rows:
        return to_csv([], columns=_empty_columns(room.lang))
    return to_csv(rows)


def _empty_columns(lang: str) -> list[str]:
    return [t(f"export.col.{k}", lang) for k in ("participant", "group", "round", "top_form")]


def readable_xlsx(kb: KnowledgeBase, store: RoomStore, room: Room) -> bytes:
    """An XLSX workbook with one sheet per group and round ("Runda 1", "Grupa 2 – runda 1"),
    headers bold and frozen, every cell text (formula-safe, like the CSV)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = room.lang
    records = store.export_records(room)
    groups = sorted({r.group_no for _, r in records})
    wb = Workbook()
    wb.remove(wb.active)
    keys = sorted({(r.group_no, r.round_no) for _, r in records}) or [(1, 1)]
    for group, rnd in keys:
        if len(groups) > 1:
            title = t("export.sheet.group_round", lang, group=group, round=rnd)
        else:
            title = t("export.sheet.round", lang, round=rnd)
        ws = wb.create_sheet(title[:31])
        chosen = [(n, r) for n, r in records if (r.group_no, r.round_no) == (group, rnd)]
        rows = readable_rows(kb, chosen, lang)
        columns = list(rows[0]) if rows else _empty_columns(lang)
        ws.append([neutralise(c) for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([neutralise(row.get(c, "")) for c in columns])
        ws.freeze_panes = "B2"
        for i, column in enumerate(columns, start=1):
            width = max([len(column), *(len(r.get(column, "")) for r in rows)])
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(
                60, max(10, width + 2)
            )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
