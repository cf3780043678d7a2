"""Search over everything the knowledge base says ("zapytaj bazę wiedzy").

People ask in their own words, without Polish letters, with typos and inflected forms
("ile osob trzeba do stowarzyszenia"). So every searchable text is *normalised* (lower case,
Polish diacritics stripped, punctuation to spaces) and compared as a bag of character n-grams
within word boundaries (scikit-learn ``TfidfVectorizer(analyzer="char_wb")``): "stowarzyszenia"
shares most of its 2–4-grams with "stowarzyszenie", and "spoldzielnia" is "spółdzielnia" once
both are normalised. Nothing here knows any domain word: the index is built from the knowledge
base alone.

Each item is indexed as its *heading* (a question, a term, a fact's label), its *body* (the
form it belongs to, heading, text) and its *context* (the form's name). The score is a weighted
sum of the cosine similarities (:class:`Method`), so an FAQ whose question matches the query
ranks above a long text that happens to mention the same words, and a fact of the form the
query names ranks above the same fact of another form. One index per language, built lazily
on the first query and cached by the identity of the (immutable) knowledge base; nothing is
built at import time.
"""

from __future__ import annotations

import re
import string
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .i18n import t
from .loading import KnowledgeBase
from .models import Sourced, Text

if TYPE_CHECKING:  # heavy imports stay out of module import time
    import numpy as np
    from scipy.sparse import spmatrix
    from sklearn.feature_extraction.text import TfidfVectorizer

LANGS = ("pl", "en")
KINDS = ("form", "fact", "pro", "con", "glossary", "faq", "contact")

MAX_QUERY_CHARS = 300  # longer queries are cut (keeps every query fast)
DEFAULT_LIMIT = 10
MIN_SCORE = 0.1  # below this a result is noise (shared letter groups only)
RELATIVE_CUTOFF = 0.5  # results scoring under this share of the best one are left out

_POLISH = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, no diacritics (Polish and others), only letters, digits and single spaces.

    >>> normalise("Spółdzielnia  Socjalna – 1,5%!")
    'spoldzielnia socjalna 1 5'
    >>> normalise("ŁÓDŹ, żółć")
    'lodz zolc'
    """
    text = text.translate(_POLISH)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", text).strip()


# -- documents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One searchable item, in both languages.

    ``kind`` is one of the contract's kinds; ``type`` says more precisely what it is (a rule and
    a registration step are both a ``fact`` of their form; a status condition is a ``fact`` with
    no form).
    """

    id: str
    kind: str
    type: str
    form: str | None
    forms: tuple[str, ...]
    title: Text  # shown to the user ("Fundacja: Koszt rejestracji")
    heading: Text  # what the item is about, without its context ("Koszt rejestracji", a question)
    context: Text | None  # what it belongs to (the form's or status's name)
    text: Text  # the snippet shown
    extra: Text | None  # further searchable words not shown as the snippet (e.g. typical uses)
    sources: tuple[str, ...]
    uncertainty: Text | None
    unverified: bool = False


@dataclass(frozen=True)
class Result:
    doc: Doc
    score: float

    def to_dict(self, kb: KnowledgeBase, lang: str) -> dict[str, Any]:
        """The contract's result object, plus ``type``, ``forms``, ``url``, ``checked``,
        ``sources`` and ``uncertainty``."""
        d = self.doc
        first = next(iter(kb.source_list(d.sources)), None)
        return {
            "id": d.id,
            "kind": d.kind,
            "type": d.type,
            "form": d.form,
            "forms": list(d.forms),
            "title": d.title.get(lang),
            "text": d.text.get(lang),
            "score": round(self.score, 4),
            "source": first.title if first else None,
            "url": first.url if first else None,
            "checked": first.checked.isoformat() if first else None,
            "sources": [
                {"id": s.id, "title": s.title, "url": s.url, "checked": s.checked.isoformat()}
                for s in kb.source_list(d.sources)
            ],
            "uncertainty": d.uncertainty.get(lang) if d.uncertainty else None,
            "unverified": d.unverified,
        }


def _fill(text: str) -> str:
    """A rule message with its placeholders ({founders}, {gap}) replaced by an ellipsis."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append("…")
    return "".join(out)


def _text(pl: str, en: str) -> Text:
    return Text(pl=pl, en=en)


def _label(key: str, **values: Any) -> Text:
    return _text(t(key, "pl", **values), t(key, "en", **values))


def _concat(first: Text, *rest: Text | None) -> Text:
    """Texts joined with spaces (absent parts skipped)."""
    present = [first, *(p for p in rest if p is not None)]
    return _text(" ".join(p.pl for p in present), " ".join(p.en for p in present))


def _join(*parts: Text | None) -> Text | None:
    present = [p for p in parts if p is not None]
    if not present:
        return None
    return _text(" ".join(p.pl for p in present), " ".join(p.en for p in present))


def _cost(amount: int | None) -> Text | None:
    """ "Koszt: 250 zł." for a step whose cost is known."""
    if amount is None:
        return None
    return _label("search.cost", amount=f"{amount:,}".replace(",", "\u00a0"))


def _sourced(obj: Sourced) -> dict[str, Any]:
    return {
        "sources": tuple(obj.sources),
        "uncertainty": obj.uncertainty,
        "unverified": obj.unverified,
    }


def documents(kb: KnowledgeBase) -> list[Doc]:
    """Every searchable item of the knowledge base, in a stable order."""
    docs: list[Doc] = []

    def titled(context: Text, heading: Text) -> Text:
        return _text(f"{context.pl}: {heading.pl}", f"{context.en}: {heading.en}")

    for fid, form in kb.forms.items():
        name = form.name
        docs.append(
            Doc(
                id=f"form:{fid}",
                kind="form",
                type="form",
                form=fid,
                forms=(fid,),
                title=name,
                heading=_concat(name, form.short_name),
                context=None,
                text=form.summary,
                extra=_join(form.typical_uses, form.legal_basis_text),
                sources=tuple(form.sources),
                uncertainty=None,
            )
        )
        for key, fact in form.facts.items():
            fk = kb.fact_keys.get(key)
            label = fk.label if fk is not None else _text(key, key)
            docs.append(
                Doc(
                    id=f"{fid}:fact:{key}",
                    kind="fact",
                    type="fact",
                    form=fid,
                    forms=(fid,),
                    title=titled(name, label),
                    heading=label,
                    context=name,
                    text=fact.text,
                    extra=None,
                    **_sourced(fact),
                )
            )
        for kind, seq in (("pro", form.pros), ("con", form.cons)):
            what = _label(f"search.type.{kind}")
            for item in seq:
                docs.append(
                    Doc(
                        id=f"{fid}:{kind}:{item.id}",
                        kind=kind,
                        type=kind,
                        form=fid,
                        forms=(fid,),
                        title=titled(name, what),
                        heading=what,
                        context=name,
                        text=item.text,
                        extra=None,
                        **_sourced(item),
                    )
                )
        what = _label("search.type.rule")
        for rule in form.rules:
            docs.append(
                Doc(
                    id=f"{fid}:rule:{rule.id}",
                    kind="fact",
                    type="rule",
                    form=fid,
                    forms=(fid,),
                    title=titled(name, what),
                    heading=what,
                    context=name,
                    text=_text(_fill(rule.message.pl), _fill(rule.message.en)),
                    extra=_text(_fill(rule.change.pl), _fill(rule.change.en)),
                    **_sourced(rule),
                )
            )
        what = _label("search.type.step")
        for step in form.steps:
            docs.append(
                Doc(
                    id=f"{fid}:step:{step.id}",
                    kind="fact",
                    type="step",
                    form=fid,
                    forms=(fid,),
                    title=titled(name, what),
                    heading=what,
                    context=name,
                    text=_concat(step.text, _cost(step.cost_pln), step.cost_note, step.time),
                    extra=step.body,
                    **_sourced(step),
                )
            )
        what = _label("search.type.pathway")
        for pw in form.pathways:
            target = kb.forms[pw.to].name if pw.to in kb.forms else _text(pw.to, pw.to)
            docs.append(
                Doc(
                    id=f"{fid}:pathway:{pw.to}",
                    kind="fact",
                    type="pathway",
                    form=fid,
                    forms=(fid, pw.to),
                    title=_text(f"{name.pl} → {target.pl}", f"{name.en} → {target.en}"),
                    heading=what,
                    context=name,
                    text=pw.text,
                    extra=target,
                    **_sourced(pw),
                )
            )
    for sid, status in kb.statuses.items():
        holders = tuple(f for f, form in kb.forms.items() if sid in form.statuses)
        docs.append(
            Doc(
                id=f"status:{sid}",
                kind="fact",
                type="status",
                form=None,
                forms=holders,
                title=status.name,
                heading=status.name,
                context=None,
                text=status.summary,
                extra=status.granted_by,
                sources=tuple(status.sources),
                uncertainty=None,
            )
        )
        for part in ("conditions", "benefits", "duties"):
            what = _label(f"search.type.status_{part}")
            for j, cond in enumerate(getattr(status, part)):
                docs.append(
                    Doc(
                        id=f"status:{sid}:{part}:{j}",
                        kind="fact",
                        type="status",
                        form=None,
                        forms=holders,
                        title=titled(status.name, what),
                        heading=what,
                        context=status.name,
                        text=cond.text,
                        extra=None,
                        **_sourced(cond),
                    )
                )
    for gid, entry in kb.glossary.items():
        docs.append(
            Doc(
                id=f"glossary:{gid}",
                kind="glossary",
                type="glossary",
                form=entry.forms[0] if entry.forms else None,
                forms=tuple(entry.forms),
                title=entry.term,
                heading=entry.term,
                context=None,
                text=entry.definition,
                extra=None,
                sources=tuple(entry.sources),
                uncertainty=None,
            )
        )
    for qid, faq in kb.faq.items():
        docs.append(
            Doc(
                id=f"faq:{qid}",
                kind="faq",
                type="faq",
                form=faq.forms[0] if faq.forms else None,
                forms=tuple(faq.forms),
                title=faq.question,
                heading=faq.question,
                context=None,
                text=faq.answer,
                extra=None,
                sources=tuple(faq.sources),
                uncertainty=faq.uncertainty,
            )
        )
    for cid, contact in kb.contacts.items():
        docs.append(
            Doc(
                id=f"contact:{cid}",
                kind="contact",
                type="contact",
                form=contact.helps_with[0] if contact.helps_with else None,
                forms=tuple(contact.helps_with),
                title=contact.name,
                heading=contact.name,
                context=None,
                text=contact.description,
                extra=_join(contact.how_to_join, contact.meetings),
                sources=tuple(contact.sources),
                uncertainty=contact.uncertainty,
            )
        )
    return docs


# -- the index --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Method:
    """The tunable constants of the scoring (see docs/quality.md for how they were chosen).

    The score of a document is a weighted sum of cosine similarities between the query and
    the document, all over character n-grams: with its *heading* (a question, a term, a fact's
    label – what the item is about), with its *body* (the form it belongs to, heading, text and
    further words) and, with a smaller weight, with its *context* (the name of its form, so that
    "koszt fundacji" prefers the foundation's cost to another form's). Answers to whole
    questions (the FAQ) get a small boost.
    """

    ngram_range: tuple[int, int] = (2, 4)
    heading_weight: float = 0.35  # the body gets the rest
    faq_boost: float = 1.15  # curated answers to whole questions come before single facts
    context_weight: float = 0.2  # extra weight of the similarity with the form's name


METHOD = Method()


@dataclass(frozen=True)
class _LangIndex:
    vectorizer: TfidfVectorizer
    headings: spmatrix  # documents × character n-grams, rows l2-normalised
    bodies: spmatrix
    contexts: spmatrix
    boost: np.ndarray


class SearchIndex:
    """The documents of one knowledge base with a TF-IDF index per language (built on demand)."""

    def __init__(self, kb: KnowledgeBase, method: Method = METHOD) -> None:
        self.kb = kb
        self.method = method
        self.docs: list[Doc] = documents(kb)
        self._by_lang: dict[str, _LangIndex] = {}
        self._lock = threading.Lock()

    def _index(self, lang: str) -> _LangIndex:
        built = self._by_lang.get(lang)
        if built is not None:
            return built
        with self._lock:
            built = self._by_lang.get(lang)
            if built is None:
                built = self._build(lang)
                self._by_lang[lang] = built
        return built

    def _build(self, lang: str) -> _LangIndex:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        def txt(t: Text | None) -> str:
            return normalise(t.get(lang)) if t is not None else ""

        headings = [txt(d.heading) for d in self.docs]
        bodies = [
            " ".join(x for x in (txt(d.context), txt(d.heading), txt(d.text), txt(d.extra)) if x)
            for d in self.docs
        ]
        vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.method.ngram_range,
            sublinear_tf=True,
            lowercase=False,  # the text is normalised already
            dtype=np.float32,
        )
        vectorizer.fit(bodies)
        boost = np.array(
            [self.method.faq_boost if d.kind == "faq" else 1.0 for d in self.docs],
            dtype=np.float32,
        )
        contexts = [txt(d.context) for d in self.docs]
        return _LangIndex(
            vectorizer,
            vectorizer.transform(headings),
            vectorizer.transform(bodies),
            vectorizer.transform(contexts),
            boost,
        )

    def scores(self, query: str, lang: str) -> np.ndarray:
        """The score of every document for ``query`` (same order as :attr:`docs`)."""
        import numpy as np

        idx = self._index(lang)
        q = idx.vectorizer.transform([normalise(query[:MAX_QUERY_CHARS])]).T
        w = self.method.heading_weight
        heading = (idx.headings @ q).toarray().ravel()
        body = (idx.bodies @ q).toarray().ravel()
        total = w * heading + (1.0 - w) * body
        if self.method.context_weight:
            total = total + self.method.context_weight * (idx.contexts @ q).toarray().ravel()
        return np.asarray(total * idx.boost)

    def search(
        self,
        query: str,
        lang: str = "pl",
        limit: int = DEFAULT_LIMIT,
        kinds: Iterable[str] | None = None,
        form: str | None = None,
    ) -> list[Result]:
        """The best results for ``query``, best first (ties: knowledge-base order)."""
        import numpy as np

        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        if not normalise(query):
            raise EmptyQueryError("the query is empty")
        scores = self.scores(query, lang)
        allowed = set(kinds) if kinds is not None else None
        order = np.argsort(-scores, kind="stable")
        out: list[Result] = []
        floor = MIN_SCORE
        for i in order:
            s = float(scores[i])
            if s < floor or len(out) >= limit:
                break
            d = self.docs[i]
            if allowed is not None and d.kind not in allowed:
                continue
            if form is not None and form not in d.forms:
                continue
            if not out:
                floor = max(MIN_SCORE, RELATIVE_CUTOFF * s)
            out.append(Result(d, s))
        return out


class EmptyQueryError(ValueError):
    """The query has no letters or digits."""


_CACHE: dict[int, tuple[KnowledgeBase, SearchIndex]] = {}
_CACHE_LOCK = threading.Lock()


def index_for(kb: KnowledgeBase) -> SearchIndex:
    """The search index of ``kb``, made once per knowledge base object (cached by identity)."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    with _CACHE_LOCK:
        cached = _CACHE.get(id(kb))
        if cached is not None and cached[0] is kb:
            return cached[1]
        if len(_CACHE) >= 4:  # a reloaded knowledge base replaces old ones; keep memory bounded
            _CACHE.clear()
        index = SearchIndex(kb)
        _CACHE[id(kb)] = (kb, index)
        return index


def search(
    kb: KnowledgeBase,
    query: str,
    lang: str = "pl",
    limit: int = DEFAULT_LIMIT,
    kinds: Iterable[str] | None = None,
    form: str | None = None,
) -> list[Result]:
    """Search the knowledge base; raises :class:`EmptyQueryError` for an empty query."""
    return index_for(kb).search(query, lang, limit, kinds, form)


def search_dict(
    kb: KnowledgeBase, query: str, lang: str = "pl", limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """The contract's JSON object for ``python -m recommender search``."""
    return {"results": [r.to_dict(kb, lang) for r in search(kb, query, lang, limit)]}
