"""Readable explanations of a recommendation (the command line's ``--format text``, Markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .engine import Recommendation
from .i18n import t

if TYPE_CHECKING:
    from .loading import KnowledgeBase


def _pts(value: float) -> str:
    return f"{value:+.1f}"


def explain_text(kb: KnowledgeBase, rec: Recommendation, lang: str = "pl") -> str:
    """A plain-text explanation: every score with the pros and cons that produced it."""

    def name(form: str) -> str:
        return kb.form_name(form, lang)

    def crit(criterion: str) -> str:
        return kb.criteria[criterion].label.get(lang)

    lines = [t("cli.title", lang), "=" * len(t("cli.title", lang)), t("cli.disclaimer", lang), ""]
    lines.append(t("cli.eligible", lang) + ":")
    for pos, r in enumerate(rec.eligible, 1):
        lines.append(f"{pos}. {name(r.form)} — {t('cli.score', lang)} {r.score:.1f}")
        for c in r.pros:
            lines.append(f"   + {c.text.get(lang)} ({_pts(c.points)} {t('cli.points', lang)})")
        for c in r.cons:
            lines.append(f"   − {c.text.get(lang)} ({_pts(c.points)} {t('cli.points', lang)})")
        fields = sorted({f for p in r.pending for f in p.fields})
        if fields:
            lines.append(
                f"   ? {t('cli.depends_on', lang)}: "
                + ", ".join(t(f"field.{f}", lang) for f in fields)
            )
    rob = rec.robustness
    if rob.top_form is not None:
        lines += [
            "",
            t(
                "cli.robustness",
                lang,
                share=round(rob.stays_first * rob.samples),
                samples=rob.samples,
            ),
        ]
    if rec.runner_up is not None:
        ch = rec.runner_up.change
        if ch is None:
            lines.append(t("cli.runner_up_none", lang, form=name(rec.runner_up.form)))
        else:
            lines.append(
                t(
                    "cli.runner_up",
                    lang,
                    form=name(rec.runner_up.form),
                    criterion=crit(ch.criterion),
                    old=ch.old,
                    new=ch.new,
                )
            )
    ruled_out = [r for r in rec.ranking if not r.eligible]
    if ruled_out:
        lines += ["", t("cli.ineligible", lang) + ":"]
        for r in ruled_out:
            lines.append(f"- {name(r.form)}")
            for b in r.blockers:
                lines.append(f"   {t('cli.why_not', lang)}: {b.message[lang]}")
                lines.append(f"   {t('cli.what_changes', lang)}: {b.change[lang]}")
    lines += ["", t("cli.knowledge_version", lang, version=rec.knowledge_version)]
    return "\n".join(lines) + "\n"
