"""O projekcie: purpose, method, every source with its date, how to correct a fact."""

from __future__ import annotations

import streamlit as st

from ui import browse
from ui.common import get_kb, lang, t

kb = get_kb()
lg = lang()

st.title(t("browse.about.title"))
st.markdown(t("browse.about.purpose"))
st.warning(t("browse.about.not_legal_advice"), icon=":material/gavel:")

st.header(t("browse.about.method.heading"))
scoring = kb.scoring
numbers = {
    "base": f"{scoring.base:g}",
    "samples": scoring.robustness_samples,
    "step": scoring.robustness_step,
}
for part in ("score", "unknown", "eligibility", "robustness", "counterfactuals", "sources"):
    st.subheader(t(f"browse.about.method.{part}.title"))
    st.markdown(t(f"browse.about.method.{part}.body", **numbers))
browse.small(browse.md(t("browse.about.method.more")))

st.header(t("browse.about.correct.heading"))
st.markdown(t("browse.about.correct.body"))
st.page_link(
    browse.LOCAL_PAGE, label=t("browse.about.correct.local"), icon=":material/location_on:"
)

st.header(t("browse.about.sources.heading"))
st.markdown(t("browse.about.sources.intro", count=len(kb.sources)))
st.info(t("browse.about.licence_note"), icon=":material/copyright:")
for kind, sources in browse.sources_by_kind(kb):
    with st.expander(t(f"browse.source_kind.{kind}") + f" ({len(sources)})"):
        st.markdown("\n".join(f"- {browse.source_md(s, lg, show_url=True)}" for s in sources))

st.header(t("browse.about.version.heading"))
st.markdown(
    t(
        "browse.about.version.body",
        version=kb.version,
        date=kb.last_checked.isoformat(),
        forms=len(kb.forms),
        sources=len(kb.sources),
    )
)
