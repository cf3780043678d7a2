"""``python -m recommender audit``: the JSON validates against its schema and lists everything."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from recommender.audit import audit, audit_text
from recommender.loading import KnowledgeBase
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema" / "audit.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(kb: KnowledgeBase) -> dict:
    return audit(kb)


def test_audit_json_validates_against_its_schema(report: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(report, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_schema_rejects_a_wrong_shape(report: dict) -> None:
    broken = json.loads(json.dumps(report))
    broken["items"][0]["kind"] = "opinion"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA, cls=jsonschema.Draft202012Validator)
    del broken["items"][0]["kind"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_audit_lists_every_item_once(kb: KnowledgeBase, report: dict) -> None:
    keys = [(i["kind"], i["form"], i["id"]) for i in report["items"]]
    assert len(keys) == len(set(keys))
    for form in kb.forms.values():
        for key in form.facts:
            assert ("fact", form.id, key) in keys
        for rule in form.rules:
            assert ("rule", form.id, rule.id) in keys
        for kind, seq in (("pro", form.pros), ("con", form.cons), ("step", form.steps)):
            for item in seq:
                assert (kind, form.id, item.id) in keys
    for contact in kb.contacts:
        assert ("contact", None, contact) in keys
    for status in kb.statuses.values():
        assert ("status", None, f"{status.id}.conditions[0]") in keys
    assert report["law_as_of"] == kb.law_as_of.isoformat()
    assert report["knowledge_version"] == kb.version


def test_audit_reports_dates_and_staleness_as_the_knowledge_base(
    kb: KnowledgeBase, report: dict
) -> None:
    for item in report["items"]:
        verdict = kb.staleness[(item["kind"], item["form"], item["id"])]
        assert item["stale"] == verdict.stale and item["why"] == verdict.why
        for src in item["sources"]:
            published = kb.sources[src["id"]].published
            if published in (None, "undated"):
                assert src["published"] is None
            else:
                assert src["published"].startswith(str(getattr(published, "year", published)))
        for prov in item["provisions"]:
            assert prov["act"] in kb.acts and prov["text_in"]


def test_audit_command_json_and_text() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "recommender", "audit"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    text = subprocess.run(
        [sys.executable, "-m", "recommender", "audit", "--format", "text"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert text == audit_text(data)
    assert len(text.splitlines()) == len(data["items"]) + 1


def test_audit_imports_no_heavy_library() -> None:
    code = (
        "import sys, runpy; sys.argv=['recommender','audit'];"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: runpy.run_module('recommender', run_name='__main__')\n"
        "    except SystemExit: pass\n"
        "bad=[m for m in ('sqlalchemy','alembic','streamlit','sklearn') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
