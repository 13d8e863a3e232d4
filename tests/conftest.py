"""What several test files share: sites built once per session, reading built sites, the command line,
git repositories with fixed dates, a local HTTP server, and headless Chromium for the browser tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tracker.pipeline import configured_site_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_RECORDS = FIXTURES / "valid" / "records"
HOSTILE_RECORDS = FIXTURES / "hostile" / "records"
REAL_RECORDS = ROOT / "records"
"""The repository's own records (read, never written, by tests)."""
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SYNTH_PEOPLE, SYNTH_SEED = 12, 3
TIMEOUT_MS = 10_000
"""How long a browser test waits for anything on a page."""

EPOCH = "1714521600"
"""2024-05-01T00:00:00Z: SOURCE_DATE_EPOCH for the builds that are not in git."""
EPOCH_DAY = "2024-05-01"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


SITE_URL = configured_site_url()
"""The site_url in mkdocs.yml: what absolute URLs in a built page start with."""


# Building sites -----------------------------------------------------------------------------------


def build_site(records_dir: Path, out_dir: Path) -> Path:
    """Build records_dir into out_dir with the real pipeline; returns out_dir."""
    from tracker.pipeline import build

    saved = os.environ.get("SOURCE_DATE_EPOCH")  # the build sets it for mkdocs; keep it out of other tests
    try:
        build(records_dir, out_dir)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return out_dir


@contextlib.contextmanager
def source_date_epoch(value: str | None) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to value (or unset) for the block, and restored afterwards.

    The build itself writes SOURCE_DATE_EPOCH into os.environ (see test_build_does_not_pin_the_epoch),
    so the variable is set first, which makes the monkeypatch remember and restore the original.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        if value is None:
            patch.delenv("SOURCE_DATE_EPOCH")
        else:
            patch.setenv("SOURCE_DATE_EPOCH", value)
        yield


def run(*args: str) -> Result:
    """The command line, as a user runs it (click's runner; stdout and stderr kept apart)."""
    from tracker.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def cli_build(records: Path, out: Path, epoch: str | None = EPOCH) -> Result:
    """`build.py build -q` of records into out, with SOURCE_DATE_EPOCH=epoch (None: dates from git)."""
    with source_date_epoch(epoch):
        return run("build", "--records", str(records), "--out", str(out), "-q")


def build_ok(records: Path, out: Path, epoch: str | None = EPOCH) -> Path:
    """cli_build, which must succeed; returns out."""
    result = cli_build(records, out, epoch)
    assert result.exit_code == 0, f"build failed:\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def site_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny hand-written valid fixture plus a few synthetic people (Armenian-script names,
    other spellings, date ranges, one-sided accounts), in one records folder."""
    from tracker.synth import synthesize

    records = tmp_path_factory.mktemp("records") / "records"
    shutil.copytree(VALID_RECORDS, records)
    synthesize(SYNTH_PEOPLE, records, seed=SYNTH_SEED)
    return records


@pytest.fixture(scope="session")
def built_site(site_records: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from site_records; tests must not modify it."""
    return build_site(site_records, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from tests/fixtures/hostile (markup injected into every text field)."""
    return build_site(HOSTILE_RECORDS, tmp_path_factory.mktemp("hostile") / "site")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own records/ built once per session; tests must not modify it."""
    return build_site(REAL_RECORDS, tmp_path_factory.mktemp("real") / "site")


# Records and built sites --------------------------------------------------------------------------


def records_of(records_dir: Path, kind: str) -> list[dict]:
    """Every record of a kind (people, events, sources), as raw JSON, in file-name order."""
    return [json.loads(path.read_text("utf-8")) for path in sorted((records_dir / kind).glob("*.json"))]


def record_ids(records: Path, kind: str) -> list[str]:
    return sorted(path.stem for path in (records / kind).glob("*.json"))


def write_json(path: Path, data: dict[str, Any]) -> None:
    """A record file as editors write it (UTF-8, indented), its folder made if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def edit_record(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite a record file after change(data) has edited it in place."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    write_json(path, data)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below folder (posix path relative to it) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(one: dict[str, bytes], two: dict[str, bytes]) -> list[str]:
    """Paths present in only one tree, or with different bytes."""
    return sorted(path for path in one.keys() | two.keys() if one.get(path) != two.get(path))


def page(site: Path, url: str) -> str:
    """The HTML of a site-relative page URL ("people/", "/people/x/", "" or "/" for home)."""
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


class Head(HTMLParser):
    """What a page says about itself: meta tags, link elements, JSON-LD scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta":
            self.meta.append(values)
        elif tag == "link":
            self.links.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data

    def named(self, name: str) -> list[str]:
        return [m.get("content", "") for m in self.meta if m.get("name") == name]

    def canonical(self) -> list[str]:
        return [link.get("href", "") for link in self.links if link.get("rel") == "canonical"]

    def refresh(self) -> list[str]:
        return [m.get("content", "") for m in self.meta if m.get("http-equiv", "").lower() == "refresh"]


PYGAL_RANDOM = [
    (re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "chart-ID"),
    (re.compile(r"window\.pygal\.config\['[0-9a-f-]{36}'\]"), "window.pygal.config['ID']"),
    (re.compile(r"<!--Generated with pygal [^>]*-->"), "<!--pygal-->"),
]


def without_chart_ids(files: dict[str, bytes]) -> dict[str, bytes]:
    """files_of() with pygal's per-render chart ids and version comment replaced by placeholders."""
    normalised = {}
    for path, content in files.items():
        if path.endswith(".html"):
            text = content.decode("utf-8")
            for pattern, replacement in PYGAL_RANDOM:
                text = pattern.sub(replacement, text)
            content = text.encode("utf-8")
        normalised[path] = content
    return normalised


def site_path(site: Path, absolute_url: str) -> Path:
    """The built file an absolute site URL points at."""
    assert absolute_url.startswith(SITE_URL), absolute_url
    relative = absolute_url.removeprefix(SITE_URL)
    return site / relative / "index.html" if relative.endswith("/") or not relative else site / relative


# Git, with fixed names and dates ------------------------------------------------------------------


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """Run git in repo as a test editor, untouched by the user's configuration; when sets both dates."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.test",
        "GIT_COMMITTER_NAME": "Test Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.test",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


# The published site: the fixture plus a third person, its URLs recorded with `urls` ---------------

NEW_PERSON = "test-person-three"
NEW_EVENT = "2023-10-02-test-person-three-detained"
KEPT_PERSON = "test-person-one"
KEPT_EVENT = "2023-09-28-test-person-one-detained"


def add_third_person(records: Path) -> None:
    """A person (and the event that concerns them) who exists only to be removed later."""
    write_json(
        records / "people" / f"{NEW_PERSON}.json",
        {
            "id": NEW_PERSON,
            "name": "Test Person Three",
            "category": "detained-september-2023",
            "summary": "A fictional person the permanence tests publish and then retire.",
            "summary_sources": [{"source": "example-news-detentions"}],
        },
    )
    write_json(
        records / "events" / f"{NEW_EVENT}.json",
        {
            "id": NEW_EVENT,
            "date": "2023-10-02",
            "type": "detention",
            "title": "Test Person Three detained",
            "summary": "The invented news report says Test Person Three was detained.",
            "people": [{"person": NEW_PERSON}],
            "sources": [{"source": "example-news-detentions"}],
        },
    )


def remove_third_person(records: Path) -> None:
    (records / "people" / f"{NEW_PERSON}.json").unlink()
    (records / "events" / f"{NEW_EVENT}.json").unlink()


def live_pages(records: Path) -> list[str]:
    """The URL of every person and event page the records make."""
    return [f"/people/{i}/" for i in record_ids(records, "people")] + [
        f"/events/{i}/" for i in record_ids(records, "events")
    ]


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding records/ (fixture + a third person), site/ built from it, and the
    published-urls.txt that `urls` wrote beside records/. Tests must not modify it: copy it."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(VALID_RECORDS, root / "records")
    add_third_person(root / "records")
    build_ok(root / "records", root / "site")
    result = run("urls", "--records", str(root / "records"), "--out", str(root / "site"))
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def published_site(published: Path) -> Path:
    return published / "site"


@pytest.fixture
def work(published: Path, tmp_path: Path) -> Path:
    """A private copy of the published folder, free to change."""
    copy = tmp_path / "work"
    shutil.copytree(published, copy)
    return copy


# Serving a site -----------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def local_server(handler: object) -> Iterator[str]:
    """Run an HTTP handler on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve(site_dir: Path):
    """Serve site_dir on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    return local_server(functools.partial(QuietHandler, directory=str(site_dir)))


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """built_site, served."""
    with serve(built_site) as url:
        yield url


# Headless Chromium --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium: skipped when missing locally, but a failure in CI (CI=true)."""
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {message}")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def chromium(chromium_path: Path) -> Iterator[object]:
    """One headless Chromium for the session (each test opens its own context)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watched:
    """A page, and everything that went wrong on it."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed_requests


@pytest.fixture
def watched(chromium) -> Iterator[Watched]:
    """A fresh desktop-sized page that records console errors, page errors, dialogs and failed requests."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script("window.__xss = 0;")
    page = context.new_page()
    result = Watched(page)
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: result.page_errors.append(f"page error: {e}"))
    # A request the next navigation cancels (net::ERR_ABORTED, e.g. the search worker still loading its
    # scripts when the test moves on) is not a failure of the site; any other failure is.
    page.on(
        "requestfailed",
        lambda r: (
            "ERR_ABORTED" not in (r.failure or "")
            and result.failed_requests.append(f"request failed: {r.url} ({r.failure})")
        ),
    )

    def on_dialog(dialog) -> None:
        result.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield result
    finally:
        context.close()


def search(page, query: str) -> list[str]:
    """Open the search box with "/", enter the query; return the result links' hrefs once the results
    for this query show (assets/javascripts/search.js marks the list with its query)."""
    box = page.locator("#site-search-query")
    box.wait_for(state="attached")
    page.evaluate("delete document.querySelector('.md-search-result__meta').dataset.query")
    page.keyboard.press("/")
    box.wait_for(state="visible")
    box.fill(query)
    page.wait_for_function(
        "query => document.querySelector('.md-search-result__meta').dataset.query === query", arg=query
    )
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.href)")


def unique_person(site_records: Path, names) -> tuple[dict, str]:
    """A person and a search word (from names(person)) that no other person's names contain."""
    people = records_of(site_records, "people")

    def all_names(p: dict) -> str:
        return " ".join([p["name"], p.get("name_hy") or "", *(o["name"] for o in p.get("other_names", []))])

    for person in people:
        for word in names(person):
            if len(word) > 3 and not any(word in all_names(other) for other in people if other is not person):
                return person, word
    pytest.fail("the fixture has no person with a distinctive name of this kind")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
