"""Shared renderers of the browsing pages (Porównaj, Formy, Lokalnie, Słowniczek, O projekcie).

Two layers live here. The *pure* part (no Streamlit calls: markdown escaping, URL parameter
parsing, the comparison rows, the CSV) is what the tests exercise directly. The *rendering*
part draws facts, pros and cons, steps, pathways, statuses, contacts and source lists with the
same conventions everywhere: every fact carries its sources (title, link, date checked) and,
where the knowledge base flags one, its uncertainty.

Knowledge texts are never passed through ``unsafe_allow_html``; they are markdown-escaped with
:func:`md` so that a stray ``*``, ``[`` or ``$`` in a YAML file cannot change the layout.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pandas as pd
import streamlit as st

from recommender.export import to_csv
from recommender.i18n import t as _t
from recommender.loading import KnowledgeBase
from recommender.models import Contact, Form, Source, Sourced, Span, Status, Text

if TYPE_CHECKING:
    from recommender.search import Tx

MAX_COMPARE = 4
MIN_COMPARE = 2
DEFAULT_COMPARE = ("fundacja", "stowarzyszenie")
MAX_SHOWN_PARAM = 40  # characters of an unknown URL value echoed back in a notice
FORM_PAGE = "views/formy.py"
LOCAL_PAGE = "views/lokalnie.py"

# -- markdown helpers -----------------------------------------------------------------------------

# Every ASCII punctuation mark that markdown, GFM or Streamlit's own directives (``:red[...]``,
# ``:material/x:``, ``$math$``) could interpret. CommonMark allows a backslash before any of them.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^\"'])")
_SPACES = re.compile(r"\s+")


def md(text: Any) -> str:
    """Knowledge or user text as inert markdown: punctuation escaped, whitespace collapsed.

    >>> md("a *b* [c](d) $5$")
    'a \\\\*b\\\\* \\\\[c\\\\]\\\\(d\\\\) \\\\$5\\\\$'
    """
    return _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", str(text)).strip())


def md_url(url: str) -> str:
    """A URL safe to put inside ``[...](...)`` (spaces, brackets and quotes percent-encoded)."""
    return quote(url, safe=":/?#@!$&*+,;=%~-._")


def link(label: str, url: str) -> str:
    return f"[{md(label)}]({md_url(url)})"


def fold(text: str) -> str:
    """Lower-case text without diacritics, for forgiving search (``zarzad`` finds ``Zarząd``)."""
    text = text.casefold().replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fmt_pln(amount: int | Span, lang: str) -> str:
    grouped = f"{amount:,}"
    if lang == "en":
        return f"PLN {grouped}"
    return grouped.replace(",", "\u00a0") + "\u00a0zł"


def tr(key: str, lang: str, **values: Any) -> str:
    """A catalog message in an explicit language (pure code paths take ``lang`` as a parameter)."""
    return _t(key, lang, **values)


# -- sources and uncertainty ----------------------------------------------------------------------


def source_md(src: Source, lang: str, show_url: bool = False) -> str:
    """One source: linked title, publisher, date checked, licence and note (and the address
    itself, for the full list of sources)."""
    parts = [
        f"{link(src.title, src.url)} – {md(src.publisher)}",
        md(tr("browse.checked", lang, date=src.checked.isoformat())),
    ]
    if src.licence:
        parts.append(md(tr("browse.licence", lang, licence=src.licence)))
    if src.note is not None:
        parts.append(md(src.note.get(lang)))
    if show_url:
        parts.append(link(src.url, src.url))
    return ", ".join(parts)


def source_plain(src: Source, lang: str) -> str:
    """One source as plain text (for the CSV)."""
    parts = [
        src.title,
        src.publisher,
        src.url,
        tr("browse.checked", lang, date=src.checked.isoformat()),
    ]
    if src.note is not None:
        parts.append(src.note.get(lang))
    return " – ".join(parts)


def sources_md(kb: KnowledgeBase, ids: Iterable[str], lang: str) -> str:
    """``Źródła: A; B`` – or a clear statement that no source confirms it."""
    srcs = kb.source_list(dict.fromkeys(ids))
    if not srcs:
        return md(tr("browse.no_source", lang))
    label = tr("browse.source_one" if len(srcs) == 1 else "browse.source_many", lang)
    return f"{md(label)}: " + "; ".join(source_md(s, lang) for s in srcs)


def uncertainty_md(uncertainty: Text | Tx | None, unverified: bool, lang: str) -> str | None:
    """The uncertainty flag of a fact as one markdown line, or ``None`` when there is none."""
    if uncertainty is None and not unverified:
        return None
    label = tr("browse.unverified" if unverified else "browse.uncertain", lang)
    text = md(uncertainty.get(lang)) if uncertainty is not None else ""
    return f"⚠️ **{md(label)}:** {text}".rstrip()


def small(body: str) -> None:
    """Secondary text (sources, hints) at a smaller size but in the full text colour.

    ``st.caption`` fades the text colour, which gives links and text a contrast below the
    4.5:1 that WCAG AA asks for; ``:small[...]`` keeps the colour. ``body`` is markdown that has
    already been escaped."""
    st.markdown(f":small[{body}]")


def provisions_md(kb: KnowledgeBase, provisions: Iterable[Any], lang: str) -> str | None:
    """``Podstawa prawna: art. 9 – Prawo o stowarzyszeniach``, each act linked to its ISAP page;
    ``None`` when the item cites no provision."""
    # the articles of one act read in one text are named together: "art. 2, art. 7 – Ustawa …"
    groups: dict[tuple[str, str], list[str]] = {}
    for prov in provisions:
        act = kb.acts.get(prov.act)
        if act is None:
            continue
        text_in = prov.text_in or act.consolidated or act.journal
        groups.setdefault((prov.act, text_in), []).append(md(prov.ref))
    if not groups:
        return None
    refs = [
        f"{', '.join(arts)} – {link(kb.acts[act_id].short.get(lang), kb.acts[act_id].isap_url)}"
        f" ({md(text_in)})"
        for (act_id, text_in), arts in groups.items()
    ]
    return f"{md(tr('law.provisions_line', lang))}: " + "; ".join(refs)


def render_sourced(kb: KnowledgeBase, obj: Sourced | Contact | Any, lang: str) -> None:
    """The sources line, the provisions it rests on and the uncertainty line under a fact, pro,
    con, step or contact."""
    unverified = bool(getattr(obj, "unverified", False))
    flag = uncertainty_md(getattr(obj, "uncertainty", None), unverified, lang)
    if flag:
        st.markdown(flag)
    law = provisions_md(kb, getattr(obj, "provisions", ()), lang)
    if law:
        small(law)
    small(sources_md(kb, obj.sources, lang))


def render_source_list(kb: KnowledgeBase, ids: Iterable[str], lang: str) -> None:
    """A bulleted list of sources (used at the end of a page)."""
    srcs = kb.source_list(dict.fromkeys(ids))
    if not srcs:
        st.markdown(md(tr("browse.no_source", lang)))
        return
    st.markdown("\n".join(f"- {source_md(s, lang)}" for s in srcs))


# -- URL parameters -------------------------------------------------------------------------------


def shown_param(value: str) -> str:
    """An unknown URL value, shortened, for echoing back in a notice (escaped by the caller)."""
    value = _SPACES.sub(" ", value).strip()
    return value if len(value) <= MAX_SHOWN_PARAM else value[: MAX_SHOWN_PARAM - 1] + "…"


def parse_form_list(raw: Sequence[str], known: Iterable[str]) -> tuple[list[str], list[str]]:
    """Form ids from ``?forms=a,b`` (commas and/or repeated parameters): (valid, unknown).

    >>> parse_form_list(["fundacja,xyz", "fundacja", " kis "], ["fundacja", "kis"])
    (['fundacja', 'kis'], ['xyz'])
    """
    known_set = set(known)
    valid: list[str] = []
    unknown: list[str] = []
    for chunk in raw:
        for part in str(chunk).split(","):
            part = part.strip()
            if not part:
                continue
            if part in known_set:
                if part not in valid:
                    valid.append(part)
            elif part not in unknown:
                unknown.append(part)
    return valid, unknown


@dataclass(frozen=True)
class CompareSelection:
    """The forms to compare, and the notices the URL deserves (message keys with values)."""

    forms: tuple[str, ...]
    notices: tuple[tuple[str, dict[str, Any]], ...] = ()


def compare_selection(raw: Sequence[str] | None, kb: KnowledgeBase) -> CompareSelection:
    """Validate ``?forms=`` against the knowledge base: unknown ids are dropped with a notice,
    more than four are cut with a notice, fewer than two are completed from the defaults."""
    if not raw:
        return CompareSelection(tuple(f for f in DEFAULT_COMPARE if f in kb.forms))
    valid, unknown = parse_form_list(raw, kb.forms)
    notices: list[tuple[str, dict[str, Any]]] = []
    if unknown:
        notices.append(
            ("browse.compare.unknown_ids", {"ids": ", ".join(shown_param(u) for u in unknown[:5])})
        )
    if len(valid) > MAX_COMPARE:
        notices.append(("browse.compare.too_many", {"max": MAX_COMPARE}))
        valid = valid[:MAX_COMPARE]
    if len(valid) < MIN_COMPARE:
        if raw and (unknown or valid):
            notices.append(("browse.compare.completed", {"min": MIN_COMPARE}))
        for f in (*DEFAULT_COMPARE, *kb.forms):
            if len(valid) >= MIN_COMPARE:
                break
            if f in kb.forms and f not in valid:
                valid.append(f)
    return CompareSelection(tuple(valid), tuple(notices))


def form_from_param(value: str | None, kb: KnowledgeBase) -> tuple[str, str | None]:
    """The form of ``?form=``: (form id, the unknown value or ``None``).

    Anything that is not a form id falls back to the first form."""
    first = next(iter(kb.forms))
    if value is None or value == "":
        return first, None
    value = value.strip()
    if value in kb.forms:
        return value, None
    return first, shown_param(value)


# -- comparison (pure) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One sourced statement inside a comparison cell."""

    text: str
    sources: tuple[str, ...] = ()
    uncertainty: Text | None = None
    unverified: bool = False


@dataclass(frozen=True)
class Cell:
    entries: tuple[Entry, ...]
    key: Any  # what "equal" means for this row (a fact's value, a sum, a text)
    bullets: bool = False  # a list (pros, cons) rather than one statement
    missing: bool = False


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    cells: tuple[Cell, ...]
    always: bool = False  # kept by "only differences" (pros, cons)

    @property
    def equal(self) -> bool:
        keys = [c.key for c in self.cells]
        return all(k == keys[0] for k in keys[1:])


@dataclass(frozen=True)
class Comparison:
    forms: tuple[str, ...]
    names: tuple[str, ...]
    rows: tuple[Row, ...]
    hidden: int = 0
    footnotes: tuple[str, ...] = field(default=())  # source ids in first-cited order


def _value_key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


def registration_cost(form: Form) -> tuple[Span, bool, bool]:
    """(sum of the known step costs as a range, whether every step's cost is known, whether any
    is known)."""
    known = [r for s in form.steps if (r := s.cost_range) is not None]
    total = sum(known, Span(min=0, max=0))
    return total, bool(form.steps) and len(known) == len(form.steps), bool(known)


def cost_text(form: Form, lang: str) -> str:
    total, complete, any_known = registration_cost(form)
    if complete:
        return tr("browse.cost.total", lang, amount=fmt_pln(total, lang))
    if any_known and total.max > 0:
        return tr("browse.cost.partial", lang, amount=fmt_pln(total, lang))
    return tr("browse.cost.unknown", lang)


def _step_sources(form: Form, costed: bool) -> tuple[str, ...]:
    ids: dict[str, None] = {}
    for s in form.steps:
        if not costed or s.cost_pln is not None:
            ids.update(dict.fromkeys(s.sources))
    return tuple(ids)


def _cost_cell(form: Form, lang: str) -> Cell:
    total, complete, any_known = registration_cost(form)
    steps_unverified = [s for s in form.steps if s.cost_pln is not None and s.unverified]
    flagged = [
        s.uncertainty for s in form.steps if s.cost_pln is not None and s.uncertainty is not None
    ]
    text = cost_text(form, lang)
    if text == tr("browse.cost.unknown", lang):
        return Cell((Entry(text),), None, missing=True)
    entry = Entry(
        text,
        _step_sources(form, True),
        flagged[0] if flagged else None,
        bool(steps_unverified) and not _step_sources(form, True),
    )
    return Cell((entry,), (total, complete, any_known))


def _time_cell(form: Form, lang: str) -> Cell:
    fact = form.facts.get("registration_time")
    if fact is not None:
        return Cell(
            (Entry(fact.text.get(lang), fact.sources, fact.uncertainty, fact.unverified),),
            fact.text.get(lang),
        )
    timed = [s for s in form.steps if s.time is not None]
    if not timed:
        return Cell((Entry(tr("browse.time.unknown", lang)),), None, missing=True)
    entries = tuple(
        Entry(f"{s.text.get(lang)}: {s.time.get(lang)}", s.sources, s.uncertainty, s.unverified)
        for s in timed
        if s.time is not None
    )
    return Cell(entries, tuple(e.text for e in entries), bullets=len(entries) > 1)


def _items_cell(items: Sequence[Any], lang: str) -> Cell:
    entries = tuple(Entry(i.text.get(lang), i.sources, i.uncertainty, i.unverified) for i in items)
    return Cell(entries, frozenset(e.text for e in entries), bullets=True)


def compare(
    kb: KnowledgeBase, form_ids: Sequence[str], lang: str, only_differences: bool = False
) -> Comparison:
    """The comparison table of some forms: core facts, the other facts any of them states,
    pros, cons, registration cost and time. Rows come from the fact-key registry, so the table
    follows the knowledge base. ``only_differences`` drops rows where every form is equal."""
    forms = [kb.forms[f] for f in form_ids]
    rows: list[Row] = []
    for key in kb.fact_keys.values():
        if key.id in ("registration_time",):
            continue  # shown in the time row below
        if not key.core and not any(key.id in f.facts for f in forms):
            continue
        cells = []
        for form in forms:
            fact = form.facts.get(key.id)
            if fact is None:
                cells.append(Cell((Entry(tr("browse.missing", lang)),), None, missing=True))
                continue
            if fact.not_applicable:
                # "nie dotyczy" and why (a foundation's membership), with the reason's sources
                words = tr("browse.not_applicable", lang, reason=fact.text.get(lang))
                cells.append(
                    Cell(
                        (Entry(words, fact.sources, fact.uncertainty, fact.unverified),),
                        ("not_applicable", form.id),
                    )
                )
                continue
            eq = _value_key(fact.value) if key.type != "text" else fact.text.get(lang)
            cells.append(
                Cell(
                    (Entry(fact.text.get(lang), fact.sources, fact.uncertainty, fact.unverified),),
                    eq,
                )
            )
        rows.append(Row(f"fact:{key.id}", key.label.get(lang), tuple(cells)))
    rows.append(
        Row("cost", tr("browse.compare.row.cost", lang), tuple(_cost_cell(f, lang) for f in forms))
    )
    rows.append(
        Row("time", tr("browse.compare.row.time", lang), tuple(_time_cell(f, lang) for f in forms))
    )
    rows.append(
        Row(
            "pros",
            tr("browse.compare.row.pros", lang),
            tuple(_items_cell(f.pros, lang) for f in forms),
            always=True,
        )
    )
    rows.append(
        Row(
            "cons",
            tr("browse.compare.row.cons", lang),
            tuple(_items_cell(f.cons, lang) for f in forms),
            always=True,
        )
    )
    hidden = 0
    if only_differences and len(forms) > 1:
        kept = [r for r in rows if r.always or not r.equal]
        hidden = len(rows) - len(kept)
        rows = kept
    notes: dict[str, None] = {}
    for r in rows:
        for c in r.cells:
            for e in c.entries:
                notes.update(dict.fromkeys(s for s in e.sources if s in kb.sources))
    return Comparison(
        tuple(form_ids), tuple(f.name.get(lang) for f in forms), tuple(rows), hidden, tuple(notes)
    )


def _refs(entry: Entry, numbers: dict[str, int]) -> list[int]:
    return sorted({numbers[s] for s in entry.sources if s in numbers})


def _entry_md(entry: Entry, numbers: dict[str, int], lang: str) -> str:
    out = md(entry.text)
    refs = _refs(entry, numbers)
    if refs:
        out += " \\[" + ", ".join(map(str, refs)) + "\\]"
    flag = uncertainty_md(entry.uncertainty, entry.unverified, lang)
    if flag:
        out += " " + flag
    return out


def _entry_plain(entry: Entry, numbers: dict[str, int], lang: str) -> str:
    out = entry.text
    refs = _refs(entry, numbers)
    if refs:
        out += " [" + ", ".join(map(str, refs)) + "]"
    if entry.unverified or entry.uncertainty is not None:
        label = tr("browse.unverified" if entry.unverified else "browse.uncertain", lang)
        out += (
            f" ({label}" + (f": {entry.uncertainty.get(lang)}" if entry.uncertainty else "") + ")"
        )
    return out


SHORT_MAX = 90  # characters of a fact's short value in the compact table


def short_text(text: str, limit: int = SHORT_MAX) -> str:
    """A fact's short value: its first sentence or clause when that is short enough, else its
    start cut at a word, with "…" (the full text is one click away).

    >>> short_text("Wystarczy jeden fundator. Może nim być osoba fizyczna.")
    'Wystarczy jeden fundator.'
    >>> short_text("nie dotyczy – fundacja nie ma członków")
    'nie dotyczy'
    """
    flat = " ".join(text.split())
    for sep, keep in ((". ", 1), ("; ", 0), (" – ", 0)):
        i = flat.find(sep)
        if 0 < i <= limit:
            return flat[: i + keep]
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ") + "…"


def comparison_table(cmp: Comparison, lang: str, short: bool = False) -> pd.DataFrame:
    """The comparison as a markdown table for ``st.table`` (attributes down, forms across).

    ``short``: each fact's short value (:func:`short_text`) with its source numbers, and lists
    (pros, cons) as a count — the compact table; the full text is the same table without it."""
    numbers = {sid: i for i, sid in enumerate(cmp.footnotes, 1)}
    data: dict[str, list[str]] = {}
    for j, name in enumerate(cmp.names):
        column = []
        for row in cmp.rows:
            cell = row.cells[j]
            if short:
                if cell.bullets:
                    column.append(tr("browse2.items", lang, count=len(cell.entries)))
                else:
                    # an uncertain or unverified fact keeps a mark; its note is in the full text
                    column.append(
                        "\n\n".join(
                            _entry_md(Entry(short_text(e.text), e.sources), numbers, lang)
                            + (" ⚠" if e.uncertainty is not None or e.unverified else "")
                            for e in cell.entries
                        )
                    )
                continue
            if cell.bullets:
                column.append(
                    "\n".join(f"- {_entry_md(e, numbers, lang)}" for e in cell.entries)
                    or md(tr("browse.missing", lang))
                )
            else:
                column.append("\n\n".join(_entry_md(e, numbers, lang) for e in cell.entries))
        data[md(name)] = column
    index = pd.Index(
        [f"**{md(r.label)}**" for r in cmp.rows], name=md(tr("browse.compare.attribute", lang))
    )
    return pd.DataFrame(data, index=index)


def comparison_cards(cmp: Comparison, lang: str) -> list[tuple[str, str]]:
    """The comparison one form at a time, for narrow screens: (form name, markdown) per form."""
    numbers = {sid: i for i, sid in enumerate(cmp.footnotes, 1)}
    cards = []
    for j, name in enumerate(cmp.names):
        lines = []
        for row in cmp.rows:
            cell = row.cells[j]
            label = f"**{md(row.label)}:**"
            if cell.bullets:
                items = "\n".join(f"  - {_entry_md(e, numbers, lang)}" for e in cell.entries)
                lines.append(
                    f"- {label}\n{items}"
                    if items
                    else f"- {label} {md(tr('browse.missing', lang))}"
                )
            else:
                lines.append(
                    f"- {label} " + " ".join(_entry_md(e, numbers, lang) for e in cell.entries)
                )
        cards.append((name, "\n".join(lines)))
    return cards


# Constant CSS (no knowledge or user text): the table on wide screens, one card per form on
# narrow ones, where a four-column table would need sideways scrolling. 640px is where
# Streamlit itself stacks columns. Containers with a ``key`` get the class ``st-key-<key>``.
RESPONSIVE_COMPARE_CSS = """<style>
.st-key-compare-cards { display: none; }
@media (max-width: 640px) {
  .st-key-compare-cards { display: block; }
  .st-key-compare-table, .st-key-compare-full { display: none; }
}
</style>"""


def comparison_csv(cmp: Comparison, kb: KnowledgeBase, lang: str) -> str:
    """The comparison as CSV (formula-injection safe): one row per attribute, then the sources."""
    numbers = {sid: i for i, sid in enumerate(cmp.footnotes, 1)}
    rows: list[list[str]] = []
    for row in cmp.rows:
        cells = []
        for cell in row.cells:
            parts = [_entry_plain(e, numbers, lang) for e in cell.entries]
            cells.append("\n".join(f"• {p}" for p in parts) if cell.bullets else "\n".join(parts))
        rows.append([row.label, *cells])
    rows.append([])
    rows.append([tr("browse.compare.footnotes", lang)])
    for sid, n in numbers.items():
        rows.append([f"[{n}]", source_plain(kb.sources[sid], lang)])
    rows.append([tr("browse.not_legal_advice", lang)])
    rows.append([tr("browse.knowledge_version", lang, version=kb.version)])
    return to_csv([tr("browse.compare.attribute", lang), *cmp.names], rows)


# -- form page pieces -----------------------------------------------------------------------------


def form_sources(kb: KnowledgeBase, form: Form) -> list[str]:
    """Every source the form page cites, in first-cited order (statuses included)."""
    seen: dict[str, None] = dict.fromkeys(form.sources)
    if form.legal_basis is not None:
        seen.update(dict.fromkeys(form.legal_basis.sources))
    for fact in form.facts.values():
        seen.update(dict.fromkeys(fact.sources))
    for seq in (form.pros, form.cons, form.steps, form.pathways):
        for obj in seq:
            seen.update(dict.fromkeys(obj.sources))
    for sid in form.statuses:
        status = kb.statuses.get(sid)
        if status is not None:
            seen.update(dict.fromkeys(status_sources(status)))
    return [s for s in seen if s in kb.sources]


def status_sources(status: Status) -> list[str]:
    seen: dict[str, None] = dict.fromkeys(status.sources)
    for part in (status.conditions, status.benefits, status.duties):
        for c in part:
            seen.update(dict.fromkeys(c.sources))
    return list(seen)


def render_facts(kb: KnowledgeBase, form: Form, lang: str) -> None:
    """Every fact of the form, in the registry's order, each with its sources and uncertainty."""
    for key in kb.fact_keys.values():
        fact = form.facts.get(key.id)
        if fact is None:
            continue
        with st.container(border=True):
            st.markdown(f"**{md(key.label.get(lang))}:** {md(fact.text.get(lang))}")
            render_sourced(kb, fact, lang)


def render_items(kb: KnowledgeBase, items: Sequence[Any], lang: str) -> None:
    """Pros or cons as a list; each with its sources and uncertainty."""
    for item in items:
        with st.container(border=True):
            st.markdown(md(item.text.get(lang)))
            render_sourced(kb, item, lang)


def render_steps(kb: KnowledgeBase, form: Form, lang: str) -> None:
    """The registration checklist: one checkbox per step, with office, cost, time and sources."""
    if not form.steps:
        st.markdown(md(tr("browse.steps.none", lang)))
        return
    small(md(tr("browse.steps.hint", lang)))
    for n, step in enumerate(form.steps, 1):
        with st.container(border=True):
            st.checkbox(f"{n}\\. {md(step.text.get(lang))}", key=f"step-{form.id}-{step.id}")
            lines = []
            if step.body is not None:
                lines.append(f"**{md(tr('browse.steps.body', lang))}:** {md(step.body.get(lang))}")
            cost = (
                fmt_pln(step.cost_pln, lang)
                if step.cost_pln is not None
                else tr("browse.steps.cost_unknown", lang)
            )
            if step.cost_note is not None:
                cost += f" ({step.cost_note.get(lang)})"
            lines.append(f"**{md(tr('browse.steps.cost', lang))}:** {md(cost)}")
            time = (
                step.time.get(lang)
                if step.time is not None
                else tr("browse.steps.time_unknown", lang)
            )
            lines.append(f"**{md(tr('browse.steps.time', lang))}:** {md(time)}")
            st.markdown("  \n".join(lines))
            render_sourced(kb, step, lang)
    st.markdown(f"**{md(tr('browse.steps.total', lang))}:** {md(cost_text(form, lang))}")


def render_pathways(kb: KnowledgeBase, form: Form, lang: str) -> None:
    if not form.pathways:
        st.markdown(md(tr("browse.pathways.none", lang)))
        return
    for pw in form.pathways:
        with st.container(border=True):
            st.page_link(
                FORM_PAGE,
                label=tr("browse.pathways.go", lang, name=kb.form_name(pw.to, lang)),
                query_params={"form": pw.to},
                icon=":material/arrow_forward:",
            )
            st.markdown(md(pw.text.get(lang)))
            render_sourced(kb, pw, lang)


def render_status(kb: KnowledgeBase, status: Status, lang: str) -> None:
    st.markdown(f"#### {md(status.name.get(lang))}")
    st.markdown(md(status.summary.get(lang)))
    st.markdown(
        f"**{md(tr('browse.status.granted_by', lang))}:** {md(status.granted_by.get(lang))}"
    )
    for part, key in (
        (status.conditions, "browse.status.conditions"),
        (status.benefits, "browse.status.benefits"),
        (status.duties, "browse.status.duties"),
    ):
        if not part:
            continue
        st.markdown(f"**{md(tr(key, lang))}**")
        for cond in part:
            st.markdown(f"- {md(cond.text.get(lang))}")
            render_sourced(kb, cond, lang)
    small(sources_md(kb, status.sources, lang))


def render_statuses(kb: KnowledgeBase, form: Form, lang: str) -> None:
    known = [kb.statuses[s] for s in form.statuses if s in kb.statuses]
    if not known:
        names = ", ".join(s.name.get(lang) for s in kb.statuses.values())
        st.markdown(md(tr("browse.status.none", lang, names=names)))
        return
    for status in known:
        with st.container(border=True):
            render_status(kb, status, lang)


PLAN_PAGE = "views/plan.py"


def plan_link(form: Form, lang: str) -> None:
    """The one link from a form page to its founding plan, with this session's answers."""
    from ui.state import encode_profile, get_profile_dict

    params = {"form": form.id, **encode_profile(get_profile_dict())}
    if lang != "pl":
        params["lang"] = lang
    st.page_link(
        PLAN_PAGE,
        label=tr("browse.form.plan_link", lang),
        query_params=params,
        icon=":material/event_note:",
    )


def render_form(kb: KnowledgeBase, form: Form, lang: str) -> None:
    """The whole form page below the selector."""
    st.header(form.name.get(lang))
    st.markdown(md(form.summary.get(lang)))
    plan_link(form, lang)
    st.markdown(
        f"**{md(tr('browse.form.typical_uses', lang))}:** {md(form.typical_uses.get(lang))}"
    )
    if form.legal_basis_text is not None:
        st.markdown(
            f"**{md(tr('browse.form.legal_basis', lang))}:** {md(form.legal_basis_text.get(lang))}"
        )
        if form.legal_basis is not None:
            render_sourced(kb, form.legal_basis, lang)
    tabs = st.tabs(
        [
            tr("browse.form.tab.facts", lang),
            tr("browse.form.tab.pros_cons", lang),
            tr("browse.form.tab.steps", lang),
            tr("browse.form.tab.paths", lang),
            tr("browse.form.tab.sources", lang),
        ]
    )
    with tabs[0]:
        st.subheader(tr("browse.form.facts", lang))
        render_facts(kb, form, lang)
    with tabs[1]:
        st.subheader(tr("browse.form.pros", lang))
        render_items(kb, form.pros, lang)
        st.subheader(tr("browse.form.cons", lang))
        render_items(kb, form.cons, lang)
    with tabs[2]:
        st.subheader(tr("browse.form.steps", lang))
        render_steps(kb, form, lang)
    with tabs[3]:
        st.subheader(tr("browse.form.pathways", lang))
        render_pathways(kb, form, lang)
        st.subheader(tr("browse.form.statuses", lang))
        render_statuses(kb, form, lang)
    with tabs[4]:
        st.subheader(tr("browse.form.all_sources", lang))
        render_source_list(kb, form_sources(kb, form), lang)


FORM_LINKS_OPEN = 4  # longer lists of form links go into an expander


def form_links(kb: KnowledgeBase, form_ids: Iterable[str], lang: str) -> None:
    """Links to form pages, one per line (side-by-side columns cut long names on a phone)."""
    for f in form_ids:
        st.page_link(
            FORM_PAGE,
            label=kb.form_name(f, lang),
            query_params={"form": f},
            icon=":material/account_balance:",
        )


# -- local contacts -------------------------------------------------------------------------------

_KIND_ORDER = (
    "network",
    "council",
    "space",
    "office",
    "institution",
    "support_centre",
    "programme",
)


def ordered_contacts(kb: KnowledgeBase) -> list[Contact]:
    """KISS first, then the other networks, the council (GRDPP), spaces (W23), then institutions."""
    contacts = list(kb.contacts.values())
    return sorted(
        contacts,
        key=lambda c: (
            0 if "kiss" in c.id else 1,
            _KIND_ORDER.index(c.kind) if c.kind in _KIND_ORDER else len(_KIND_ORDER),
        ),
    )


def render_contact(kb: KnowledgeBase, contact: Contact, lang: str, level: str = "###") -> None:
    st.markdown(f"{level} {md(contact.name.get(lang))}")
    small(md(tr(f"browse.local.kind.{contact.kind}", lang)))
    st.markdown(md(contact.description.get(lang)))
    details = []
    if contact.how_to_join is not None:
        details.append(
            f"**{md(tr('browse.local.how_to_join', lang))}:** {md(contact.how_to_join.get(lang))}"
        )
    if contact.meetings is not None:
        details.append(
            f"**{md(tr('browse.local.meetings', lang))}:** {md(contact.meetings.get(lang))}"
        )
    if contact.address:
        details.append(f"**{md(tr('browse.local.address', lang))}:** {md(contact.address)}")
    if contact.email:
        details.append(f"**{md(tr('browse.local.email', lang))}:** {md(contact.email)}")
    if contact.url:
        details.append(
            f"**{md(tr('browse.local.website', lang))}:** {link(contact.url, contact.url)}"
        )
    if details:
        st.markdown("\n".join(f"- {d}" for d in details))
    helps = [f for f in contact.helps_with if f in kb.forms]
    if len(helps) > FORM_LINKS_OPEN:
        label = tr("browse.local.helps_with", lang) + f" ({len(helps)})"
        with st.expander(label, icon=":material/account_balance:"):
            form_links(kb, helps, lang)
    elif helps:
        st.markdown(f"**{md(tr('browse.local.helps_with', lang))}:**")
        form_links(kb, helps, lang)
    render_sourced(kb, contact, lang)


# -- glossary -------------------------------------------------------------------------------------


def glossary_matches(kb: KnowledgeBase, query: str, lang: str) -> list[Any]:
    """Glossary entries whose term or definition contains every word of the query
    (case- and diacritics-insensitive), sorted by term."""
    words = fold(query).split()
    out = []
    for entry in kb.glossary.values():
        hay = fold(
            f"{entry.term.get(lang)} {entry.definition.get(lang)} {entry.term.pl} {entry.term.en}"
        )
        if all(w in hay for w in words):
            out.append(entry)
    return sorted(out, key=lambda e: fold(e.term.get(lang)))


# -- about page -----------------------------------------------------------------------------------

_SOURCE_KIND_ORDER = ("law", "official", "local", "ngo", "guide", "press", "secondary")


def sources_by_kind(kb: KnowledgeBase) -> list[tuple[str, list[Source]]]:
    groups: dict[str, list[Source]] = {}
    for src in kb.sources.values():
        groups.setdefault(src.kind, []).append(src)
    order = [k for k in _SOURCE_KIND_ORDER if k in groups] + sorted(
        k for k in groups if k not in _SOURCE_KIND_ORDER
    )
    return [(k, sorted(groups[k], key=lambda s: fold(s.title))) for k in order]


def notice(key: str, lang: str, **values: Any) -> None:
    """A visible warning about input we could not use; the values are escaped."""
    st.warning(md(tr(key, lang, **values)), icon=":material/warning:")
