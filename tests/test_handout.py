"""Handouts: a one-page A4 PDF with correct Polish letters, and the same content as Markdown."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from recommender.engine import recommend
from recommender.profile import parse_profile
from tests.conftest import SCENARIOS_DIR, load_scenarios
from ui.handout import HandoutFontError, build_markdown, build_pdf, font_paths, outline

TODAY = dt.date(2026, 11, 22)
# the catering example situation (../shared/scenarios), a profile with every kind of answer
CATERING = json.loads((SCENARIOS_DIR / "catering.json").read_text(encoding="utf-8"))["profile"]
A4 = (595.28, 841.89)  # points


def pdf_text(data: bytes) -> tuple[str, int, tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    box = (float(page.mediabox.width), float(page.mediabox.height))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages), box


@pytest.fixture(scope="module")
def catering(kb):
    return recommend(kb, parse_profile(CATERING, kb.criteria))


def test_pdf_is_one_a4_page_with_correct_polish_letters(kb, catering):
    data = build_pdf(kb, catering, "pl", "http://localhost/wynik?founders=5", today=TODAY)
    assert data.startswith(b"%PDF")
    text, pages, box = pdf_text(data)
    assert pages == 1
    assert box == pytest.approx(A4, abs=1)
    assert "Spółdzielnia socjalna" in text
    for letter in "ąćęłńóśźż":
        assert letter in text.lower() or letter in "ćńź", (
            letter
        )  # the common ones must come out right
    assert "ż" in text and "ą" in text
    assert "To nie jest porada prawna" in text
    assert catering.knowledge_version in text.replace("\n", "")
    assert "2026-11-22" in text


def test_pdf_names_top_forms_blockers_steps_and_sources(kb, catering):
    text, _, _ = pdf_text(build_pdf(kb, catering, "pl", today=TODAY))
    flat = text.replace("\n", "")
    h = outline(kb, catering, "pl", "", 0, TODAY)
    for block in h.top:
        assert block.title.split(" — ")[0] in text
    assert kb.form_name(catering.eligible[0].form, "pl") in text
    ruled_out = [r for r in catering.ranking if not r.eligible]
    assert ruled_out, "the catering story rules some forms out"
    assert kb.form_name(ruled_out[0].form, "pl") in text
    sources = kb.source_list(
        s for r in catering.eligible[:1] for c in r.pros[:1] for s in c.sources
    )
    assert sources
    for s in sources:
        assert s.url in flat and s.checked.isoformat() in flat
    assert "Źródła" in text


def test_pdf_in_english(kb, catering):
    text, pages, _ = pdf_text(build_pdf(kb, catering, "en", today=TODAY))
    assert pages == 1
    assert "This is not legal advice" in text
    assert kb.form_name(catering.eligible[0].form, "en") in text


@pytest.mark.parametrize("scenario", load_scenarios(), ids=lambda s: s["name"])
def test_every_example_fits_one_page(kb, scenario):
    rec = recommend(kb, parse_profile(scenario["profile"], kb.criteria))
    for lang in ("pl", "en"):
        _, pages, _ = pdf_text(
            build_pdf(kb, rec, lang, "http://127.0.0.1:8501/wynik?x=1", today=TODAY)
        )
        assert pages == 1


def test_empty_profile_fits_one_page(kb):
    rec = recommend(kb, parse_profile({}, kb.criteria))
    _, pages, _ = pdf_text(build_pdf(kb, rec, "pl", today=TODAY))
    assert pages == 1


def test_missing_font_is_a_clear_error(kb, catering, tmp_path):
    with pytest.raises(HandoutFontError) as err:
        build_pdf(kb, catering, "pl", font_dir=tmp_path)
    assert "DejaVuSans" in str(err.value) and "assets/fonts" in str(err.value)
    assert isinstance(err.value.path, Path)


def test_fonts_ship_with_the_project():
    regular, bold = font_paths()
    assert regular.is_file() and bold.is_file()
    assert (regular.parent / "LICENSE").is_file()


def test_markdown_has_the_same_content(kb, catering):
    text = build_markdown(kb, catering, "pl", "http://localhost/wynik?founders=5", today=TODAY)
    assert text.startswith("# ")
    assert "Spółdzielnia socjalna" in text
    assert "<http://localhost/wynik?founders=5>" in text
    assert "To nie jest porada prawna" in text
    assert catering.knowledge_version in text
    assert "- [ ] " in text  # the next steps are a checklist
    h = outline(kb, catering, "pl", "", 0, TODAY)
    assert h.sources
    for s in h.sources:
        assert f"<{s.url}>" in text and s.checked.isoformat() in text
    en = build_markdown(kb, catering, "en", today=TODAY)
    assert "This is not legal advice" in en


def test_uncertain_facts_are_marked(kb, catering):
    h = outline(kb, catering, "pl", "", 0, TODAY)
    lines = [r for b in h.top for r in b.reasons] + h.blockers + h.steps
    uncertain = [x for x in lines if x.uncertain]
    text = build_markdown(kb, catering, "pl", today=TODAY)
    for line in uncertain:
        assert line.uncertain in text
