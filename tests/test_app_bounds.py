"""A link with a number beyond the profile's documented bound opens with a notice naming it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from recommender.profile import FIELDS
from tests.conftest import ROOT


def test_absurd_number_in_a_link_shows_a_notice_and_is_left_unknown():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("views/wynik.py")
    at.query_params["founders"] = "1000000000000"
    at.query_params["capital_pln"] = str(FIELDS["capital_pln"].max + 1)
    at.query_params["intent"] = "found"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warning = "\n".join(w.value for w in at.warning)
    # the notice names the questions (not the URL's parameters) and the highest value allowed
    assert "„liczba osób zakładających”" in warning and "„pieniądze na start”" in warning
    assert "1\u00a0000\u00a0000\u00a0000" in warning  # capital_pln's bound, in Polish format
    assert "founders" not in at.query_params and "capital_pln" not in at.query_params
