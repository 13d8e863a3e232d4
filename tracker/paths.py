"""Every directory and file the project uses, in one place."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "records"
TEMPLATES = ROOT / "templates"
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
DATAPACKAGE = ROOT / "datapackage.json"
PUBLISHED_URLS = ROOT / "published-urls.txt"
CHANGELOG = ROOT / "CHANGELOG.md"
SITE = ROOT / "site"
