""" "Describe your idea": profile values and forms that a free-text description suggests.

The user writes what they want to do ("zajęcia z robotyki dla dzieciaków po lekcjach"); we
suggest goals and target groups *for the user to confirm* and name the forms whose typical uses
the text resembles. Nothing is ever set silently: the result is a list of candidates with scores
and the words that produced them.

Method (no keyword lists in code; every word comes from ``knowledge/``):

* Words are compared *softly*: two words match when their character n-grams are similar enough
  (:data:`WORD_MATCH`), so "dzieciaków" matches "dzieciaki" and "emerytów" matches "emeryci",
  after :func:`~recommender.search.normalise` has removed case and Polish letters.
* Every word carries a weight, its inverse document frequency over all texts of the knowledge
  base: "osoby", "dla" or "local" weigh little, "bezdomni" or "stypendia" a lot.
* **Goals and target groups.** Each value's ``description`` in ``knowledge/vocabulary.yaml`` is a
  comma-separated list of everyday phrases. A phrase is *covered* by the user's text to the
  weighted share of its words that the text matches; a value scores its best-covered phrase and
  is suggested from :data:`VALUE_THRESHOLD`, at most :data:`MAX_VALUES` per field.
* **Forms.** The other way round: the share (by weight) of the user's words that a form's
  ``typical_uses`` and ``summary`` contain. Forms come best first with that score (0..1); at most
  :data:`MAX_FORMS`, from :data:`FORM_THRESHOLD`.

The constants were set on the development half of ``tests/eval/idea_descriptions.json``; the
figures on all of it are in ``docs/quality.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .loading import KnowledgeBase
from .search import LANGS, BuiltOnce, documents, normalise

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import spmatrix
    from sklearn.feature_extraction.text import TfidfVectorizer

SUGGEST_FIELDS = ("goals", "target_groups")
MAX_TEXT_CHARS = 2000


@dataclass(frozen=True)
class Method:
    """The tunable constants (see docs/quality.md)."""

    ngram_range: tuple[int, int] = (2, 4)
    word_match: float = 0.6  # similarity from which two words count as the same word
    stem: int = (
        4  # shortest shared beginning that can make two words the same ("dziec-i", "dziec-mi")
    )
    value_threshold: float = 0.6  # share of a phrase's weight the text must cover
    max_values: int = 3
    form_threshold: float = 0.1
    form_relative: float = 0.6  # forms scoring under this share of the best form are left out
    max_forms: int = 3


METHOD = Method()

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


def words(text: str) -> list[str]:
    """The distinct normalised words of a text, in order of first appearance.

    >>> words("Dla dzieci i dla seniorów!")
    ['dla', 'dzieci', 'i', 'seniorow']
    """
    return list(dict.fromkeys(normalise(text).split()))


@dataclass(frozen=True)
class Candidate:
    """A suggested value or form, with the evidence for it."""

    value: str
    score: float
    phrase: str  # the knowledge base's phrase (or form text) that matched
    matched: tuple[str, ...]  # the user's words it matched


@dataclass(frozen=True)
class Suggestion:
    goals: tuple[Candidate, ...]
    target_groups: tuple[Candidate, ...]
    forms: tuple[Candidate, ...]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (``goals``, ``target_groups``, ``forms``) plus ``details``."""
        return {
            "goals": [c.value for c in self.goals],
            "target_groups": [c.value for c in self.target_groups],
            "forms": [{"form": c.value, "score": round(c.score, 4)} for c in self.forms],
            "details": {
                "goals": [_detail(c) for c in self.goals],
                "target_groups": [_detail(c) for c in self.target_groups],
                "forms": [_detail(c) for c in self.forms],
            },
        }


def _detail(c: Candidate) -> dict[str, Any]:
    return {
        "value": c.value,
        "score": round(c.score, 4),
        "phrase": c.phrase,
        "matched": list(c.matched),
    }


@dataclass(frozen=True)
class _Entries:
    """Entries (values or forms), each a list of phrases, each a list of lexicon word indices."""

    keys: tuple[str, ...]
    phrases: tuple[tuple[tuple[str, tuple[int, ...]], ...], ...]


@dataclass(frozen=True)
class _Lang:
    vectorizer: TfidfVectorizer
    lexicon: dict[str, int]
    lexicon_matrix: spmatrix  # lexicon words × character features
    idf: np.ndarray  # weight of each lexicon word
    default_idf: float  # weight of a word the knowledge base never uses
    fields: dict[str, _Entries]
    forms: tuple[tuple[str, np.ndarray], ...]  # form id, its lexicon word indices
    by_prefix: dict[str, tuple[int, ...]]  # lexicon words by their first ``stem`` letters
    words: tuple[str, ...]  # the lexicon, by index


class Suggester:
    """Matches free text against the vocabulary and the forms of one knowledge base."""

    def __init__(self, kb: KnowledgeBase, method: Method = METHOD) -> None:
        self.kb = kb
        self.method = method
        self._by_lang: BuiltOnce[str, _Lang] = BuiltOnce()

    def _lang(self, lang: str) -> _Lang:
        return self._by_lang.get(lang, lambda: self._build(lang))

    def _build(self, lang: str) -> _Lang:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        kb = self.kb
        entries: dict[str, list[tuple[str, list[str]]]] = {f: [] for f in SUGGEST_FIELDS}
        for (field, value), entry in kb.vocabulary.items():
            if field in entries:
                entries[field].append(
                    (value, phrases(entry.label.get(lang) + ", " + entry.description.get(lang)))
                )
        form_texts = {
            fid: form.typical_uses.get(lang) + " " + form.summary.get(lang)
            for fid, form in kb.forms.items()
        }

        # word weights: inverse document frequency over every text of the knowledge base
        corpus = [
            normalise(" ".join(x.get(lang) for x in (d.heading, d.text, d.extra) if x is not None))
            for d in documents(kb)
        ]
        corpus += [" ".join(ps) for items in entries.values() for _, ps in items]
        counter = TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b", lowercase=False)
        counter.fit(corpus)
        known = counter.vocabulary_
        lexicon = {w: i for i, w in enumerate(sorted(known))}
        idf = np.zeros(len(lexicon), dtype=np.float32)
        for w, i in lexicon.items():
            idf[i] = counter.idf_[known[w]]
        default_idf = float(counter.idf_.max())

        vec = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.method.ngram_range,
            lowercase=False,
            dtype=np.float32,
        )
        lex_matrix = vec.fit_transform(list(lexicon))

        def indices(text: str) -> tuple[int, ...]:
            return tuple(lexicon[w] for w in text.split() if w in lexicon)

        fields = {
            f: _Entries(
                keys=tuple(v for v, _ in items),
                phrases=tuple(tuple((p, indices(p)) for p in ps if indices(p)) for _, ps in items),
            )
            for f, items in entries.items()
        }
        forms = tuple(
            (fid, np.asarray(sorted(set(indices(normalise(t)))), dtype=int))
            for fid, t in form_texts.items()
        )
        by_prefix: dict[str, list[int]] = {}
        for w, i in lexicon.items():
            if len(w) >= self.method.stem:
                by_prefix.setdefault(w[: self.method.stem], []).append(i)
        return _Lang(
            vec,
            lexicon,
            lex_matrix,
            idf,
            default_idf,
            fields,
            forms,
            {k: tuple(v) for k, v in by_prefix.items()},
            tuple(lexicon),
        )

    # -- scoring ----------------------------------------------------------------------------

    def suggest(self, text: str, lang: str = "auto") -> Suggestion:
        """Suggestions for ``text``; ``lang`` is ``pl``, ``en`` or ``auto`` (the better of both)."""
        langs = LANGS if lang == "auto" else (lang,)
        if any(lg not in LANGS for lg in langs):
            raise ValueError(f"unknown language {lang!r}")
        text_words = words(text[:MAX_TEXT_CHARS])
        best: dict[str, dict[str, Candidate]] = {f: {} for f in (*SUGGEST_FIELDS, "forms")}
        if text_words:
            for lg in langs:
                for field, cands in self._score(text_words, lg).items():
                    for c in cands:
                        old = best[field].get(c.value)
                        if old is None or c.score > old.score:
                            best[field][c.value] = c
        m = self.method

        def pick(
            field: str, threshold: float, limit: int, relative: float = 0.0
        ) -> tuple[Candidate, ...]:
            ranked = sorted(best[field].values(), key=lambda c: (-c.score, c.value))
            if ranked:
                threshold = max(threshold, relative * ranked[0].score)
            return tuple(c for c in ranked if c.score >= threshold)[:limit]

        return Suggestion(
            goals=pick("goals", m.value_threshold, m.max_values),
            target_groups=pick("target_groups", m.value_threshold, m.max_values),
            forms=pick("forms", m.form_threshold, m.max_forms, m.form_relative),
        )

    def _score(self, text_words: Sequence[str], lang: str) -> dict[str, list[Candidate]]:
        import numpy as np

        L = self._lang(lang)
        m = self.method
        sims = word_similarities(L, text_words, m)
        best_text = sims.argmax(axis=0)  # for each lexicon word, the text word matching it best
        covered = sims.max(axis=0)  # how well the text covers each lexicon word

        out: dict[str, list[Candidate]] = {}
        for field, entries in L.fields.items():
            cands = []
            for key, plist in zip(entries.keys, entries.phrases, strict=True):
                top = Candidate(key, 0.0, "", ())
                for phrase, idx in plist:
                    ix = np.asarray(idx)
                    weight = L.idf[ix]
                    score = float((weight * covered[ix]).sum() / weight.sum())
                    if score > top.score:
                        hit = tuple(
                            dict.fromkeys(text_words[best_text[i]] for i in ix if covered[i] > 0)
                        )
                        top = Candidate(key, score, phrase, hit)
                cands.append(top)
            out[field] = cands

        text_idf = np.array(
            [L.idf[L.lexicon[w]] if w in L.lexicon else L.default_idf for w in text_words]
        )
        forms = []
        for fid, ix in L.forms:
            per_word = sims[:, ix].max(axis=1) if len(ix) else np.zeros(len(text_words))
            score = float((text_idf * per_word).sum() / text_idf.sum())
            hit = tuple(w for w, s in zip(text_words, per_word, strict=True) if s > 0)
            forms.append(Candidate(fid, score, "", hit))
        out["forms"] = forms
        return out


def shared_beginning(a: str, b: str) -> float:
    """How much of the longer word the two words' common beginning covers.

    Polish inflects at the end of the word, so a long shared beginning is a cheap stemmer:

    >>> round(shared_beginning("rodzicow", "rodzice"), 2)
    0.75
    >>> shared_beginning("grants", "migrants")
    0.0
    """
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n / max(len(a), len(b)) if a and b else 0.0


def word_similarities(L: _Lang, text_words: Sequence[str], m: Method) -> np.ndarray:
    """Similarity of every text word to every lexicon word (0 below ``m.word_match``).

    The larger of two measures: the cosine of character n-grams (catches typos) and the shared
    beginning of at least ``m.stem`` letters (catches inflected forms).
    """
    import numpy as np

    sims = np.asarray((L.vectorizer.transform(list(text_words)) @ L.lexicon_matrix.T).toarray())
    for i, w in enumerate(text_words):
        for j in L.by_prefix.get(w[: m.stem], ()) if len(w) >= m.stem else ():
            sims[i, j] = max(sims[i, j], shared_beginning(w, L.words[j]))
    sims[sims < m.word_match] = 0.0
    return sims


_CACHE: BuiltOnce[int, tuple[KnowledgeBase, Suggester]] = BuiltOnce(keep=4)


def suggester_for(kb: KnowledgeBase) -> Suggester:
    """The suggester of ``kb`` (cached by the knowledge base's identity, built on first use)."""
    return _CACHE.get(id(kb), lambda: (kb, Suggester(kb)))[1]


def suggest(kb: KnowledgeBase, text: str, lang: str = "auto") -> Suggestion:
    """Goals, target groups and forms that ``text`` suggests (for the user to confirm)."""
    return suggester_for(kb).suggest(text, lang)
