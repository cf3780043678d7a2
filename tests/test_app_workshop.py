"""Workshop pages in Streamlit's AppTest: trainer room, participant flow, presentation, privacy.

Each test gets its own SQLite file (``JAKAFORMA_DATA_DIR``), so the cached store of one test
never serves another.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from recommender.engine import recommend
from recommender.i18n import catalog
from recommender.loading import KnowledgeBase
from recommender.profile import parse_profile
from recommender.rooms import RoomStore, SubmissionSummary
from recommender.rooms.schema import submissions
from recommender.rooms.store import url_from_env
from tests.apptest import TEXT_KINDS, element_texts
from ui.workshop import charts, common, qr, stats, walkthrough

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PL = catalog("pl")
EN = catalog("en")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JAKAFORMA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("JAKAFORMA_PUBLIC_URL", raising=False)
    return tmp_path


@pytest.fixture
def store(data_dir: Path) -> Iterator[RoomStore]:
    s = RoomStore(url_from_env())
    yield s
    s.dispose()


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "views/start.py":
        at.switch_page(page)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Every visible text of the page, joined (markdown, captions, alerts, titles, metrics)."""
    parts = element_texts(at, (*TEXT_KINDS, "code"))
    parts.extend(f"{m.label} {m.value}" for m in at.metric)
    return "\n".join(parts)


def button(at: AppTest, key_or_label: str) -> Any:
    for b in at.button:
        if b.key == key_or_label or b.label == key_or_label:
            return b
    raise AssertionError(f"no button {key_or_label!r}: {[(b.key, b.label) for b in at.button]}")


def summary_for(
    kb: KnowledgeBase, profile: dict[str, Any]
) -> tuple[dict[str, Any], SubmissionSummary]:
    rec = recommend(kb, parse_profile(profile, kb.criteria))
    summary = SubmissionSummary.from_result(
        rec.to_dict("pl"), priorities={w.criterion: w.value for w in rec.weights}
    )
    return rec.profile.to_dict(), summary


# -- trainer --------------------------------------------------------------------------------------


def test_trainer_creates_a_room_and_gets_code_qr_and_private_link(store: RoomStore) -> None:
    at = open_page("views/warsztat.py")
    at.text_input[0].input("Warsztat w bibliotece")
    at.number_input[0].set_value(7)  # form values are sent with the submit button below
    button(at, PL["ws.create.button"]).click().run()
    assert not at.exception
    room_id, token = str(at.query_params["room"]), str(at.query_params["token"])
    room = store.room_for_trainer(room_id, token)  # the link really opens the room
    assert room.retention_days == 7 and room.title == "Warsztat w bibliotece"
    page = texts(at)
    assert f"{room.join_code[:3]} {room.join_code[3:]}" in page  # the big code
    assert f"pokoj?code={room.join_code}" in page  # the join link
    assert any(f"room={room_id}" in c.value and f"token={token}" in c.value for c in at.code)
    assert PL["ws.link.warning"] in page
    assert len(token) >= 43  # 256-bit secret
    # the private link is shown once: hidden after the trainer confirms, still in the address
    button(at, "jf_ws_link_done").click().run()
    assert not any(token in c.value for c in at.code)
    assert str(at.query_params["token"]) == token
    assert [m.value for m in at.metric] == ["0", "0"]


def test_trainer_link_opens_the_dashboard_in_a_new_session(store: RoomStore) -> None:
    room, code, token = store.create_room(retention_days=3)
    at = open_page("views/warsztat.py", room=room.id, token=token)
    page = texts(at)
    assert PL["ws.live.title"] in page and f"{code[:3]} {code[3:]}" in page
    assert PL["ws.link.warning"] not in page  # the link is shown only right after creation
    assert PL["ws.empty"] in page


@pytest.mark.parametrize(
    "room, token",
    [
        ("0123456789abcdef", "A" * 43),  # well-formed, but no such room
        ("zzz", "short"),  # malformed
        ("0123456789abcdef", "x' OR 1=1 --"),
    ],
)
def test_wrong_trainer_link_is_access_denied_without_traceback(
    store: RoomStore, room: str, token: str
) -> None:
    store.create_room()
    at = open_page("views/warsztat.py", room=room, token=token)
    assert any(PL["ws.denied"] == e.value for e in at.error)
    assert PL["ws.create.title"] in texts(at)  # the page still works: a new room can be made
    assert "room" not in at.query_params and "token" not in at.query_params


def test_a_real_rooms_token_does_not_open_another_room(store: RoomStore) -> None:
    room_a, _, _token_a = store.create_room()
    _room_b, _, token_b = store.create_room()
    at = open_page("views/warsztat.py", room=room_a.id, token=token_b)
    assert any(PL["ws.denied"] == e.value for e in at.error)


def test_dashboard_shows_counts_first_forms_reasons_and_priorities(
    store: RoomStore, kb: KnowledgeBase
) -> None:
    room, code, token = store.create_room()
    personas = ["seniorzy-skolimow", "ogrod-chylice", "klub-pilkarski-jeziorna"]
    tops = []
    for i, pid in enumerate(personas):
        joined = store.join(code, f"client-{i}")
        profile, summary = summary_for(kb, dict(kb.personas[pid].profile))
        store.submit(room.id, joined.participant_token, f"key-000{i}", profile, summary)
        tops.append(summary.top_form)
    store.join(code, "client-late")  # joined, not finished
    at = open_page("views/warsztat.py", room=room.id, token=token)
    assert [m.value for m in at.metric] == ["4", "3"]
    page = texts(at)
    for form in tops:
        assert form is not None
        assert kb.form_name(form, "pl") in page  # full names, each bar with its count and share
    assert PL["ws.bar.value"].format(count=1, percent=33) in page
    assert "· 0%" not in page  # nobody's form is not drawn at all
    # a registered association needs 7 founders: the general rule, not one person's number
    rule = next(r for r in kb.forms["stowarzyszenie"].rules if r.id == "min_founders")
    assert stats.rule_summary(rule.message.pl) in page
    assert "{founders}" not in page
    assert PL["ws.prio.title"] in page and kb.criteria["cost"].label.pl in page
    assert kb.questionnaire.sections[0].questions[0].text.pl in page  # answers per question


def test_dashboard_in_english(store: RoomStore, kb: KnowledgeBase) -> None:
    room, code, token = store.create_room()
    joined = store.join(code, "client")
    profile, summary = summary_for(kb, dict(kb.personas["stypendia-obory"].profile))
    store.submit(room.id, joined.participant_token, "key-00001", profile, summary)
    at = open_page("views/warsztat.py", room=room.id, token=token, lang="en")
    page = texts(at)
    assert EN["ws.live.title"] in page and kb.form_name("fundacja", "en") in page


def test_close_room_needs_confirmation_and_then_refuses_answers(store: RoomStore) -> None:
    room, code, token = store.create_room()
    at = open_page("views/warsztat.py", room=room.id, token=token)
    button(at, "jf_ws_close").click().run()
    assert not store.room_for_trainer(room.id, token).closed  # not before confirming
    button(at, "jf_ws_close_yes").click().run()
    assert not at.exception
    assert store.room_for_trainer(room.id, token).closed
    assert PL["ws.closed"] in texts(at)


def test_csv_export_is_one_row_per_participant_and_formula_safe(
    store: RoomStore, kb: KnowledgeBase
) -> None:
    room, code, token = store.create_room()
    for i in range(3):
        joined = store.join(code, f"c{i}")
        profile, summary = summary_for(kb, {"founders": i + 1, "capital_pln": 0})
        store.submit(room.id, joined.participant_token, f"key-1000{i}", profile, summary)
    room = store.room_for_trainer(room.id, token)
    rows = list(csv.DictReader(io.StringIO(charts.export_csv(store, room))))
    assert [r["participant"] for r in rows] == ["1", "2", "3"]
    assert [r["founders"] for r in rows] == ["1", "2", "3"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
    assert token not in charts.export_csv(store, room)
    at = open_page("views/warsztat.py", room=room.id, token=token)
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == [
        PL["ws.export.readable"],
        PL["ws.export.xlsx"],
        PL["ws.export.pdf"],
        PL["ws.export.button"],
    ]
    assert all(d.proto.deferred_file_id for d in downloads)  # made when clicked: the latest


# -- participant ----------------------------------------------------------------------------------


def submissions_in(store: RoomStore, room_id: str) -> int:
    with store.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(submissions)
                .where(submissions.c.room_id == room_id)
            ).scalar_one()
        )


def test_participant_joins_with_the_link_answers_submits_and_sees_the_result(
    store: RoomStore,
) -> None:
    room, code, token = store.create_room(title="Sala 2")
    at = open_page("views/pokoj.py", code=code.lower())
    assert "code" not in at.query_params  # the code leaves the address at once
    assert at.text_input[0].value == code  # normalised into the field
    button(at, PL["room.join"]).click().run()
    assert PL["room.in_room_title"].format(title="Sala 2") in texts(at)
    at.radio(key="jf_q_intent").set_value("found").run()
    button(at, "jf_result_now").click().run()
    assert not at.exception
    page = texts(at)
    assert PL["room.sent"] in page and PL["flow.result.title"] in page
    stats = store.room_stats(store.room_for_trainer(room.id, token))
    assert (stats.joined, stats.finished) == (1, 1)
    assert stats.answers["intent"].values["found"] == 1
    # reruns and clicks that do not change the answers store nothing new (idempotent)
    at.run()
    at.run()
    assert submissions_in(store, room.id) == 1
    # a changed answer is a new submission; the room counts the participant once, by the latest
    button(at, "jf_room_edit").click().run()
    at.radio(key="jf_q_intent").set_value("join").run()
    button(at, "jf_result_now").click().run()
    assert PL["room.sent"] in texts(at)
    assert submissions_in(store, room.id) == 2
    stats = store.room_stats(store.room_for_trainer(room.id, token))
    assert stats.counted == 1 and stats.answers["intent"].values == {
        "found": 0,
        "join": 1,
        "unsure": 0,
    }


def test_participant_answers_go_only_to_their_room_and_never_show_others(
    store: RoomStore, kb: KnowledgeBase
) -> None:
    room, code, token = store.create_room()
    other = store.join(code, "someone-else")
    profile, summary = summary_for(kb, dict(kb.personas["kgw-cieciszew"].profile))
    store.submit(room.id, other.participant_token, "key-99999", profile, summary)
    at = open_page("views/pokoj.py", code=code)
    button(at, PL["room.join"]).click().run()
    button(at, "jf_result_now").click().run()
    page = texts(at)
    assert kb.personas["kgw-cieciszew"].story.pl not in page
    assert PL["ws.live.title"] not in page and not at.metric  # no room overview for participants
    joined = at.session_state[common.JOINED_KEY]
    assert joined.participant_token not in page


@pytest.mark.parametrize("bad", ["<script>", "AB0DEF", "x" * 100, "'; DROP TABLE rooms; --"])
def test_malformed_join_code_in_the_link_shows_a_notice(store: RoomStore, bad: str) -> None:
    at = open_page("views/pokoj.py", code=bad)
    assert any(PL["room.err.code_format"] == w.value for w in at.warning)
    assert at.text_input[0].value == ""


def test_unknown_or_closed_code_is_refused(store: RoomStore) -> None:
    room, code, token = store.create_room()
    store.close_room(store.room_for_trainer(room.id, token))
    at = open_page("views/pokoj.py", code=code)
    button(at, PL["room.join"]).click().run()
    assert any(PL["room.err.unknown_code"] == e.value for e in at.error)
    at.text_input[0].input("22-22-22")  # typed with dashes: normalised, valid, but no such room
    button(at, PL["room.join"]).click().run()
    assert any(PL["room.err.unknown_code"] == e.value for e in at.error)
    at.text_input[0].input("ABC")
    button(at, PL["room.join"]).click().run()
    assert any(PL["room.err.code_format"] == e.value for e in at.error)


def test_answer_sent_after_the_room_closed_keeps_the_result(store: RoomStore) -> None:
    room, code, token = store.create_room()
    at = open_page("views/pokoj.py", code=code)
    button(at, PL["room.join"]).click().run()
    store.close_room(store.room_for_trainer(room.id, token))
    button(at, "jf_result_now").click().run()
    assert not at.exception
    page = texts(at)
    assert PL["room.closed_after"] in page and PL["flow.result.title"] in page


def test_leaving_the_room(store: RoomStore) -> None:
    _room, code, _token = store.create_room()
    at = open_page("views/pokoj.py", code=code)
    button(at, PL["room.join"]).click().run()
    button(at, "jf_room_leave").click().run()
    assert PL["room.intro"] in texts(at)


# -- personas -------------------------------------------------------------------------------------


def test_trainer_loads_a_persona_into_the_result_with_one_click(
    store: RoomStore, kb: KnowledgeBase
) -> None:
    at = open_page("views/warsztat.py")
    at.selectbox(key="jf_ws_persona").set_value("kawiarnia-zaz").run()
    assert kb.personas["kawiarnia-zaz"].story.pl in texts(at)
    button(at, "jf_ws_persona_r").click().run()
    assert not at.exception
    expected = parse_profile(dict(kb.personas["kawiarnia-zaz"].profile), kb.criteria).to_dict()
    assert at.session_state["jf_profile"] == expected
    assert PL["flow.result.title"] in texts(at)
    assert str(at.query_params["founders"]) == "0"


def test_trainer_loads_a_persona_into_the_questionnaire(
    store: RoomStore, kb: KnowledgeBase
) -> None:
    at = open_page("views/warsztat.py")
    at.selectbox(key="jf_ws_persona").set_value("teatr-konstancin").run()
    button(at, "jf_ws_persona_q").click().run()
    assert not at.exception
    assert PL["flow.q.title"] in texts(at)
    assert at.session_state["jf_profile"]["founders"] == 4


# -- presentation ---------------------------------------------------------------------------------


def test_presentation_shows_one_question_per_screen_and_the_result_any_time(
    kb: KnowledgeBase, data_dir: Path
) -> None:
    at = open_page("views/prezentacja.py")
    first = kb.questionnaire.sections[0].questions[0]
    assert first.text.pl in [r.label for r in at.radio]
    assert (
        len([r for r in at.radio if r.key != "lang_switch"])  # the frame's language switch
        + len(at.multiselect)
        + len(at.number_input)
        + len(at.get("button_group"))
        == 1
    )
    total = len(walkthrough.flat_questions(kb, parse_profile({})))
    assert at.get("progress")[0].proto.text == PL["pres.progress"].format(step=1, total=total)
    assert button(at, "jf_pres_back").disabled
    button(at, "jf_pres_next").click().run()
    second = kb.questionnaire.sections[1].questions[0]
    labels = [w.label for w in at.get("button_group")] + [r.label for r in at.radio]
    assert first.text.pl not in labels
    assert (
        any(second.text.pl in str(w.proto) for w in at.get("button_group"))
        or second.text.pl in labels
    )
    button(at, "jf_pres_back").click().run()
    assert first.text.pl in [r.label for r in at.radio]
    button(at, "jf_pres_result").click().run()
    page = texts(at)
    assert PL["pres.result.title"] in page and PL["flow.sources_label"] in page
    button(at, "jf_pres_questions").click().run()
    assert first.text.pl in [r.label for r in at.radio]


def test_presentation_runs_a_persona(kb: KnowledgeBase, data_dir: Path) -> None:
    at = open_page("views/prezentacja.py")
    at.selectbox(key="jf_pres_persona").set_value("uslugi-spoldzielnia").run()
    button(at, "jf_pres_persona_load").click().run()
    name = kb.personas["uslugi-spoldzielnia"].name.pl
    assert PL["pres.example_loaded"].format(name=name) in texts(at)
    assert at.radio(key="jf_q_intent").value == "found"
    button(at, "jf_pres_result").click().run()
    page = texts(at)
    assert PL["pres.result.top"].format(form=kb.form_name("spoldzielnia-socjalna", "pl")) in page


def test_presentation_step_survives_garbage_in_session(kb: KnowledgeBase, data_dir: Path) -> None:
    at = open_page("views/prezentacja.py")
    at.session_state[common.PRES_STEP_KEY] = 999
    at.run()
    assert not at.exception
    assert button(at, "jf_pres_next").disabled  # clamped to the last question


# -- privacy --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, messages", [("pl", PL), ("en", EN)])
def test_privacy_page_says_what_is_stored_why_and_how_long(
    lang: str, messages: dict[str, str], data_dir: Path
) -> None:
    at = open_page("views/prywatnosc.py", lang=lang)
    page = texts(at)
    for key in (
        "privacy.short.body",
        "privacy.room.table",
        "privacy.never.body",
        "privacy.who.body",
        "privacy.howlong.body",
        "privacy.server.body",
    ):
        assert messages[key] in page
    assert "365" in page and "30" in page


def test_privacy_page_and_docs_privacy_md_say_the_same() -> None:
    doc = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")

    def norm(text: str) -> str:
        return " ".join(text.replace("—", "–").replace("“", '"').replace("”", '"').split())

    body = norm(doc)
    for messages in (PL, EN):
        for line in messages["privacy.room.table"].splitlines()[2:]:
            assert norm(line) in body, line


def test_privacy_page_matches_the_store_limits() -> None:
    from recommender.rooms.store import DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS

    for messages in (PL, EN):
        assert str(DEFAULT_RETENTION_DAYS) in messages["privacy.howlong.body"]
        assert str(MAX_RETENTION_DAYS) in messages["privacy.howlong.body"]


# -- pure helpers ---------------------------------------------------------------------------------


def test_rule_summaries_never_quote_a_placeholder(kb: KnowledgeBase) -> None:
    for form in kb.forms.values():
        for rule in form.rules:
            for lang in ("pl", "en"):
                text = stats.rule_summary(rule.message.get(lang))
                assert "{" not in text and "}" not in text, (form.id, rule.id, lang, text)
                assert len(text) > 20


def test_workshop_catalogs_have_the_same_keys() -> None:
    pl = json.loads((ROOT / "locales" / "pl" / "workshop.json").read_text(encoding="utf-8"))
    en = json.loads((ROOT / "locales" / "en" / "workshop.json").read_text(encoding="utf-8"))
    assert set(pl) == set(en)
    assert all(v.strip() for v in [*pl.values(), *en.values()])


def test_links_and_qr_code() -> None:
    assert qr.join_link("https://x.org", "ABCDEF") == "https://x.org/pokoj?code=ABCDEF"
    assert qr.join_link(None, "ABCDEF") == "pokoj?code=ABCDEF"
    assert (
        qr.trainer_link("https://x.org/app", "ab", "t")
        == "https://x.org/app/warsztat?room=ab&token=t"
    )
    assert qr.is_local_address("http://127.0.0.1:8501") and not qr.is_local_address("https://x.org")
    png = qr.qr_png("https://x.org/pokoj?code=ABCDEF")
    assert png.startswith(b"\x89PNG")


def test_public_url_wins_for_the_join_link(
    store: RoomStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAKAFORMA_PUBLIC_URL", "https://jakaforma.example.org/")
    room, code, token = store.create_room()
    at = open_page("views/warsztat.py", room=room.id, token=token)
    assert f"https://jakaforma.example.org/pokoj?code={code}" in texts(at)


# -- projector, controls, tables, exports ---------------------------------------------------------


def all_protos(at: AppTest) -> str:
    """Every element of the page as its serialised message: text, HTML, links, images."""
    out: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return "\n".join(out)


def test_projector_shows_code_counts_then_the_revealed_result_and_never_the_token(
    store: RoomStore, kb: KnowledgeBase
) -> None:
    room, code, token = store.create_room(title="Biblioteka")
    for i, pid in enumerate(["ogrod-chylice", "klub-pilkarski-jeziorna"]):
        joined = store.join(code, f"c{i}")
        profile, summary = summary_for(kb, dict(kb.personas[pid].profile))
        store.submit(room.id, joined.participant_token, f"key-2000{i}", profile, summary)
    # the trainer opens the console in this session first: nothing of it may leak
    at = open_page("views/warsztat.py", room=room.id, token=token)
    at.switch_page("views/prezentacja.py")
    at.query_params.clear()
    at.query_params["room"] = code
    at.run()
    assert not at.exception
    page, raw = texts(at), all_protos(at)
    assert f"{code[:3]} {code[3:]}" in page and "Biblioteka" in page
    assert [m.value for m in at.metric] == ["2", "2"]
    assert PL["proj.hidden"] in page and PL["ws.top.title"] not in page
    assert token not in raw and token not in page  # in no text, no HTML, no link
    assert "data:image/png;base64" in raw  # the QR code
    assert {b.key for b in at.button} >= {"jf_proj_next", "jf_proj_back"}

    store.set_revealed(store.room_for_trainer(room.id, token), True)
    at.run()
    button(at, "jf_proj_next").click().run()  # what the clicker's PageDown presses
    page = texts(at)
    assert PL["ws.top.title"] in page
    assert PL["ws.bar.value"].format(count=1, percent=50) in page
    assert token not in all_protos(at)
    button(at, "jf_proj_next").click().run()
    assert PL["ws.reasons.title"] in texts(at)


def test_projector_with_a_bad_or_unknown_code(data_dir: Path) -> None:
    at = open_page("views/prezentacja.py", room="<script>")
    assert PL["proj.bad_code"] in texts(at)
    at = open_page("views/prezentacja.py", room="ZZZZZZ")
    assert PL["proj.unknown"] in texts(at)


def test_console_controls_reveal_timer_rounds_tables_and_a_stale_tab(store: RoomStore) -> None:
    room, code, token = store.create_room()
    at = open_page("views/warsztat.py", room=room.id, token=token)
    other = open_page("views/warsztat.py", room=room.id, token=token)  # a second tab
    button(at, "jf_ws_do_reveal").click().run()
    assert store.room_for_trainer(room.id, token).revealed
    button(at, "jf_ws_do_timer").click().run()
    assert store.room_for_trainer(room.id, token).timer_ends_at is not None
    at.text_input(key="jf_ws_tables").input("A, B")
    button(at, "jf_ws_do_tables").click().run()
    assert store.room_for_trainer(room.id, token).tables == ("A", "B")
    button(at, "jf_ws_do_round").click().run()
    fresh = store.room_for_trainer(room.id, token)
    assert (fresh.current_round, fresh.revealed) == (2, False)
    assert not at.exception
    # the other tab still shows round 1: its "next round" must not advance a second time
    button(other, "jf_ws_do_round").click().run()
    assert store.room_for_trainer(room.id, token).current_round == 2
    assert PL["ws.ctl.stale"] in texts(other)
    other.run()
    assert PL["ws.ctl.next_round"].format(number=3) in [b.label for b in other.button]
    # a bad table list is refused with a notice, not a traceback
    at.text_input(key="jf_ws_tables").input("=A, =B")
    button(at, "jf_ws_do_tables").click().run()
    assert PL["ws.ctl.invalid.tables"] in texts(at) and not at.exception


def test_participant_picks_a_table_and_sees_the_revealed_group_result(
    store: RoomStore,
) -> None:
    room, code, token = store.create_room()
    room = store.set_tables(room, ["A", "B"])
    at = open_page("views/pokoj.py", code=code)
    button(at, PL["room.join"]).click().run()
    at.radio(key="jf_room_table").set_value("B").run()
    at.radio(key="jf_q_intent").set_value("found").run()
    button(at, "jf_result_now").click().run()
    assert not at.exception
    stats = store.room_stats(store.room_for_trainer(room.id, token), table="B")
    assert (stats.joined, stats.counted) == (1, 1)
    assert PL["room.group.title"] not in texts(at)  # hidden until the trainer reveals it
    room = store.set_revealed(store.room_for_trainer(room.id, token), True)
    store.start_timer(room, 120)
    at.run()
    page = texts(at)
    assert PL["room.group.title"] in page and PL["ws.top.title"] in page
    assert any(PL["room.group.timer"].split("{")[0] in t for t in page.splitlines())


def test_readable_exports_speak_the_rooms_language(store: RoomStore, kb: KnowledgeBase) -> None:
    import openpyxl

    from recommender.rooms.export import readable_csv, readable_xlsx
    from ui.workshop.exports import group_pdf

    room, code, token = store.create_room(lang="en")
    room = store.set_tables(room, ["A"])
    joined = store.join(code, "c")
    store.choose_table(room.id, joined.participant_token, "A")
    profile, summary = summary_for(kb, dict(kb.personas["ogrod-chylice"].profile))
    store.submit(room.id, joined.participant_token, "key-30001", profile, summary)
    room = store.next_round(room, expected_version=room.version)
    store.submit(room.id, joined.participant_token, "key-30002", profile, summary)
    room = store.room_for_trainer(room.id, token)
    rows = list(csv.DictReader(io.StringIO(readable_csv(kb, store, room))))
    assert [r["Round"] for r in rows] == ["1", "2"] and rows[0]["Table"] == "A"
    top = summary.top_form
    assert top is not None
    assert rows[0]["First form"] == kb.form_name(top, "en")
    assert rows[0]["First form (id)"] == top
    assert "stowarzyszenie-zwykle" not in rows[0]["Forms ruled out and why"]
    assert (
        rows[0][EN["field.goals"]]
        and rows[0][f"{EN['field.goals']} (id)"] == "community; environment"
    )
    assert token not in readable_csv(kb, store, room)

    book = openpyxl.load_workbook(io.BytesIO(readable_xlsx(kb, store, room)))
    assert book.sheetnames == ["Round 1", "Round 2"]
    sheet = book["Round 1"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Participant", "Group", "Round"] and "First form" in header
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert first["First form"] == kb.form_name(top, "en")

    pdf = group_pdf(kb, store, room)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


# -- the facilitator's guide ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_guide_page_has_both_agendas_the_examples_questions_and_the_privacy_statement(
    kb: KnowledgeBase, data_dir: Path, lang: str
) -> None:
    from ui.workshop.guide import AGENDA_PERSONAS

    messages = PL if lang == "pl" else EN
    at = open_page("views/przewodnik.py", lang=lang)
    page = texts(at)
    for key in ("agenda60", "agenda90", "project", "depends", "privacy", "before"):
        assert messages[f"guide.{key}.title"] in page
    for pid in AGENDA_PERSONAS:
        assert kb.personas[pid].name.get(lang) in page  # the agendas name their examples
    for persona in kb.personas.values():
        for question in persona.discussion:
            assert question.get(lang) in page
    assert not re.search(r"\{[a-z_0-9]+\}", page)  # every placeholder filled
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == [messages["guide.pdf"]]


def test_guide_pdf_and_examples(kb: KnowledgeBase) -> None:
    from ui.workshop.guide import AGENDA_PERSONAS, guide_pdf

    assert all(pid in kb.personas for pid in AGENDA_PERSONAS)
    for persona in kb.personas.values():
        assert len(persona.discussion) >= 2, persona.id  # every example comes with questions
        assert all(q.pl.endswith("?") and q.en.endswith("?") for q in persona.discussion)
    for lang in ("pl", "en"):
        pdf = guide_pdf(kb, lang)
        assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_robustness_never_lists_a_form_at_zero_percent(kb: KnowledgeBase) -> None:
    from types import SimpleNamespace

    from recommender.i18n import t
    from ui.result import robustness_words

    rob = SimpleNamespace(
        top_form="kgw",
        stays_first=0.76,
        samples=200,
        firsts={"kgw": 0.76, "stowarzyszenie": 0.236, "kis": 0.002, "cis": 0.001},
    )
    text = robustness_words(
        SimpleNamespace(robustness=rob), kb, "pl", lambda k, **v: t(k, "pl", **v)
    )
    assert text is not None and "(24%)" in text
    assert "(0%)" not in text and kb.form_name("kis", "pl") not in text
