"""Stage: site. mkdocs-material builds the theme's pages; the new output replaces the old.

Everything is written into a staging folder first. The output is replaced only after everything
succeeded, so a failed build leaves the previous output exactly as it was: a whole new output by
renaming folders (swap_in), or, after an edit, each changed file renamed over its old one
(apply_in_place) under a busy mark, so an interrupted update is never trusted by the next build.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import yaml

from tracker import i18n, paths, search
from tracker.problems import BuildFailed


class _Collect(logging.Handler):
    """Keeps mkdocs warnings so a failed strict build can say why in one line each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_build(
    docs_dir: Path, site_dir: Path, *, config_file: Path = paths.MKDOCS_YML, site_url: str | None = None
) -> None:
    """Run mkdocs-material on docs_dir into site_dir; raise BuildFailed with mkdocs' own messages."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    overrides = {"docs_dir": str(docs_dir), "site_dir": str(site_dir)}
    if site_url is not None:
        overrides["site_url"] = site_url
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    previous_level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file), **overrides)
        build(config)
    except (MkDocsException, SystemExit, OSError) as error:
        details = "; ".join(collector.messages[:5]) or str(error)
        raise BuildFailed(f"mkdocs could not build the site: {details}") from error
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)


def theme_sitemap(site_dir: Path, site_url: str, leave_out: set[str] = frozenset()) -> dict[str, str]:
    """URL -> last change of the theme's pages in its sitemap.xml, less placeholders and ``leave_out``
    (site-relative URLs of noindex pages: redirects, withdrawal notices)."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {}
    for url in ElementTree.parse(site_dir / "sitemap.xml").getroot().findall("s:url", namespace):
        location = url.findtext("s:loc", default="", namespaces=namespace)
        if "__shell__" not in location and location.removeprefix(site_url) not in leave_out:
            entries[location] = url.findtext("s:lastmod", default="", namespaces=namespace)
    return entries


def sitemap_files(
    theme_entries: dict[str, str], site_url: str, extra: list[tuple[str, str]], epoch: int
) -> dict[str, bytes]:
    """sitemap.xml and sitemap.xml.gz: the theme's pages plus ``extra`` (site-relative URL, last change)."""
    entries = {**theme_entries, **{f"{site_url}{relative}": changed for relative, changed in extra}}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for location in sorted(entries):
        lastmod = f"<lastmod>{entries[location]}</lastmod>" if entries[location] else ""
        lines.append(f"  <url><loc>{escape(location)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    data = "\n".join(lines).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=epoch) as handle:
        handle.write(data)
    return {"sitemap.xml": data, "sitemap.xml.gz": buffer.getvalue()}


def language_config(lang: str, work: Path) -> Path:
    """mkdocs.yml for one language of the site: interface language, nav titles, the other language's link.

    Written into the work folder, so relative paths in mkdocs.yml are made absolute here."""
    config = yaml.safe_load(paths.MKDOCS_YML.read_text(encoding="utf-8"))
    other = "hy" if lang == "en" else "en"
    config["theme"]["language"] = lang
    words = i18n.Language(lang)
    config["site_name"] = words.t(config["site_name"])  # the header's title
    config["site_description"] = words.t(config["site_description"])
    config["copyright"] = words.t(config["copyright"])
    for scheme in config["theme"].get("palette", []):
        scheme["toggle"]["name"] = words.t(scheme["toggle"]["name"])
    config["theme"]["custom_dir"] = str(paths.ROOT / config["theme"]["custom_dir"])
    config["hooks"] = [str(paths.ROOT / hook) for hook in config.get("hooks", [])]
    config["nav"] = [{words.t(title): page} for item in config["nav"] for title, page in item.items()]
    prefix = "hy/" if other == "hy" else "../"
    config.setdefault("extra", {})["other_language"] = {"lang": other, "label": i18n.NAMES[other], "path": prefix}
    config["extra"]["site_root"] = "" if lang == "en" else "../"  # the one data package lives at the root
    config["extra"]["feed_title"] = words.t("New and changed events")
    config["extra"]["search_words"] = search.interface_words(lang)  # search: the search box's own words
    path = work / f"mkdocs-{lang}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A work folder beside out_dir (same filesystem, so the final swap is a rename); always removed."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=paths.staging_prefix(out_dir), dir=out_dir.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def previous_output(out_dir: Path) -> Path:
    """Where the output replaced by the last build waits to be deleted (hidden, beside it)."""
    return paths.beside(out_dir, "previous")


def clear_previous_output(out_dir: Path) -> threading.Thread:
    """Delete the last build's replaced output in the background, while this build validates.

    Deleting tens of thousands of page folders takes longer than rendering the few that changed, so
    a build leaves the output it replaced beside the new one (its unchanged pages are hard links to
    the same files, so it costs little space) and the next build deletes it while it works.
    """
    thread = threading.Thread(target=shutil.rmtree, args=(previous_output(out_dir), True), daemon=True)
    thread.start()
    return thread


def swap_in(new_site: Path, out_dir: Path, cleanup: threading.Thread | None = None) -> None:
    """Replace out_dir by new_site with renames; the old output is kept aside until the next build."""
    out_dir = out_dir.resolve()
    old = previous_output(out_dir)
    if cleanup is not None:
        cleanup.join()
    shutil.rmtree(old, ignore_errors=True)  # normally gone already
    if out_dir.exists():
        os.replace(out_dir, old)
    try:
        os.replace(new_site, out_dir)
    except OSError:
        if old.exists():
            os.replace(old, out_dir)  # put the previous output back
        raise


def apply_in_place(out_dir: Path, staged: dict[str, Path], deleted: set[str], keep: Callable[[], None]) -> int:
    """Rename each staged file (site-relative path -> its new content, in the staging folder) over the one
    in out_dir whose content differs, and delete ``deleted``; ``keep`` saves the build cache's new state
    after the last change. From the first change until then a busy mark stands beside out_dir, so that
    a build interrupted half-way is followed by a clean one. Returns how many files changed."""
    ready = {}
    for relative, path in staged.items():
        try:
            if (out_dir / relative).read_bytes() == path.read_bytes():
                continue
        except OSError:
            pass
        ready[relative] = path
    busy = paths.beside(out_dir, "busy")
    busy.touch()
    for relative, path in ready.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for relative in sorted(deleted):
        (out_dir / relative).unlink(missing_ok=True)
        folder = (out_dir / relative).parent
        while folder != out_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    keep()
    busy.unlink()
    return len(ready) + len(deleted)
