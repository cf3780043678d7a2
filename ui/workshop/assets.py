"""Constant CSS and JavaScript of the workshop screens (no knowledge or user text in them)."""

from __future__ import annotations

# -- constant CSS (never any knowledge or user text in it) ----------------------------------------

JOIN_CODE_CSS = """
<style>
.st-key-jf-join-code p { font-size: clamp(2.6rem, 7vw, 5.5rem); font-weight: 800;
  white-space: nowrap; letter-spacing: .08em; line-height: 1.1; margin: 0; color: #000;
  font-family: monospace; }
</style>
"""


# Streamlit draws captions at 60 % opacity (#828180 on white, 3.9:1, below WCAG AA's 4.5:1);
# full opacity with #595959 gives 7:1.
READABLE_CSS = """
<style>
[data-testid="stMain"] [data-testid="stCaptionContainer"] { color: #595959; opacity: 1; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { color: #595959; }
</style>
"""


PRESENTATION_CSS = """
<style>
#root .st-key-jf-pres { max-width: 1150px; }
#root .st-key-jf-pres p, #root .st-key-jf-pres li, #root .st-key-jf-pres label {
  font-size: 1.55rem; line-height: 1.45; color: #000; }
#root .st-key-jf-pres-question [data-testid="stWidgetLabel"] p {
  font-size: 2.1rem; font-weight: 700; }
#root .st-key-jf-pres-question [role="radiogroup"] p,
#root .st-key-jf-pres-question button p { font-size: 1.7rem; }
#root .st-key-jf-pres h1 { font-size: 2.6rem; color: #000; }
#root .st-key-jf-pres h2 { font-size: 2.2rem; color: #000; }
#root .st-key-jf-pres h3 { font-size: 1.9rem; color: #000; }
#root .st-key-jf-pres [data-testid="stCaptionContainer"] { opacity: 1; }
#root .st-key-jf-pres [data-testid="stCaptionContainer"] p { font-size: 1.2rem; color: #1b1f24; }
#root .st-key-jf-pres button p { font-size: 1.45rem; }
#root .st-key-jf-pres button[kind="primary"] p { color: #fff; }
#root .st-key-jf-pres button { min-height: 3.2rem; }
#root .st-key-jf-pres input { font-size: 1.5rem; }
#root .st-key-jf-pres button:focus-visible, #root .st-key-jf-pres input:focus-visible,
#root .st-key-jf-pres [role="radio"]:focus-visible { outline: 4px solid #000; outline-offset: 3px; }
</style>
"""


# Presentation clickers send PageDown / PageUp. Streamlit has no key bindings, so this constant
# script (no data in it, nothing loaded from elsewhere) presses the presentation's own "Next" /
# "Back" buttons. It ignores keys typed into fields and does nothing where those buttons are
# absent, so it is harmless after leaving the page.
CLICKER_JS = """
<script>
(function () {
  if (document.__jfClicker) { return; }
  document.__jfClicker = true;
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var key = event.key === "PageDown" ? "jf_pres_next"
      : event.key === "PageUp" ? "jf_pres_back" : null;
    if (!key) { return; }
    var button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  });
})();
</script>
"""


# The group result's bar list: labels left, the bar, the number right; bigger on the projector.
GROUP_CSS = (
    "<style>"
    ".jf-gbars{list-style:none;padding:0;margin:.25rem 0 1rem}"
    ".jf-gbars li{display:grid;grid-template-columns:minmax(8em,22em) 1fr 7.5em;gap:.6rem;"
    "align-items:center;margin:.3rem 0;color:#1b1f24}"
    ".jf-gtrack{background:#e6eaf0;height:1.2em;border-radius:3px}"
    ".jf-gbar{display:block;height:100%;border-radius:3px;background:#1f5f8b}"
    ".jf-gval{font-weight:700;text-align:right;white-space:nowrap}"
    ".jf-gbig li{font-size:1.9rem;grid-template-columns:minmax(10em,26em) 1fr 8em;"
    "margin:.7rem 0}"
    ".jf-gbig .jf-gtrack{height:1.4em}"
    "@media (max-width:640px){.jf-gbars li{grid-template-columns:1fr 6.5em}"
    ".jf-gbars .jf-gname{grid-column:1/-1}}"
    "</style>"
)

# The projector: no sidebar, no header bar, large type, high contrast.
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
#root .st-key-jf-proj { max-width: 1400px; }
#root .st-key-jf-proj p, #root .st-key-jf-proj li, #root .st-key-jf-proj td,
#root .st-key-jf-proj th { font-size: 1.7rem; line-height: 1.4; color: #000; }
#root .st-key-jf-proj h1 { font-size: 3rem; color: #000; }
#root .st-key-jf-proj h2 { font-size: 2.5rem; color: #000; }
#root .st-key-jf-proj h3 { font-size: 2.1rem; color: #000; }
#root .st-key-jf-proj [data-testid="stMetricValue"],
#root .st-key-jf-proj [data-testid="stMetricValue"] * { font-size: 4.5rem; font-weight: 800; }
#root .st-key-jf-proj [data-testid="stMetricLabel"] p { font-size: 1.6rem; }
#root .st-key-jf-proj [data-testid="stCaptionContainer"] p { font-size: 1.3rem; color: #1b1f24; }
#root .st-key-jf-proj-code p { font-size: clamp(4rem, 11vw, 9rem); font-weight: 800;
  letter-spacing: .1em; font-family: monospace; white-space: nowrap; margin: 0; }
#root .st-key-jf-proj-timer p { font-size: clamp(3rem, 8vw, 6rem); font-weight: 800;
  font-family: monospace; margin: 0; }
#root .st-key-jf-proj button p { font-size: 1.1rem; }
#root .st-key-jf-proj img { width: min(38vh, 100%); height: auto; image-rendering: pixelated; }
</style>
"""

# The projector's screens are stepped with a clicker (PageDown/PageUp) or the arrow keys;
# like CLICKER_JS, a constant script that presses the page's own buttons.
PROJECTOR_JS = """
<script>
(function () {
  if (document.__jfProjector) { return; }
  document.__jfProjector = true;
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var next = ["PageDown", "ArrowRight", "ArrowDown", " "];
    var back = ["PageUp", "ArrowLeft", "ArrowUp"];
    var key = next.indexOf(event.key) >= 0 ? "jf_proj_next"
      : back.indexOf(event.key) >= 0 ? "jf_proj_back" : null;
    if (!key) { return; }
    var button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  });
})();
</script>
"""
