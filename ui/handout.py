"""Handouts of a result: a one-page A4 PDF (fpdf2, DejaVu fonts) and a Markdown file.

Both are built from the same :class:`Handout` outline, so they say the same thing: the leading
forms with their key reasons, the forms ruled out and why, the next steps of the first form, every
source cited (title, URL, date checked), "not legal advice", the date and the knowledge version.
No Streamlit here: the page only offers the bytes for download.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recommender.engine import Contribution, Recommendation
from recommender.i18n import t
from recommender.loading import KnowledgeBase
from recommender.models import Source, Text

FONT_DIR = Path(os.environ.get("JAKAFORMA_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"
UNCERTAIN_MARK = "(!)"


class HandoutFontError(RuntimeError):
    """The TrueType font the PDF needs (for Polish letters) is not installed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"font not found: {path} (install the Debian package fonts-dejavu-core)")


def font_paths(font_dir: Path | None = None) -> tuple[Path, Path]:
    base = font_dir if font_dir is not None else FONT_DIR
    regular, bold = base / FONT_REGULAR, base / FONT_BOLD
    for path in (regular, bold):
        if not path.is_file():
            raise HandoutFontError(path)
    return regular, bold


# -- the outline ------------------------------------------------------------------------------


@dataclass
class Line:
    text: str
    uncertain: str | None = None  # the uncertainty text, if the fact carries one


@dataclass
class FormBlock:
    title: str
    reasons: list[Line] = field(default_factory=list)


@dataclass
class Handout:
    title: str
    subtitle: str
    link: str
    top: list[FormBlock]
    robustness: str | None
    blockers: list[Line]
    steps_title: str | None
    steps: list[Line]
    sources: list[Source]
    disclaimer: str
    footer: str
    lang: str


def _num(text: str, lang: str) -> str:
    return text.replace(".", ",") if lang == "pl" else text


def _pts(value: float, lang: str) -> str:
    return _num(f"{value:+.1f}", lang).replace("-", "−")


def _pln(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", "\u00a0") + (" zł" if lang == "pl" else " PLN")


def _unc(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text is not None else None


def outline(
    kb: KnowledgeBase,
    rec: Recommendation,
    lang: str,
    link: str,
    detail: int = 0,
    today: dt.date | None = None,
) -> Handout:
    """What goes on the handout. ``detail`` 0 is the fullest; higher levels keep fewer reasons."""
    pros_n, cons_n, blockers_n = ((3, 2, 3), (2, 1, 2), (1, 1, 1))[min(detail, 2)]
    cited: dict[str, None] = {}

    def cite(ids: Sequence[str]) -> None:
        for sid in ids:
            cited.setdefault(sid, None)

    def reason(c: Contribution) -> Line:
        cite(c.sources)
        return Line(
            f"{_pts(c.points, lang)} {t('flow.pts', lang)} · {c.text.get(lang)}",
            _unc(c.uncertainty, lang),
        )

    top: list[FormBlock] = []
    for place, r in enumerate(rec.eligible[:3], 1):
        block = FormBlock(
            f"{place}. {kb.form_name(r.form, lang)} — {t('flow.score_points', lang, score=_num(f'{r.score:.1f}', lang))}"
        )
        block.reasons = [reason(c) for c in r.pros[:pros_n]] + [reason(c) for c in r.cons[:cons_n]]
        top.append(block)

    rob = rec.robustness
    robustness = None
    if rob.top_form is not None:
        robustness = t(
            "flow.handout.robust",
            lang,
            form=kb.form_name(rob.top_form, lang),
            n=round(rob.stays_first * 10),
            pct=round(rob.stays_first * 100),
            samples=rob.samples,
        )

    blockers: list[Line] = []
    for r in rec.ranking:
        if r.eligible:
            continue
        for b in r.blockers[:blockers_n]:
            cite(b.sources)
            blockers.append(
                Line(
                    f"{kb.form_name(r.form, lang)}: {b.message[lang]} → {b.change[lang]}",
                    _unc(b.uncertainty, lang),
                )
            )

    steps: list[Line] = []
    steps_title = None
    if rec.eligible:
        form = kb.forms[rec.eligible[0].form]
        steps_title = t("flow.steps.title", lang, form=form.name.get(lang))
        for s in form.steps:
            cite(s.sources)
            parts = [s.text.get(lang)]
            if s.body is not None:
                parts.append(s.body.get(lang))
            parts.append(
                t("flow.steps.cost_unknown", lang)
                if s.cost_pln is None
                else t("flow.steps.cost", lang, cost=_pln(s.cost_pln, lang))
            )
            parts.append(
                t("flow.steps.time", lang, time=s.time.get(lang))
                if s.time is not None
                else t("flow.steps.time_unknown", lang)
            )
            steps.append(Line(" · ".join(parts), _unc(s.uncertainty, lang)))

    day = (today or dt.date.today()).isoformat()
    return Handout(
        title=t("flow.handout.title", lang),
        subtitle=t("flow.handout.subtitle", lang, date=day),
        link=link,
        top=top,
        robustness=robustness,
        blockers=blockers,
        steps_title=steps_title,
        steps=steps,
        sources=kb.source_list(cited),
        disclaimer=t("flow.handout.disclaimer", lang, date=kb.last_checked.isoformat()),
        footer=t("flow.handout.footer", lang, version=rec.knowledge_version, date=day),
        lang=lang,
    )


# -- Markdown -----------------------------------------------------------------------------------


def _md_line(line: Line, lang: str) -> str:
    text = line.text
    if line.uncertain:
        text += f" {UNCERTAIN_MARK} _{t('flow.handout.uncertain', lang)}: {line.uncertain}_"
    return text


def build_markdown(
    kb: KnowledgeBase, rec: Recommendation, lang: str, link: str = "", today: dt.date | None = None
) -> str:
    """The handout as Markdown (the fullest outline)."""
    h = outline(kb, rec, lang, link, 0, today)
    out = [f"# {h.title}", "", h.subtitle, ""]
    if h.link:
        out += [f"{t('flow.handout.link', lang)}: <{h.link}>", ""]
    out += [f"## {t('flow.handout.top', lang)}", ""]
    if not h.top:
        out += [t("flow.no_eligible", lang), ""]
    for block in h.top:
        out.append(f"### {block.title}")
        out += [f"- {_md_line(r, lang)}" for r in block.reasons] or [
            f"- {t('flow.none_apply', lang)}"
        ]
        out.append("")
    if h.robustness:
        out += [h.robustness, ""]
    if h.blockers:
        out += [f"## {t('flow.handout.blockers', lang)}", ""]
        out += [f"- {_md_line(b, lang)}" for b in h.blockers]
        out.append("")
    if h.steps_title and h.steps:
        out += [f"## {h.steps_title}", ""]
        out += [f"- [ ] {_md_line(s, lang)}" for s in h.steps]
        out.append("")
    out += [f"## {t('flow.handout.sources', lang)}", ""]
    out += [
        f"- {s.title} — {s.publisher}. <{s.url}> ({t('flow.handout.checked', lang)} {s.checked.isoformat()})"
        for s in h.sources
    ]
    out += ["", f"**{h.disclaimer}**", "", h.footer, ""]
    return "\n".join(out)


# -- PDF ----------------------------------------------------------------------------------------

FONT_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5)


def _render_pdf(h: Handout, size: float, fonts: tuple[Path, Path]) -> tuple[bytes, int]:
    from fpdf import FPDF
    from fpdf.enums import WrapMode, XPos, YPos

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_font("DejaVu", "", str(fonts[0]))
    pdf.add_font("DejaVu", "B", str(fonts[1]))
    pdf.set_title(h.title)
    pdf.set_lang(h.lang)
    pdf.set_creator("Jaka forma?")
    pdf.add_page()
    lh = size * 0.45  # line height in mm

    def para(
        text: str,
        bold: bool = False,
        scale: float = 1.0,
        indent: float = 0.0,
        gap: float = 0.0,
        char_wrap: bool = False,
        color: tuple[int, int, int] = (20, 24, 28),
    ) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", size * scale)
        pdf.set_text_color(*color)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent,
            lh * scale,
            text,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode=WrapMode.CHAR if char_wrap else WrapMode.WORD,
        )
        if gap:
            pdf.ln(gap)

    def item(line: Line, bullet: str = "•") -> None:
        text = f"{bullet} {line.text}"
        if line.uncertain:
            text += f" {UNCERTAIN_MARK}"
        para(text, indent=2)
        if line.uncertain:
            para(
                f"{t('flow.handout.uncertain', h.lang)}: {line.uncertain}",
                indent=5,
                scale=0.9,
                color=(80, 80, 80),
            )

    para(h.title, bold=True, scale=1.7, gap=0.5)
    para(h.subtitle, scale=0.95, color=(60, 60, 60))
    if h.link:
        para(
            f"{t('flow.handout.link', h.lang)}: {h.link}",
            scale=0.85,
            char_wrap=True,
            color=(31, 95, 139),
        )
    pdf.ln(1.5)
    para(t("flow.handout.top", h.lang), bold=True, scale=1.25, gap=0.5)
    if not h.top:
        para(t("flow.no_eligible", h.lang))
    for block in h.top:
        para(block.title, bold=True, scale=1.05)
        for r in block.reasons:
            item(r)
        pdf.ln(0.8)
    if h.robustness:
        para(h.robustness, scale=0.95, gap=1.0)
    if h.blockers:
        para(t("flow.handout.blockers", h.lang), bold=True, scale=1.25, gap=0.5)
        for b in h.blockers:
            item(b)
        pdf.ln(1.0)
    if h.steps_title and h.steps:
        para(h.steps_title, bold=True, scale=1.25, gap=0.5)
        for s in h.steps:
            item(s, bullet="□")
        pdf.ln(1.0)
    para(t("flow.handout.sources", h.lang), bold=True, scale=1.1, gap=0.3)
    for s in h.sources:
        para(
            f"{s.title} — {s.publisher}. {s.url} ({t('flow.handout.checked', h.lang)} {s.checked.isoformat()})",
            scale=0.8,
            indent=2,
            char_wrap=True,
        )
    pdf.ln(1.0)
    para(h.disclaimer, bold=True, scale=0.95)
    para(h.footer, scale=0.8, color=(80, 80, 80))
    return bytes(pdf.output()), pdf.page_no()


def build_pdf(
    kb: KnowledgeBase,
    rec: Recommendation,
    lang: str,
    link: str = "",
    today: dt.date | None = None,
    font_dir: Path | None = None,
) -> bytes:
    """The handout as a one-page A4 PDF: the fullest outline that fits, at the largest size that fits.

    Raises :class:`HandoutFontError` when the DejaVu fonts are missing.
    """
    fonts = font_paths(font_dir)
    data = b""
    for detail in range(3):
        h = outline(kb, rec, lang, link, detail, today)
        for size in FONT_SIZES:
            data, pages = _render_pdf(h, size, fonts)
            if pages == 1:
                return data
    return data  # the smallest rendering; only an extreme knowledge base gets here
