"""The workshop screens, one module per view, with the shared parts beside them.

- :mod:`.console`: the trainer's private console (create, watch, control, export, close);
- :mod:`.projector`: the public view for the wall, bound to a room by its join code;
- :mod:`.participant`: the phone view (join, answer, send, see the result);
- :mod:`.walkthrough`: the questionnaire on a projector without a room;
- shared: :mod:`.common` (store, notices, session keys), :mod:`.stats` (pure summaries),
  :mod:`.charts` (drawing), :mod:`.qr` (links and QR codes), :mod:`.assets` (constant CSS/JS).

The pages import the ``render_*`` functions from the modules themselves; nothing here imports
Streamlit at package import time beyond what those modules need.
"""
