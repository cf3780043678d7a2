"""Broken knowledge is caught: each kind of mistake produces a precise `path: location: message`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from recommender.loading import KnowledgeError, load_knowledge
from tests.conftest import ROOT

KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(kdir: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kdir)
    return [str(p) for p in err.value.problems]


def assert_problem(kdir: Path, path: str, location: str, fragment: str) -> None:
    found = problems(kdir)
    prefix = f"{kdir / path}: {location}"
    assert any(p.startswith(prefix) and fragment in p for p in found), "\n".join(found)


def form(kdir: Path, fid: str = "fundacja") -> Path:
    return kdir / "forms" / f"{fid}.yaml"


def test_real_knowledge_base_is_valid():
    kb = load_knowledge(KNOWLEDGE)
    assert len(kb.forms) == 11


def test_duplicate_key(kdir):
    p = form(kdir)
    p.write_text(p.read_text(encoding="utf-8") + "\nid: fundacja\n", encoding="utf-8")
    assert_problem(kdir, "forms/fundacja.yaml", "line", "duplicate key 'id'")


def test_invalid_yaml(kdir):
    p = form(kdir)
    p.write_text("id: [fundacja\nname: x\n", encoding="utf-8")
    assert_problem(kdir, "forms/fundacja.yaml", "line", "invalid YAML")


def test_unknown_field(kdir):
    edit(form(kdir), lambda d: d["pros"][0].update(weight=3))
    assert_problem(kdir, "forms/fundacja.yaml", "pros[0].weight", "unknown field")


def test_wrong_type(kdir):
    edit(form(kdir), lambda d: d["pros"][1].update(strength="high"))
    assert_problem(kdir, "forms/fundacja.yaml", "pros[1].strength", "integer")


def test_out_of_range(kdir):
    edit(form(kdir), lambda d: d["cons"][0].update(strength=7))
    assert_problem(kdir, "forms/fundacja.yaml", "cons[0].strength", "less than or equal to 3")


def test_unknown_criterion(kdir):
    edit(form(kdir), lambda d: d["pros"][2].update(criteria=["grantz"]))
    assert_problem(kdir, "forms/fundacja.yaml", "pros[2].criteria[0]", "unknown criterion 'grantz'")


def test_unknown_source(kdir):
    edit(form(kdir), lambda d: d["cons"][1].update(sources=["no-such-source"]))
    assert_problem(
        kdir, "forms/fundacja.yaml", "cons[1].sources[0]", "unknown source 'no-such-source'"
    )


def test_missing_language(kdir):
    edit(form(kdir), lambda d: d["summary"].pop("en"))
    assert_problem(kdir, "forms/fundacja.yaml", "summary.en", "required field is missing")


def test_empty_text(kdir):
    edit(form(kdir), lambda d: d["name"].update(pl=""))
    assert_problem(kdir, "forms/fundacja.yaml", "name.pl", "at least 1 character")


def test_url_not_http(kdir):
    src = sorted((kdir / "sources").glob("*.yaml"))[0]
    edit(src, lambda d: d["sources"][0].update(url="ftp://example.org/file"))
    assert_problem(kdir, f"sources/{src.name}", "sources[0].url", "http(s) URL")


def test_id_differs_from_file_name(kdir):
    edit(form(kdir), lambda d: d.update(id="fundacja-x"))
    assert_problem(kdir, "forms/fundacja.yaml", "id", "differs from the file name")


def test_unknown_form_file(kdir):
    shutil.copy(form(kdir), kdir / "forms" / "fundacja-rodzinna.yaml")
    assert_problem(kdir, "forms/fundacja-rodzinna.yaml", "(file)", "unknown form id")


def test_missing_form_file(kdir):
    form(kdir, "kgw").unlink()
    assert_problem(kdir, "forms/kgw.yaml", "(file)", "file is missing")


def test_condition_unknown_field(kdir):
    edit(form(kdir), lambda d: d["pros"][0].update(applies_when={"field": "founderz", "lt": 3}))
    assert_problem(
        kdir,
        "forms/fundacja.yaml",
        "pros[0].applies_when.field",
        "unknown profile field 'founderz'",
    )


def test_condition_unknown_value(kdir):
    edit(
        form(kdir),
        lambda d: d["cons"][0].update(applies_when={"field": "goals", "contains": "golf"}),
    )
    assert_problem(
        kdir, "forms/fundacja.yaml", "cons[0].applies_when.contains", "unknown value 'golf'"
    )


def test_missing_core_fact(kdir):
    edit(form(kdir), lambda d: d["facts"].pop("registry"))
    assert_problem(kdir, "forms/fundacja.yaml", "facts.registry", "core fact is missing")


def test_wrong_fact_value(kdir):
    edit(form(kdir), lambda d: d["facts"]["min_founders"].update(value="seven"))
    assert_problem(kdir, "forms/fundacja.yaml", "facts.min_founders.value", "whole number")


def test_unknown_placeholder(kdir):
    edit(
        form(kdir, "stowarzyszenie"),
        lambda d: d["rules"][0]["message"].update(pl="Brakuje {luka} osób"),
    )
    assert_problem(
        kdir, "forms/stowarzyszenie.yaml", "rules[0].message.pl", "unknown placeholder {luka}"
    )


def test_pathway_to_unknown_form(kdir):
    edit(form(kdir, "grupa-nieformalna"), lambda d: d["pathways"][0].update(to="partia"))
    assert_problem(kdir, "forms/grupa-nieformalna.yaml", "pathways[0].to", "unknown form 'partia'")


def test_duplicate_item_id(kdir):
    edit(form(kdir), lambda d: d["cons"][0].update(id=d["pros"][0]["id"]))
    assert_problem(kdir, "forms/fundacja.yaml", "cons[0].id", "duplicate item id")


def test_too_few_pros(kdir):
    edit(form(kdir), lambda d: d.update(pros=d["pros"][:4]))
    assert_problem(kdir, "forms/fundacja.yaml", "pros", "at least 5 pros")


def test_unused_criterion(kdir):
    edit(
        kdir / "criteria.yaml",
        lambda d: d["criteria"].append(
            {
                "id": "glamour",
                "label": {"pl": "Blask", "en": "Glamour"},
                "description": {"pl": "x", "en": "x"},
                "default": 1,
            }
        ),
    )
    assert_problem(
        kdir, "criteria.yaml", "criteria[", "criterion 'glamour' is used by no pro or con"
    )


def test_uncited_source(kdir):
    src = sorted((kdir / "sources").glob("*.yaml"))[0]
    edit(
        src,
        lambda d: d["sources"].append(
            {
                "id": "orphan",
                "title": "T",
                "publisher": "P",
                "url": "https://example.org/x",
                "checked": "2026-11-22",
                "published": "undated",
            }
        ),
    )
    assert_problem(kdir, f"sources/{src.name}", "sources.orphan", "cited nowhere")


def test_two_sources_for_one_page(kdir):
    """Two ids for the same address drift apart (dates checked, notes): `check` names the
    first, with or without a trailing slash."""
    src = sorted((kdir / "sources").glob("*.yaml"))[0]
    first = yaml.safe_load(src.read_text(encoding="utf-8"))["sources"][0]
    copy = dict(first, id="same-page-again", url=first["url"].rstrip("/") + "/")
    edit(src, lambda d: d["sources"].append(copy))
    assert_problem(
        kdir, f"sources/{src.name}", "sources.same-page-again.url", f"source {first['id']!r}"
    )


def test_duplicate_source_across_files(kdir):
    src = sorted((kdir / "sources").glob("*.yaml"))[0]
    first = yaml.safe_load(src.read_text(encoding="utf-8"))["sources"][0]
    (kdir / "sources" / "zz-copy.yaml").write_text(
        yaml.safe_dump({"sources": [first]}, allow_unicode=True), encoding="utf-8"
    )
    assert_problem(kdir, "sources/zz-copy.yaml", f"sources.{first['id']}", "duplicate source id")


def test_question_without_dont_know(kdir):
    def drop(d: Any) -> None:
        q = next(q for s in d["sections"] for q in s["questions"] if q["kind"] == "single")
        q["options"] = [o for o in q["options"] if not o.get("unknown")]

    edit(kdir / "questions.yaml", drop)
    assert_problem(kdir, "questions.yaml", "sections[", "'nie wiem' option")


def test_unknown_status(kdir):
    edit(form(kdir), lambda d: d.update(statuses=[*d.get("statuses", []), "royal"]))
    assert_problem(kdir, "forms/fundacja.yaml", "statuses[", "unknown status 'royal'")


def test_contact_unknown_form(kdir):
    edit(kdir / "contacts.yaml", lambda d: d["contacts"][0].update(helps_with=["partia"]))
    assert_problem(kdir, "contacts.yaml", "contacts[0].helps_with[0]", "unknown form 'partia'")


def test_faq_provision_of_unknown_act(kdir):
    def change(d: Any) -> None:
        d["faq"][0]["provisions"] = [{"act": "no-such-act", "ref": "art. 1"}]

    edit(kdir / "faq.yaml", change)
    assert_problem(kdir, "faq.yaml", "faq[0].provisions[0].act", "unknown act 'no-such-act'")


def test_unsourced_fact(kdir):
    edit(form(kdir), lambda d: d["facts"]["legal_personality"].update(sources=[]))
    assert_problem(
        kdir, "forms/fundacja.yaml", "facts.legal_personality.sources", "at least one source"
    )


def test_all_problems_reported_at_once(kdir):
    edit(
        form(kdir),
        lambda d: (d["pros"][0].update(strength=9), d["cons"][0].update(criteria=["nope"])),
    )
    edit(form(kdir, "kis"), lambda d: d.update(id="klub"))
    found = problems(kdir)
    assert len([p for p in found if "fundacja.yaml" in p]) >= 2
    assert any("kis.yaml: id:" in p for p in found)


def test_cli_check_lists_problems_without_traceback(kdir):
    edit(form(kdir), lambda d: d["pros"][2].update(criteria=["grantz"]))
    edit(kdir / "criteria.yaml", lambda d: d["criteria"][0].update(default=9))
    out = subprocess.run(
        [sys.executable, "-m", "recommender", "check", str(kdir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    lines = out.stdout.strip().splitlines()
    assert f"{kdir}/forms/fundacja.yaml: pros[2].criteria[0]: unknown criterion 'grantz'" in lines
    assert any(line.startswith(f"{kdir}/criteria.yaml: criteria[0].default: ") for line in lines)


def test_cli_check_ok():
    out = subprocess.run(
        [sys.executable, "-m", "recommender", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("ok:")


def test_cli_check_missing_dir(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "recommender", "check", str(tmp_path / "nope")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1 and "not a directory" in out.stdout and "Traceback" not in out.stderr


def test_typical_target_groups_are_checked(kdir):
    edit(form(kdir, "zaz"), lambda d: d.update(typical_target_groups=["golfers"]))
    assert "typical_target_groups[0]: unknown target group 'golfers'" in "\n".join(problems(kdir))


def test_open_to_all_and_default_goal_are_checked(kdir):
    def change(data: Any) -> None:
        for entry in data["vocabulary"]:
            if (entry["field"], entry["value"]) == ("target_groups", "seniors"):
                entry["open_to_all"] = True
                entry["default_goal"] = "golf"
            if (entry["field"], entry["value"]) == ("goals", "advocacy"):
                entry["default_goal"] = "community"
                entry["at_risk"] = True

    edit(kdir / "vocabulary.yaml", change)
    found = "\n".join(problems(kdir))
    assert "open_to_all: only a goal can be open to all residents" in found
    assert "must be a goal, not 'golf'" in found
    assert "must be a goal, not 'community'" in found
    assert "at_risk: only a target group can be at risk of exclusion" in found
