"""Typed models of the knowledge base (the shape of every YAML file in ``knowledge/``).

Every model forbids unknown fields and is immutable once loaded. Conditions are kept raw here
and compiled by :mod:`recommender.loading`, which also checks every cross-reference.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """A user-facing text in both languages; neither may be empty."""

    pl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.pl


Id = str  # lower-case slug, checked by ``slug`` validators below
SLUG = r"^[a-z0-9][a-z0-9_\-]*$"


# A reference inside an act: "art. 10 ust. 1", "art. 4 ust. 3–4 pkt 2", "art. 40–43",
# "art. 2 pkt 1 lit. a", "§ 3 ust. 1" (regulations). Ranges take an en dash or a hyphen;
# lists a comma.
_UNIT = r"(?:\d+[a-z]{0,3}|[a-z])(?:\s?[–-]\s?(?:\d+[a-z]{0,3}|[a-z]))?"
_UNITS = rf"{_UNIT}(?:,\s?{_UNIT})*"
REF_PATTERN = rf"^(?:art\.|§)\s{_UNITS}(?:\s(?:ust\.|§|pkt|lit\.|zd\.|tiret)\s{_UNITS})*$"
# A journal reference: "Dz.U. 2024 poz. 1491", "Dz.U. 1989 nr 20 poz. 104", "M.P. 2023 poz. 5",
# or the EU's Official Journal for an EU regulation that applies directly (the GDPR):
# "Dz.Urz. UE L 119 z 4.5.2016, s. 1".
JOURNAL_PATTERN = (
    r"^(?:(?:Dz\.U\.|M\.P\.) \d{4} (?:nr \d+ )?poz\. \d+"
    r"|Dz\.Urz\. UE L \d+ z \d{1,2}\.\d{1,2}\.\d{4}, s\. \d+)$"
)
# where an act is read: ISAP or ELI for Polish acts, EUR-Lex for an EU regulation
ACT_URL_PATTERN = r"^https://(isap\.sejm\.gov\.pl|eli\.gov\.pl|eur-lex\.europa\.eu)/\S+$"


class Provision(Strict):
    """Where the law says it: an act of ``acts.yaml`` and a reference inside it.

    ``text_in`` names the text of the act the provision was read in when it is not the act's
    current consolidated text (``acts.yaml``), e.g. an older consolidated text.
    """

    act: Id = Field(pattern=SLUG)
    ref: str = Field(pattern=REF_PATTERN)
    text_in: str | None = Field(default=None, pattern=JOURNAL_PATTERN)


class Sourced(Strict):
    """Anything that states a fact: it names its sources, and may flag an uncertainty.

    ``uncertainty`` is shown to the user next to the fact (facts flagged [!] in the research,
    or sources that conflict or are dated). ``unverified`` marks a fact no source confirms yet:
    it may ship only with ``sources: []`` and an ``uncertainty`` text saying so.
    ``provisions`` cite the law the fact rests on (acts registered in ``acts.yaml``).
    """

    sources: tuple[Id, ...] = ()
    provisions: tuple[Provision, ...] = ()
    uncertainty: Text | None = None
    unverified: bool = False
    amount: bool = False  # states an amount or fee (see staleness in docs/knowledge-format.md)


class Span(Strict):
    """A range of whole numbers (złoty, days): ``{min: 0, max: 350}``; ``min`` ≤ ``max``."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.min > self.max:
            raise ValueError("min must not exceed max")
        return self

    def __add__(self, other: Span) -> Span:
        return Span(min=self.min + other.min, max=self.max + other.max)

    def __format__(self, spec: str) -> str:
        """Formats like a number (``f"{span:,}"``): one value, or ``min–max``."""
        if self.min == self.max:
            return format(self.min, spec)
        return f"{format(self.min, spec)}–{format(self.max, spec)}"


class Source(Strict):
    id: Id = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    url: str
    checked: dt.date
    # When the page itself was written or last updated, as the page states it: a date, a year,
    # or "undated" when it states neither. Required: a source says when it was written.
    published: dt.date | int | Literal["undated"]
    kind: Literal["law", "official", "ngo", "guide", "press", "secondary", "local"] = "secondary"
    licence: str | None = None
    note: Text | None = None  # e.g. "dated page (2007)", "states the pre-2016 law"

    @field_validator("url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        if not (v.startswith("https://") or v.startswith("http://")) or " " in v or len(v) < 12:
            raise ValueError("must be an http(s) URL")
        return v

    @field_validator("published")
    @classmethod
    def _plausible_year(cls, v: Any) -> Any:
        if isinstance(v, bool) or (isinstance(v, int) and not 1900 <= v <= 2100):
            raise ValueError("a year between 1900 and 2100, a date or 'undated'")
        return v


class Act(Strict):
    """One act (ustawa, rozporządzenie) in the registry ``acts.yaml``.

    ``journal`` is where it was first published; ``consolidated`` its current consolidated text
    (tekst jednolity) as far as it was confirmed; ``last_amendment`` the date in force of the
    latest amendment considered (``last_amendment_in`` where it was published); ``checked`` the
    date someone last looked for amendments.
    """

    id: Id = Field(pattern=SLUG)
    title: Text
    short: Text
    date: dt.date
    journal: str = Field(pattern=JOURNAL_PATTERN)
    consolidated: str | None = Field(default=None, pattern=JOURNAL_PATTERN)
    # when that consolidated text was announced: a date, or the year where only that is confirmed
    consolidated_published: dt.date | int | None = None
    last_amendment: dt.date | None = None  # None: not yet established (counts from ``date``)
    last_amendment_in: str | None = Field(default=None, pattern=JOURNAL_PATTERN)
    isap_url: str = Field(pattern=ACT_URL_PATTERN)
    checked: dt.date
    establishes: tuple[Id, ...] = ()  # form ids this act creates
    note: Text | None = None


class PendingProvision(Strict):
    """A rule or core fact whose provision we could not yet confirm in a copy of the act.

    ``item`` is ``facts.<key>`` or ``rules.<id>`` of ``form``; ``reason`` is shown to the user
    with the item. ``check`` accepts the missing provision only while it is listed here.
    """

    form: Id = Field(pattern=SLUG)
    item: str = Field(pattern=r"^(facts|rules)\.[a-z0-9][a-z0-9_\-]*$")
    reason: Text


class StaleWarnings(Strict):
    """The texts added to a stale item's uncertainty. ``amendment`` may use ``{act}`` and
    ``{date}``; ``unknown_amendment`` (the act's latest amendment is not established) ``{act}``;
    ``amount`` may use ``{years}``."""

    amendment: Text
    unknown_amendment: Text
    amount: Text


class Acts(Strict):
    """The whole ``acts.yaml``: the law date, the age after which amounts count as stale, acts.

    ``law_as_of`` is the date up to which every act was checked for amendments (shown in the
    footer as "stan prawny na …"); ``establishes`` of an act names the forms it creates: their
    rules and core facts must cite a provision.
    """

    law_as_of: dt.date
    amount_max_age_years: int = Field(ge=1, le=20)
    stale_warning: StaleWarnings
    acts: tuple[Act, ...] = Field(min_length=1)
    pending_provisions: tuple[PendingProvision, ...] = ()


class LawChange(Sourced):
    """One amendment considered (``law_changes.yaml``): what changed, for whom, since when.

    ``status`` is ``in_force``; ``enacted`` for an act passed and signed that is in force later or
    whose date in force is not confirmed (``in_force`` empty, and ``uncertainty`` says so);
    ``pending`` for a bill not yet passed, ``rejected`` for one that lapsed.
    """

    id: Id = Field(pattern=SLUG)
    act: Id = Field(pattern=SLUG)
    title: Text
    text: Text
    status: Literal["in_force", "enacted", "pending", "rejected"] = "in_force"
    in_force: dt.date | None = None
    journal: str | None = Field(default=None, pattern=JOURNAL_PATTERN)
    forms: tuple[Id, ...] = ()
    facts: tuple[Id, ...] = ()  # fact keys touched (fact_keys.yaml)


class LawChanges(Strict):
    law_changes: tuple[LawChange, ...] = ()


class Criterion(Strict):
    """One thing users weigh (cost, speed, ...); ``implied`` sets its default weight."""

    id: Id = Field(pattern=SLUG)
    label: Text
    description: Text
    default: int = Field(ge=0, le=4)
    implied: tuple[ImpliedWeight, ...] = ()


class ImpliedWeight(Strict):
    when: dict[str, Any]
    value: int = Field(ge=0, le=4)


class FactKey(Strict):
    """The registry of fact keys: like a licence chooser's field list, it closes the vocabulary."""

    id: Id = Field(pattern=SLUG)
    label: Text
    type: Literal["int", "int_or_null", "bool", "enum", "enum_list", "text"]
    values: tuple[str, ...] = ()  # allowed values for enum / enum_list
    core: bool = False  # required in every form, exported under ``facts`` (contract)
    amount: bool = False  # states an amount or fee: stale when its sources are too old


class Fact(Sourced):
    value: Any = None  # typed by the FactKey (absent for ``text`` facts)
    text: Text
    # the fact's question does not arise for this form (a foundation has no members): ``text``
    # says why, with its sources; the comparison shows "nie dotyczy" and the reason
    not_applicable: bool = False


class Item(Sourced):
    """A pro or a con: structured so that scoring and explanation are the same list."""

    id: Id = Field(pattern=SLUG)
    text: Text
    criteria: tuple[Id, ...] = Field(min_length=1)
    applies_when: dict[str, Any] | None = None
    strength: int = Field(ge=1, le=3)


class Rule(Sourced):
    """An eligibility rule from the law: ``blocks_when`` true makes the form ineligible.

    ``message`` and ``change`` may use ``{gap}`` (how much a number must grow) and the names of
    profile fields (``{founders}``); ``lift`` names the profile change that lifts the blocker
    where the engine cannot derive it from the condition.
    """

    id: Id = Field(pattern=SLUG)
    blocks_when: dict[str, Any]
    message: Text
    change: Text
    lift: dict[str, Any] | None = None


class Step(Sourced):
    """One founding step. ``body`` says who acts; ``office`` names the contact where it happens.

    ``cost_pln`` is a fixed amount or a range (the notary's fee depends on the assets, the court
    fee on business activity); ``time_days`` the typical duration. Either may be absent only when
    no source gives it — then ``cost_note``/``time`` or ``uncertainty`` say whom to ask.
    """

    id: Id = Field(pattern=SLUG)
    text: Text
    body: Text | None = None  # who acts (the founders, a notary, the court, ...)
    office: Id | None = None  # a contact id in contacts.yaml (the local office)
    cost_pln: int | Span | None = None  # None: not known (the UI says so)
    cost_note: Text | None = None
    time: Text | None = None  # the typical time in words; None: not known
    time_days: Span | None = None
    documents: tuple[Id, ...] = ()  # document draft ids (knowledge/documents/)
    after_founding: bool = False  # a duty once the body exists, not a founding step
    internal: bool = False  # done by the founders themselves: no office, no fee

    @field_validator("cost_pln")
    @classmethod
    def _non_negative(cls, v: int | Span | None) -> int | Span | None:
        if isinstance(v, int) and v < 0:
            raise ValueError("must be >= 0")
        return v

    @property
    def cost_range(self) -> Span | None:
        """The cost as a range (a fixed amount is a range of one value)."""
        if isinstance(self.cost_pln, int):
            return Span(min=self.cost_pln, max=self.cost_pln)
        if self.cost_pln is None and self.internal:
            return Span(min=0, max=0)
        return self.cost_pln


class Pathway(Sourced):
    to: Id
    text: Text


class Form(Strict):
    id: Id = Field(pattern=SLUG)
    name: Text
    short_name: Text | None = None
    summary: Text
    typical_uses: Text  # plain description of what people typically do with this form
    # the goals (profile values) typical_uses describes; "describe your idea" matches on them
    typical_goals: tuple[Id, ...] = ()
    # the groups served (profile values of ``target_groups``) typical_uses describes, the most
    # common first; a text naming the form and no group suggests the first
    typical_target_groups: tuple[Id, ...] = ()
    legal_basis: Sourced | None = None
    legal_basis_text: Text | None = None
    facts: dict[Id, Fact]
    pros: tuple[Item, ...]
    cons: tuple[Item, ...]
    rules: tuple[Rule, ...] = ()
    steps: tuple[Step, ...] = ()
    pathways: tuple[Pathway, ...] = ()
    statuses: tuple[Id, ...] = ()
    sources: tuple[Id, ...] = Field(min_length=1)


class Option(Strict):
    """An answer. ``sets`` assigns profile values (single choice); ``value`` is added to the
    question's list field (multiple choice); ``unknown: true`` is the "nie wiem" answer."""

    id: Id = Field(pattern=SLUG)
    label: Text
    sets: dict[str, Any] | None = None
    value: Any = None
    unknown: bool = False


class Question(Strict):
    id: Id = Field(pattern=SLUG)
    kind: Literal["single", "multi", "number"]
    field: str | None = None  # required for multi and number
    text: Text
    help: Text  # "dlaczego pytamy?"
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    step: int | None = None
    show_when: dict[str, Any] | None = None


class Section(Strict):
    id: Id = Field(pattern=SLUG)
    title: Text
    intro: Text | None = None
    questions: tuple[Question, ...] = Field(min_length=1)


class Questionnaire(Strict):
    sections: tuple[Section, ...] = Field(min_length=1)


class GlossaryEntry(Strict):
    id: Id = Field(pattern=SLUG)
    term: Text
    definition: Text
    sources: tuple[Id, ...] = Field(min_length=1)
    forms: tuple[Id, ...] = ()


class Contact(Strict):
    """A local body or network. Only details a cited public page gives; no personal names."""

    id: Id = Field(pattern=SLUG)
    name: Text
    kind: Literal[
        "network", "council", "space", "office", "institution", "support_centre", "programme"
    ]
    description: Text
    how_to_join: Text | None = None
    meetings: Text | None = None
    department: Text | None = None  # the unit that handles the matter (offices)
    address: str | None = None
    hours: Text | None = None  # opening hours as a cited page gives them
    email: str | None = None
    url: str | None = None
    helps_with: tuple[Id, ...] = ()
    sources: tuple[Id, ...] = Field(min_length=1)
    provisions: tuple[Provision, ...] = ()
    uncertainty: Text | None = None


class Condition_(Sourced):
    text: Text


class Status(Strict):
    """A status a form can obtain (OPP, przedsiębiorstwo społeczne): not a form of its own."""

    id: Id = Field(pattern=SLUG)
    name: Text
    summary: Text
    granted_by: Text
    conditions: tuple[Condition_, ...] = Field(min_length=1)
    benefits: tuple[Condition_, ...] = Field(min_length=1)
    duties: tuple[Condition_, ...] = ()
    sources: tuple[Id, ...] = Field(min_length=1)
    provisions: tuple[Provision, ...] = ()


class Persona(Strict):
    """A fictional workshop example; ``fictional`` must be true."""

    id: Id = Field(pattern=SLUG)
    name: Text
    story: Text
    fictional: Literal[True]
    profile: dict[str, Any]
    good_fit: tuple[Id, ...] = Field(min_length=1)
    discussion: tuple[Text, ...] = ()  # questions for the group after this example's round


class FaqEntry(Strict):
    """A frequent question answered in our own words; ``provisions`` cite the law the answer
    rests on, where a provision of an act is its basis. ``short`` is the answer in one or two
    plain sentences, shown first (the full answer, its doubts and sources one click deeper); it
    says nothing the full answer does not."""

    id: Id = Field(pattern=SLUG)
    question: Text
    answer: Text
    short: Text | None = None
    forms: tuple[Id, ...] = ()
    sources: tuple[Id, ...] = Field(min_length=1)
    provisions: tuple[Provision, ...] = ()
    uncertainty: Text | None = None


class VocabularyEntry(Strict):
    """A label and plain description of one profile value (a goal, a target group, ...).

    ``description`` says in ordinary words what people mean by it; the "describe your idea"
    matching compares users' own words with these descriptions.
    """

    field: str
    value: str
    label: Text
    description: Text
    # goals only: an activity with this goal that names nobody in particular is open to anyone,
    # so it serves all residents (a festyn, a volleyball tournament, an outdoor cinema)
    open_to_all: bool = False
    # target groups only: the goal suggested when a text names this group and no goal at all
    # (activities for children that say nothing of their kind are mostly education and culture)
    default_goal: str | None = None
    # target groups only: people at risk of social exclusion; things they make ("rzeczy robione
    # przez osoby z niepełnosprawnością") give them work, so they are served by it
    at_risk: bool = False


class Scoring(Strict):
    """Constants of the scoring formula, kept with the knowledge so editors can see them."""

    base: float = 50.0
    points_per_unit: float = Field(gt=0)
    robustness_samples: int = Field(ge=10, le=5000)
    robustness_step: int = Field(ge=1, le=4)
    robustness_seed: int = 0


Criterion.model_rebuild()
