"""No broken links: crawl built sites and resolve every internal href/src, fragment and asset.

Pages are resolved as a browser would under a sub-path (GitHub project pages serve the site from
/<repository>/), so a root-absolute link such as "/people/" fails here even though it would work
from a domain root. Only 404.html may use absolute paths, and those must sit under site_url's path
(a 404 page is served at any depth, so it cannot use relative links).
"""

from __future__ import annotations

import http.server
import posixpath
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import local_server

from tracker.models import Source
from tracker.pipeline import configured_site_url
from tracker.validate import Records

HOST = "http://site.invalid"
"""A host for resolving URLs only; nothing is fetched."""

# Parsing ------------------------------------------------------------------------------------------

LINK_ATTRIBUTES = {"href", "src", "poster", "data"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass
class Page:
    links: list[tuple[str, str]] = field(default_factory=list)
    """(tag, url) for every href/src/srcset."""
    ids: set[str] = field(default_factory=set)


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "meta":
                self.page.ids.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "object" and name != "data"):
                self.page.links.append((tag, value.strip()))
            elif name == "srcset":
                self.page.links.extend((tag, part.split()[0]) for part in value.split(",") if part.strip())


def parse(path: Path) -> Page:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


# Resolving ----------------------------------------------------------------------------------------


def site_path() -> str:
    """The path the site is published under, from mkdocs.yml's site_url ("/record/")."""
    return urlsplit(configured_site_url()).path or "/"


def page_url(site_dir: Path, file: Path, prefix: str) -> str:
    """The address a file is served at, with use_directory_urls: people/x/index.html -> /prefix/people/x/."""
    relative = file.relative_to(site_dir).as_posix()
    if relative == "index.html":
        relative = ""
    elif relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return HOST + prefix + relative


def target_file(site_dir: Path, url_path: str, prefix: str) -> Path | None:
    """The file a resolved path serves, or None when it falls outside the site's sub-path."""
    path = posixpath.normpath(unquote(url_path)) + ("/" if url_path.endswith("/") else "")
    if not (path + "/").startswith(prefix) and path != prefix.rstrip("/"):
        return None
    relative = path[len(prefix) :].lstrip("/")
    candidate = site_dir / relative
    if relative == "" or relative.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate


def is_external(url: str) -> bool:
    scheme = urlsplit(url).scheme.lower()
    return scheme in ("http", "https", "mailto", "tel", "data", "javascript") or url.startswith("//")


@dataclass
class Crawl:
    broken: list[str] = field(default_factory=list)
    checked: int = 0
    pages: int = 0


def crawl(site_dir: Path, prefix: str | None = None) -> Crawl:
    """Resolve every internal link of every HTML page (and url() in the site's CSS) against the files."""
    prefix = prefix or site_path()
    result = Crawl()
    html_files = sorted(site_dir.rglob("*.html"))
    parsed = {file: parse(file) for file in html_files}
    for file, page in parsed.items():
        result.pages += 1
        base = page_url(site_dir, file, prefix)
        where = file.relative_to(site_dir).as_posix()
        for tag, link in page.links:
            if not link or is_external(link) or link == "#":
                continue
            if link.startswith("/") and file.name != "404.html":
                result.broken.append(f"{where} -> {link} (root-absolute: breaks when served from a sub-path)")
                continue
            result.checked += 1
            resolved = urlsplit(urljoin(base, link))
            target = target_file(site_dir, resolved.path, prefix)
            if target is None or not target.is_file():
                result.broken.append(f"{where} -> {link} (<{tag}>: no such file)")
                continue
            if resolved.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(resolved.fragment) not in ids:
                    result.broken.append(f"{where} -> {link} (no id={resolved.fragment!r} in the target)")
    for css in sorted(site_dir.rglob("*.css")):
        for link in CSS_URL.findall(css.read_text(encoding="utf-8")):
            if is_external(link) or link.startswith("#"):
                continue
            result.checked += 1
            if not (css.parent / urlsplit(link).path).is_file():
                result.broken.append(f"{css.relative_to(site_dir).as_posix()} -> {link} (CSS url(): no such file)")
    return result


def assert_no_broken_links(site_dir: Path) -> Crawl:
    result = crawl(site_dir)
    assert result.pages > 5, f"only {result.pages} pages in {site_dir}"
    assert result.checked > 10 * result.pages, f"suspiciously few links checked: {result.checked}"
    broken = "\n".join(result.broken)
    assert not result.broken, f"{len(result.broken)} broken internal link(s) in {site_dir}:\n{broken}"
    return result


# The crawl itself ---------------------------------------------------------------------------------


def test_fixture_site_has_no_broken_links(built_site: Path) -> None:
    assert_no_broken_links(built_site)


def test_real_records_site_has_no_broken_links(real_site: Path) -> None:
    result = assert_no_broken_links(real_site)
    assert result.pages >= 100


def test_hostile_site_has_no_broken_links(hostile_site: Path) -> None:
    assert_no_broken_links(hostile_site)


def test_every_page_of_the_url_scheme_exists(real_site: Path) -> None:
    for path in ("", "people/", "timeline/", "sources/", "data/", "about/"):
        assert (real_site / path / "index.html").is_file(), f"/{path} is missing"
    for path in ("feed.xml", "data/datapackage.json", "sitemap.xml", "404.html", "pagefind/pagefind.js"):
        assert (real_site / path).is_file(), f"/{path} is missing"


# Sub-path and domain root -------------------------------------------------------------------------


def test_links_are_relative_so_the_site_works_from_any_path(real_site: Path) -> None:
    """Every page but 404.html links relatively: the same build works at a domain root and under /record/."""
    absolute = []
    for file in sorted(real_site.rglob("*.html")):
        if file.name == "404.html":
            continue
        absolute += [f"{file.relative_to(real_site)} -> {u}" for _, u in parse(file).links if u.startswith("/")]
    assert not absolute, "root-absolute links:\n" + "\n".join(absolute[:50])
    # The same crawl from a domain root and from another sub-path finds nothing broken either.
    for prefix in ("/", "/some/other/path/"):
        broken = [b for b in crawl(real_site, prefix).broken if not b.startswith("404.html")]
        assert not broken, f"served under {prefix}:\n" + "\n".join(broken)


def test_404_page_uses_the_published_path(real_site: Path) -> None:
    """404.html is served for any missing address, at any depth: its links are absolute under site_url."""
    prefix = site_path()
    links = [u for _, u in parse(real_site / "404.html").links if not is_external(u) and u != "#"]
    assert links
    assert all(u.startswith(prefix) for u in links), [u for u in links if not u.startswith(prefix)]


def test_sitemap_and_search_index_point_at_real_pages(real_site: Path) -> None:

    site_url = configured_site_url()
    missing = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", (real_site / "sitemap.xml").read_text("utf-8")):
        assert loc.startswith(site_url), loc
        target = target_file(real_site, urlsplit(loc).path, site_path())
        if target is None or not target.is_file():
            missing.append(f"sitemap.xml -> {loc}")
    from tracker.search import indexed_pages

    pages = indexed_pages(real_site)
    assert pages
    for page in pages:  # where a result links: the page, or (a source) its entry on the sources page
        link = page["meta"].get("link") or page["url"].lstrip("/")
        location = urlsplit(link)
        target = target_file(real_site, site_path() + location.path, site_path())
        if target is None or not target.is_file():
            missing.append(f"search index -> {link}")
        elif location.fragment and unquote(location.fragment) not in parse(target).ids:
            missing.append(f"search index -> {link} (no such id)")
    assert not missing, "\n".join(missing)


def test_feed_links_point_at_real_pages(real_site: Path) -> None:
    site_url = configured_site_url()
    missing = []
    for feed in sorted(real_site.rglob("*.xml")):
        if feed.name == "sitemap.xml":
            continue
        for href in re.findall(r'<link[^>]*href="([^"]+)"', feed.read_text("utf-8")):
            if not href.startswith(site_url):
                continue
            target = target_file(real_site, urlsplit(href).path, site_path())
            if target is None or not target.is_file():
                missing.append(f"{feed.relative_to(real_site)} -> {href}")
    assert not missing, "\n".join(missing)


# The checker catches what it should ---------------------------------------------------------------


def test_the_crawler_reports_each_kind_of_broken_link(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "people" / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "x.css").write_text("body { background: url(missing.png) }", encoding="utf-8")
    (site / "people" / "a" / "index.html").write_text('<h2 id="here">A</h2>', encoding="utf-8")
    filler = "".join(f'<a href="people/a/#here">{i}</a>' for i in range(120))
    (site / "index.html").write_text(
        '<link href="assets/x.css" rel="stylesheet"><script src="assets/gone.js"></script>'
        '<a href="people/a/">ok</a><a href="people/a/#there">bad fragment</a><a href="people/b/">missing</a>'
        '<a href="/people/a/">absolute</a><a href="https://example.test/">external</a>'
        '<a href="#">top</a><a href="#nowhere">same page</a>' + filler,
        encoding="utf-8",
    )
    for n in range(5):
        (site / f"p{n}").mkdir()
        (site / f"p{n}" / "index.html").write_text(filler.replace('"people', '"../people'), encoding="utf-8")
    result = crawl(site, "/record/")
    broken = "\n".join(result.broken)
    assert "index.html -> assets/gone.js (<script>: no such file)" in broken
    assert "index.html -> people/a/#there (no id='there' in the target)" in broken
    assert "index.html -> people/b/ (<a>: no such file)" in broken
    assert "index.html -> /people/a/ (root-absolute" in broken
    assert "index.html -> #nowhere (no id='nowhere'" in broken
    assert "assets/x.css -> missing.png" in broken
    assert "example.test" not in broken
    assert len(result.broken) == 6, broken


# External source URLs: tracker.linkcheck against a local server ----------------------------------


class SourceServer(http.server.BaseHTTPRequestHandler):
    """200, 404, redirects, a server that refuses HEAD, and one that is too slow."""

    seen_agents: ClassVar[list[str]] = []

    def answer(self, body: bool) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(1.5)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif path == "/gone-after-redirect":
            self.send_response(302)
            self.send_header("Location", "/missing")
        elif path == "/get-only" and not body:
            self.send_response(405)
        elif path in ("/ok", "/get-only", "/slow"):
            self.send_response(200)
        elif path == "/forbidden":
            self.send_response(403)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def source_server() -> Iterator[str]:
    with local_server(SourceServer) as url:
        yield url.rstrip("/")


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server is reached directly even where a proxy is configured."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sources_at(urls: dict[str, str], archive: dict[str, str] | None = None) -> Records:
    records = Records()
    for source_id, url in urls.items():
        records.sources[source_id] = Source(
            id=source_id,
            title=f"Test report {source_id}",
            publisher="Test publisher",
            url=url,
            kind="independent-media",
            archive_url=(archive or {}).get(source_id),
        )
        records.files[("sources", source_id)] = f"records/sources/{source_id}.json"
    return records


def test_linkcheck_reports_dead_sources_with_an_archive_lookup(source_server: str, no_proxy: None) -> None:
    from tracker.linkcheck import check_external, format_report

    refused = f"http://127.0.0.1:{closed_port()}/article"
    records = sources_at(
        {
            "a-ok": f"{source_server}/ok",
            "b-missing": f"{source_server}/missing",
            "c-moved": f"{source_server}/moved",
            "d-get-only": f"{source_server}/get-only",
            "e-refused": refused,
            "f-forbidden": f"{source_server}/forbidden",
            "g-archived": f"{source_server}/gone-after-redirect",
            "h-same-url": f"{source_server}/ok",
            "i-slow": f"{source_server}/slow",
        },
        archive={"g-archived": "https://web.archive.org/web/2024/https://example.test/gone"},
    )
    results = check_external(records, timeout=0.5, workers=4)
    by_id = {r.source: r for r in results}
    assert [r.source for r in results] == sorted(by_id), "one result per source, by id"

    assert (by_id["a-ok"].status, by_id["a-ok"].dead) == (200, False)
    assert by_id["h-same-url"].status == 200
    assert (by_id["b-missing"].status, by_id["b-missing"].dead) == (404, True)
    assert by_id["c-moved"].status == 200 and not by_id["c-moved"].dead
    assert by_id["c-moved"].final_url == f"{source_server}/ok"
    assert by_id["d-get-only"].status == 200 and not by_id["d-get-only"].dead, "HEAD refused, GET works"
    assert by_id["e-refused"].dead and by_id["e-refused"].status is None
    assert by_id["e-refused"].error == "connection refused"
    assert by_id["f-forbidden"].status == 403 and by_id["f-forbidden"].dead
    assert by_id["g-archived"].status == 404 and by_id["g-archived"].dead
    assert by_id["i-slow"].dead and by_id["i-slow"].error == "timed out"
    assert all(agent.startswith("Mozilla/5.0 (compatible; ") for agent in SourceServer.seen_agents)

    report = format_report(results)
    lines = report.splitlines()
    missing = f"{source_server}/missing"
    assert f"records/sources/b-missing.json: url: {missing}: HTTP 404" in lines
    assert (
        f"    look for an archived copy at https://web.archive.org/web/*/{missing} and add it as archive_url" in lines
    )
    assert f"records/sources/e-refused.json: url: {refused}: no answer: connection refused" in lines
    assert any(line.startswith("records/sources/f-forbidden.json") and "may refuse automated" in line for line in lines)
    assert (
        "    the record already has an archived copy: https://web.archive.org/web/2024/https://example.test/gone"
        in lines
    )
    assert any("c-moved.json" in line and f"redirects to {source_server}/ok" in line for line in lines)
    assert not any("a-ok" in line or "d-get-only" in line for line in lines)
    assert lines[-1].startswith("9 source(s) checked: 4 reachable, 5 dead, 1 redirected")


def test_linkcheck_never_raises(no_proxy: None) -> None:
    from tracker.linkcheck import check_external, check_url, format_report

    assert check_external(Records()) == []
    offline = check_external(sources_at({"a": f"http://127.0.0.1:{closed_port()}/"}), timeout=0.5)
    assert format_report(offline).splitlines()[-1].startswith("No source answered at all")
    assert format_report([]) == "0 source(s) checked: 0 reachable, 0 dead."
    status, error, _ = check_url("http://[::1", timeout=0.5)  # malformed: urllib raises ValueError
    assert status is None and error
    status, error, _ = check_url("http://name-that-does-not-resolve.invalid/", timeout=2)
    assert status is None and error
