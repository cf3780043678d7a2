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


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "views/start.py",
        "start",
        "nav.start",
        ":material/home:",
        "nav.section.choose",
        default=True,
    ),
    PageSpec(
        "views/ankieta.py",
        "ankieta",
        "nav.questionnaire",
        ":material/checklist:",
        "nav.section.choose",
    ),
    PageSpec("views/wynik.py", "wynik", "nav.result", ":material/insights:", "nav.section.choose"),
    PageSpec("views/plan.py", "plan", "nav.plan", ":material/event_note:", "nav.section.choose"),
    PageSpec(
        "views/porownaj.py", "porownaj", "nav.compare", ":material/compare:", "nav.section.learn"
    ),
    PageSpec(
        "views/formy.py", "formy", "nav.forms", ":material/account_balance:", "nav.section.learn"
    ),
    PageSpec("views/szukaj.py", "szukaj", "nav.search", ":material/search:", "nav.section.learn"),
    PageSpec(
        "views/lokalnie.py", "lokalnie", "nav.local", ":material/location_on:", "nav.section.learn"
    ),
    PageSpec(
        "views/slowniczek.py",
        "slowniczek",
        "nav.glossary",
        ":material/menu_book:",
        "nav.section.learn",
    ),
    PageSpec(
        "views/zmiany-w-prawie.py",
        "zmiany-w-prawie",
        "nav.law_changes",
        ":material/gavel:",
        "nav.section.volunteers",
    ),
    PageSpec(
        "views/warsztat.py", "warsztat", "nav.workshop", ":material/groups:", "nav.section.workshop"
    ),
    PageSpec("views/pokoj.py", "pokoj", "nav.room", ":material/login:", "nav.section.workshop"),
    PageSpec(
        "views/prezentacja.py",
        "prezentacja",
        "nav.presentation",
        ":material/slideshow:",
        "nav.section.workshop",
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
