""" "Opisz swój pomysł": a reusable widget for the first step of the questionnaire.

The person describes the idea in their own words; we *suggest* goals and target groups (with the
words that led to each suggestion) and name the forms whose typical uses the idea resembles. The
suggestions only pre-fill two multiselects the person can change; nothing reaches the profile
until they press the confirm button, and then :func:`idea_widget` returns the confirmed values
once (they stay readable through :func:`confirmed`). It never writes answers by itself.

Usage on a page::

    choice = idea_widget(kb, lang)
    if choice is not None:
        ...  # apply choice.goals / choice.target_groups to the answers
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.profile import FIELDS
from recommender.search import normalise
from recommender.suggest import MAX_TEXT_CHARS, Suggestion, suggest
from ui import browse
from ui.search import form_link

IDEA_FIELDS = ("goals", "target_groups")


@dataclass(frozen=True)
class IdeaChoice:
    """What the person confirmed: the description and the values they kept."""

    text: str
    goals: tuple[str, ...]
    target_groups: tuple[str, ...]

    def profile_values(self) -> dict[str, list[str]]:
        """The confirmed values as profile fields (for ``Profile.replace`` or the answers)."""
        return {"goals": list(self.goals), "target_groups": list(self.target_groups)}


def _keys(key: str) -> dict[str, str]:
    return {
        "text": f"{key}_text",
        "suggestion": f"{key}_suggestion",
        "goals": f"{key}_goals",
        "target_groups": f"{key}_target_groups",
        "confirmed": f"{key}_confirmed",
        "suggest": f"{key}_suggest_button",
        "confirm": f"{key}_confirm_button",
    }


def value_label(kb: KnowledgeBase, field: str, value: str, lang: str) -> str:
    entry = kb.vocabulary.get((field, value))
    return entry.label.get(lang) if entry is not None else value


def confirmed(key: str = "idea") -> IdeaChoice | None:
    """The last values the person confirmed in the widget ``key`` (``None`` before that)."""
    value = st.session_state.get(_keys(key)["confirmed"])
    return value if isinstance(value, IdeaChoice) else None


def _run_suggestion(kb: KnowledgeBase, key: str) -> None:
    """Button callback: compute suggestions and pre-fill the two multiselects (not the profile)."""
    k = _keys(key)
    text = str(st.session_state.get(k["text"]) or "").strip()
    if not text:
        st.session_state[k["suggestion"]] = None
        return
    result = suggest(kb, text)
    st.session_state[k["suggestion"]] = (text, result)
    st.session_state[k["goals"]] = [c.value for c in result.goals]
    st.session_state[k["target_groups"]] = [c.value for c in result.target_groups]


def idea_widget(kb: KnowledgeBase, lang: str, key: str = "idea") -> IdeaChoice | None:
    """Draw the widget; returns the confirmed values on the run the person confirms them."""
    k = _keys(key)
    st.subheader(browse.tr("idea.title", lang), anchor=key)
    st.markdown(browse.md(browse.tr("idea.intro", lang)))
    st.text_area(
        browse.tr("idea.input", lang),
        key=k["text"],
        max_chars=MAX_TEXT_CHARS,
        placeholder=browse.tr("idea.placeholder", lang),
        height=110,
    )
    pressed = st.button(
        browse.tr("idea.suggest", lang),
        key=k["suggest"],
        icon=":material/lightbulb:",
        on_click=_run_suggestion,
        args=(kb, key),
    )
    stored = st.session_state.get(k["suggestion"])
    if stored is None:
        if pressed:
            st.info(browse.md(browse.tr("idea.empty", lang)))
        return None
    text, result = stored
    _render_suggestion(kb, text, result, lang)

    for field in IDEA_FIELDS:
        options = list(FIELDS[field].values)
        # a stale selection (e.g. after the vocabulary changed) must not break the widget
        st.session_state[k[field]] = [v for v in st.session_state.get(k[field], []) if v in options]
        st.multiselect(
            browse.tr(f"idea.{field}", lang),
            options,
            key=k[field],
            format_func=partial(value_label, kb, field, lang=lang),
        )
    if st.button(
        browse.tr("idea.confirm", lang), key=k["confirm"], type="primary", icon=":material/check:"
    ):
        choice = IdeaChoice(
            text=text,
            goals=tuple(st.session_state.get(k["goals"], [])),
            target_groups=tuple(st.session_state.get(k["target_groups"], [])),
        )
        st.session_state[k["confirmed"]] = choice
        none = browse.tr("idea.none_chosen", lang)
        st.success(
            browse.md(
                browse.tr(
                    "idea.confirmed",
                    lang,
                    goals=", ".join(value_label(kb, "goals", v, lang) for v in choice.goals)
                    or none,
                    groups=", ".join(
                        value_label(kb, "target_groups", v, lang) for v in choice.target_groups
                    )
                    or none,
                )
            ),
            icon=":material/check_circle:",
        )
        _render_forms(kb, result, lang)
        return choice
    _render_forms(kb, result, lang)
    return None


def as_written(text: str, matched: tuple[str, ...]) -> str:
    """The user's own words (with their Polish letters) behind normalised matched words.

    >>> as_written("Zajęcia dla dzieciaków!", ("zajecia", "dzieciakow"))
    'Zajęcia dzieciaków'
    """
    original: dict[str, str] = {}
    for word in re.findall(r"\w+", text):
        original.setdefault(normalise(word), word)
    return " ".join(original.get(w, w) for w in matched)


def _render_suggestion(kb: KnowledgeBase, text: str, result: Suggestion, lang: str) -> None:
    """Why we suggest what we suggest: the user's words behind each suggested value."""
    st.info(browse.md(browse.tr("idea.note", lang)), icon=":material/info:")
    reasons = [
        browse.tr(
            "idea.because",
            lang,
            value=value_label(kb, field, c.value, lang),
            matched=as_written(text, c.matched),
        )
        for field in IDEA_FIELDS
        for c in getattr(result, field)
    ]
    if reasons:
        st.markdown("\n".join(f"- {browse.md(r)}" for r in reasons))
    else:
        st.markdown(browse.md(browse.tr("idea.nothing", lang)))


def _render_forms(kb: KnowledgeBase, result: Suggestion, lang: str) -> None:
    """The forms whose typical uses the idea resembles (information, not a recommendation)."""
    forms = [c for c in result.forms if c.value in kb.forms]
    if forms:
        st.markdown(browse.md(browse.tr("idea.forms", lang)))
        for c in forms:
            form_link(kb, c.value, lang)
        st.caption(browse.md(browse.tr("idea.forms_note", lang)))
