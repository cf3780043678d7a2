"""Handouts of a result: a one-page A4 PDF (fpdf2, DejaVu fonts) and a Markdown file.

Both are built from the same :class:`Handout` outline, so they say the same thing: the leading
forms with their key reasons, the forms ruled out and why, the first steps of the best fit's
founding plan (where, cost, time), the local contacts for them, every source cited (title, URL,
date checked), "not legal advice", the date and the knowledge version. An optional ``share_url``
(the result's short link) is printed and, on the PDF, drawn as a QR code (segno).
No Streamlit here: the page only offers the bytes for download.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recommender.i18n import t

if TYPE_CHECKING:
    from recommender.engine import Contribution, Recommendation
    from recommender.loading import KnowledgeBase
    from recommender.models import Source, Text

# DejaVu Sans ships with the project (assets/fonts/, with its licence): no system package needed.
FONT_DIR = Path(
    os.environ.get("JAKAFORMA_FONT_DIR")
    or Path(__file__).resolve().parent.parent / "assets" / "fonts"
)
FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"
UNCERTAIN_MARK = "(!)"


class HandoutFontError(RuntimeError):
    """The TrueType font the PDF needs (for Polish letters) is not installed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"font not found: {path} (DejaVu Sans ships in assets/fonts/)")


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
    refs: tuple[int, ...] = ()  # numbers of the sources in :attr:`Handout.sources` (1-based)
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
    contacts: list[Line] = field(default_factory=list)
    share_url: str | None = None
    disclaimer: str = ""
    footer: str = ""
    lang: str = "pl"
    detail: int = 0


def _num(text: str, lang: str) -> str:
    return text.replace(".", ",") if lang == "pl" else text


def _pts(value: float, lang: str) -> str:
    return _num(f"{value:+.1f}", lang).replace("-", "−")


def _pln(value: Any, lang: str) -> str:
    """An amount or a range of amounts (``Span`` formats as "350–600")."""
    return f"{value:,}".replace(",", "\u00a0") + (" zł" if lang == "pl" else " PLN")


def _unc(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text is not None else None


# (pros, cons, blockers per ruled-out form, steps, sources per line) kept at each level of detail;
# every line keeps at least its first source, the Markdown handout (level 0) keeps all of them.
DETAIL_LEVELS = (
    (3, 2, 2, 12, 9),
    (2, 1, 1, 12, 9),
    (2, 1, 1, 8, 1),
    (1, 1, 1, 6, 1),
    (1, 1, 1, 4, 1),
)
CONTACTS_N = (4, 4, 3, 3, 2)  # local contacts kept at each level of detail


def outline(
    kb: KnowledgeBase,
    rec: Recommendation,
    lang: str,
    link: str,
    detail: int = 0,
    today: dt.date | None = None,
    share_url: str | None = None,
) -> Handout:
    """What goes on the handout. ``detail`` 0 is the fullest; higher levels keep fewer items.

    Every line carries the numbers of its sources, listed at the end (title, URL, date checked).
    """
    from recommender.plan import build_plan, fmt_days

    pros_n, cons_n, blockers_n, steps_n, refs_n = DETAIL_LEVELS[min(detail, len(DETAIL_LEVELS) - 1)]
    cited: dict[str, int] = {}

    def cite(ids: Sequence[str]) -> tuple[int, ...]:
        refs = []
        for sid in [i for i in ids if i in kb.sources][:refs_n]:
            if sid not in kb.sources:
                continue
            if sid not in cited:
                cited[sid] = len(cited) + 1
            refs.append(cited[sid])
        return tuple(refs)

    def reason(c: Contribution) -> Line:
        text = f"{_pts(c.points, lang)} {t('flow.pts', lang)} · {c.text.get(lang)}"
        return Line(text, cite(c.sources), _unc(c.uncertainty, lang))

    top: list[FormBlock] = []
    for place, r in enumerate(rec.eligible[:3], 1):
        score = t("flow.score_points", lang, score=_num(f"{r.score:.1f}", lang))
        block = FormBlock(f"{place}. {kb.form_name(r.form, lang)} — {score}")
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
            text = f"{kb.form_name(r.form, lang)}: {b.message[lang]} → {b.change[lang]}"
            blockers.append(Line(text, cite(b.sources), _unc(b.uncertainty, lang)))

    steps: list[Line] = []
    contacts: list[Line] = []
    steps_title = None
    if rec.eligible:
        form = kb.forms[rec.eligible[0].form]
        steps_title = t("flow.steps.title", lang, form=form.name.get(lang))
        plan = build_plan(kb, rec.profile, form.id, lang, today)
        for s in plan.steps[:steps_n]:
            parts = [s.title]
            if s.where.contact is not None:
                parts.append(s.where.name)
            elif s.who:
                parts.append(s.who)
            parts.append(
                t("flow.steps.cost_unknown", lang)
                if s.cost is None
                else t("flow.steps.cost", lang, cost=_pln(s.cost, lang))
            )
            if s.time_days is not None:
                parts.append(t("flow.steps.time", lang, time=fmt_days(s.time_days, lang)))
            elif s.time_text:
                parts.append(t("flow.steps.time", lang, time=s.time_text))
            else:
                parts.append(t("flow.steps.time_unknown", lang))
            steps.append(Line(" · ".join(parts), cite([r.id for r in s.sources]), s.uncertainty))
        # the local offices of the plan's steps first, then the contacts that help with the form
        offices = [s.where.contact for s in plan.steps if s.where.contact is not None]
        helpers = [c.id for c in kb.contacts.values() if form.id in c.helps_with]
        for cid in list(dict.fromkeys([*offices, *helpers]))[: CONTACTS_N[min(detail, 4)]]:
            c = kb.contacts[cid]
            parts = [c.name.get(lang)]
            if c.address:
                parts.append(c.address)
            if c.hours is not None:
                parts.append(c.hours.get(lang))
            if c.url:
                parts.append(c.url)
            if not c.address and not c.url:
                parts.append(t("plan.handout.ask", lang))
            contacts.append(Line(" · ".join(parts), cite(c.sources), None))

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
        sources=[kb.sources[sid] for sid in cited],
        contacts=contacts,
        share_url=share_url or None,
        disclaimer=t("flow.handout.disclaimer", lang, date=kb.last_checked.isoformat()),
        footer=t("flow.handout.footer", lang, version=rec.knowledge_version, date=day),
        lang=lang,
        detail=detail,
    )


def _refs(line: Line) -> str:
    return f" [{', '.join(map(str, line.refs))}]" if line.refs else ""


# -- Markdown -----------------------------------------------------------------------------------


def _md_line(line: Line, lang: str) -> str:
    text = line.text + _refs(line)
    if line.uncertain:
        text += f" {UNCERTAIN_MARK} _{t('flow.handout.uncertain', lang)}: {line.uncertain}_"
    return text


def _source_text(n: int, s: Source, lang: str, publisher: bool = True) -> str:
    pub = f" — {s.publisher}" if publisher else ""
    return (
        f"[{n}] {s.title}{pub}. {s.url} ({t('flow.handout.checked', lang)} {s.checked.isoformat()})"
    )


def build_markdown(
    kb: KnowledgeBase,
    rec: Recommendation,
    lang: str,
    link: str = "",
    today: dt.date | None = None,
    share_url: str | None = None,
) -> str:
    """The handout as Markdown (the fullest outline)."""
    h = outline(kb, rec, lang, link, 0, today, share_url)
    out = [f"# {h.title}", "", h.subtitle, ""]
    if h.link:
        out += [f"{t('flow.handout.link', lang)}: <{h.link}>", ""]
    if h.share_url:
        out += [f"{t('plan.handout.share', lang)}: <{h.share_url}>", ""]
    out += [f"## {t('flow.handout.top', lang)}", ""]
    if not h.top:
        out += [t("flow.no_eligible", lang), ""]
    for block in h.top:
        out.append(f"### {block.title}")
        reasons = [f"- {_md_line(r, lang)}" for r in block.reasons]
        out += reasons or [f"- {t('flow.none_apply', lang)}"]
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
    if h.contacts:
        out += [f"## {t('plan.handout.contacts', lang)}", ""]
        out += [f"- {_md_line(c, lang)}" for c in h.contacts]
        out.append("")
    out += [f"## {t('flow.handout.sources', lang)}", ""]
    for n, s in enumerate(h.sources, 1):
        out.append(
            f"{n}. {s.title} — {s.publisher}. <{s.url}> "
            f"({t('flow.handout.checked', lang)} {s.checked.isoformat()})"
        )
    out += ["", f"**{h.disclaimer}**", "", h.footer, ""]
    return "\n".join(out)


# -- PDF ----------------------------------------------------------------------------------------

# (level of detail, font size in points), tried in order until the page fits
FITS = (
    *((detail, size) for detail in range(len(DETAIL_LEVELS)) for size in (9.0, 8.5, 8.0, 7.5)),
    (len(DETAIL_LEVELS) - 1, 7.0),
    (len(DETAIL_LEVELS) - 1, 6.5),
    (len(DETAIL_LEVELS) - 1, 6.0),
)
INK, GREY, LINK = (20, 24, 28), (75, 80, 86), (31, 95, 139)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14.0, 12.0, 12.0
PAGE_W, PAGE_H = 210.0, 297.0
LINE = 0.43  # line height in mm per point of font size
QR_MM = 26.0  # side of the share link's QR code
PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Block:
    """One paragraph of the PDF: layout is computed from these, estimated and then rendered."""

    text: str
    bold: bool = False
    scale: float = 1.0
    indent: float = 0.0
    before: float = 0.0  # vertical space before, mm
    after: float = 0.0
    color: tuple[int, int, int] = INK
    qr: bool = False  # the text is a URL drawn as a QR code (QR_MM square) with its caption


def _blocks(h: Handout) -> list[Block]:
    inline_uncertainty = h.detail <= 1
    out: list[Block] = []

    def item(line: Line, bullet: str = "•") -> None:
        text = f"{bullet} {line.text}{_refs(line)}"
        if line.uncertain:
            text += f" {UNCERTAIN_MARK}"
        out.append(Block(text, indent=2))
        if line.uncertain and inline_uncertainty:
            label = t("flow.handout.uncertain", h.lang)
            out.append(
                Block(
                    f"{UNCERTAIN_MARK} {label}: {line.uncertain}", indent=6, scale=0.88, color=GREY
                )
            )

    def heading(text: str) -> None:
        out.append(Block(text, bold=True, scale=1.2, before=0.8, after=0.4))

    out.append(Block(h.title, bold=True, scale=1.7, after=0.5))
    out.append(Block(h.subtitle, scale=0.95, color=GREY))
    if h.link:
        out.append(Block(f"{t('flow.handout.link', h.lang)}: {h.link}", scale=0.85, color=LINK))
    if h.share_url:
        out.append(Block(h.share_url, scale=0.85, color=LINK, before=1.0, after=1.0, qr=True))
    heading(t("flow.handout.top", h.lang))
    if not h.top:
        out.append(Block(t("flow.no_eligible", h.lang)))
    for block in h.top:
        out.append(Block(block.title, bold=True, scale=1.05, before=0.6))
        for r in block.reasons:
            item(r)
    if h.robustness:
        out.append(Block(h.robustness, scale=0.95, before=0.6))
    if h.blockers:
        heading(t("flow.handout.blockers", h.lang))
        for b in h.blockers:
            item(b)
    if h.steps_title and h.steps:
        heading(h.steps_title)
        for step in h.steps:
            item(step, bullet="□")
    if h.contacts:
        heading(t("plan.handout.contacts", h.lang))
        for c in h.contacts:
            item(c)
    lines = [*h.blockers, *h.steps, *(r for b in h.top for r in b.reasons)]
    if not inline_uncertainty and any(x.uncertain for x in lines):
        out.append(
            Block(t("flow.handout.uncertain_legend", h.lang), scale=0.88, color=GREY, before=0.5)
        )
    heading(t("flow.handout.sources", h.lang))
    for n, s in enumerate(h.sources, 1):
        out.append(Block(_source_text(n, s, h.lang, publisher=h.detail <= 1), scale=0.78, indent=2))
    out.append(Block(h.disclaimer, bold=True, scale=0.95, before=1.0))
    out.append(Block(h.footer, scale=0.8, color=GREY))
    return out


@lru_cache(maxsize=4)
def _char_widths(regular: Path, bold: Path) -> tuple[Any, Any]:
    """Glyph advance widths (1/1000 em) of both fonts, for estimating the layout quickly."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    return pdf.fonts["dejavu"].cw, pdf.fonts["dejavuB"].cw


def _lines_needed(text: str, width_mm: float, size_pt: float, cw: Any) -> int:
    """Greedy word wrap, as fpdf2 does it, counted without laying anything out."""
    scale = size_pt * 0.001 * PT_MM
    space = cw[32] * scale
    lines, current = 1, 0.0
    for word in text.split(" "):
        w = sum(cw[ord(c)] for c in word) * scale
        if current and current + space + w > width_mm:
            lines += 1
            current = 0.0
        if w > width_mm:  # a word longer than the line (a URL) is broken anywhere
            extra = int(w // width_mm)
            lines += extra
            w -= extra * width_mm
        current += (space if current else 0.0) + w
    return lines


def _estimate_height(blocks: Sequence[Block], size: float, widths: tuple[Any, Any]) -> float:
    width = PAGE_W - 2 * MARGIN_X
    total = 0.0
    for b in blocks:
        if b.qr:
            total += b.before + QR_MM + b.after
            continue
        pt = size * b.scale
        n = _lines_needed(b.text, width - b.indent, pt, widths[1] if b.bold else widths[0])
        total += b.before + n * LINE * pt + b.after
    return total


def _render(h: Handout, blocks: Sequence[Block], size: float, fonts: tuple[Path, Path]) -> Any:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    pdf.add_font("DejaVu", "", str(fonts[0]))
    pdf.add_font("DejaVu", "B", str(fonts[1]))
    pdf.set_title(h.title)
    pdf.set_lang(h.lang)
    pdf.set_creator("Jaka forma?")
    pdf.add_page()
    for b in blocks:
        if b.before:
            pdf.ln(b.before)
        pt = size * b.scale
        pdf.set_font("DejaVu", "B" if b.bold else "", pt)
        pdf.set_text_color(*b.color)
        if b.qr:
            _draw_qr(pdf, b.text, h.lang, pt)
            if b.after:
                pdf.ln(b.after)
            continue
        pdf.set_x(pdf.l_margin + b.indent)
        pdf.multi_cell(
            pdf.epw - b.indent, LINE * pt, b.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        if b.after:
            pdf.ln(b.after)
    return pdf


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a PNG (segno; error correction M, quiet zone of 2 modules)."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buf, kind="png", scale=8, border=2)
    return buf.getvalue()


def _draw_qr(pdf: Any, url: str, lang: str, pt: float) -> None:
    import io

    from fpdf.enums import XPos, YPos

    x, y = pdf.l_margin, pdf.get_y()
    pdf.image(io.BytesIO(qr_png(url)), x=x, y=y, w=QR_MM, h=QR_MM)
    pdf.set_xy(x + QR_MM + 3, y + 2)
    pdf.multi_cell(
        pdf.epw - QR_MM - 3,
        LINE * pt,
        f"{t('plan.handout.share', lang)}: {url}",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_xy(pdf.l_margin, y + QR_MM)


def build_pdf(
    kb: KnowledgeBase,
    rec: Recommendation,
    lang: str,
    link: str = "",
    today: dt.date | None = None,
    font_dir: Path | None = None,
    share_url: str | None = None,
) -> bytes:
    """The handout as one A4 page: the fullest outline that fits, at the largest size that fits.

    Candidates are estimated from the fonts' glyph widths (fast) and only a likely fit is laid
    out for real, so a download takes a fraction of a second. Raises :class:`HandoutFontError`
    when the DejaVu fonts are missing.
    """
    fonts = font_paths(font_dir)
    widths = _char_widths(*fonts)
    usable = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    outlines: dict[int, Handout] = {}
    pdf = None
    for detail, size in FITS:
        if detail not in outlines:
            outlines[detail] = outline(kb, rec, lang, link, detail, today, share_url)
        h = outlines[detail]
        blocks = _blocks(h)
        if _estimate_height(blocks, size, widths) > usable * 0.98 and (detail, size) != FITS[-1]:
            continue
        pdf = _render(h, blocks, size, fonts)
        if pdf.page_no() == 1:
            break
    assert pdf is not None
    return bytes(pdf.output())
