"""Typed models of document templates (``knowledge/documents/<id>.yaml``) and of the registry of
placeholders they may use (``knowledge/document_placeholders.yaml``).

A template is data, not code: a knowledge editor writes its clauses in both languages, says for
each clause which provision of which act requires it (``required_by``) or that it is only a
suggestion, and may make a clause depend on the user's answers (``when``, a condition in the
same language as pros and cons). Cross-references (forms, acts, sources, placeholders,
conditions) are checked by :mod:`recommender.document_loading`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .models import Id, Provision, Strict, Text

__all__ = ["Clause", "DocumentTemplate", "Placeholder", "Provision", "TableSpec"]

SLUG = r"^[a-z0-9][a-z0-9_\-]*$"
PLACEHOLDER_ID = r"^[a-z][a-z0-9_]*$"


class TableSpec(Strict):
    """A table with blank rows to fill in by hand (e.g. the list of founders).

    The draft gets as many rows as the profile has founders, never fewer than ``min_rows``;
    no personal data is ever filled in.
    """

    columns: tuple[Text, ...] = Field(min_length=1, max_length=8)
    min_rows: int = Field(ge=1, le=60)


class Clause(Strict):
    """One clause (a paragraph of a statute, a point of minutes, an item of a checklist).

    Exactly one of ``required_by`` (the provisions that require the clause; shown as footnotes)
    and ``suggestion: true`` (the law does not require it) must be given. ``when`` keeps the
    clause only where the condition holds for the profile; when the answers leave it unknown the
    clause stays, marked optional with ``when_note`` (which says when to keep it).
    """

    id: Id = Field(pattern=SLUG)
    heading: Text | None = None
    text: Text
    items: tuple[Text, ...] = ()
    required_by: tuple[Provision, ...] = ()
    suggestion: bool = False
    when: dict[str, Any] | None = None
    when_note: Text | None = None
    table: TableSpec | None = None
    forms: tuple[Id, ...] = ()  # only in the drafts for these forms (empty: all of the template's)

    @model_validator(mode="after")
    def _required_or_suggestion(self) -> Clause:
        if bool(self.required_by) == self.suggestion:
            raise ValueError(
                "give either required_by (the provisions that require this clause) "
                "or suggestion: true, not both and not neither"
            )
        if (self.when is None) != (self.when_note is None):
            raise ValueError("when and when_note go together")
        return self


class DocumentTemplate(Strict):
    """A draft document (``kind: draft``) or a checklist of documents (``kind: checklist``)."""

    id: Id = Field(pattern=SLUG)
    title: Text
    forms: tuple[Id, ...] = Field(min_length=1)
    kind: Literal["draft", "checklist"]
    numbering: Literal["paragraph", "none"] = "paragraph"
    order: int = Field(default=100, ge=0, le=1000)  # position among a form's documents
    intro: Text | None = None
    clauses: tuple[Clause, ...] = Field(min_length=1)
    sources: tuple[Id, ...] = ()

    @property
    def provisions(self) -> tuple[Provision, ...]:
        """Every provision the template's clauses cite, in first-use order, without repeats."""
        seen: dict[tuple[str, str], Provision] = {}
        for clause in self.clauses:
            for p in clause.required_by:
                seen.setdefault((p.act, p.ref), p)
        return tuple(seen.values())


class Placeholder(Strict):
    """A ``{name}`` a clause may contain, and how a draft fills it.

    - ``value``: a constant of the product (the area, Konstancin-Jeziorna);
    - ``field``: a profile field; a list field is written as the vocabulary labels of its values
      (goals in words), a number as the number, a choice or yes/no through ``values``;
    - neither: never filled from the answers; the draft shows ``[label]`` to fill in by hand
      (or the text the caller passes for it, e.g. a name typed by the user).
    """

    id: str = Field(pattern=PLACEHOLDER_ID)
    label: Text
    value: Text | None = None
    field: str | None = None
    values: dict[str, Text] = {}
    user_text: bool = False  # a caller may pass free text for it (validated and cleaned)

    @model_validator(mode="after")
    def _one_origin(self) -> Placeholder:
        if self.value is not None and (self.field is not None or self.user_text):
            raise ValueError("a constant value cannot also come from a field or the user")
        if self.values and self.field is None:
            raise ValueError("values need a field")
        return self
