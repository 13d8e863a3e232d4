"""mkdocs hooks: generated pages carry a finished HTML body, which must skip Markdown entirely.

Skipping Markdown keeps record text from being read as markup (autoescaped text stays text) and
saves most of the per-page build time. A page's `updated` front matter (its record's last change)
becomes its sitemap date.
"""

from __future__ import annotations

from typing import Any

_bodies: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.meta.get("updated"):
        page.update_date = str(page.meta["updated"])
    if page.meta.get("generated"):
        _bodies[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    return _bodies.pop(page.file.src_uri, html)
