"""Bad input never breaks search or suggestions: empty, very long, punctuation, emoji, other
scripts, control characters – a clear answer, never an exception (property-based)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommender.loading import KnowledgeBase
from recommender.profile import FIELDS
from recommender.search import MAX_QUERY_CHARS, EmptyQueryError, cut_query, index_for, search
from recommender.search_cli import main as cli_main
from recommender.suggest import MAX_TEXT_CHARS, suggest

WORDS = st.sampled_from(
    [
        "fundacja",
        "stowarzyszenie",
        "kasa",
        "krs",
        "1,5%",
        "co to jest",
        "ile",
        "dzieci",
        "🙂",
        "Привет",
        "北京",
        "ﷺ",
        "\u200b",
        "\x00",
        "ą",
        "???",
        "-",
        " ",
        "\n",
        "a" * 60,
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=80).map(" ".join),
    st.text(alphabet=st.characters(categories=["P", "S", "Z", "C"]), max_size=200),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def warm(kb: KnowledgeBase) -> KnowledgeBase:
    index_for(kb)
    return kb


@SETTINGS
@given(text=TEXTS, lang=st.sampled_from(["pl", "en"]), limit=st.integers(1, 20))
def test_any_query_gives_results_or_a_clear_empty_query(
    warm: KnowledgeBase, text: str, lang: str, limit: int
) -> None:
    try:
        results = search(warm, text, lang, limit=limit)
    except EmptyQueryError:
        return
    assert len(results) <= limit
    assert all(math.isfinite(r.score) and r.score > 0 for r in results)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert [r.doc.id for r in search(warm, text, lang, limit=limit)] == [r.doc.id for r in results]


@SETTINGS
@given(text=TEXTS)
def test_any_idea_gives_valid_suggestions(warm: KnowledgeBase, text: str) -> None:
    s = suggest(warm, text)
    for field in ("goals", "target_groups"):
        assert all(c.value in FIELDS[field].values for c in getattr(s, field))
    assert all(c.value in warm.forms for c in s.forms)
    json.dumps(s.to_dict())


@pytest.mark.parametrize(
    "text", ["", "   ", "?!?!", "🙂🙂🙂", "…—–", "\x00\x01", "Привет мир", "北京欢迎你"]
)
def test_nothing_to_search_for_is_an_empty_query(warm: KnowledgeBase, text: str) -> None:
    with pytest.raises(EmptyQueryError):
        search(warm, text)


def test_mixed_script_and_emoji_keep_the_latin_words(warm: KnowledgeBase) -> None:
    top = [r.doc.id for r in search(warm, "🙂 co to jest KRS? Привет", limit=3)]
    assert "glossary:krs" in top


def test_a_very_long_query_is_cut_at_the_documented_limit(warm: KnowledgeBase) -> None:
    long = "ile kosztuje fundacja " * 500
    text, cut = cut_query(long)
    assert cut and len(text) == MAX_QUERY_CHARS
    assert search(warm, long)  # answered from its beginning, quickly
    assert suggest(warm, "sport dla dzieci " * 1000).goals  # descriptions: MAX_TEXT_CHARS
    assert MAX_TEXT_CHARS >= 1000


def test_the_command_line_says_when_it_cut_the_query(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["search", "fundacja " * 100]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["query_cut_at"] == MAX_QUERY_CHARS
    assert str(MAX_QUERY_CHARS) in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["search", "🙂"], ["search", "   "], ["suggest", ""]])
def test_the_command_line_rejects_empty_input_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
