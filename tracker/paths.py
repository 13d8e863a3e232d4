"""Every directory and file the project uses, in one place."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "records"
TEMPLATES = ROOT / "templates"
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
DATAPACKAGE = ROOT / "datapackage.json"
PUBLISHED_URLS = ROOT / "published-urls.txt"
CHANGELOG = ROOT / "CHANGELOG.md"
SITE = ROOT / "site"


def configured_site_url() -> str:
    """The site's address, from mkdocs.yml (the one place it is set), ending in a slash."""
    url = str(yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8")).get("site_url") or "/")
    return url if url.endswith("/") else url + "/"
