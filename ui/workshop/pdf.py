"""Printable PDFs of the workshop: the group's result and the facilitator's guide (fpdf2).

Both are a list of simple blocks (headings, paragraphs, bullets, labelled bars) laid out on
A4 with the DejaVu fonts the handout uses (:func:`ui.handout.font_paths`: Polish letters). No
Streamlit here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recommender.i18n import t

from ..handout import font_paths
from .stats import GroupResult, Share, fmt_average

if TYPE_CHECKING:
    from pathlib import Path

MARGIN = 16.0
BAR_COLOR = (31, 95, 139)
TRACK_COLOR = (230, 234, 240)


@dataclass(frozen=True)
class Block:
    kind: str  # "h1" | "h2" | "p" | "small" | "bullet" | "bar"
    text: str = ""
    share: Share | None = None
    top: int = 1  # the largest count among the bars of its list


def bar_blocks(shares: Sequence[Share]) -> list[Block]:
    top = max((s.count for s in shares), default=1) or 1
    return [Block("bar", s.label, s, top) for s in shares]


def render(blocks: Iterable[Block], title: str, lang: str, font_dir: Path | None = None) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    regular, bold = font_paths(font_dir)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_creator("Jaka forma?")
    pdf.add_page()
    sizes = {"h1": (18, "B", 4), "h2": (13, "B", 3), "p": (10.5, "", 1.5)}
    sizes |= {"small": (8.5, "", 1), "bullet": (10.5, "", 1)}
    for b in blocks:
        if b.kind == "bar" and b.share is not None:
            _bar(pdf, b, lang)
            continue
        size, style, after = sizes[b.kind]
        if b.kind in ("h1", "h2"):
            pdf.ln(2)
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*((70, 70, 70) if b.kind == "small" else (0, 0, 0)))
        text = f"•  {b.text}" if b.kind == "bullet" else b.text
        indent = 4 if b.kind == "bullet" else 0
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(after)
    return bytes(pdf.output())


def _bar(pdf: Any, b: Block, lang: str) -> None:
    from fpdf.enums import XPos, YPos

    assert b.share is not None
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(0, 0, 0)
    value = t("ws.bar.value", lang, count=b.share.count, percent=b.share.percent)
    pdf.multi_cell(pdf.epw, 5, b.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    track_w = pdf.epw - 34
    y = pdf.get_y() + 0.5
    pdf.set_fill_color(*TRACK_COLOR)
    pdf.rect(pdf.l_margin, y, track_w, 4.5, style="F")
    pdf.set_fill_color(*BAR_COLOR)
    pdf.rect(pdf.l_margin, y, max(1.0, track_w * b.share.count / b.top), 4.5, style="F")
    pdf.set_xy(pdf.l_margin + track_w + 2, y - 0.5)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(32, 5.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def group_result_blocks(
    result: GroupResult,
    *,
    title: str,
    subtitle: str,
    lang: str,
    rounds: Sequence[tuple[str, Sequence[Share]]] = (),
    tables: Sequence[tuple[str, Sequence[Share]]] = (),
    footer: str = "",
) -> list[Block]:
    def tr(key: str, **values: Any) -> str:
        return t(key, lang, **values)

    blocks = [Block("h1", title), Block("small", subtitle)]
    blocks.append(Block("h2", tr("ws.top.title")))
    blocks += bar_blocks(result.top) or [Block("p", tr("ws.top.none"))]
    if result.no_form:
        blocks.append(Block("p", tr("ws.top.no_form", count=result.no_form)))
    blocks.append(Block("h2", tr("ws.reasons.title")))
    blocks += bar_blocks(result.reasons) or [Block("p", tr("ws.reasons.none"))]
    blocks.append(Block("h2", tr("ws.ruled.title")))
    blocks += bar_blocks(result.blockers) or [Block("p", tr("ws.ruled.none"))]
    if result.priorities:
        blocks.append(Block("h2", tr("ws.prio.title")))
        levels = ", ".join(f"{i} = {tr(f'ws.prio.level{i}')}" for i in range(5))
        blocks.append(Block("small", levels))
        for row in result.priorities:
            counts = " · ".join(f"{i}: {c}" for i, c in enumerate(row.counts))
            avg = fmt_average(row.average, lang)
            blocks.append(Block("bullet", f"{row.label} — {counts} ({tr('ws.prio.avg')} {avg})"))
    for heading, shares in tables:
        blocks.append(Block("h2", heading))
        blocks += bar_blocks(shares) or [Block("p", tr("ws.top.none"))]
    for heading, shares in rounds:
        blocks.append(Block("h2", heading))
        blocks += bar_blocks(shares) or [Block("p", tr("ws.top.none"))]
    blocks.append(Block("small", footer or tr("ws.pdf.footer", date=dt.date.today().isoformat())))
    return blocks
