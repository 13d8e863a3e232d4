"""Issue 16, releases that never change: releases/<version>/ kept, /data/releases/<version>/ published,
/data/versions.json, the delta between releases, the version rule.

Every release here is cut from a temporary copy of tests/fixtures/valid/records (a synthetic record set),
into a temporary releases/ folder with a temporary changelog; never from records/."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID_RECORDS, build_site

from tracker import package, paths, releases
from tracker.package import ZIP_NAME
from tracker.pipeline import check_records
from tracker.problems import BuildFailed

EPOCH_ONE = 1714521600  # 2024-05-01
EPOCH_TWO = 1717200000  # 2024-06-01
EDITED_EVENT = "2024-03-15-test-person-one-sentenced"
CHANGELOG = "# Data changelog\n\nIntro.\n\n## 1.0.0 — 2024-05-01\n\n- First release.\n"


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def frictionless_errors(descriptor: Path) -> list[tuple[str, str]]:
    command = [sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(result.stdout)
    errors = [(task["name"], error["type"]) for task in report["tasks"] for error in task["errors"]]
    return errors if errors or report["valid"] else [("package", "invalid")]


def edit_event(records: Path) -> None:
    path = records / "events" / f"{EDITED_EVENT}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["summary"] += " A synthetic correction for the release test."
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Release 1.0.0 of the fixture, one event edited, then the next release, then a site built from it."""
    work = tmp_path_factory.mktemp("releases")
    records, kept_dir = work / "records", work / "releases"
    shutil.copytree(VALID_RECORDS, records)
    changelog, citation = work / "CHANGELOG.md", work / "CITATION.cff"
    changelog.write_text(CHANGELOG, encoding="utf-8")
    shutil.copyfile(paths.ROOT / "CITATION.cff", citation)
    cut = {"changelog": changelog, "citation": citation}

    first = releases.release(check_records(records), kept_dir, **cut, epoch=EPOCH_ONE)
    first_bytes = files_of(kept_dir / "1.0.0")
    edit_event(records)
    check = releases.release(check_records(records), kept_dir, **cut, epoch=EPOCH_TWO, check_only=True)
    second = releases.release(check_records(records), kept_dir, **cut, epoch=EPOCH_TWO)
    again = releases.release(check_records(records), kept_dir, **cut, epoch=EPOCH_TWO)
    site = build_site(records, work / "site")  # releases/ sits beside records/, as in the repository
    return {
        "records": records,
        "kept": kept_dir,
        "first": first,
        "first_bytes": first_bytes,
        "check": check,
        "second": second,
        "again": again,
        "site": site,
        "changelog": changelog,
        "citation": citation,
    }


def test_the_first_release_never_changes(two_releases: dict[str, Any]) -> None:
    assert two_releases["first"].release.version == "1.0.0"
    assert files_of(two_releases["kept"] / "1.0.0") == two_releases["first_bytes"]
    assert sorted(two_releases["first_bytes"]) == sorted(releases.KEPT_FILES)


def test_the_delta_lists_exactly_the_change(two_releases: dict[str, Any]) -> None:
    second = two_releases["second"].release
    assert second.version == "1.0.1", "a change with no new changelog heading is a patch release"
    rows = releases.read_delta((second.folder / releases.DELTA_NAME).read_bytes())
    edited = check_records(two_releases["records"]).events[EDITED_EVENT].model_dump(mode="json")
    assert rows == [
        {"id": EDITED_EVENT, "kind": "events", "change": "modified", "content_hash": releases.content_hash(edited)}
    ]
    # The first release's delta lists every record, added.
    first = releases.read_delta((two_releases["kept"] / "1.0.0" / releases.DELTA_NAME).read_bytes())
    assert {row["change"] for row in first} == {"added"}
    assert len(first) == sum(len(list((VALID_RECORDS / kind).glob("*.json"))) for kind in releases.LIVE_KINDS)


def test_unchanged_data_make_no_release_and_a_change_fails_the_check(two_releases: dict[str, Any]) -> None:
    assert two_releases["check"].unreleased and "[unreleased-data]" in two_releases["check"].message
    assert two_releases["check"].release is None
    assert two_releases["again"].release is None and not two_releases["again"].unreleased
    assert sorted(path.name for path in two_releases["kept"].iterdir()) == ["1.0.0", "1.0.1"]


def test_the_changelog_and_citation_follow_the_release(two_releases: dict[str, Any]) -> None:
    from tracker.package_page import changelog

    headings = changelog(two_releases["changelog"])["releases"]
    assert [(h["version"], h["date"]) for h in headings] == [("1.0.1", "2024-06-01"), ("1.0.0", "2024-05-01")]
    assert "0 added, 1 modified, 0 removed, 0 redirected" in headings[0]["changes"][0]
    text = two_releases["citation"].read_text(encoding="utf-8")
    assert re.search(r'(?m)^version: "1\.0\.1"$', text) and re.search(r'(?m)^date-released: "2024-06-01"$', text)


def test_the_site_publishes_every_release_and_lists_two_versions(two_releases: dict[str, Any]) -> None:
    site = two_releases["site"]
    versions = json.loads((site / releases.VERSIONS_PATH).read_text(encoding="utf-8"))
    assert [(v["version"], v["date"]) for v in versions["versions"]] == [
        ("1.0.1", "2024-06-01"),
        ("1.0.0", "2024-05-01"),
    ]
    assert versions["latest"] == "1.0.1"
    assert versions["versions"][0]["changes"] == {"added": 0, "modified": 1, "removed": 0, "redirected": 0}
    for version in ("1.0.0", "1.0.1"):
        folder = site / releases.RELEASES_PATH / version
        kept = two_releases["kept"] / version
        assert (folder / ZIP_NAME).read_bytes() == (kept / ZIP_NAME).read_bytes()
        assert (folder / releases.DELTA_NAME).read_bytes() == (kept / releases.DELTA_NAME).read_bytes()
        with zipfile.ZipFile(kept / ZIP_NAME) as archive:
            for name in archive.namelist():
                assert (folder / name).read_bytes() == archive.read(name), f"{version}/{name} is not the zip's"
    assert versions["versions"][0]["datapackage"].endswith("/data/releases/1.0.1/datapackage.json")


def test_every_published_descriptor_passes_frictionless(two_releases: dict[str, Any]) -> None:
    site = two_releases["site"]
    descriptors = [site / "data" / "datapackage.json", *sorted((site / "data" / "releases").glob("*/datapackage.json"))]
    assert len(descriptors) == 3
    for descriptor in descriptors:
        assert frictionless_errors(descriptor) == [], descriptor


def test_a_release_is_the_package_a_build_publishes(built_site: Path, site_records: Path, tmp_path: Path) -> None:
    """build_package (what a release keeps) gives the site's data files byte for byte."""
    published = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    created = published["created"]
    day = dt.date.fromisoformat(created[:10])
    releases.build_package(
        check_records(site_records), tmp_path, version=published["version"], created=created, today=day
    )
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (built_site / "data" / path.name).read_bytes(), path.name


# The rule and the guards ---------------------------------------------------------------------------


def test_next_version_follows_the_changelog_or_raises_the_patch() -> None:
    assert releases.next_version([], "2.0.0") == "2.0.0"
    assert releases.next_version(["2.0.0"], "2.0.0") == "2.0.1"
    assert releases.next_version(["2.0.0", "2.0.1"], "2.0.0") == "2.0.2"
    assert releases.next_version(["2.0.0", "2.0.1"], "2.1.0") == "2.1.0"
    assert releases.next_version(["2.0.9", "2.0.10"], "2.0.0") == "2.0.11", "numbers compare as numbers"


def _records_json(**kinds: list[dict[str, Any]]) -> bytes:
    return json.dumps({kind: kinds.get(kind, []) for kind in (*releases.LIVE_KINDS, "redirects", "withdrawn")}).encode()


def test_delta_names_each_kind_of_change() -> None:
    one, two, three = {"id": "person-one", "name": "A"}, {"id": "person-two", "name": "B"}, {"id": "person-three"}
    before = _records_json(people=[one, two, three])
    redirect = {"id": "person-two", "kind": "people", "to": "person-one", "date": "2025", "reason": "merged"}
    after = _records_json(people=[{**one, "name": "A2"}, {"id": "person-four"}], redirects=[redirect])
    rows = releases.delta_rows(before, after)
    assert [(row[0], row[2]) for row in rows] == [
        ("person-four", "added"),
        ("person-one", "modified"),
        ("person-three", "removed"),
        ("person-two", "redirected"),
    ]
    hashes = {row[0]: row[3] for row in rows}
    assert hashes["person-three"] == releases.content_hash(three), "a removed record gives the hash it had"
    assert hashes["person-two"] == releases.content_hash(redirect)
    assert releases.delta_rows(before, before) == []


@pytest.fixture
def one_release(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    shutil.copytree(VALID_RECORDS, records)
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG, encoding="utf-8")
    releases.release(check_records(records), tmp_path / "releases", changelog=changelog, citation=None, epoch=EPOCH_ONE)
    return tmp_path / "releases"


def test_a_changed_release_stops_the_build(one_release: Path) -> None:
    (release,) = releases.kept(one_release)
    releases.verify(release)  # as kept, it verifies
    path = one_release / "1.0.0" / ZIP_NAME
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["people.csv"] = members["people.csv"].replace(b"Test", b"Tost")
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(BuildFailed, match=r"releases/1\.0\.0/.*people\.csv: differs .*\[release-changed\]"):
        releases.verify(releases.kept(one_release)[0])


def test_a_kept_version_is_never_written_again(one_release: Path, tmp_path: Path) -> None:
    package_dir = tmp_path / "package"
    records = check_records(VALID_RECORDS)
    releases.build_package(
        records, package_dir, version="1.0.0", created="2024-07-01T00:00:00Z", today=dt.date(2024, 7, 1)
    )
    with pytest.raises(BuildFailed, match=r"\[release-exists\]"):
        releases.cut(package_dir, one_release)


def test_a_release_folder_holds_only_its_files(one_release: Path) -> None:
    (one_release / "1.0.0" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"releases/1\.0\.0: holds .*\[release-files\]"):
        releases.kept(one_release)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True, capture_output=True
    )


def test_git_history_shows_a_rewritten_release(tmp_path: Path) -> None:
    kept = tmp_path / "releases" / "1.0.0"
    kept.mkdir(parents=True)
    (kept / "delta.csv").write_text("id,kind,change,content_hash\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "release")
    assert releases.rewritten(tmp_path, tmp_path / "releases") == []
    (kept / "delta.csv").write_text("changed\n", encoding="utf-8")
    assert releases.rewritten(tmp_path, tmp_path / "releases") == ["releases/1.0.0/delta.csv"]
    git(tmp_path, "commit", "-qam", "rewrite")
    assert releases.rewritten(tmp_path, tmp_path / "releases") == ["releases/1.0.0/delta.csv"]


def test_no_kept_release_of_the_repository_was_ever_changed() -> None:
    assert releases.rewritten(paths.ROOT, paths.ROOT / "releases") == []
    for release in releases.kept(paths.ROOT / "releases"):
        releases.verify(release)


# The repository's own build ------------------------------------------------------------------------


def test_every_page_cites_a_version_that_stays_downloadable(real_site: Path) -> None:
    versions = json.loads((real_site / releases.VERSIONS_PATH).read_text(encoding="utf-8"))
    listed = {entry["version"] for entry in versions["versions"]}
    assert listed == {release.version for release in releases.kept(paths.ROOT / "releases")}
    cited = set()
    for page in [*real_site.glob("people/*/index.html"), *real_site.glob("hy/events/*/index.html")]:
        found = set(re.findall(r'data/#version-(\d+)-(\d+)-(\d+)"', page.read_text(encoding="utf-8")))
        assert len(found) == 1, f"{page}: the citation names {found}"
        cited |= {".".join(parts) for parts in found}
    assert cited == {package.current_version()}
    for version in cited:
        assert version in listed, f"data version {version} is cited but not kept: run build.py release"
        assert (real_site / releases.RELEASES_PATH / version / "datapackage.json").is_file()
    for descriptor in sorted((real_site / releases.RELEASES_PATH).glob("*/datapackage.json")):
        assert frictionless_errors(descriptor) == [], descriptor


@pytest.mark.parametrize("kept", [True, False])
def test_the_release_command_brings_datapackage_json_to_a_kept_release(
    kept: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept release changes the version the committed datapackage.json must carry (the tests of the
    repository's own descriptor fail otherwise); no release, no rewrite."""
    from conftest import run

    release = releases.Release("9.9.9", tmp_path, {}) if kept else None
    outcome = releases.Outcome(release, "kept release 9.9.9" if kept else "nothing to release")
    monkeypatch.setattr(releases, "release", lambda *args, **kwargs: outcome)
    monkeypatch.setattr("tracker.pipeline.check_records", lambda records_dir: None)
    regenerated: list[Path] = []
    monkeypatch.setattr(package, "regenerate_descriptor", lambda path: regenerated.append(path) or True)
    result = run("release", "--records", str(VALID_RECORDS))
    assert result.exit_code == 0, result.stderr
    assert regenerated == ([paths.DATAPACKAGE] if kept else [])
    assert ("datapackage.json: version 9.9.9" in result.stdout) is kept
