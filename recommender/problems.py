"""Problems found in the knowledge base, and the error that lists them.

Kept apart from :mod:`recommender.loading` so that a command can catch :class:`KnowledgeError`
without importing the loader and the knowledge models.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.location or '(file)'}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge base is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
