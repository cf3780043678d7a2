"""Everyday words as knowledge: ``knowledge/concepts.yaml``.

People say "kasa na festyn", "po odsiadce", "patrzeć władzy na ręce"; the knowledge base says
"dotacja", "osoby opuszczające zakłady karne", "rzecznictwo". A *concept* ties the two together
and says what follows from it:

* ``words`` – how people say it (words or short phrases, in any inflected form, with or without
  Polish letters: the matching is morphological, see :mod:`recommender.morphology`);
* ``search`` – the knowledge base's own words for it, added (with a lower weight) to a search
  in which the concept appears;
* ``suggests`` – profile values it is evidence for ("describe your idea");
* ``implies`` – further profile values that follow from what the concept says, without the
  concept claiming its words for them (a public matter – a petition, the council's spending – is
  the residents' cause; "zamknięcie szkoły" still names the children);
* ``rules_out`` – *negative evidence*: profile values it is never evidence for; a value listed
  here is not suggested on the strength of loose word resemblance while the concept is present
  (only another concept's explicit ``suggests`` can bring it back);
* ``prefer`` – kinds of answers a search mentioning it most likely wants ("kasa", "dotacja":
  the funding routes), used when the question's own words do not say (see ``question_types``).
* ``forms`` – forms of organisation the words point to on their own, whatever the goals ("wolę
  dołączyć do istniejącej grupy": no new organisation – joining or volunteering);
* ``profile`` – what the words tell of the people's situation, as a true/false profile field
  ("na osiedlu", "w bloku": not in a village, ``rural_village: false``): among the suggested
  forms, those the engine rules out in that situation weigh less, unless the text names them
  or another phrase says the opposite;
* ``narrow: true`` – a narrow topic ("piwo", "zrzutka", "sprzątanie lasu"): an FAQ entry whose
  own question names it answers a search that names it too, and weighs less in one that does
  not ("czy koło gospodyń może sprzedawać ciasta na festynie" is not about the beer permit);
* ``neutral: true`` – the words say *where* ("w parku", "na naszej ulicy", "z okolicy", "in a
  cafe") or *who runs it* ("jestem emerytką", "imienia taty"), not what the activity is or
  whom it serves: another concept's word inside one of its phrases is not evidence ("biegamy w
  parku" is not nature, "na naszej ulicy" is not homelessness).

``combinations`` say what concepts mean together ("niewidomi" and "etat": employing disabled
people), and ``question_types`` in the same file say what kind of question a search is ("co to
jest", "ile kosztuje", "jak dostać") and which kinds of answers come first for it (``prefer``).

The file is validated by ``python -m recommender check`` (unknown field or value, duplicate id,
empty words) and described by ``docs/schema/concepts.schema.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from .models import Strict, Text
from .morphology import normalise

FILE = "concepts.yaml"
SUGGEST_FIELDS = ("goals", "target_groups", "funding")
QUESTION_TYPES = (
    "definition",
    "cost",
    "time",
    "howto",
    "where",
    "money",
    "documents",
    "comparison",
)
# what a question type may prefer: a document type, or a property of a document
PREFER_TAGS = (
    "glossary",
    "faq",
    "fact",
    "step",
    "contact",
    "funding",
    "duty",
    "status",
    "form",
    "document",
    "cost",
    "time",
    "comparison",  # an FAQ whose own question compares ("Fundacja czy stowarzyszenie…?")
    "pathway",  # a form's way on to another form ("Grupa nieformalna → Stowarzyszenie")
    "headcount",  # says how many people a form needs, or depends on how many there are
)


class Words(Strict):
    """Words or short phrases per language (either list may be empty)."""

    pl: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, lang: str) -> tuple[str, ...]:
        return self.pl if lang == "pl" else self.en


class Concept(Strict):
    """Colloquial words and phrases and what they mean for search and suggestions."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: Text
    words: Words
    search: Words = Words()
    suggests: dict[str, tuple[str, ...]] = {}
    implies: dict[str, tuple[str, ...]] = {}
    rules_out: dict[str, tuple[str, ...]] = {}
    prefer: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    profile: dict[str, bool] = {}
    neutral: bool = False
    narrow: bool = False  # an FAQ entry whose question names it answers only searches naming it
    # false for an activity done for no people (caring for animals): its goal does not make an
    # activity that names nobody one for all residents (see ``open_to_all`` in the vocabulary)
    for_people: bool = True


class QuestionType(Strict):
    """A kind of question, recognised by its phrases, and the answers it puts first."""

    id: str
    phrases: Words
    prefer: tuple[str, ...] = Field(min_length=1)
    # phrases that say this kind only beside a concept pointing to the same answers: "skąd
    # wziąć" asks where money comes from in "skąd wziąć kasę na festyn", not in "skąd wziąć
    # NIP" (``vague_needs``: the answer kind such a concept must prefer)
    vague: Words = Words()
    vague_needs: str | None = None


class Combination(Strict):
    """Concepts that mean more together than apart: a text that has all of ``all`` is evidence
    for ``suggests`` ("niewidomi" + "pracują na etatach": employing disabled people)."""

    all: tuple[str, ...] = Field(min_length=2)
    suggests: dict[str, tuple[str, ...]] = Field(min_length=1)


class ConceptsFile(Strict):
    concepts: tuple[Concept, ...] = ()
    question_types: tuple[QuestionType, ...] = ()
    combinations: tuple[Combination, ...] = ()


def validate_concepts(data: Any, shown: str) -> tuple[ConceptsFile | None, list[tuple[str, str]]]:
    """The parsed file and its problems as (location, message) pairs."""
    from .profile import FIELDS, FORM_IDS

    problems: list[tuple[str, str]] = []
    if data is None:
        return ConceptsFile(), problems
    try:
        parsed = ConceptsFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in err["loc"])
            problems.append((loc.replace(".[", "["), err["msg"]))
        return None, problems
    seen: set[str] = set()
    for i, c in enumerate(parsed.concepts):
        where = f"concepts[{i}]"
        if c.id in seen:
            problems.append((where, f"duplicate concept id {c.id!r}"))
        seen.add(c.id)
        if not c.words.pl and not c.words.en:
            problems.append((f"{where}.words", "no words in either language"))
        for lang in ("pl", "en"):
            for j, w in enumerate(c.words.get(lang)):
                if not any(ch.isalnum() for ch in w):
                    problems.append((f"{where}.words.{lang}[{j}]", f"not a word: {w!r}"))
                elif normalise(w).isdigit():
                    # "1%" is compared as "1": it would match that number in any text
                    problems.append(
                        (f"{where}.words.{lang}[{j}]", f"only a number once normalised: {w!r}")
                    )
        for key in ("suggests", "implies", "rules_out"):
            for field, values in getattr(c, key).items():
                if field not in SUGGEST_FIELDS:
                    problems.append(
                        (f"{where}.{key}", f"unknown field {field!r} (one of {SUGGEST_FIELDS})")
                    )
                    continue
                allowed = FIELDS[field].values
                for j, v in enumerate(values):
                    if v not in allowed:
                        problems.append(
                            (f"{where}.{key}.{field}[{j}]", f"unknown value {v!r} for {field!r}")
                        )
        for j, tag in enumerate(c.prefer):
            if tag not in PREFER_TAGS:
                problems.append((f"{where}.prefer[{j}]", f"unknown answer kind {tag!r}"))
        for j, form in enumerate(c.forms):
            if form not in FORM_IDS:
                problems.append((f"{where}.forms[{j}]", f"unknown form {form!r}"))
        for field in c.profile:
            spec = FIELDS.get(field)
            if spec is None or spec.kind != "bool":
                bools = tuple(f for f, sp in FIELDS.items() if sp.kind == "bool")
                problems.append(
                    (
                        f"{where}.profile",
                        f"not a true/false profile field: {field!r} (one of {bools})",
                    )
                )
        for field, values in c.rules_out.items():
            both = set(values) & set(c.suggests.get(field, ()))
            if both:
                problems.append(
                    (f"{where}.rules_out.{field}", f"both suggested and ruled out: {sorted(both)}")
                )
    seen = set()
    for i, q in enumerate(parsed.question_types):
        where = f"question_types[{i}]"
        if q.id not in QUESTION_TYPES:
            problems.append((f"{where}.id", f"unknown question type {q.id!r}"))
        if q.id in seen:
            problems.append((where, f"duplicate question type {q.id!r}"))
        seen.add(q.id)
        for j, tag in enumerate(q.prefer):
            if tag not in PREFER_TAGS:
                problems.append((f"{where}.prefer[{j}]", f"unknown answer kind {tag!r}"))
        if (q.vague.pl or q.vague.en) and q.vague_needs is None:
            problems.append((f"{where}.vague", "vague phrases need `vague_needs`"))
        if q.vague_needs is not None and q.vague_needs not in PREFER_TAGS:
            problems.append((f"{where}.vague_needs", f"unknown answer kind {q.vague_needs!r}"))
    ids = {c.id for c in parsed.concepts}
    for i, combo in enumerate(parsed.combinations):
        where = f"combinations[{i}]"
        for j, cid in enumerate(combo.all):
            if cid not in ids:
                problems.append((f"{where}.all[{j}]", f"unknown concept {cid!r}"))
        for field, values in combo.suggests.items():
            if field not in SUGGEST_FIELDS:
                problems.append(
                    (f"{where}.suggests", f"unknown field {field!r} (one of {SUGGEST_FIELDS})")
                )
                continue
            for j, v in enumerate(values):
                if v not in FIELDS[field].values:
                    problems.append(
                        (f"{where}.suggests.{field}[{j}]", f"unknown value {v!r} for {field!r}")
                    )
    return (parsed if not problems else None), problems


def load_concepts(base: Path, shown: str) -> tuple[ConceptsFile, list[tuple[str, str]]]:
    """``concepts.yaml`` of the knowledge directory ``base`` (absent: no concepts)."""
    from .loading import read_yaml

    path = base / FILE
    if not path.is_file():
        return ConceptsFile(), []
    data, probs = read_yaml(path, shown)
    if probs:
        return ConceptsFile(), [(p.location, p.message) for p in probs]
    parsed, problems = validate_concepts(data, shown)
    return (parsed or ConceptsFile()), problems
