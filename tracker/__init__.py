"""Tracker: a static open-data publication engine for records of people held as prisoners.

Pipeline stages, each one module with one public entry point (see DESIGN.md):
load -> validate -> derive -> render / package -> site (mkdocs build, verify, swap).
"""
