"""The URL guarantee: `urls` records every published address in published-urls.txt and only ever
appends; a build that would drop one fails, naming it and saying how to keep it, and leaves the
previous output as it was.

Sites here are built from a temporary copy of tests/fixtures/valid/records plus a third person who
exists to be removed (conftest's `published`), never from records/.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import (
    KEPT_PERSON,
    NEW_EVENT,
    NEW_PERSON,
    build_ok,
    cli_build,
    differences,
    files_of,
    live_pages,
    remove_third_person,
    run,
)

from tracker import paths
from tracker.package import ZIP_NAME
from tracker.verify import exists, read_urls


def test_urls_command_lists_every_published_page(published: Path) -> None:
    urls = read_urls(published / "published-urls.txt")
    assert urls == sorted(set(urls)), "published-urls.txt has duplicates or is out of order"
    expected = [*live_pages(published / "records"), "/", "/people/", "/timeline/", "/sources/", "/data/"]
    expected += ["/about/", "/feed.xml", "/sitemap.xml", "/data/datapackage.json", f"/data/{ZIP_NAME}"]
    missing = sorted(set(expected) - set(urls))
    assert not missing, f"not recorded in published-urls.txt: {missing}"
    assert all(url.startswith("/") for url in urls)
    theme = [
        url for url in urls if url.startswith(("/assets/", "/pagefind/")) or url.endswith(("cite.bib", "404.html"))
    ]
    assert not theme, f"theme files and per-page attachments are not guaranteed URLs: {theme}"
    unserved = [url for url in urls if not exists(published / "site", url)]
    assert not unserved, f"listed but not in the site: {unserved}"


def test_urls_command_only_appends(work: Path) -> None:
    listed = work / "published-urls.txt"
    before = listed.read_text(encoding="utf-8")
    result = run("urls", "--records", str(work / "records"), "--out", str(work / "site"))
    assert result.exit_code == 0, result.stderr
    assert "0 new URL(s)" in result.stdout
    assert listed.read_text(encoding="utf-8") == before

    # A URL the site no longer has (and one still listed) stays listed: lines are never removed.
    listed.write_text(before + "/people/someone-long-gone/\n", encoding="utf-8")
    run("urls", "--records", str(work / "records"), "--out", str(work / "site"))
    assert "/people/someone-long-gone/" in read_urls(listed)
    assert listed.read_text(encoding="utf-8").startswith(before)


def test_urls_command_needs_a_built_site(work: Path) -> None:
    result = run("urls", "--records", str(work / "records"), "--out", str(work / "nothing-here"))
    assert result.exit_code == 2
    assert "no built site" in result.stderr


def test_removing_a_published_person_fails_naming_the_url(work: Path) -> None:
    before = files_of(work / "site")
    remove_third_person(work / "records")

    result = cli_build(work / "records", work / "site")

    assert result.exit_code != 0
    assert f"/people/{NEW_PERSON}/" in result.stderr
    assert f"/events/{NEW_EVENT}/" in result.stderr
    assert f"/people/{KEPT_PERSON}/" not in result.stderr
    assert "records/redirects/" in result.stderr and "records/withdrawn/" in result.stderr  # says how to fix
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    changed = differences(before, files_of(work / "site"))
    assert not changed, f"a failed build changed the previous output: {changed[:10]}"
    leftovers = [p.name for p in work.iterdir() if p.name.startswith(".site-building-")]
    assert not leftovers, f"staging folders left behind: {leftovers}"


def test_a_build_without_published_urls_is_not_guarded(work: Path) -> None:
    """Sanity check of the fixture: the failure above comes from published-urls.txt, nothing else."""
    remove_third_person(work / "records")
    (work / "published-urls.txt").unlink()
    build_ok(work / "records", work / "site")
    assert not (work / "site" / "people" / NEW_PERSON).exists()


def test_the_repository_keeps_every_published_record_url() -> None:
    """The cheap half of the guarantee for the real records: every /people/<id>/ and /events/<id>/
    in the committed published-urls.txt still has a record, a redirect or a withdrawal notice."""
    urls = read_urls(paths.PUBLISHED_URLS)
    assert urls, "published-urls.txt is empty"
    assert len(urls) == len(set(urls)), "published-urls.txt lists a URL twice"
    assert all(url.startswith("/") and " " not in url for url in urls)
    lost = []
    for url in urls:
        match = re.fullmatch(r"/(people|events)/([^/]+)/", url)
        if match:
            kind, record_id = match.groups()
            candidates = [paths.RECORDS / kind / f"{record_id}.json"]
            candidates += [paths.RECORDS / folder / f"{record_id}.json" for folder in ("redirects", "withdrawn")]
            if not any(path.is_file() for path in candidates):
                lost.append(url)
    assert not lost, f"published URLs with no record, redirect or withdrawal: {lost}"
