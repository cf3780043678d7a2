"""Shared helpers of the result page: escaping, number formats, sources, headings, the cache of
recommendations and page texts, notices. Nothing here lays out a page."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from recommender.profile import FIELDS, Profile

from ..state import question_fields

if TYPE_CHECKING:  # the engine pulls in numpy: imported where used, so the start page loads fast
    from recommender.engine import Recommendation
    from recommender.loading import KnowledgeBase
    from recommender.models import Source

TOP_N = 3
PRIMARY = "#1f5f8b"
MUTED = "#5f6b7a"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~$])")


def md(text: str) -> str:
    """Knowledge text made inert for markdown (no links, emphasis, LaTeX or HTML from data)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_url(url: str) -> str:
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


def source_line(source: Source, lang: str, tr: Callable[..., str]) -> str:
    """ "[title](url) – publisher, checked YYYY-MM-DD (note)"."""
    line = tr(
        "flow.source",
        title=f"[{md(source.title)}]({md_url(source.url)})",
        publisher=md(source.publisher),
        date=source.checked.isoformat(),
    )
    if source.note is not None:
        line += f" ({md(source.note.get(lang))})"
    return line


def sources_md(kb: KnowledgeBase, ids: Iterable[str], lang: str, tr: Callable[..., str]) -> str:
    sources = kb.source_list(dict.fromkeys(ids))
    if not sources:
        return ""
    return tr("flow.sources_label") + " " + "; ".join(source_line(s, lang, tr) for s in sources)


class SourceNotes:
    """The numbered sources of one card, as in print: a reason names its sources as [1], [2];
    the card lists each source once at its end (title with its link, publisher, date checked,
    note) instead of repeating the whole line under every reason that cites it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.numbers: dict[str, int] = {}

    def refs(self, ids: Iterable[str]) -> str:
        out = []
        for source in self.kb.source_list(dict.fromkeys(ids)):
            n = self.numbers.setdefault(source.id, len(self.numbers) + 1)
            out.append(f"\\[{n}\\]")
        return ", ".join(out)

    def list_md(self, lang: str, tr: Callable[..., str]) -> str:
        if not self.numbers:
            return ""
        lines = [
            f"{n}. :small[{source_line(s, lang, tr)}]"
            for n, s in enumerate(self.kb.source_list(self.numbers), 1)
        ]
        return f"**{tr('flow.sources_title')}**\n\n" + "\n".join(lines)


def small(lines: Iterable[str]) -> str:
    """Lines of small print (sources, uncertainty) to append to a markdown block."""
    return "".join(f"  \n:small[{line}]" for line in lines if line)


def fmt_points(value: float, lang: str = "pl") -> str:
    text = f"{value:+.1f}".replace("-", "−")
    return text.replace(".", ",") if lang == "pl" else text


def fmt_score(value: float, lang: str = "pl") -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "pl" else text


def fmt_pln(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", "\u00a0") + (" zł" if lang == "pl" else " PLN")


def answer_value_label(
    kb: KnowledgeBase, field: str, value: Any, lang: str, tr: Callable[..., str]
) -> str:
    """A readable rendering of one answer, using the questionnaire's option labels."""
    spec = FIELDS[field]
    if spec.kind == "int":
        return fmt_pln(value, lang) if field == "capital_pln" else str(value)
    for section in kb.questionnaire.sections:
        for q in section.questions:
            if field not in question_fields(q):
                continue
            if spec.kind == "enum_list":
                if not value:
                    empty = next(
                        (o for o in q.options if o.sets is not None and not o.unknown), None
                    )
                    return empty.label.get(lang) if empty else tr("flow.none")
                labels = []
                for v in value:
                    opt = next((o for o in q.options if o.value == v), None)
                    labels.append(opt.label.get(lang) if opt else str(v))
                return "; ".join(labels)
            for o in q.options:
                if o.sets and o.sets.get(field) == value and len(o.sets) == 1:
                    return o.label.get(lang)
    if spec.kind == "bool":
        return tr("flow.yes") if value else tr("flow.no")
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def depends_on(rec: Recommendation, top_n: int | None = None) -> list[str]:
    """Unknown fields that decide rules, pros or cons of the leading forms (answer order)."""
    order = list(FIELDS)
    forms = rec.ranking if top_n is None else [*rec.eligible[:top_n]]
    fields = {f for r in forms for p in r.pending for f in p.fields}
    return sorted(fields, key=order.index)


def section_of_field(kb: KnowledgeBase, field: str) -> int | None:
    for i, section in enumerate(kb.questionnaire.sections):
        if any(field in question_fields(q) for q in section.questions):
            return i
    return None


# -- recommendations, cached per profile ------------------------------------------------------


_TEXTS: dict[tuple[Any, ...], Any] = {}
_RECOMMENDATIONS: dict[tuple[Any, ...], Any] = {}
_LIMITS = {id(_TEXTS): 2048, id(_RECOMMENDATIONS): 512}


def memo(
    key: tuple[Any, ...],
    build: Callable[..., Any],
    *args: Any,
    store: dict[tuple[Any, ...], Any] = _TEXTS,
) -> Any:
    """A value built once per server process for ``key``, which must name the knowledge version
    and everything else the value depends on (profile key, language, form...).

    Recommendations and the page's texts are pure functions of (knowledge, profile, language),
    so a rerun looks them up in a dict instead of composing them again. A plain dict rather than
    ``st.cache_resource``: its lookup (hashing the arguments) cost 0.1 ms per call. When a store
    is full it is emptied and refills with what is in use (values are immutable and shared by all
    sessions; a lost race only builds a value twice).
    """
    try:
        return store[key]
    except KeyError:
        value = build(*args)
        if len(store) >= _LIMITS.get(id(store), 2048):
            store.clear()
        store[key] = value
        return value


def _recommend(kb: KnowledgeBase, profile: Profile) -> Recommendation:
    from recommender.engine import recommend

    return recommend(kb, profile)


def get_recommendation(
    kb: KnowledgeBase, profile: Profile, profile_key: str | None = None
) -> Recommendation:
    """One shared, immutable result per (knowledge version, profile)."""
    key = ("rec", kb.version, profile_key or profile.key())
    return memo(key, _recommend, kb, profile, store=_RECOMMENDATIONS)  # type: ignore[no-any-return]


def implied_weights(kb: KnowledgeBase, profile: Profile) -> dict[str, int]:
    """The weights the answers imply, ignoring the user's own priorities (the sliders' defaults)."""
    from recommender.engine import weights_for

    bare = Profile(values=profile.values, priorities={})
    return {w.criterion: w.value for w in weights_for(kb, bare)}


# -- what-if -----------------------------------------------------------------------------------


def heading(text: str, level: int = 3) -> str:
    """A markdown heading line for knowledge or catalog text (escaped; no trailing '#')."""
    return "#" * level + " " + text.replace("\n", " ") + "\n\n"


def item_md(text: str, meta: Iterable[str]) -> str:
    """One list item: the text, then small-print lines (criteria, sources, uncertainty)."""
    return f"- {text}" + small(meta).replace("\n", "\n  ")


def page_link(page: str, **kwargs: Any) -> None:
    """``st.page_link`` that leaves the link out when the page is not in the navigation
    (a page script run on its own, as the benchmark does)."""
    from streamlit.errors import StreamlitAPIException

    with contextlib.suppress(StreamlitAPIException):
        st.page_link(page, **kwargs)


def render_notices(
    notices: Sequence[Any], tr: Callable[..., str], kb: Any = None, lang: str = "pl"
) -> None:
    """What was wrong with the link, naming the question (when ``kb`` is given), not the
    parameter."""
    from ..state import notice_texts

    if not notices:
        return
    texts = notice_texts(notices, tr, kb, lang)
    st.warning(
        tr("flow.notice.title") + "\n\n" + "\n".join(f"- {x}" for x in texts),
        icon=":material/link_off:",
    )
