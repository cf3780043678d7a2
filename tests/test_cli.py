"""The command line exactly as the public contract defines it, including every error path."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recommender", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


PROFILE = {
    "founders": 4,
    "capital_pln": 0,
    "goals": ["community"],
    "formalities": "minimal",
    "urgency": "weeks",
}


def test_recommend_json_shape():
    out = run("recommend", "--profile", "-", stdin=json.dumps(PROFILE))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) >= {"ranking", "robustness", "knowledge_version"}
    ranking = result["ranking"]
    assert len(ranking) == 11 and len({r["form"] for r in ranking}) == 11
    for r in ranking:
        assert set(r) >= {"form", "eligible", "score", "blockers", "pros", "cons"}
        for item in r["pros"] + r["cons"]:
            assert set(item) >= {"id", "text", "contribution"}
        for b in r["blockers"]:
            assert set(b) >= {"rule", "message", "change"}
    assert set(result["robustness"]) >= {"top_form", "stays_first"}
    stow = next(r for r in ranking if r["form"] == "stowarzyszenie")
    assert not stow["eligible"] and stow["score"] == 0
    assert any(b["rule"] == "min_founders" for b in stow["blockers"])


def test_recommend_from_file_and_english(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PROFILE))
    pl = json.loads(run("recommend", "--profile", str(path)).stdout)
    en = json.loads(run("recommend", "--profile", str(path), "--lang", "en").stdout)
    assert [r["form"] for r in pl["ranking"]] == [r["form"] for r in en["ranking"]]
    b_pl = next(r for r in pl["ranking"] if r["form"] == "stowarzyszenie")["blockers"][0]["message"]
    b_en = next(r for r in en["ranking"] if r["form"] == "stowarzyszenie")["blockers"][0]["message"]
    assert b_pl != b_en


def test_recommend_batch_keeps_order():
    batch = [PROFILE, {"intent": "join"}, {}]
    out = run("recommend", "--profile", "-", stdin=json.dumps(batch))
    results = json.loads(out.stdout)
    assert isinstance(results, list) and len(results) == 3
    for profile, result in zip(batch, results, strict=True):
        single = json.loads(run("recommend", "--profile", "-", stdin=json.dumps(profile)).stdout)
        assert single == result


def test_recommend_is_deterministic():
    a = run("recommend", "--profile", "-", stdin=json.dumps(PROFILE)).stdout
    b = run("recommend", "--profile", "-", stdin=json.dumps(PROFILE)).stdout
    assert a == b


def test_recommend_text_format():
    out = run("recommend", "--profile", "-", "--format", "text", stdin=json.dumps(PROFILE))
    assert out.returncode == 0
    assert "To nie jest porada prawna" in out.stdout
    assert "Stowarzyszenie" in out.stdout
    en = run(
        "recommend", "--profile", "-", "--format", "text", "--lang", "en", stdin=json.dumps(PROFILE)
    )
    assert "not legal advice" in en.stdout


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        ("{not json", "invalid JSON"),
        ('{"founders": -1}', "founders"),
        ('{"founders": 1.5}', "founders"),
        ('{"colour": "red"}', "colour: unknown field"),
        ('{"goals": ["golf"]}', "goals[0]"),
        ('{"intent": "perhaps"}', "intent"),
        ('{"priorities": {"cost": 9}}', "priorities.cost"),
        ('{"priorities": {"grantz": 1}}', "priorities.grantz: unknown criterion"),
        ('{"founders": 2, "founders_at_risk": 5}', "founders_at_risk"),
        ('{"founders": 1, "founders": 2}', "duplicate key"),
        ('{"founders": NaN}', "NaN"),
        ('[{}, {"urgency": "yesterday"}]', "[1].urgency"),
        ('"just a string"', "profile"),
        ("", "invalid JSON"),
    ],
)
def test_recommend_invalid_input(stdin, fragment):
    out = run("recommend", "--profile", "-", stdin=stdin)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def test_recommend_missing_file():
    out = run("recommend", "--profile", "/nonexistent/profile.json")
    assert out.returncode == 2 and out.stdout == "" and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("recommend",),
        ("recommend", "--profile", "-", "--lang", "de"),
        ("recommend", "--profile", "-", "--format", "xml"),
        ("frobnicate",),
        (),
    ],
)
def test_bad_arguments(args):
    out = run(*args, stdin="{}")
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_export_json():
    out = run("export")
    data = json.loads(out.stdout)
    assert set(data["forms"]) == {
        "fundacja",
        "stowarzyszenie",
        "stowarzyszenie-zwykle",
        "spoldzielnia-socjalna",
        "kis",
        "cis",
        "zaz",
        "spolka-non-profit",
        "kgw",
        "grupa-nieformalna",
        "wolontariat",
    }
    core = {
        "min_founders",
        "min_founders_legal_persons",
        "min_capital_pln",
        "business_min_capital_pln",
        "legal_personality",
        "economic_activity",
        "registry",
        "opp_eligible",
        "who_can_found",
    }
    for fid, form in data["forms"].items():
        assert set(form["name"]) == {"pl", "en"}
        assert set(form["facts"]) == core, fid
        assert isinstance(form["facts"]["legal_personality"], bool)
        assert form["facts"]["economic_activity"] in ("core", "allowed", "no")
        assert form["facts"]["registry"] in ("krs", "starosta", "voivode", "arimr", "none")
        assert len(form["pros"]) >= 5 and len(form["cons"]) >= 5
        for s in form["sources"]:
            assert set(s) >= {"title", "url", "checked"}
            assert len(s["checked"]) == 10


def test_export_csv_is_safe_and_complete():
    out = run("export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0][0] == "form" and len(rows) == 12
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))


def test_csv_cells_are_neutralised():
    from recommender.export import safe_cell, to_csv

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("-1") == "'-1" and safe_cell("@x") == "'@x" and safe_cell("+a") == "'+a"
    assert safe_cell("zwykły tekst") == "zwykły tekst"
    assert to_csv(["a"], [["=1+1"]]).splitlines()[1] == "'=1+1"
