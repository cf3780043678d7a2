"""Baseline for benchmarks/app.py: an empty Streamlit script (the cost of a rerun itself)."""
