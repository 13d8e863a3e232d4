"""Stage: verify, the URL guarantee. Before a build is swapped in, every URL in published-urls.txt
must still answer in it (a page, a redirect or a withdrawal notice); `build.py urls` appends a
release's new URLs to that file, and never removes one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.problems import BuildFailed

SKIPPED_TOP = {"assets", "search"}
"""Folders of the theme's own files, which are not published URLs anyone cites."""


def read_urls(path: Path) -> list[str]:
    """The published URLs, one per line (blank lines and # comments ignored)."""
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def url_file(url: str) -> str:
    """The site-relative file that answers a URL: a folder's index.html, or the file itself."""
    relative = url.lstrip("/")
    return f"{relative}index.html" if url.endswith("/") else relative


def exists(site_dir: Path, url: str) -> bool:
    return (site_dir / url_file(url)).is_file()


def verify_urls(site_dir: Path, published: Path, answers: Callable[[str], bool] | None = None) -> None:
    """Raise BuildFailed naming every published URL the new site would no longer serve. ``answers``: whether
    the new site has a file at a site-relative path (by default: whether site_dir has it)."""
    answers = answers or (lambda relative: (site_dir / relative).is_file())
    missing = [url for url in read_urls(published) if not answers(url_file(url))]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        raise BuildFailed(
            f"published URL(s) would break: {shown}. Restore the record, or add records/redirects/<id>.json "
            f"(renamed or merged) or records/withdrawn/<id>.json (withdrawn) so the URL keeps answering"
        )


def site_urls(site_dir: Path) -> list[str]:
    """Every page, the site feed and sitemap, and every data file of a built site, as site-relative URLs, sorted."""
    urls = set()
    for path in site_dir.rglob("*"):
        relative = path.relative_to(site_dir)
        if not path.is_file() or relative.parts[0] in SKIPPED_TOP or relative.name in {"404.html", "sitemap.xml.gz"}:
            continue
        if relative.name == "index.html":
            urls.add("/" + "".join(f"{part}/" for part in relative.parts[:-1]))
        elif relative.parts[0] == "data" or relative.as_posix() in {"feed.xml", "sitemap.xml"}:
            # Per-record downloads (cite.bib, a person's feed.xml) are not guaranteed: a redirect
            # or a withdrawal notice replaces the page, not its attachments.
            urls.add("/" + relative.as_posix())
    return sorted(urls)


def append_urls(site_dir: Path, published: Path) -> int:
    """Add the built site's URLs that are not yet listed; returns how many were added."""
    listed = read_urls(published)
    new = [url for url in site_urls(site_dir) if url not in set(listed)]
    if new or not published.exists():
        header = (
            "" if published.exists() else "# Every URL this site has published. Never remove a line (see README).\n"
        )
        with published.open("a", encoding="utf-8") as handle:
            handle.write(header + "".join(f"{url}\n" for url in new))
    return len(new)
