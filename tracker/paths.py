"""Every directory and file the project uses, in one place."""

import functools
import os
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
    return _site_url(MKDOCS_YML, MKDOCS_YML.stat().st_mtime_ns)


@functools.cache
def _site_url(config: Path, changed: int) -> str:
    """Read once per version of the file (a page can ask for it hundreds of times; `serve` sees edits)."""
    url = str(yaml.safe_load(config.read_text(encoding="utf-8")).get("site_url") or "/")
    return url if url.endswith("/") else url + "/"


# State files a build keeps beside its output folder (never inside it: the site is published as it is).
def beside(out_dir: Path, part: str) -> Path:
    """``.<site>.<part>`` next to the output folder: ``cache`` (what the next build reuses), ``journal``
    (the cache's later changes), ``busy`` (stands while an update replaces files: the next build starts
    over), ``previous`` (the output a build replaced, deleted by the next one); staging: staging_prefix."""
    out_dir = out_dir.resolve()
    return out_dir.parent / f".{out_dir.name}.{part}"


def staging_prefix(out_dir: Path) -> str:
    """The name a build's staging folder starts with (``.site-building-``), beside the output folder."""
    return f".{out_dir.resolve().name}-building-"


def files_under(folder: Path) -> list[str]:
    """Every file under ``folder``, as sorted folder-relative POSIX paths (os.scandir with plain
    strings: on a site of 300,000 files, Path.rglob took tens of seconds and os.walk twice this)."""
    found: list[str] = []
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(folder, relative) if relative else folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(relative + entry.name + "/")
                else:
                    found.append(relative + entry.name)
    return sorted(found)
