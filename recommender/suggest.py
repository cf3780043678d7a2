""""Describe your idea": profile values and forms that a free-text description suggests.

The user writes what they want to do ("zajęcia z robotyki dla dzieciaków po lekcjach"); we
suggest goals and target groups *for the user to confirm* and name the forms whose typical uses
the text resembles. Nothing is ever set silently: the result is a list of candidates with scores.

Method (no keyword lists in code; every word comes from ``knowledge/``):

* **Goals and target groups.** Each value's ``description`` in ``knowledge/vocabulary.yaml`` is
  a comma-separated list of everyday phrases. The user's text is cut into word windows (1 to 3
  consecutive words). Phrases and windows are compared as character n-grams after
  :func:`~recommender.search.normalise` (so "dzieciakow" meets "dzieciaki", "emerytow" meets
  "emeryci"). A value's score is its best phrase–window similarity; a value is suggested when
  the score reaches :data:`PHRASE_THRESHOLD`, at most :data:`MAX_VALUES` per field.
* **Forms.** The same phrase matching runs on each form's ``typical_uses`` and ``summary``
  (split into phrases at punctuation), combined with the cosine similarity of the whole text.
  Forms are returned best first with a score in 0..1; at most :data:`MAX_FORMS`, and only those
  reaching :data:`FORM_THRESHOLD`.

The thresholds were set on the development half of ``tests/eval/idea_descriptions.json``; the
figures on all of it are in ``docs/quality.md``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .loading import KnowledgeBase
from .search import LANGS, MAX_QUERY_CHARS, normalise

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import spmatrix
    from sklearn.feature_extraction.text import TfidfVectorizer

SUGGEST_FIELDS = ("goals", "target_groups")
NGRAM_RANGE = (3, 5)
MAX_WINDOW = 3  # words per window of the user's text
PHRASE_THRESHOLD = 0.5
MAX_VALUES = 3
FORM_THRESHOLD = 0.1
MAX_FORMS = 3
FORM_PHRASE_SHARE = 0.6  # share of a form's score from its best phrase (the rest: whole-text cosine)

_PHRASE_SPLIT = re.compile(r"[,;:.!?()\n–—]+")


def phrases(text: str) -> list[str]:
    """The normalised phrases of a description (split at punctuation).

    >>> phrases("zajęcia dla dzieci, warsztaty; koncerty.")
    ['zajecia dla dzieci', 'warsztaty', 'koncerty']
    """
    out = []
    for part in _PHRASE_SPLIT.split(text):
        norm = normalise(part)
        if norm:
            out.append(norm)
    return out


def windows(text: str, size: int = MAX_WINDOW) -> list[str]:
    """Every run of 1..``size`` consecutive words of the normalised text.

    >>> windows("Dla dzieci i seniorów", 2)
    ['dla', 'dzieci', 'i', 'seniorow', 'dla dzieci', 'dzieci i', 'i seniorow']
    """
    words = normalise(text).split()
    out: list[str] = []
    for n in range(1, size + 1):
        out.extend(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    return out


@dataclass(frozen=True)
class Candidate:
    value: str
    score: float
    phrase: str  # the phrase of the knowledge base that matched best (explains the suggestion)
    matched: str  # the words of the user's text it matched


@dataclass(frozen=True)
class Suggestion:
    goals: tuple[Candidate, ...]
    target_groups: tuple[Candidate, ...]
    forms: tuple[Candidate, ...]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (``goals``, ``target_groups``, ``forms``) with details."""
        return {
            "goals": [c.value for c in self.goals],
            "target_groups": [c.value for c in self.target_groups],
            "forms": [{"form": c.value, "score": round(c.score, 4)} for c in self.forms],
            "details": {
                "goals": [_detail(c) for c in self.goals],
                "target_groups": [_detail(c) for c in self.target_groups],
            },
        }


def _detail(c: Candidate) -> dict[str, Any]:
    return {"value": c.value, "score": round(c.score, 4), "phrase": c.phrase, "matched": c.matched}


@dataclass(frozen=True)
class _PhraseSet:
    """The phrases of several entries (values or forms), vectorised once."""

    keys: tuple[str, ...]
    owner: np.ndarray  # phrase index -> entry index
    texts: tuple[str, ...]  # normalised phrases
    matrix: spmatrix  # phrases × features
    whole: spmatrix  # entries × features (whole description)


@dataclass(frozen=True)
class _LangMatcher:
    vectorizer: TfidfVectorizer
    fields: dict[str, _PhraseSet]
    forms: _PhraseSet


class Suggester:
    """Matches free text against the vocabulary and the forms of one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_lang: dict[str, _LangMatcher] = {}
        self._lock = threading.Lock()

    def _matcher(self, lang: str) -> _LangMatcher:
        built = self._by_lang.get(lang)
        if built is None:
            with self._lock:
                built = self._by_lang.get(lang)
                if built is None:
                    built = self._build(lang)
                    self._by_lang[lang] = built
        return built

    def _build(self, lang: str) -> _LangMatcher:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        entries: dict[str, list[tuple[str, str]]] = {f: [] for f in SUGGEST_FIELDS}
        for (field, value), entry in self.kb.vocabulary.items():
            if field in entries:
                entries[field].append((value, entry.label.get(lang) + ", " + entry.description.get(lang)))
        form_entries = [
            (fid, form.typical_uses.get(lang) + ". " + form.summary.get(lang))
            for fid, form in self.kb.forms.items()
        ]
        corpus = [p for items in (*entries.values(), form_entries) for _, text in items for p in phrases(text)]
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True,
                              lowercase=False, dtype=np.float32)
        vec.fit(corpus or ["-"])

        def phrase_set(items: Sequence[tuple[str, str]]) -> _PhraseSet:
            keys, owner, texts = [], [], []
            for i, (key, text) in enumerate(items):
                keys.append(key)
                for p in phrases(text):
                    owner.append(i)
                    texts.append(p)
            return _PhraseSet(
                keys=tuple(keys), owner=np.asarray(owner, dtype=int), texts=tuple(texts),
                matrix=vec.transform(texts or ["-"]),
                whole=vec.transform([normalise(text) for _, text in items] or ["-"]),
            )

        return _LangMatcher(vec, {f: phrase_set(entries[f]) for f in SUGGEST_FIELDS}, phrase_set(form_entries))

    # -- scoring ----------------------------------------------------------------------------

    @staticmethod
    def _best_phrases(ps: _PhraseSet, sims: np.ndarray, wins: Sequence[str]) -> list[Candidate]:
        """For every entry its best phrase–window similarity (entries without phrases score 0)."""
        out = []
        if sims.size == 0:
            return [Candidate(k, 0.0, "", "") for k in ps.keys]
        best_window = sims.argmax(axis=0)  # per phrase
        best_sim = sims.max(axis=0)
        for i, key in enumerate(ps.keys):
            idx = [j for j in range(len(ps.texts)) if ps.owner[j] == i]
            if not idx:
                out.append(Candidate(key, 0.0, "", ""))
                continue
            j = max(idx, key=lambda j: best_sim[j])
            out.append(Candidate(key, float(best_sim[j]), ps.texts[j], wins[int(best_window[j])]))
        return out

    def suggest(self, text: str, lang: str = "auto") -> Suggestion:
        """Suggestions for ``text``; ``lang`` is ``pl``, ``en`` or ``auto`` (the better of both)."""
        text = text[:MAX_QUERY_CHARS * 4]
        langs = LANGS if lang == "auto" else (lang,)
        if any(lg not in LANGS for lg in langs):
            raise ValueError(f"unknown language {lang!r}")
        best: dict[str, dict[str, Candidate]] = {f: {} for f in (*SUGGEST_FIELDS, "forms")}
        wins = windows(text)
        if wins:
            for lg in langs:
                for field, cands in self._score(text, wins, lg).items():
                    for c in cands:
                        old = best[field].get(c.value)
                        if old is None or c.score > old.score:
                            best[field][c.value] = c

        def pick(field: str, threshold: float, limit: int) -> tuple[Candidate, ...]:
            ranked = sorted(best[field].values(), key=lambda c: -c.score)
            return tuple(c for c in ranked if c.score >= threshold)[:limit]

        return Suggestion(
            goals=pick("goals", PHRASE_THRESHOLD, MAX_VALUES),
            target_groups=pick("target_groups", PHRASE_THRESHOLD, MAX_VALUES),
            forms=pick("forms", FORM_THRESHOLD, MAX_FORMS),
        )

    def _score(self, text: str, wins: list[str], lang: str) -> dict[str, list[Candidate]]:
        m = self._matcher(lang)
        wmat = m.vectorizer.transform(wins)
        out: dict[str, list[Candidate]] = {}
        for field, ps in m.fields.items():
            sims = (wmat @ ps.matrix.T).toarray()
            out[field] = self._best_phrases(ps, sims, wins)
        fs = m.forms
        phrase_best = self._best_phrases(fs, (wmat @ fs.matrix.T).toarray(), wins)
        whole = (fs.whole @ m.vectorizer.transform([normalise(text)]).T).toarray().ravel()
        out["forms"] = [
            Candidate(c.value, FORM_PHRASE_SHARE * c.score + (1 - FORM_PHRASE_SHARE) * float(whole[i]),
                      c.phrase, c.matched)
            for i, c in enumerate(phrase_best)
        ]
        return out


_CACHE: dict[int, tuple[KnowledgeBase, Suggester]] = {}
_CACHE_LOCK = threading.Lock()


def suggester_for(kb: KnowledgeBase) -> Suggester:
    """The suggester of ``kb`` (cached by the knowledge base's identity, built on first use)."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    with _CACHE_LOCK:
        cached = _CACHE.get(id(kb))
        if cached is None or cached[0] is not kb:
            if len(_CACHE) >= 4:
                _CACHE.clear()
            cached = (kb, Suggester(kb))
            _CACHE[id(kb)] = cached
        return cached[1]


def suggest(kb: KnowledgeBase, text: str, lang: str = "auto") -> Suggestion:
    """Goals, target groups and forms that ``text`` suggests (for the user to confirm)."""
    return suggester_for(kb).suggest(text, lang)
