""" "Describe your idea": profile values and forms that a free-text description suggests.

The user writes what they want to do ("zajęcia piłkarskie dla dzieciaków po lekcjach"); we
suggest goals and target groups *for the user to confirm* and name the forms whose typical uses
the text resembles. Nothing is ever set silently: the result is a list of candidates with scores
and the words that produced them.

Method (no keyword lists in code; every word comes from ``knowledge/``), sharing the search's
morphology (:mod:`recommender.morphology`: lemmas, stems, typo correction):

* **Concepts** (``knowledge/concepts.yaml``): everyday words and phrases ("piłka", "po
  odsiadce", "patrzeć na ręce", "jedzenie") that are evidence for a value. A concept found in the
  text suggests its values with full score. A match inside a longer match of another concept
  does not count ("ścieżki rowerowe" is advocacy, not the sport of "rowerowe"), and a concept's
  ``rules_out`` values are not suggested on loose evidence while it is present.
* **Vocabulary** (``knowledge/vocabulary.yaml``): each value's description is a comma-separated
  list of everyday phrases. A phrase is *covered* by the text to the weighted share of its
  lemmas the text contains (weights: inverse document frequency over the knowledge base, so
  "dla" or "osoby" weigh little); a value scores its best-covered phrase and is suggested from
  :attr:`Method.value_threshold`.
* **Forms**: the weighted share of the text's lemmas found in a form's ``typical_uses`` and
  ``summary`` (function words such as "chcemy", "i", "który" left out: ISO stop-word lists),
  plus what the suggested goals and target groups alone do to the form in the engine – its pros
  and cons with conditions on them (:attr:`Method.fit_weight` per strongest pro); a form one of
  whose eligibility rules already holds for them (a CIS or KIS when no goal is reintegration, a
  ZAZ when none is employing disabled people) is not suggested. At most
  :attr:`Method.max_forms`, from :attr:`Method.form_threshold`.

The constants were set on the ``dev`` ideas of ``tests/eval/idea_descriptions.json``; the figures
per split are in ``docs/quality.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .morphology import normalise
from .reading import package_lists
from .search import (
    LANGS,
    BuiltOnce,
    SearchIndex,
    Tx,
    as_written,
    denied,
    find_concepts,
    index_for,
    text_phrase_terms,
)

if TYPE_CHECKING:
    from .loading import KnowledgeBase

SUGGEST_FIELDS = ("goals", "target_groups")
EXTRA_FIELDS = ("funding",)  # also suggested, outside the contract's shape (an extra key)
MAX_TEXT_CHARS = 2000
MAX_WORDS = 300

# the word lists a description's sentences are read by (who is told about, who helps and who is
# served, where money goes): knowledge/reading.yaml, where each list says what it is for
_LISTS = package_lists()


def _words(name: str) -> frozenset[str]:
    return frozenset(_LISTS[name])


STRONGEST_PRO = 3 * 4  # strength 3 × criterion weight 4 (scoring.yaml): the largest single pro


@dataclass(frozen=True)
class Method:
    """The tunable constants (see docs/quality.md)."""

    value_threshold: float = 0.75  # share of a phrase's weight the text must cover
    max_values: int = 3
    # words of a description's phrase the text must have (all of a shorter phrase)
    phrase_min_words: int = 2
    named_form_weight: float = 0.3  # added to a form the text names ("zaz", "koło gospodyń")
    form_threshold: float = 0.05
    form_relative: float = 0.3  # forms scoring under this share of the best form are left out
    max_forms: int = 3
    concept_weight: float = 1.0  # weight of a concept's knowledge-base words among the text's
    fit_weight: float = 0.05  # weight of the engine's view of the suggested goals, per pro
    goal_weight: float = 0.3  # weight of the share of the suggested goals a form is typical for
    # a form only an institution sets up (a KIS, a CIS, a ZAZ: one of its rules needs a gmina or
    # an organisation as a partner) keeps this share of its score unless the text names it: the
    # writer of an idea is a person or a group, who would found an organisation first
    institution_form_factor: float = 0.75
    # a form that must run a business (a social cooperative) keeps this share of its score when
    # no suggested goal is a business and the text does not name the form
    business_form_factor: float = 0.5
    # a form the engine rules out in the situation the text tells (``profile`` of a concept: "na
    # osiedlu", "w bloku" – not in a village, so no koło gospodyń wiejskich) keeps this share
    situation_form_factor: float = 0.5


METHOD = Method()

# what ends a phrase besides a comma and a full stop
_PHRASE_ENDS = ";:!?()\n–—"
_PHRASE_SPLIT = re.compile(rf"[,.{_PHRASE_ENDS}]+")


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


# where a clause ends: a comma or a full stop (not inside a number: "1,5%"), and the rest of
# what ends a phrase
_CLAUSE_SPLIT = re.compile(rf"[{_PHRASE_ENDS}]|[,.](?!\d)|(?<!\d)[,.]")


def clauses(text: str) -> tuple[list[str], frozenset[int]]:
    """The normalised words of a text (at most :data:`MAX_WORDS`) and the positions at which
    a clause starts after the first: a concept's phrase is read within one clause ("nie
    wychodzi z domu, dzieci w Anglii" has no "dom dziecka").

    >>> clauses("Wychodzi z domu, dzieci w Anglii; 1,5% podatku")
    (['wychodzi', 'z', 'domu', 'dzieci', 'w', 'anglii', '1', '5', 'podatku'], frozenset({3, 6}))
    """
    out: list[str] = []
    breaks = set()
    for part in _CLAUSE_SPLIT.split(text):
        found = normalise(part).split()
        if found and out:
            breaks.add(len(out))
        out.extend(found)
    out = out[:MAX_WORDS]
    return out, frozenset(b for b in breaks if b < len(out))


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
    phrase: str  # the knowledge base's phrase, concept or form text that matched
    matched: tuple[str, ...]  # the user's words it matched (normalised)
    first: int = 1 << 30  # where in the text its evidence is first said (word position)
    support: int = 0  # how many of the text's words the concepts naming it outright cover


@dataclass(frozen=True)
class Suggestion:
    goals: tuple[Candidate, ...]
    target_groups: tuple[Candidate, ...]
    forms: tuple[Candidate, ...]
    funding: tuple[Candidate, ...] = ()
    ruled_out: tuple[str, ...] = ()  # "field:value" kept out by negative evidence

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (``goals``, ``target_groups``, ``forms``) plus
        ``funding`` and ``details``."""
        return {
            "goals": [c.value for c in self.goals],
            "target_groups": [c.value for c in self.target_groups],
            "forms": [{"form": c.value, "score": round(c.score, 4)} for c in self.forms],
            "funding": [c.value for c in self.funding],
            "details": {
                "goals": [_detail(c) for c in self.goals],
                "target_groups": [_detail(c) for c in self.target_groups],
                "funding": [_detail(c) for c in self.funding],
                "forms": [_detail(c) for c in self.forms],
                "ruled_out": list(self.ruled_out),
            },
        }


def _detail(c: Candidate) -> dict[str, Any]:
    return {
        "value": c.value,
        "score": round(c.score, 4),
        "phrase": c.phrase,
        "matched": list(c.matched),
        "support": c.support,
    }


@dataclass(frozen=True)
class SuggestData:
    """What suggestions need of one language, built with the search index and cached with it."""

    # field -> ((value, ((phrase text, ((term set, weight), ...)), ...)), ...)
    fields: dict[
        str,
        tuple[tuple[str, tuple[tuple[str, tuple[tuple[frozenset[str], float], ...]], ...]], ...],
    ]
    forms: tuple[tuple[str, frozenset[str]], ...]  # form id, its terms
    default_idf: float
    function_terms: frozenset[str] = frozenset()  # terms of words that say nothing of an idea
    form_goals: tuple[tuple[str, frozenset[str]], ...] = ()  # form id, its typical goals
    # goals whose activities, naming nobody, serve all residents (``open_to_all``)
    open_goals: frozenset[str] = frozenset()
    # target group -> the goal suggested when only the group is named (``default_goal``)
    default_goals: tuple[tuple[str, str], ...] = ()
    # concepts of activities done for no people (``for_people: false``)
    not_for_people: frozenset[str] = frozenset()
    # form id -> the groups its typical uses describe, the most common first
    form_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # target groups of people at risk of social exclusion (``at_risk``)
    at_risk_groups: frozenset[str] = frozenset()


def build_suggest_data(index: SearchIndex, kb: KnowledgeBase, lang: str) -> SuggestData:
    L = index.langs[lang]
    default = max(L.idf.values()) if L.idf else 1.0

    def weight(terms: frozenset[str]) -> float:
        return max((L.idf.get(t, default) for t in terms), default=default)

    fields: dict[str, list[Any]] = {f: [] for f in (*SUGGEST_FIELDS, *EXTRA_FIELDS)}
    for (field, value), entry in kb.vocabulary.items():
        if field not in fields:
            continue
        plist = []
        for p in phrases(entry.label.get(lang) + ", " + entry.description.get(lang)):
            ws = tuple((_word_terms(L.vocab, w), 0.0) for w in p.split())
            ws = tuple((ts, weight(ts)) for ts, _ in ws)
            if ws:
                plist.append((p, ws))
        fields[field].append((value, tuple(plist)))
    forms = tuple(
        (
            fid,
            frozenset(L.vocab.terms(form.typical_uses.get(lang) + " " + form.summary.get(lang))),
        )
        for fid, form in kb.forms.items()
    )
    return SuggestData(
        {f: tuple(v) for f, v in fields.items()},
        forms,
        default,
        L.extra["function_terms"],
        tuple((fid, frozenset(form.typical_goals)) for fid, form in kb.forms.items()),
        frozenset(v for (f, v), e in kb.vocabulary.items() if f == "goals" and e.open_to_all),
        tuple(
            (v, e.default_goal)
            for (f, v), e in kb.vocabulary.items()
            if f == "target_groups" and e.default_goal is not None
        ),
        frozenset(c.id for c in kb.concepts.concepts if not c.for_people),
        tuple(
            (fid, form.typical_target_groups)
            for fid, form in kb.forms.items()
            if form.typical_target_groups
        ),
        frozenset(v for (f, v), e in kb.vocabulary.items() if f == "target_groups" and e.at_risk),
    )


def _word_terms(vocab: Any, word: str) -> frozenset[str]:
    """A description word's lemmas, read as a concept word's (:func:`as_written`)."""
    terms = vocab.analyzer.word_terms(word)
    return frozenset({word}) if as_written(vocab, word, terms) else frozenset(terms)


# the commonest function words of each language (knowledge/reading.yaml); words of both ("i",
# "to") say nothing
LANGUAGE_MARKS = {"pl": _words("language_pl"), "en": _words("language_en")}
_SHARED_MARKS = LANGUAGE_MARKS["pl"] & LANGUAGE_MARKS["en"]  # "i", "to": either language
LANGUAGE_MARKS = {lg: marks - _SHARED_MARKS for lg, marks in LANGUAGE_MARKS.items()}


def _negated(hit: Any, words: list[str], breaks: frozenset[int] = frozenset()) -> bool:
    """Whether the text denies what the concept's words say: "żeby go nie sprzedawać" is no
    evidence of selling. A phrase that itself starts with a negation ("nie ma pracy") is not
    denied by it; nor is a concept the text names again elsewhere undenied, nor what others
    refuse ("nikt nie chce mnie zatrudnić" is about work), nor a phrase by a negation that ends
    the clause before it ("dla rodzin z dziećmi i bez, w parku": the park is no "bez parku")."""
    opposes = "advocacy" in hit.concept.suggests.get("goals", ())

    def denied_here(first: int) -> bool:
        start = max((b for b in breaks if b <= first), default=0)
        clause = words[start:]
        return denied(first - start, clause) and not (
            opposes and _a_thing_refused(first - start, clause)
        )

    return all(denied_here(first) for first in _run_starts(hit.positions))


def _a_thing_refused(first: int, words: list[str]) -> bool:
    """Whether a denied public matter is a thing refused, not an act forgone: "nie chcemy
    *zamknięcia* szkoły", "we don't want *the* incinerator" oppose it (a campaign), while "nie
    chcemy *protestować*", "we don't want *to* protest" forgo the campaign (an infinitive)."""
    return not words[first].endswith("c") and (first == 0 or words[first - 1] != "to")


def _run_starts(
    positions: Iterable[int], words: Sequence[str] = (), apart: frozenset[str] = frozenset()
) -> list[int]:
    """Where each run of a concept's matched words starts (words at most one apart form a run,
    unless the word between is in ``apart``): a concept found twice is judged by each place it
    is said."""
    starts: list[int] = []
    last = -10
    for p in sorted(positions):
        if p - last > 2 or (apart and p - last == 2 and words[last + 1] in apart):
            starts.append(p)
        last = p
    return starts


_EXISTING = _words("existing")


def _existing(hit: Any, words: list[str]) -> bool:
    """Whether the text names a form the people already have or run (it is no wish to found
    one): "prowadzimy już fundację", "we already run an association"."""
    first = min(hit.positions)
    return any(w in _EXISTING for w in words[max(0, first - 3) : first])


def _near(
    pwords: tuple[tuple[frozenset[str], float], ...],
    at: dict[str, list[tuple[int, float, str]]],
) -> tuple[float, list[str]]:
    """How much of a description's phrase of several words the text covers with words near
    each other (within the phrase's length and one more word): "osoby starsze" is not "osoby"
    at the start of a long text and "starsze" at its end."""
    span = len(pwords) + 1
    places = [[(p, s, w) for t in ts for p, s, w in at.get(t, ())] for ts, _ in pwords]
    best: tuple[float, list[str]] = (0.0, [])
    for anchor in sorted({p for hits in places for p, _, _ in hits}):
        got = 0.0
        words: list[str] = []
        for (_, wt), hits in zip(pwords, places, strict=True):
            near = [(s, w) for p, s, w in hits if anchor <= p <= anchor + span]
            if near:
                s, w = max(near)
                got += wt * s
                words.append(w)
        if got > best[0]:
            best = (got, words)
    return best


_YEARS = _words("years")
_OVER = _words("over")


_AMOUNTS = _words("amounts")


_TITLES = _words("titles")


def _old_age(words: list[str]) -> str | None:
    """A number of 60 to 110 said as an age ("78 lat", "over 70"), not as the top of a range
    ("od 8 do 80 lat") nor a head count ("70 osób")."""
    for i, w in enumerate(words):
        if not w.isdigit() or not 60 <= int(w) <= 110:
            continue
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if before in ("do", "to", "mam", "mamy", "jestem", "im", "am"):
            continue  # the top of a range, or the person's own age ("mam 62 lata", "I'm 65")
        if before in ("ma", "has", "is") and _TITLES & set(words[max(0, i - 6) : i]):
            continue  # one person's age told about ("pan Stasiu z Ciszycy ma 90 lat")
        if after in _AMOUNTS:
            continue  # a price or a measure ("korki po 100 zł", "over 70 km")
        if after in _YEARS or before in _OVER:
            return w
    return None


def _young_writers(words: list[str]) -> str | None:
    """The writers' own age when it is 10 to 19 ("mam 16 lat", "mamy po 17-19 lat", "I'm 15"):
    young people writing about what they would do for themselves and their friends."""
    for i, w in enumerate(words):
        if not w.isdigit() or not 10 <= int(w) <= 19:
            continue
        before = words[i - 1] if i else ""
        two = words[i - 2] if i > 1 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in _AMOUNTS:
            continue
        own = before in _OWN_AGE or (before == "po" and two in _OWN_AGE)
        if own and (after in _YEARS or before in ("im", "m", "am", "are") or after.isdigit()):
            return w
    return None


_OWN_AGE = _words("own_age")


_POSSESSIVES = _words("possessives")
_FOR = _words("for")
_KIDS = _words("kids")
_KIDS_WANT = _words("kids_want")
_TO_HELP = _words("to_help")
_OUR_PLACE = _words("our_place")
_AGE_GROUPS = _words("age_groups")
_PLACES_OF = _words("places_of")
_ONE_RELATIVE = _words("one_relative")
_ONE_FAMILY = _words("one_family")
_DETERMINERS = _words("determiners")
_ONE_PERSON = _words("one_person")
_OLD_ONE = _words("old_one")
_PERSON = _words("person")


_FAMILY_THINGS = _words("family_things")


def _one_of_a_group(word: str, before: str, after: str) -> bool:
    """Whether a group's ``word`` (between ``before`` and ``after``) names one family, parent
    or older person: "rodzina go wyrzuciła", "starsza pani", but "family bike rides"."""
    if word in _ONE_FAMILY:
        # "a family" is one family; "a family picnic", "a family fun day" is an event for all
        return word != "family" or (before in _DETERMINERS and after not in _FAMILY_THINGS)
    return word in _ONE_PERSON or (word in _OLD_ONE and after in _PERSON)


_EXPATS = _words("expats")
_WE = _words("we")
_FOREIGNER = _words("foreigner")
_I_AM = _words("i_am")
_I_AM_ONE = _words("i_am_one")
_IS_HAS = _words("is_has")
_HOW_MANY_OF_MINE = _words("how_many_of_mine")


_WITH = _words("with")
_OTHERS = _words("others")
_TOGETHER = _words("together")
_CUISINE = _words("cuisine")
_INTERVIEWS = _words("interviews")
_MEMORIES = _words("memories")
_MEMORY_FILLERS = _words("memory_fillers")
_ORIGIN_PL = _words("origin_pl")
_ORIGIN_EN = _words("origin_en")
_FIRST_PERSON = _words("first_person")
_FROM_PLACE = _words("from_place")
_SEEKS_COMPANY = _LISTS["seeks_company"]


def _seeks_company(words: list[str]) -> bool:
    """Whether the text says the writer looks for company or help for themselves
    (:data:`_SEEKS_COMPANY`)."""
    text = f" {' '.join(words)} "
    return any(f" {p} " in text for p in _SEEKS_COMPANY)


_THEIR_THINGS = _words("their_things")
_FROM_BY = _words("from_by")
_PEOPLE_FROM = _words("people_from")
_MADE = _words("made")


_HELPS = _words("helps")
_ACTS_ON = _words("acts_on")
_HELPS_BETWEEN = _words("helps_between")


def _past(words: list[str], at: int, step: int, skip: frozenset[str], within: int = 3) -> int:
    """The position of the first word after ``at`` (``step`` 1) or before it (``step`` -1)
    that is not in ``skip``, if it lies within ``within`` words of ``at``; else -1."""
    k = at + step
    while 0 <= k < len(words) and abs(k - at) <= within and words[k] in skip:
        k += step
    return k if 0 <= k < len(words) and abs(k - at) <= within else -1


_TOLD_BETWEEN = _words("told_between")
# the endings of a Polish verb in the past tense once normalised ("uczyła", "pracował",
# "zmarł", "przeszła")
_PAST_ENDINGS = ("ala", "ela", "ila", "yla", "al", "el", "il", "yl", "rl", "sla", "szla")


def _told_past(first: int, words: list[str]) -> bool:
    """Whether the one relative named at ``first`` is the subject of a verb in the past tense
    right after (fillers aside): "mama całe życie uczyła muzyki" tells of her."""
    k = _past(words, first, 1, _TOLD_BETWEEN)
    return k >= 0 and len(words[k]) >= 4 and words[k].endswith(_PAST_ENDINGS)


_AS = _words("as")
_VOLUNTEERS = _words("volunteers")


def _as_volunteers(first: int, words: list[str]) -> bool:
    """Whether the group named at ``first`` is said, within the next few words, to come as
    volunteers: "moi uczniowie mogliby przychodzić jako wolontariusze"."""
    ahead = words[first + 1 : first + 6]
    if ahead and ahead[0] in _VOLUNTEERS:
        return True  # "uczniowie-wolontariusze", "student volunteers"
    return any(
        w in _AS and k + 1 < len(ahead) and ahead[k + 1] in _VOLUNTEERS for k, w in enumerate(ahead)
    )


_ACTS_EN = _words("acts_en")
_FROM_WHERE = _words("from_where")
_HELP_FIRST = _words("help_first")
_SUBJECT_AFTER = _words("subject_after")


_HELPS_AFTER_FROM = _ACTS_EN | _words("helps_after_from")
_EACH_OTHER = _words("each_other")


def _each_other(words: list[str], k: int) -> bool:
    """Whether the words from ``k`` say "each other" / "one another" / "nawzajem"."""
    if k >= len(words):
        return False
    return words[k] in _EACH_OTHER or words[k : k + 2] == ["one", "another"]


def _helps(first: int, words: list[str], end: int | None = None) -> bool:
    """Whether the group named at ``first`` (to ``end``) is said to help, pay or talk: "rodzice
    się zrzucają", "parents can wait in the café", "high-school kids help older people",
    "students from my school visit them", "pomagać będą uczniowie"."""
    k = _past(words, first, 1, _HELPS_BETWEEN)
    if k >= 0 and words[k] in _HELPS:
        return True
    # English: the verb follows the whole name ("high-school *kids* help"); not mutual help
    k = _past(words, first if end is None else end, 1, _HELPS_BETWEEN)
    if k >= 0 and words[k] in _FROM_WHERE:
        k = next(
            (j for j in range(k + 2, min(k + 4, len(words))) if words[j] in _HELPS_AFTER_FROM),
            -1,
        )
    if k >= 0 and (words[k] in _ACTS_EN or words[k] in _HELPS_AFTER_FROM):
        return not _each_other(words, k + 1)
    before = words[max(0, first - 3) : first]
    # "pomagać *będą* uczniowie", "pomogą *nam* studenci": the group after its verb
    return (
        len(before) >= 2
        and before[-1] in _SUBJECT_AFTER
        and any(w in _HELP_FIRST for w in before[:-1])
    )


_IT = _words("it")
_DO_IT = _words("do_it")


def _not_served(
    first: int,
    words: list[str],
    young: bool = False,
    end: int | None = None,
    at_risk: bool = False,
    migrants: bool = False,
) -> bool:
    """Whether the group named at ``first`` is told of, not served: the person's own people
    ("moja mama", unless "dla mojej mamy"), those who act with them ("z innymi rodzicami",
    "together with other families"), a source or an agent ("historie od najstarszych
    mieszkańców", "prowadzone przez emerytów")."""
    before = words[first - 1] if first > 0 else ""
    two = words[first - 2] if first > 1 else ""
    at = first if words[first] in _FROM_PLACE else first - 1 if before in _FROM_PLACE else -1
    window = set(words[max(0, at - 3) : at]) if at > 0 else set()
    if (
        window & _ORIGIN_PL or (window & _ORIGIN_EN and window & _FIRST_PERSON)
    ) and not _seeks_company(words):
        # "jestem *z Ukrainy*", "I'm from *India*", "we moved here from *Kyiv*"; not "jestem
        # *bez pracy*"
        return True
    if migrants and before in _I_AM_ONE and not _seeks_company(words):
        # "jestem *Ukrainką*", "I am *Vietnamese*": the writer's own origin ("we are Ukrainian
        # mums" is the group itself, who meet or are helped)
        return True
    after = words[first + 1] if first + 1 < len(words) else ""
    three = words[first - 3] if first > 2 else ""
    if (before in _DO_IT and two in _IT) or (
        before in _IT and (two in _DO_IT or (two == "sie" and three in _DO_IT))
    ):
        return True  # "mogłaby to robić młodzież", "zajęliby się tym studenci": who would do it
    if before in _FROM_PLACE and two in _VOLUNTEERS:
        return True  # "wolontariusze z liceum", "volunteers from the school": who help
    if before not in _FOR and (_helps(first, words, end) or _as_volunteers(first, words)):
        # "rodzice się zrzucają", "tata mówi", "parents can wait", "uczniowie jako wolontariusze"
        return True
    if words[first] in _ONE_RELATIVE and (after in _IS_HAS or _told_past(first, words)):
        # "mama ma 82 lata", "tata jest po udarze", "my mother has dementia", "mama całe życie
        # uczyła muzyki", "mama chce otworzyć piekarnię" (what one relative is, did or wants)
        return True
    if before not in _FOR and two not in _FOR and _one_of_a_group(words[first], before, after):
        return True  # one of a group told about, not the group served ("dla starszej pani" is)
    if words[first] in _EXPATS and set(words[max(0, first - 4) : first]) & _WE:
        return True  # "a group of us expats", "we are a few expat families": who writes
    if (
        words[first] in ("family", "rodzina", "rodzinka")
        and {"are", "jestesmy"} & set(words[max(0, first - 3) : first])
        and not _seeks_company(words)
    ):
        return True  # "we are Georgian family", "jesteśmy rodziną z Gruzji": who writes
    if words[first] in _FOREIGNER and (before in _I_AM or (before in ("a", "an") and two in _I_AM)):
        return True  # "I'm a foreigner", "jestem cudzoziemką": who writes
    owned_thing = words[first + 2] if after == "s" and first + 2 < len(words) else ""
    if before in _THEIR_THINGS or owned_thing in _THEIR_THINGS:
        return True  # "składki rodziców", "zgody rodziców", "a parent's consent": theirs, given
    if before in _OUR_PLACE and words[first] in _AGE_GROUPS:
        return False  # "nasza młodzież", "our seniors": the place's own young or old people
    if (
        before in _POSSESSIVES
        and words[first] in _KIDS
        and set(words[first + 1 : first + 3]) & _KIDS_WANT
        and not set(words[first + 1 : first + 4]) & _TO_HELP
    ):
        return False  # "my kids love rugby", "nasze dzieci chcą grać": an activity for them
    if (before in _POSSESSIVES or before in _HOW_MANY_OF_MINE) and words[first] not in _PLACES_OF:
        return two not in _FOR
    if before in _OTHERS:
        return two in _WITH
    if _with_others_at(first, words):
        return True  # "together with other *Vietnamese* families", "z innymi polskimi mamami"
    if migrants and (after in _CUISINE or before in _CUISINE):
        return True  # "a Vietnamese cooking class", "kuchnia ukraińska": a cuisine, not people
    k = _past(words, first, -1, _MEMORY_FILLERS)
    if k >= 0 and words[k] in _MEMORIES and words[first] not in _FOR:
        return True  # "wspomnienia (najstarszych) mieszkańców": whose memories, a source
    if before in _WITH and two in _INTERVIEWS:
        return True  # "nagrać rozmowy z najstarszymi mieszkańcami": they tell, as a source
    if before in _WITH:
        # "razem z mamami myślimy" tells who acts; "razem z młodzieżą wyremontujemy skatepark"
        # is done with the young people it is for: the young take part, so they are served
        return two in _TOGETHER and not young
    # things made or a place run by people at risk of exclusion give them work ("rzeczy robione
    # przez osoby z niepełnosprawnością", "kawiarnia prowadzona przez osoby bezdomne"); classes
    # run by parents ("prowadzone przez rodziców") do not serve them
    # "kids *from* refugee families", "women from Ukraine": where the people served come from
    return before in _FROM_BY and not (at_risk and two in _MADE) and two not in _PEOPLE_FROM


_ONE_NEIGHBOUR = _words("one_neighbour")


def _one_neighbour(hit: Any) -> bool:
    """Whether a residents' concept is only named by the word for one neighbour."""
    return (
        "residents" in hit.concept.suggests.get("target_groups", ())
        and set(hit.words) <= _ONE_NEIGHBOUR
    )


def _own_people(hit: Any, words: list[str], at_risk_groups: frozenset[str] = frozenset()) -> bool:
    """Whether a target group's words only tell of people who are not the ones served ("moja
    mama ma 78 lat", "z innymi rodzicami myślimy"): every place they occur (see
    ``_not_served``)."""
    groups = hit.concept.suggests.get("target_groups", ())
    if not groups or "residents" in groups or hit.concept.suggests.get("goals"):
        return False  # "nasze osiedle" is the residents' own place: they are served
    young = "children_youth" in groups
    at_risk = bool(at_risk_groups.intersection(groups))
    # "studenci *pomagają* dzieciom": who helps and who is helped are two places, not one
    starts = _run_starts(hit.positions, words, _HELPS | _ACTS_ON | _ACTS_EN)
    ends = [
        max(p for p in hit.positions if p >= first and (k + 1 == len(starts) or p < starts[k + 1]))
        for k, first in enumerate(starts)
    ]
    migrants = "migrants_refugees" in groups
    return all(
        _not_served(first, words, young, end, at_risk, migrants)
        for first, end in zip(starts, ends, strict=True)
    )


_PARENT_WORDS = _words("parent_words")


_HARD_UP = _words("hard_up")


def _parents_beside(hit: Any, words: list[str]) -> bool:
    """Whether a hit of the families concept only uses the plain words for parents, none of
    them after "dla"/"for" ("zajęcia dla rodziców" serve them)."""
    if hit.concept.id != "families" or not set(hit.words) <= _PARENT_WORDS:
        return False
    if _HARD_UP.intersection(words) or any(_each_other(words, k) for k in range(len(words))):
        return False  # hardship, or parents helping each other: they are served too
    return not any(set(words[max(0, p - 3) : p]) & _FOR for p in hit.positions)


_SHOWS = _words("shows")


_PROCEEDS = _words("proceeds")
_TO = _words("to")


def _proceeds_for(hit: Any, words: list[str]) -> bool:
    """Whether every place a group is named is where money goes: "a kasa by szła *na
    bezdomnych*", "all profits to *refugees*"."""
    for first in _run_starts(hit.positions):
        window = words[max(0, first - 5) : first]
        if not (window and set(window[-2:]) & _TO and set(window) & _PROCEEDS):
            return False
    return True


_RAISED = _PROCEEDS | _words("raised")
_GOOD_CAUSES = _LISTS["good_causes"]
_SICK = _words("sick")
_OURS = _words("ours")


# money any activity may need ("kasa na festyn dla dzieci", "money for a trip for the kids"):
# handed on only to a good cause; the other words of ``_RAISED`` say money already raised or
# made ("dochód", "zebrane", "proceeds"), and money raised going to people named is given
_ANY_MONEY = _PROCEEDS - _words("money_made")
_ALL = _words("all")


_A_THING = _words("a_thing")


def _for_them(words: list[str], i: int, j: int) -> bool:
    """Whether the people named at ``j`` are whom the money said at ``i`` goes to: "na/dla/for/
    to" right before them or one word before ("dla dzieci", "for Ukrainian children"), and
    nothing between says it is the writer's own ("na naszą bibliotekę sąsiedzką")."""
    if any(words[k] in _OURS for k in range(i + 1, j)):
        return False
    if words[j - 1] in _TO:
        return True
    return j - 2 > i and words[j - 2] in _TO and words[j - 1] not in _A_THING


def _handed_on(
    words: list[str], breaks: frozenset[int], people: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    """The words of the first place where money raised goes to another body or a good cause
    within one clause ("cały dochód dla psiaków", "na rzecz hospicjum"), or to people named
    (``people``: where the groups the text names start) right after "na"/"dla"/"for"/"to"
    ("dochód z kiermaszu dla dzieci z rodzin zastępczych", "all proceeds for refugees"), or ()."""
    for i, w in enumerate(words):
        rzecz = w == "rzecz" and i > 0 and words[i - 1] == "na"  # "na rzecz": on behalf of
        if w not in _RAISED and not rzecz:
            continue
        raised = (
            w not in _ANY_MONEY
            or (i > 0 and words[i - 1] in _ALL)
            or (i > 1 and words[i - 2] in _ALL and words[i - 1] == "the")
        )
        # money given to people right away ("kasa dla samotnej mamy", "money to the family")
        handed = i + 1 < len(words) and words[i + 1] in ("dla", "to")
        for j in range(i + 1, min(len(words), i + 9)):
            if j in breaks:
                break
            cause = (
                words[j].startswith(_GOOD_CAUSES)
                or words[j] in _SICK
                or (words[j] == "dziecka" and words[j - 1] in ("dom", "domu"))  # a children's home
            )
            if cause and words[j - 1] not in _OURS:
                return (w, words[j])
            if (raised or (handed and j - i <= 3)) and j in people and _for_them(words, i, j):
                return (w, words[j])
            if rzecz:
                break  # "na rzecz" names what it is for right after it
    return ()


def _with_others_at(first: int, words: list[str]) -> bool:
    """Whether the group named at ``first`` is the others the writer acts with: "with other
    (refugee) women", "z innymi (samotnymi) mamami"."""
    return any(
        first - k - 1 >= 0 and words[first - k] in _OTHERS and words[first - k - 1] in _WITH
        for k in (1, 2)
    )


def _with_others(hit: Any, words: list[str]) -> bool:
    """Whether a group is named, somewhere, as the others the writer acts with."""
    return any(_with_others_at(first, words) for first in _run_starts(hit.positions))


def _audience_only(hit: Any, words: list[str]) -> bool:
    """Whether a target group is only named as the audience of a show: "spektakl dla
    *rodziców* i *całej wsi*", "a concert for *the residents*"."""
    groups = hit.concept.suggests.get("target_groups", ())
    if not groups or hit.concept.suggests.get("goals"):
        return False
    for first in _run_starts(hit.positions):
        window = words[max(0, first - 4) : first]
        if not any(
            w in ("dla", "for") and i > 0 and window[i - 1] in _SHOWS for i, w in enumerate(window)
        ):
            return False
    return True


_COMPANIONS = _words("companions")


def _affiliation(hit: Any, words: list[str]) -> bool:
    """Whether a topic is only named as where the writer's companions come from: "z koleżanką
    *z chóru* gotujemy zupę" is no choir, "friends from *the running club*" no sport."""
    if hit.concept.suggests.get("target_groups") or not hit.concept.suggests.get("goals"):
        return False
    for first in _run_starts(hit.positions):
        if not any(
            at >= 1 and words[at] in _FROM_PLACE and words[at - 1] in _COMPANIONS
            for at in (first - 1, first - 2)
        ):
            return False
    return True


_AT_PLACE = _words("at_place")
_AND = _words("and")
_BETWEEN = _words("between")


def _natural_place(hit: Any, words: list[str]) -> bool:
    """Whether an environment-only concept is named, every time, as a place: one word right
    after a preposition of place ("w parku", "in the old park", "nad rzeką i w lesie")."""
    if hit.concept.suggests.get("target_groups") or set(hit.concept.suggests.get("goals", ())) != {
        "environment"
    }:
        return False
    for first in _run_starts(hit.positions):
        if any(first < p < first + 3 for p in hit.positions):
            return False  # a phrase ("sprzątanie lasu"), not one word
        b1, b2, b3 = (words[first - k] if first >= k else "" for k in (1, 2, 3))
        if not (
            b1 in _AT_PLACE
            or (b2 in _AT_PLACE and b1 in _BETWEEN)
            or (b1 in _AND and (b2 in _AT_PLACE or b3 in _AT_PLACE))
        ):
            return False
    return True


_OCCUPATION_PL = _words("occupation_pl")
_OCCUPATION_EN = _words("occupation_en")
_OWNERS = _FIRST_PERSON | _words("object_me")  # "I run", "my wife and me have"
_OCCUPATION_FILLERS = _words("occupation_fillers")
_WORK_GOALS = frozenset({"social_business", "work_integration"})


_HAVE_PL = _words("have_pl")


def _says_occupation(words: list[str], k: int, right_before: bool = False) -> bool:
    """Whether the word at ``k`` says the writer works or runs something: "pracuję",
    "prowadzę", or "run", "work", "have" right after "I", "we" ("my wife and me have"); with
    ``right_before`` (nothing but fillers between it and the business), also "mam", "mamy"."""
    w = words[k]
    if w in _OCCUPATION_PL or (right_before and w in _HAVE_PL):
        return True
    return w in _OCCUPATION_EN and k > 0 and words[k - 1] in _OWNERS


def _occupation(hit: Any, words: list[str]) -> bool:
    """Whether words of work or business only tell the writer's own job: every time they are
    that job's verb ("pracuję w piekarni") or come right after it ("prowadzę *sklep*", "I run
    a small *restaurant*": words such as "w", "małą", "a small" between, and at most one other,
    "a small *Indian* restaurant", within four words)."""
    suggests = hit.concept.suggests
    goals = set(suggests.get("goals", ()))
    if suggests.get("target_groups") or hit.concept.forms or not goals <= _WORK_GOALS:
        # a concept that points to a form says how to act ("I'm looking for a carers group"),
        # not the writer's job
        return False
    for first in _run_starts(hit.positions):
        if _says_occupation(words, first):
            continue
        k = _past(words, first, -1, _OCCUPATION_FILLERS)
        if k >= 0 and _says_occupation(words, k, right_before=True):
            continue
        if k >= 0:
            # one word of its own kind between ("we have a small *Indian* restaurant")
            k = _past(words, k, -1, _OCCUPATION_FILLERS, within=2)
        if not (k >= 0 and first - k <= 4 and _says_occupation(words, k)):
            return False
    return True


def _evidence_rank(phrase: str) -> int:
    """0 for a combination of concepts, 1 for one concept, 2 for a description's phrase."""
    if phrase.startswith("concepts:"):
        return 0
    return 1 if phrase.startswith("concept:") else 2


# a form named in a text suggests its typical goals when it has at most this many (a ZAZ, a
# CIS, a koło gospodyń wiejskich are made for one or two purposes; a foundation for any)
NAMED_FORM_MAX_GOALS = 2


class Suggester:
    """Matches free text against the concepts, the vocabulary and the forms."""

    def __init__(
        self, index: SearchIndex, method: Method = METHOD, kb: KnowledgeBase | None = None
    ) -> None:
        self.index = index
        self.method = method
        self.kb = kb  # with it, the suggested goals move the forms as the engine's pros do
        self._neutral: dict[str, float] | None = None
        self._ruled_out: dict[str, frozenset[str]] = {}

    def _data(self, lang: str) -> SuggestData:
        data = self.index.langs[lang].extra.get("suggest")
        if not isinstance(data, SuggestData):
            raise RuntimeError("the index was built without suggestion data")
        return data

    def suggest(self, text: str, lang: str = "auto") -> Suggestion:
        """Suggestions for ``text``; ``lang`` is ``pl``, ``en`` or ``auto`` (the better of both)."""
        langs: tuple[str, ...] = LANGS if lang == "auto" else (lang,)
        if any(lg not in LANGS for lg in langs):
            raise ValueError(f"unknown language {lang!r}")
        text_words, breaks = clauses(text[:MAX_TEXT_CHARS])
        if lang == "auto":
            langs = self._languages(text_words)
        fields = (*SUGGEST_FIELDS, *EXTRA_FIELDS, "forms")
        best: dict[str, dict[str, Candidate]] = {f: {} for f in fields}
        ruled_out: set[str] = set()
        named_forms: dict[str, tuple[str, ...]] = {}  # form id -> the words naming it
        owned: list[str] = []  # forms the people already have ("nasza fundacja")
        situation: set[tuple[str, bool]] = set()  # profile facts the words tell ("na osiedlu")
        if text_words:
            for lg in langs:
                scored, blocked, named_here, owned_here, told = self._score(text_words, lg, breaks)
                situation |= told
                owned += [f for f in owned_here if f not in owned]
                ruled_out |= blocked
                for f, w in named_here.items():
                    named_forms.setdefault(f, w)
                for field, cands in scored.items():
                    for c in cands:
                        old = best[field].get(c.value)
                        if old is None or c.score > old.score:
                            best[field][c.value] = c
        m = self.method

        def pick(
            field: str,
            threshold: float,
            limit: int,
            relative: float = 0.0,
            relative_to: frozenset[str] = frozenset(),
            named_third: bool = False,
        ) -> tuple[Candidate, ...]:
            # on a tie, what concepts say together comes first, then what one concept says,
            # then a resemblance to a value's description; among equals, what more of the
            # text's words say (a long story names much in passing but dwells on its purpose),
            # then what the text says first (people start with what they want to do:
            # "kawiarnia … a dzieci przychodzą na lekcje")
            ranked = sorted(
                best[field].values(),
                key=lambda c: (-c.score, _evidence_rank(c.phrase), -c.support, c.first, c.value),
            )
            # the share is of the best value outside ``relative_to`` (forms only an institution
            # sets up do not crowd out the organisation a person would found to run one)
            own = [c for c in ranked if c.value not in relative_to] or ranked
            if own:
                threshold = max(threshold, relative * own[0].score)
            kept = tuple(c for c in ranked if c.score >= threshold)
            # of an institution's form and the one it grows into (a KIS, later a CIS), neither
            # named, only the better takes a place: the other goes to what a person can found
            shown: list[str] = []
            for c in kept:
                if c.value in relative_to:
                    if any(self._one_road(c.value, v) for v in shown):
                        kept = tuple(k for k in kept if k is not c)
                    else:
                        shown.append(c.value)
            kept = kept[:limit]
            if named_third and len(kept) > 2 and _evidence_rank(kept[2].phrase) == 2:
                kept = kept[:2]
            return kept

        goals = pick("goals", m.value_threshold, m.max_values)
        # a third group served must be named: two groups the text names outright are not
        # joined by one its words only resemble the description of (seniors read in the
        # "80 lat" of a neighbour who teaches young people, in a text naming the young and
        # the residents)
        groups = pick("target_groups", m.value_threshold, m.max_values, named_third=True)
        # an activity open to the public that names nobody in particular (a festyn, a koło
        # gospodyń wiejskich, an outdoor cinema, a volleyball tournament) is for all residents
        data = self._data(langs[0])
        open_goal = next(
            (
                c
                for c in goals
                if c.value in data.open_goals
                and c.phrase.removeprefix("concept:") not in data.not_for_people
            ),
            None,
        )
        if not groups and open_goal is not None and "target_groups:residents" not in ruled_out:
            groups = (
                Candidate(
                    "residents",
                    open_goal.score,
                    f"goal:{open_goal.value}",
                    open_goal.matched,
                    open_goal.first,
                ),
            )
        # a form made for particular people, named by a text that names nobody ("chcę założyć
        # spółdzielnię socjalną", "sprzątanie robione przez ludzi z CIS-u"), is for the people
        # it mostly serves (the first of its ``typical_target_groups``)
        if not groups:
            form_groups = dict(data.form_groups)
            groups = tuple(
                Candidate(form_groups[f][0], 1.0, f"form:{f}", w)
                for f, w in named_forms.items()
                if f in form_groups and f"target_groups:{form_groups[f][0]}" not in ruled_out
            )[:1]
        # something for a group that says nothing of its kind ("zajęcia dla dzieci w wakacje")
        # is, by default, what activities for that group mostly are (for children: education
        # and culture – the group's ``default_goal`` in the vocabulary)
        defaults = dict(data.default_goals)
        if not goals:
            goals = tuple(
                Candidate(defaults[g.value], g.score, f"group:{g.value}", g.matched, g.first)
                for g in groups
                if g.value in defaults and f"goals:{defaults[g.value]}" not in ruled_out
            )[:1]
        if goals and m.goal_weight:
            wanted = {c.value for c in goals}
            for form, typical in data.form_goals:
                share = len(wanted & typical) / len(wanted)
                if share:
                    old = best["forms"].get(form) or Candidate(form, 0.0, "", ())
                    best["forms"][form] = Candidate(
                        form, old.score + m.goal_weight * share, old.phrase, old.matched
                    )
        for form, fit in self._form_fit(goals, groups).items():
            cand = best["forms"].get(form)
            if fit is None:
                best["forms"].pop(form, None)
            elif cand is not None:
                best["forms"][form] = Candidate(
                    form, cand.score + m.fit_weight * fit, cand.phrase, cand.matched
                )
        # what the text does not say weighs on the forms that need it: people writing an idea
        # are not an institution, and a text that says nothing of earning plans no business
        institutional = self._ruled_out_by("institutional_partners", [])
        weigh = [(institutional, m.institution_form_factor)]
        if not any(c.value == "social_business" for c in goals):
            weigh.append((self._ruled_out_by("economic_activity", False), m.business_form_factor))
        # what the words tell of the people's situation ("na naszym osiedlu": not a village)
        # weighs on the forms the engine rules out in it, unless another phrase says otherwise
        # – even a form the text names: "koło gospodyń, ale mieszkam na osiedlu w mieście, czy
        # tak można?" asks about a form the situation rules out, and gets the others too
        situation_out: set[str] = set()
        for field, value in sorted(situation):
            if (field, not value) not in situation:
                situation_out |= self._ruled_out_by(field, value)
        for form in situation_out:
            named_forms.pop(form, None)
        weigh.append((frozenset(situation_out), m.situation_form_factor))
        for forms, factor in weigh:
            for form in forms - named_forms.keys():
                cand = best["forms"].get(form)
                if cand is not None:
                    best["forms"][form] = replace(cand, score=cand.score * factor)
        chosen = pick(
            "forms",
            m.form_threshold,
            m.max_forms,
            m.form_relative,
            institutional - named_forms.keys(),
        )
        # a form the text names as wanted ("chcemy założyć fundację dla kotów") comes first even
        # when the goals alone would rank it lower, unless it cannot serve them at all (a CIS
        # for children); a form the people already have ("nasza fundacja chce sprzedawać
        # koszulki") can mostly do what they ask of it: it keeps a place after the best form,
        # unless what they want weighs on it (an ordinary association runs no business)
        weighed: set[str] = set().union(*(f for f, _ in weigh))
        if any(c.value == "social_business" for c in goals):
            weighed |= self._ruled_out_by("economic_activity", True)
        for f in named_forms:
            if f in best["forms"] and all(c.value != f for c in chosen):
                chosen = (best["forms"][f], *chosen)[: m.max_forms]
        for f in owned:
            if (
                f in best["forms"]
                and f not in named_forms
                and f not in weighed
                and all(c.value != f for c in chosen)
            ):
                chosen = (*chosen[:1], best["forms"][f], *chosen[1:])[: m.max_forms]
        return Suggestion(
            goals=goals,
            target_groups=groups,
            funding=pick("funding", m.value_threshold, m.max_values),
            forms=chosen,
            ruled_out=tuple(sorted(ruled_out)),
        )

    def _languages(self, words: list[str]) -> tuple[str, ...]:
        """The language a text is written in, by its most common function words ("się", "że",
        "dla" against "the", "with", "for"); both when that does not decide (a few words,
        "klub szachowy"). Reading a Polish text with English words as well found English stems
        in it ("historie" as "historical")."""
        own = {lg: sum(1 for w in words if w in marks) for lg, marks in LANGUAGE_MARKS.items()}
        ranked = sorted(LANGS, key=lambda lg: -own.get(lg, 0))
        if own.get(ranked[0], 0) > own.get(ranked[1], 0):
            return (ranked[0],)
        return LANGS

    def _one_road(self, a: str, b: str) -> bool:
        """Whether one of two forms grows into the other (a KIS can later become a CIS: the
        forms' ``pathways``)."""
        if self.kb is None:
            return False
        return any(p.to == b for p in self.kb.forms[a].pathways) or any(
            p.to == a for p in self.kb.forms[b].pathways
        )

    def _ruled_out_by(self, field: str, value: Any) -> frozenset[str]:
        """The forms the engine rules out when ``field`` is ``value`` and nothing else is
        known: with no institutional partner (no gmina, welfare centre or organisation behind
        the people), a KIS, a CIS, a ZAZ; with no business, a social cooperative."""
        key = f"{field}={value!r}"
        if key not in self._ruled_out:
            out: frozenset[str] = frozenset()
            if self.kb is not None:
                from .engine import recommend
                from .profile import parse_profile

                ranking = recommend(self.kb, parse_profile({field: value})).ranking
                out = frozenset(r.form for r in ranking if r.blockers)
            self._ruled_out[key] = out
        return self._ruled_out[key]

    def _form_fit(
        self, goals: tuple[Candidate, ...], groups: tuple[Candidate, ...]
    ) -> dict[str, float | None]:
        """How the suggested goals and target groups alone move each form in the engine (its
        pros and cons with their conditions), in units of one typical pro; ``None`` for a form
        one of whose eligibility rules already holds (e.g. a CIS when no goal is reintegration:
        by law it serves nothing else). Every other answer is unknown, so a rule or pro that
        needs one stays undecided."""
        if self.kb is None or not (goals or groups):
            return {}
        from .engine import recommend
        from .profile import parse_profile

        data: dict[str, list[str]] = {}
        if goals:
            data["goals"] = [c.value for c in goals]
        if groups:
            data["target_groups"] = [c.value for c in groups]
        if self._neutral is None:
            self._neutral = {r.form: r.score for r in recommend(self.kb, parse_profile({})).ranking}
        unit = STRONGEST_PRO * self.kb.scoring.points_per_unit
        out: dict[str, float | None] = {}
        for r in recommend(self.kb, parse_profile(data)).ranking:
            if r.blockers:
                out[r.form] = None
            else:
                out[r.form] = (r.score - self._neutral.get(r.form, r.score)) / unit
        return out

    def _score(
        self, text_words: list[str], lang: str, breaks: frozenset[int] = frozenset()
    ) -> tuple[
        dict[str, list[Candidate]],
        set[str],
        dict[str, tuple[str, ...]],
        tuple[str, ...],
        set[tuple[str, bool]],
    ]:
        L = self.index.langs[lang]
        data = self._data(lang)
        per_word = [L.vocab.word(w) for w in text_words]
        term_sets = [
            text_phrase_terms(L.vocab, w, ws, lang)
            for w, ws in zip(text_words, per_word, strict=True)
        ]
        # how well the text covers a term, and by which word
        cover: dict[str, tuple[float, str]] = {}
        at: dict[str, list[tuple[int, float, str]]] = {}  # term -> (position, score, word)
        for i, (w, ws) in enumerate(zip(text_words, per_word, strict=True)):
            if denied(i, text_words):  # "we have no children" covers no "children"
                continue
            if w in L.vocab.function_words:  # "mamy" covers no "mama", as for concepts
                ws = ((w, 1.0),)
            for t, s in ws:
                at.setdefault(t, []).append((i, s, w))
                if s > cover.get(t, (0.0, ""))[0]:
                    cover[t] = (s, w)

        out: dict[str, dict[str, Candidate]] = {f: {} for f in data.fields}
        explicit: set[str] = set()
        blocked: set[str] = set()
        hits: list[Any] = []  # concepts said and not denied
        told: list[Any] = []  # groups only told about, not served
        # what the words tell of the people's situation, read apart from what they mean
        # otherwise ("na naszym osiedlu" is a place, and not a village)
        situation: set[tuple[str, bool]] = set()
        for c in L.concepts:
            if c.profile:
                for h in find_concepts((c,), term_sets, text_words, breaks):
                    if not _negated(h, text_words, breaks):
                        situation.update(h.concept.profile)
        for h in find_concepts(L.concepts, term_sets, text_words, breaks):
            if not _negated(h, text_words, breaks):
                told_of = (
                    _own_people(h, text_words, data.at_risk_groups)
                    or _affiliation(h, text_words)
                    or _natural_place(h, text_words)
                    or _occupation(h, text_words)
                    or _one_neighbour(h)
                )
                (told if told_of else hits).append(h)
        # people at risk of exclusion the writer acts with ("a small business with other
        # refugee women", "z innymi bezrobotnymi"), when nobody else is served, are the
        # writer's own group: the activity is for them
        if not any(h.concept.suggests.get("target_groups") for h in hits):
            ours = [
                h
                for h in told
                if data.at_risk_groups.intersection(h.concept.suggests.get("target_groups", ()))
                and _with_others(h, text_words)
            ]
            hits.extend(ours)
            told = [h for h in told if h not in ours]
        # the audience of the show that ends an activity ("warsztaty teatralne dla dzieci, na
        # koniec spektakl dla rodziców") is not served when another group is
        audience = [h for h in hits if _audience_only(h, text_words)]
        if audience and any(
            h.concept.suggests.get("target_groups") and h not in audience for h in hits
        ):
            hits = [h for h in hits if h not in audience]
            told.extend(audience)

        # parents named beside the children an activity is for ("rada rodziców zbiera na
        # zajęcia dla dzieci", "a few of us mums want a running club for girls") are who
        # organise or pay: the children are served, the parents only when it is for them
        if any("children_youth" in h.concept.suggests.get("target_groups", ()) for h in hits):
            parents = [h for h in hits if _parents_beside(h, text_words)]
            hits = [h for h in hits if h not in parents]
            told.extend(parents)

        where: dict[str, int] = {}
        support: dict[str, set[int]] = {}  # the text's words that say a value outright

        def offer(
            field: str,
            v: str,
            phrase: str,
            words: tuple[str, ...],
            over: Callable[..., bool],
            places: frozenset[int],
            at: int = 1 << 30,
        ) -> None:
            """A value some evidence (said at ``places``) names outright, in place of a weaker
            candidate (``over`` says which)."""
            explicit.add(f"{field}:{v}")
            where[f"{field}:{v}"] = min(at, where.get(f"{field}:{v}", at))
            support.setdefault(f"{field}:{v}", set()).update(places)
            if field in out and (v not in out[field] or over(out[field][v])):
                out[field][v] = Candidate(v, 1.0, phrase, words)

        def weaker(old: Candidate) -> bool:
            return old.score < 1.0

        for hit in hits:
            c = hit.concept
            for field, values in c.suggests.items():
                for v in values:
                    offer(
                        field,
                        v,
                        f"concept:{c.id}",
                        hit.words,
                        weaker,
                        hit.positions,
                        min(hit.positions),
                    )
            for field, values in c.implies.items():
                # what a concept implies ("a petition": the residents' cause) is not what the
                # text says outright: a group named in the text ranks before it
                for v in values:
                    offer(field, v, f"concept:{c.id}", hit.words, lambda old: False, frozenset())
            for field, values in c.rules_out.items():
                blocked.update(f"{field}:{v}" for v in values)
        # words a concept has read as evidence for a field: the vocabulary of another value of
        # that field does not read them again ("kiermasz" is a local event, community; not
        # also the "kiermasz" of village tradition's description)
        # a neutral phrase's words ("w parku", "jestem emerytką") are read for no field at all
        # people only told about ("z innymi rodzicami") are not read as a group by the
        # descriptions either
        claimed: dict[str, set[str]] = {}
        for hit in hits + told:
            for field in data.fields if hit.concept.neutral else hit.concept.suggests:
                claimed.setdefault(field, set()).update(hit.words)
        # a form the text names ("zaz w konstancinie", "kolo gospodyn"): it comes first among
        # the forms, and a form made for one or two purposes (its typical goals) suggests them
        names = [
            h
            for h in find_concepts(L.extra.get("form_names", ()), term_sets, text_words, breaks)
            if not _negated(h, text_words, breaks)
        ]
        named = [h for h in names if not _existing(h, text_words)]
        owned = tuple(h.concept.id for h in names if _existing(h, text_words))
        for h in named:
            typical = dict(data.form_goals).get(h.concept.id, frozenset())
            if 0 < len(typical) <= NAMED_FORM_MAX_GOALS:
                for v in sorted(typical):
                    offer(
                        "goals",
                        v,
                        f"form:{h.concept.id}",
                        h.words,
                        weaker,
                        h.positions,
                        min(h.positions),
                    )
        # an age of 60 or more said in numbers ("mama ma 78 lat", "people over 70")
        old_age = _old_age(text_words)
        if old_age and "target_groups" in out and "seniors" not in out["target_groups"]:
            out["target_groups"]["seniors"] = Candidate("seniors", 1.0, "age", (old_age,))
        people = frozenset(
            first
            for h in hits
            if h.concept.suggests.get("target_groups")
            for first in _run_starts(h.positions)
        )
        handed_on = _handed_on(text_words, breaks, people)
        if handed_on:
            offer(
                "goals", "grantmaking", "money handed on", handed_on, lambda old: False, frozenset()
            )
        # teenagers writing of what they would do ("mam 16 lat i z kumplami jeździmy na
        # deskach") serve young people, unless they name another group they would serve
        young = _young_writers(text_words)
        joining = any("wolontariat" in h.concept.forms for h in hits)  # "chcę dołączyć do OSP"
        if young and not joining and "target_groups" in out:
            said = {v for v, c in out["target_groups"].items() if c.score >= 1.0}
            if not said - {"residents", "children_youth"}:
                out["target_groups"]["children_youth"] = Candidate(
                    "children_youth", 1.0, "age", (young,)
                )
        # a group the money goes to ("kasa szłaby na bezdomnych", "profits go to refugees") is
        # not a group that works in the business: it makes no combination with it
        found = {
            h.concept.id: h
            for h in hits
            if not (h.concept.suggests.get("target_groups") and _proceeds_for(h, text_words))
        }
        for members, suggests in self.index.combinations:
            if all(cid in found for cid in members):
                matched = tuple(dict.fromkeys(w for cid in members for w in found[cid].words))
                places = frozenset().union(*(found[cid].positions for cid in members))
                phrase = "concepts:" + "+".join(members)
                for field, values in suggests.items():
                    for v in values:
                        # a combination names itself even where one concept said it too
                        offer(
                            field,
                            v,
                            phrase,
                            matched,
                            lambda old: weaker(old) or not old.phrase.startswith("concepts:"),
                            places,
                            min(places),
                        )
                # what its members say themselves is part of what the text dwells on ("sklep",
                # a business, is what the unemployed people's shop is about)
                for cid in members:
                    for field, values in found[cid].concept.suggests.items():
                        for v in values:
                            if f"{field}:{v}" in support:
                                support[f"{field}:{v}"].update(places)

        for field, entries in data.fields.items():
            for value, plist in entries:
                top: Candidate | None = out[field].get(value)
                for phrase, pwords in plist:
                    total = sum(wt for _, wt in pwords)
                    if len(pwords) == 1:
                        got = 0.0
                        hit_words: list[str] = []
                        for ts, wt in pwords:
                            s, word = max((cover.get(t, (0.0, "")) for t in ts), key=lambda x: x[0])
                            if s > 0:
                                got += wt * s
                                hit_words.append(word)
                    else:
                        got, hit_words = _near(pwords, at)
                    score = got / total if total else 0.0
                    if len(hit_words) < min(len(pwords), self.method.phrase_min_words):
                        # one word of "osoby starsze" or "firma społeczna" is not the phrase
                        # ("stare odmiany jabłoni", "mentorzy z firm")
                        score = 0.0
                    if f"{field}:{value}" not in explicit and set(hit_words) <= claimed.get(
                        field, set()
                    ):
                        continue
                    if top is None or score > top.score:
                        top = Candidate(value, score, phrase, tuple(dict.fromkeys(hit_words)))
                if top is not None:
                    out[field][value] = top
        ruled = {b for b in blocked if b not in explicit}
        for b in ruled:
            field, _, value = b.partition(":")
            out.get(field, {}).pop(value, None)

        # forms: the weighted share of the text's words their typical uses contain; a concept
        # found in the text adds the knowledge base's own words for it (at a lower weight)
        weights = []
        for w, ws in zip(text_words, per_word, strict=True):
            if ws and all(t in data.function_terms for t, _ in ws):
                continue
            idf = max((L.idf.get(t, data.default_idf) for t, _ in ws), default=data.default_idf)
            weights.append((w, ws, idf))
        for hit in hits:
            for t in hit.concept.search_terms:
                idf = L.idf.get(t, data.default_idf) * self.method.concept_weight
                weights.append((" ".join(hit.words), ((t, 1.0),), idf))
        total = sum(idf for _, _, idf in weights) or 1.0
        # what points to a form adds as much as its name: the name itself ("zaz w
        # konstancinie"), or words a concept ties to it ("wolę dołączyć do istniejącej grupy")
        pointing: dict[str, list[Any]] = {}
        for h in named:
            pointing.setdefault(h.concept.id, []).append(h)
        for h in hits:
            for fid in h.concept.forms:
                if joining and fid != "wolontariat":
                    # "chcę dołączyć do OSP": joining the brigade that exists, not founding the
                    # association it is
                    continue
                pointing.setdefault(fid, []).append(h)
        forms = []
        for fid, terms in data.forms:
            got = 0.0
            hit_words = []
            for w, ws, idf in weights:
                s = max((sim for t, sim in ws if t in terms), default=0.0)
                if s:
                    got += idf * s
                    hit_words.append(w)
            score = got / total
            for h in pointing.get(fid, ()):
                score += self.method.named_form_weight
                hit_words = [*hit_words, *h.words]
            forms.append(Candidate(fid, score, "", tuple(dict.fromkeys(hit_words))))
        result = {
            f: [
                replace(
                    c,
                    first=where.get(f"{f}:{c.value}", c.first),
                    support=len(support.get(f"{f}:{c.value}", ())),
                )
                for c in v.values()
            ]
            for f, v in out.items()
        }
        result["forms"] = forms
        return result, ruled, {h.concept.id: h.words for h in named}, owned, situation


_CACHE: BuiltOnce[int, tuple[SearchIndex, Suggester]] = BuiltOnce(keep=4)


def suggester_for(kb: KnowledgeBase) -> Suggester:
    """The suggester of ``kb`` (shares the search index; built on first use)."""
    index = index_for(kb)
    return _CACHE.get(id(index), lambda: (index, Suggester(index, kb=kb)))[1]


def suggest(kb: KnowledgeBase, text: str, lang: str = "auto") -> Suggestion:
    """Goals, target groups and forms that ``text`` suggests (for the user to confirm)."""
    return suggester_for(kb).suggest(text, lang)


def labels(index: SearchIndex) -> dict[tuple[str, str], Tx]:
    """Labels of profile values (for the command line's text output)."""
    return dict(index.value_labels)
