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
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from .i18n import t
from .loading import KnowledgeBase
from .models import Form, Sourced, Status, Text

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


def _titled(context: Text, heading: Text) -> Text:
    """ "Fundacja: Koszt rejestracji": a heading in the context of what it belongs to."""
    return _text(f"{context.pl}: {heading.pl}", f"{context.en}: {heading.en}")


def _entry(
    kind: str,
    key: str,
    name: Text,
    text: Text,
    forms: Sequence[str],
    sources: Iterable[str],
    extra: Text | None = None,
    uncertainty: Text | None = None,
    *,
    type: str | None = None,
    heading: Text | None = None,
    no_form: bool = False,
) -> Doc:
    """An item that stands on its own (a form, a status, a term, an FAQ entry, a contact).

    Its id is ``type:key`` (``type`` is ``kind`` unless given), its name is its title and,
    unless ``heading`` says more, its heading; its form is the first of ``forms`` (none with
    ``no_form``: a status belongs to no form, though the forms that hold it find it).
    """
    type = type if type is not None else kind
    return Doc(
        id=f"{type}:{key}",
        kind=kind,
        type=type,
        form=forms[0] if forms and not no_form else None,
        forms=tuple(forms),
        title=name,
        heading=heading if heading is not None else name,
        context=None,
        text=text,
        extra=extra,
        sources=tuple(sources),
        uncertainty=uncertainty,
    )


class _Part(NamedTuple):
    """One part of a form or a status (a fact, a pro, a rule, a step, a condition…)."""

    type: str
    key: str  # unique within its owner, e.g. "step:krs"
    heading: Text  # what it is ("Koszt rejestracji", "Krok")
    text: Text
    extra: Text | None
    item: Sourced  # its sources and uncertainty
    title: Text | None = None  # instead of "owner: heading"
    also: tuple[str, ...] = ()  # further forms it concerns


def _part_doc(prefix: str, form: str | None, forms: tuple[str, ...], owner: Text, p: _Part) -> Doc:
    """The document of a part of ``owner`` (a form's or a status's name, its context)."""
    return Doc(
        id=f"{prefix}:{p.key}",
        kind=p.type if p.type in ("pro", "con") else "fact",
        type=p.type,
        form=form,
        forms=(*forms, *p.also),
        title=p.title if p.title is not None else _titled(owner, p.heading),
        heading=p.heading,
        context=owner,
        text=p.text,
        extra=p.extra,
        **_sourced(p.item),
    )


def _form_parts(kb: KnowledgeBase, form: Form) -> Iterator[_Part]:
    """The parts of ``form`` in index order: facts, pros, cons, rules, steps, pathways."""
    for key, fact in form.facts.items():
        fk = kb.fact_keys.get(key)
        label = fk.label if fk is not None else _text(key, key)
        yield _Part("fact", f"fact:{key}", label, fact.text, None, fact)
    for kind, seq in (("pro", form.pros), ("con", form.cons)):
        what = _label(f"search.type.{kind}")
        for item in seq:
            yield _Part(kind, f"{kind}:{item.id}", what, item.text, None, item)
    what = _label("search.type.rule")
    for rule in form.rules:
        message = _text(_fill(rule.message.pl), _fill(rule.message.en))
        change = _text(_fill(rule.change.pl), _fill(rule.change.en))
        yield _Part("rule", f"rule:{rule.id}", what, message, change, rule)
    what = _label("search.type.step")
    for step in form.steps:
        text = _concat(step.text, _cost(step.cost_pln), step.cost_note, step.time)
        yield _Part("step", f"step:{step.id}", what, text, step.body, step)
    what = _label("search.type.pathway")
    name = form.name
    for pw in form.pathways:
        target = kb.forms[pw.to].name if pw.to in kb.forms else _text(pw.to, pw.to)
        title = _text(f"{name.pl} → {target.pl}", f"{name.en} → {target.en}")
        yield _Part("pathway", f"pathway:{pw.to}", what, pw.text, target, pw, title, (pw.to,))


def _status_parts(status: Status) -> Iterator[_Part]:
    """A status's conditions, benefits and duties, each numbered within its list."""
    for part in ("conditions", "benefits", "duties"):
        what = _label(f"search.type.status_{part}")
        for j, cond in enumerate(getattr(status, part)):
            yield _Part("status", f"{part}:{j}", what, cond.text, None, cond)


def documents(kb: KnowledgeBase) -> list[Doc]:
    """Every searchable item of the knowledge base, in a stable order."""
    docs: list[Doc] = []
    for fid, form in kb.forms.items():
        name = form.name
        heading = _concat(name, form.short_name)
        extra = _join(form.typical_uses, form.legal_basis_text)
        docs.append(
            _entry("form", fid, name, form.summary, (fid,), form.sources, extra, heading=heading)
        )
        docs += (_part_doc(fid, fid, (fid,), name, p) for p in _form_parts(kb, form))
    for sid, status in kb.statuses.items():
        holders = tuple(f for f, form in kb.forms.items() if sid in form.statuses)
        name, granted_by = status.name, status.granted_by
        docs.append(
            _entry(
                "fact",
                sid,
                name,
                status.summary,
                holders,
                status.sources,
                granted_by,
                type="status",
                no_form=True,
            )
        )
        docs += (_part_doc(f"status:{sid}", None, holders, name, p) for p in _status_parts(status))
    for gid, g in kb.glossary.items():
        docs.append(_entry("glossary", gid, g.term, g.definition, g.forms, g.sources))
    for qid, q in kb.faq.items():
        docs.append(
            _entry("faq", qid, q.question, q.answer, q.forms, q.sources, None, q.uncertainty)
        )
    for cid, c in kb.contacts.items():
        more = _join(c.how_to_join, c.meetings)
        docs.append(
            _entry(
                "contact", cid, c.name, c.description, c.helps_with, c.sources, more, c.uncertainty
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


K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class BuiltOnce(Generic[K, T]):
    """Objects built on the first request for their key, each at most once (also when threads
    ask at the same time). With ``keep``, when that many are kept the next new one empties the
    cache first, so that memory stays bounded (a reloaded knowledge base replaces old ones).

    Cached by a knowledge base's ``id``, the value holds the knowledge base itself: while it is
    cached no other object can have that id.
    """

    def __init__(self, keep: int | None = None) -> None:
        self._keep = keep
        self._built: dict[K, T] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._built)

    def get(self, key: K, build: Callable[[], T]) -> T:
        built = self._built.get(key)
        if built is None:
            with self._lock:
                built = self._built.get(key)
                if built is None:
                    if self._keep is not None and len(self._built) >= self._keep:
                        self._built.clear()
                    built = build()
                    self._built[key] = built
        return built


class SearchIndex:
    """The documents of one knowledge base with a TF-IDF index per language (built on demand)."""

    def __init__(self, kb: KnowledgeBase, method: Method = METHOD) -> None:
        self.kb = kb
        self.method = method
        self.docs: list[Doc] = documents(kb)
        self._by_lang: BuiltOnce[str, _LangIndex] = BuiltOnce()

    def _index(self, lang: str) -> _LangIndex:
        return self._by_lang.get(lang, lambda: self._build(lang))

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


_CACHE: BuiltOnce[int, tuple[KnowledgeBase, SearchIndex]] = BuiltOnce(keep=4)


def index_for(kb: KnowledgeBase) -> SearchIndex:
    """The search index of ``kb``, made once per knowledge base object (cached by identity)."""
    return _CACHE.get(id(kb), lambda: (kb, SearchIndex(kb)))[1]


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
