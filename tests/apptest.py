"""Helpers shared by the AppTest page tests."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

# the elements that carry a page's visible text, in the order a reader meets them
TEXT_KINDS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
)


def element_texts(
    at: AppTest, kinds: tuple[str, ...] = TEXT_KINDS, clean: Callable[[str], str] = str
) -> list[str]:
    """The values of every element of the given kinds, each passed through ``clean``."""
    return [clean(str(el.value)) for kind in kinds for el in getattr(at, kind)]
