"""A small, generic DOCX writer on top of python-docx: a document is a list of blocks.

Used for document drafts (:mod:`recommender.documents`) and for any other download that needs a
Word file (the founding plan). Blocks are plain data, so callers never touch python-docx:

>>> data = write_docx([Heading("Tytuł"), Paragraph(("Tekst", Run("1", superscript=True)))])
>>> data[:2] == b"PK"
True

Every text passes through :func:`clean_text`, which drops characters XML cannot hold (python-docx
escapes ``<``, ``&`` and quotes itself), so odd input never produces a file Word refuses to open.
Numbered lists carry their numbers as text ("1)", "2)") rather than Word list numbering, which
python-docx cannot restart per list and which LibreOffice and Word render differently; notes
(e.g. the provisions behind clauses) are numbered endnotes under their own heading.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# Characters XML 1.0 forbids (C0 controls except tab/newline/CR, surrogates, U+FFFE/U+FFFF).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(value: Any, limit: int | None = None) -> str:
    """Text safe for XML and for one line of a document.

    Drops characters XML cannot hold and bidirectional overrides, turns other whitespace runs
    into single spaces, trims, and cuts to ``limit`` characters (ending with "…").

    >>> clean_text("  Koło\\x00 w\\tKonstancinie  ")
    'Koło w Konstancinie'
    >>> clean_text("x" * 10, limit=5)
    'xxxx…'
    """
    text = value if isinstance(value, str) else str(value)
    text = _BIDI_CONTROLS.sub("", _XML_INVALID.sub("", text))
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + "…"
    return text


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with its own formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


Inline = str | Run


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 0 = document title, 1..3 = section levels


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...] | str
    style: str = "normal"  # normal | note (smaller, grey) | quote (indented)

    def runs(self) -> tuple[Run, ...]:
        parts = (self.parts,) if isinstance(self.parts, str) else self.parts
        return tuple(p if isinstance(p, Run) else Run(p) for p in parts)


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Paragraph | str, ...]
    ordered: bool = True
    checkboxes: bool = False  # "☐" before each item (checklists)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    blank_rows: int = 0  # extra empty rows to fill in by hand
    numbered: bool = True  # first column "Lp." with 1, 2, 3, ... in every row


@dataclass(frozen=True)
class Notes:
    """Numbered endnotes: ``items[0]`` is note 1."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | ListBlock | Table | Notes | PageBreak


@dataclass(frozen=True)
class DocInfo:
    title: str = ""
    language: str = "pl-PL"
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


def _safe(text: str) -> str:
    """Keep spacing, drop what XML cannot hold; line breaks become spaces."""
    return _BIDI_CONTROLS.sub("", _XML_INVALID.sub("", text)).replace("\r", " ").replace("\n", " ")


def _add_runs(paragraph: Any, runs: Iterable[Run], size: Any = None) -> None:
    for r in runs:
        run = paragraph.add_run(_safe(r.text))
        run.bold = r.bold or None
        run.italic = r.italic or None
        if r.superscript:
            run.font.superscript = True
        if size is not None:
            run.font.size = size


def _set_language(document: Any, language: str) -> None:
    """Mark the default text language (spell checking in Word and LibreOffice)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPrDefault"))
    if rpr is None:
        return
    props = rpr.find(qn("w:rPr"))
    if props is None:
        props = OxmlElement("w:rPr")
        rpr.append(props)
    lang = props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        props.append(lang)
    lang.set(qn("w:val"), language)


def write_docx(blocks: Sequence[Block], info: DocInfo | None = None) -> bytes:
    """Render blocks to the bytes of a .docx file."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    info = info or DocInfo()
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _set_language(document, info.language)
    props = document.core_properties
    props.title = clean_text(info.title, 250)
    props.subject = clean_text(info.subject, 250)
    props.keywords = clean_text(", ".join(info.keywords), 250)
    props.language = info.language

    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(clean_text(block.text, 1000), level=max(0, min(block.level, 3)))
        elif isinstance(block, Paragraph):
            p = document.add_paragraph()
            size = None
            if block.style == "note":
                size = Pt(9)
            elif block.style == "quote":
                p.paragraph_format.left_indent = Cm(1)
            _add_runs(p, block.runs(), size)
            if block.style == "note":
                for run in p.runs:
                    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        elif isinstance(block, ListBlock):
            for i, item in enumerate(block.items, start=1):
                para = item if isinstance(item, Paragraph) else Paragraph(item)
                if block.checkboxes:
                    p = document.add_paragraph()
                    prefix = "☐ "
                elif block.ordered:
                    p = document.add_paragraph()
                    prefix = f"{i}) "
                else:
                    p = document.add_paragraph(style="List Bullet")
                    prefix = ""
                if prefix:
                    p.paragraph_format.left_indent = Cm(0.9)
                    p.paragraph_format.first_line_indent = Cm(-0.6)
                    _add_runs(p, (Run(prefix),))
                _add_runs(p, para.runs())
        elif isinstance(block, Table):
            header = (("Lp.",) if block.numbered else ()) + tuple(
                clean_text(h, 200) for h in block.header
            )
            rows = [tuple(clean_text(c, 1000) for c in row) for row in block.rows]
            rows += [("",) * len(block.header)] * block.blank_rows
            table = document.add_table(rows=1 + len(rows), cols=len(header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for j, text in enumerate(header):
                cell = table.rows[0].cells[j]
                cell.text = ""
                _add_runs(cell.paragraphs[0], (Run(text, bold=True),), Pt(10))
            for i, row in enumerate(rows, start=1):
                cells = table.rows[i].cells
                values = ((f"{i}.",) if block.numbered else ()) + row
                for j, text in enumerate(values):
                    cells[j].text = _safe(text)
                table.rows[i].height = Cm(1.0)
            table.autofit = False
            usable = 16.6  # cm between the margins
            first = 1.2 if block.numbered else 0.0
            rest = (usable - first) / max(len(block.header), 1)
            widths = ([Cm(first)] if block.numbered else []) + [Cm(rest)] * len(block.header)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = width
            document.add_paragraph()
        elif isinstance(block, Notes):
            if not block.items:
                continue
            document.add_heading(clean_text(block.title, 200), level=2)
            for i, note in enumerate(block.items, start=1):
                p = document.add_paragraph()
                p.paragraph_format.left_indent = Cm(0.9)
                p.paragraph_format.first_line_indent = Cm(-0.9)
                _add_runs(p, (Run(f"[{i}]", superscript=False), Run(" " + note)), Pt(9))
        elif isinstance(block, PageBreak):
            document.add_page_break()  # type: ignore[no-untyped-call,unused-ignore]
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
