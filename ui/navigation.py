"""The page registry: every page of the app, in menu order. ``app.py`` builds the menu from it.

A page whose script does not exist in this checkout is left out, so parts can be added one by one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    script: str  # path from the repository root
    url_path: str  # stable, used in shared links
    title_key: str  # message catalog key
    icon: str
    section: str  # message catalog key of the menu section
    default: bool = False


# The menu's sections, by audience, in menu order: people starting an activity, people helping
# them (and anyone comparing forms), trainers running a workshop, and about the app.
SECTIONS: tuple[str, ...] = (
    "nav.section.activists",
    "nav.section.volunteers",
    "nav.section.trainers",
    "nav.section.about",
)

PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "views/start.py",
        "start",
        "nav.start",
        ":material/home:",
        "nav.section.activists",
        default=True,
    ),
    PageSpec(
        "views/ankieta.py",
        "ankieta",
        "nav.questionnaire",
        ":material/checklist:",
        "nav.section.activists",
    ),
    PageSpec(
        "views/wynik.py", "wynik", "nav.result", ":material/insights:", "nav.section.activists"
    ),
    PageSpec("views/plan.py", "plan", "nav.plan", ":material/event_note:", "nav.section.activists"),
    PageSpec(
        "views/porownaj.py",
        "porownaj",
        "nav.compare",
        ":material/compare:",
        "nav.section.volunteers",
    ),
    PageSpec(
        "views/formy.py",
        "formy",
        "nav.forms",
        ":material/account_balance:",
        "nav.section.volunteers",
    ),
    PageSpec(
        "views/szukaj.py", "szukaj", "nav.search", ":material/search:", "nav.section.activists"
    ),
    PageSpec(
        "views/lokalnie.py",
        "lokalnie",
        "nav.local",
        ":material/location_on:",
        "nav.section.activists",
    ),
    PageSpec(
        "views/slowniczek.py",
        "slowniczek",
        "nav.glossary",
        ":material/menu_book:",
        "nav.section.volunteers",
    ),
    PageSpec(
        "views/zmiany-w-prawie.py",
        "zmiany-w-prawie",
        "nav.law_changes",
        ":material/gavel:",
        "nav.section.volunteers",
    ),
    PageSpec(
        "views/warsztat.py", "warsztat", "nav.workshop", ":material/groups:", "nav.section.trainers"
    ),
    PageSpec("views/pokoj.py", "pokoj", "nav.room", ":material/login:", "nav.section.trainers"),
    PageSpec(
        "views/prezentacja.py",
        "prezentacja",
        "nav.presentation",
        ":material/slideshow:",
        "nav.section.trainers",
    ),
    PageSpec(
        "views/przewodnik.py",
        "przewodnik",
        "nav.guide",
        ":material/menu_book:",
        "nav.section.trainers",
    ),
    PageSpec(
        "views/o-projekcie.py", "o-projekcie", "nav.about", ":material/info:", "nav.section.about"
    ),
    PageSpec(
        "views/prywatnosc.py", "prywatnosc", "nav.privacy", ":material/shield:", "nav.section.about"
    ),
)
