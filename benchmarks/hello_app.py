"""Baseline for benchmarks/app.py: the smallest app that renders something."""

import streamlit as st

st.write("Hello")
