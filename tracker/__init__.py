"""Tracker: a static open-data publication engine for records of people held as prisoners.

The stages of a build (tracker/pipeline.py composes them; see DESIGN.md):
load -> validate -> derive -> site (mkdocs-material builds each language's frame pages: the record
page shells, the shared pages' placeholders, the hand-written pages) -> pages (each person and event
page poured into its shell) and pieces (each record's share of the shared pages, search index,
sitemap and data package, which package writes) -> verify (the URL guarantee) -> swap into place.
"""
