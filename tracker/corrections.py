"""Reader reports: the links that open the repository's GitHub issue forms, already filled in.

GitHub fills an issue form's fields from the query string (``template``, ``title`` and each field's
``id``), so a reader's report arrives with the page's address and title; the forms live in
``.github/ISSUE_TEMPLATE/``. Removal and safety requests never go through them: they go to the
private channel the About page names (GitHub's private vulnerability reporting of the repository).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import quote, urlencode

import yaml

from tracker import paths
from tracker.i18n import PREFIX
from tracker.models import Source

CORRECTION_FORM = "correction.yml"
NEW_REPORT_FORM = "new-report.yml"
PAGE_FIELD = "page"
"""The id of the correction form's field for the page's address (.github/ISSUE_TEMPLATE/correction.yml)."""


@cache
def repository_url() -> str:
    """The project's GitHub repository, from mkdocs.yml's ``extra.repository`` (the one place it is set)."""
    config = yaml.safe_load(paths.MKDOCS_YML.read_text(encoding="utf-8"))
    return str(config["extra"]["repository"]).rstrip("/")


def correction_url(title: str, page_url: str) -> str:
    """The correction form, prefilled with the page's title and address."""
    query = urlencode(
        {"template": CORRECTION_FORM, "title": f"Correction: {title}", PAGE_FIELD: page_url}, quote_via=quote
    )
    return f"{repository_url()}/issues/new?{query}"


def source_correction_url(source: Source, lang: str = "en") -> str:
    """The correction form for one source, as listed on the sources page (its entry's address)."""
    title = source.title or " ".join(part for part in (source.publisher, source.published) if part)
    return correction_url(title, f"{paths.configured_site_url()}{PREFIX[lang]}sources/#{source.id}")
