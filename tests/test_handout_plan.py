"""The handout carries the founding plan's first steps, the local contacts and, when given, the
share link with its QR code."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from recommender.engine import recommend
from recommender.i18n import t
from recommender.loading import load_knowledge
from recommender.plan import build_plan
from recommender.profile import parse_profile
from ui.handout import build_markdown, build_pdf, outline, qr_png

KB = load_knowledge()
TODAY = dt.date(2026, 12, 2)
SHARE = "https://jakaforma.example/r/Ab3x9"


@pytest.fixture(scope="module")
def rec():
    profile = {"founders": 4, "goals": ["community"], "economic_activity": False}
    return recommend(KB, parse_profile(profile, KB.criteria))


def test_outline_has_plan_steps_and_local_contacts(rec):
    h = outline(KB, rec, "pl", "", 0, TODAY, SHARE)
    top = rec.eligible[0].form
    plan = build_plan(KB, rec.profile, top, "pl", TODAY)
    assert [line.text.split(" · ")[0] for line in h.steps] == [s.title for s in plan.steps][:12]
    offices = {s.where.contact for s in plan.steps if s.where.contact}
    names = " ".join(c.text for c in h.contacts)
    for office in offices:
        assert KB.contacts[office].name.pl in names
    assert h.share_url == SHARE


def test_markdown_lists_contacts_and_the_share_link(rec):
    md = build_markdown(KB, rec, "pl", "", TODAY, share_url=SHARE)
    assert f"## {t('plan.handout.contacts', 'pl')}" in md
    assert SHARE in md
    assert SHARE not in build_markdown(KB, rec, "pl", "", TODAY)


def test_pdf_draws_the_qr_code_on_one_page(rec):
    with_qr = build_pdf(KB, rec, "pl", "", TODAY, share_url=SHARE)
    without = build_pdf(KB, rec, "pl", "", TODAY)
    assert with_qr.startswith(b"%PDF") and b"/Subtype /Image" in with_qr
    assert b"/Subtype /Image" not in without
    assert len(re.findall(rb"/Type /Page(?!s)", with_qr)) == 1  # still one A4 page


def test_qr_encodes_the_url():
    png = qr_png(SHARE)
    assert png.startswith(b"\x89PNG")
    import segno

    assert segno.make(SHARE, error="m", micro=False).designator  # same settings encode it
