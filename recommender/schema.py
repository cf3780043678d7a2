"""JSON Schemas of the knowledge files, generated from the typed models.

Editors that understand JSON Schema for YAML (e.g. VS Code with the YAML extension, via the
``# yaml-language-server: $schema=…`` comment or a settings mapping) then validate as you type.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, create_model

from .concepts import ConceptsFile
from .document_models import DocumentTemplate, Placeholder
from .models import (
    Acts,
    Contact,
    Criterion,
    FactKey,
    FaqEntry,
    Form,
    GlossaryEntry,
    LawChanges,
    Persona,
    Questionnaire,
    Scoring,
    Source,
    Status,
    VocabularyEntry,
)
from .plan_models import Duty, FundingRoute
from .reading_models import ReadingFile

LISTS: dict[str, tuple[str, type[BaseModel]]] = {
    "criteria": ("criteria", Criterion),
    "fact_keys": ("fact_keys", FactKey),
    "sources": ("sources", Source),
    "glossary": ("glossary", GlossaryEntry),
    "contacts": ("contacts", Contact),
    "statuses": ("statuses", Status),
    "personas": ("personas", Persona),
    "faq": ("faq", FaqEntry),
    "vocabulary": ("vocabulary", VocabularyEntry),
    "document_placeholders": ("placeholders", Placeholder),
    "duties": ("duties", Duty),
    "funding": ("funding", FundingRoute),
}
SINGLE: dict[str, type[BaseModel]] = {
    "form": Form,
    "questions": Questionnaire,
    "scoring": Scoring,
    "acts": Acts,
    "law_changes": LawChanges,
    "concepts": ConceptsFile,
    "reading": ReadingFile,
    "document": DocumentTemplate,
}


def schemas() -> dict[str, dict[str, Any]]:
    """File kind -> JSON Schema."""
    out: dict[str, dict[str, Any]] = {}
    for name, model in SINGLE.items():
        out[name] = model.model_json_schema()
    for name, (key, model) in LISTS.items():
        fields: dict[str, Any] = {key: (list[model], ...)}  # type: ignore[valid-type]
        wrapper = create_model(f"{model.__name__}File", **fields)
        schema = wrapper.model_json_schema()
        schema["additionalProperties"] = False
        out[name] = schema
    for schema in out.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


def write_schemas(out_dir: str | Path) -> list[Path]:
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = target / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
