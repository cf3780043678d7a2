"""Example situations (knowledge/personas.yaml): honest stories the engine agrees with.

For every persona, each form it names as a good fit is eligible and among the first three of
its ranking; together they cover every form; every persona is marked fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from recommender.engine import recommend
from recommender.loading import KnowledgeBase
from recommender.profile import FORM_IDS, parse_profile

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "knowledge" / "personas.yaml").read_text(encoding="utf-8"))
PERSONA_IDS = [p["id"] for p in RAW["personas"]]
TOP_N = 3


def test_there_are_enough_personas(kb: KnowledgeBase) -> None:
    assert len(kb.personas) >= 8
    assert list(kb.personas) == PERSONA_IDS  # the loaded ones are exactly the file's, in order


def test_every_persona_is_fictional_and_bilingual(kb: KnowledgeBase) -> None:
    for persona in kb.personas.values():
        assert persona.fictional is True
        for text in (persona.name, persona.story):
            assert text.pl.strip() and text.en.strip()
            assert text.pl != text.en


def test_good_fits_cover_every_form(kb: KnowledgeBase) -> None:
    covered = {f for p in kb.personas.values() for f in p.good_fit}
    assert covered == set(FORM_IDS), f"not covered: {sorted(set(FORM_IDS) - covered)}"


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_good_fit_forms_are_eligible_and_in_the_top_three(
    kb: KnowledgeBase, persona_id: str
) -> None:
    persona = kb.personas[persona_id]
    rec = recommend(kb, parse_profile(persona.profile, kb.criteria))
    top = [r.form for r in rec.eligible[:TOP_N]]
    for form in persona.good_fit:
        result = rec.result(form)
        assert result.eligible, (
            f"{persona_id}: {form} is ruled out by {[b.rule for b in result.blockers]}"
        )
        assert form in top, f"{persona_id}: {form} is not in the top {TOP_N}: {top}"


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_profiles_are_valid_and_round_trip(kb: KnowledgeBase, persona_id: str) -> None:
    profile = parse_profile(kb.personas[persona_id].profile, kb.criteria)
    assert profile.values, "a persona without answers shows nothing"
    assert parse_profile(profile.to_dict(), kb.criteria) == profile
