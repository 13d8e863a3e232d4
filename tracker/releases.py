"""Data releases that never change: kept in the repository, published at ``/data/releases/<version>/``.

The rule (also in CONTRIBUTING.md and on the data page): the data version changes whenever the published
data changes. ``python build.py release`` compares the data package the records make now with the newest
kept release, by the hashes of its files; when they differ it keeps a new release under
``releases/<version>/``: the package's zip exactly as the build publishes it, and ``delta.csv``, what
changed since the release before (one row per record: id, kind, change, content hash). The version is
the newest heading of CHANGELOG.md when the editors wrote one for this release (a major or minor change
they describe), else the newest kept release with its patch number raised, for which the command writes
the CHANGELOG heading and the version in CITATION.cff itself.

Why in the repository rather than rebuilt from git history: a release is the bytes people downloaded and
cited, and rebuilding an old commit with today's code would not give them back (the tables' code moves
on). So each release is a zip of a few hundred kilobytes, committed once and never edited: a build checks
every kept zip against the file hashes its descriptor lists, and a test fails if git history shows a
release file changed or removed. A fresh clone's build publishes every kept release, unzipped beside its
zip, and ``/data/versions.json`` lists them newest first.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker import derive, package, package_page, pieces
from tracker.models import ALL_MODELS
from tracker.package import ZIP_NAME
from tracker.problems import BuildFailed
from tracker.validate import Records, links_of

VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
DELTA_NAME = "delta.csv"
DELTA_COLUMNS = ("id", "kind", "change", "content_hash")
CHANGES = ("added", "modified", "removed", "redirected")
LIVE_KINDS = ("people", "events", "sources")
VERSIONS_PATH = "data/versions.json"
RELEASES_PATH = "data/releases"
KEPT_FILES = {ZIP_NAME, DELTA_NAME}
"""What a kept release folder holds, and all it may hold."""


def folder_for(records_dir: Path) -> Path:
    """releases/ lives beside the records folder it releases (as published-urls.txt does)."""
    return records_dir.resolve().parent / "releases"


def version_key(version: str) -> tuple[int, int, int]:
    match = VERSION_RE.match(version)
    if not match:
        raise ValueError(f'"{version}" is not MAJOR.MINOR.PATCH')
    return int(match[1]), int(match[2]), int(match[3])


@dataclass(frozen=True)
class Release:
    """One kept release: its folder and the descriptor inside its zip."""

    version: str
    folder: Path
    descriptor: dict[str, Any]

    @property
    def date(self) -> str:
        """The day it was built (its descriptor's ``created``)."""
        return str(self.descriptor.get("created", ""))[:10]

    def read(self, name: str) -> bytes:
        """A file of the package, from the zip."""
        with zipfile.ZipFile(self.folder / ZIP_NAME) as archive:
            return archive.read(name)


def _problem(where: Path | str, message: str, code: str) -> BuildFailed:
    return BuildFailed(f"{where}: {message} [{code}]")


def kept(releases_dir: Path) -> list[Release]:
    """Every kept release, oldest first; a folder that is not a whole release stops the build."""
    if not releases_dir.is_dir():
        return []
    found = []
    for folder in sorted(releases_dir.iterdir()):
        if folder.name.startswith("."):
            continue
        where = f"releases/{folder.name}"
        if not folder.is_dir() or not VERSION_RE.match(folder.name):
            raise _problem(where, "not a release folder (named MAJOR.MINOR.PATCH)", "release-folder")
        names = {path.name for path in folder.iterdir()}
        if names != KEPT_FILES:
            raise _problem(where, f"holds {sorted(names)}, a release holds {sorted(KEPT_FILES)}", "release-files")
        try:
            with zipfile.ZipFile(folder / ZIP_NAME) as archive:
                descriptor = json.loads(archive.read("datapackage.json"))
        except (zipfile.BadZipFile, KeyError, ValueError) as why:
            raise _problem(f"{where}/{ZIP_NAME}", f"unreadable ({why})", "release-zip") from None
        if descriptor.get("version") != folder.name:
            raise _problem(where, f'its descriptor says version "{descriptor.get("version")}"', "release-version")
        found.append(Release(folder.name, folder, descriptor))
    return sorted(found, key=lambda release: version_key(release.version))


def verify(release: Release) -> None:
    """Every file of the zip has the size and hash its descriptor lists: a release never changes."""
    with zipfile.ZipFile(release.folder / ZIP_NAME) as archive:
        for resource in release.descriptor.get("resources", []):
            content = archive.read(resource["path"])
            digest = "sha256:" + hashlib.sha256(content).hexdigest()
            if (len(content), digest) != (resource.get("bytes"), resource.get("hash")):
                where = f"releases/{release.version}/{ZIP_NAME}: {resource['path']}"
                raise _problem(
                    where, "differs from the hash its descriptor lists (a release never changes)", "release-changed"
                )


def data_digest(descriptor: dict[str, Any]) -> str:
    """What the published data is, in one hash: each data file's name and hash (the descriptor's own
    version and creation time left out, so the same records give the same digest)."""
    parts = sorted(f"{resource['path']}\t{resource.get('hash', '')}" for resource in descriptor.get("resources", []))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def content_hash(record: dict[str, Any]) -> str:
    """SHA-256 of a record as records.json gives it, keys sorted, compact."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hashes(records_json: bytes) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(live records, redirected ids): (kind, id) -> content hash, from a package's records.json."""
    data = json.loads(records_json)
    live = {(kind, record["id"]): content_hash(record) for kind in LIVE_KINDS for record in data.get(kind, [])}
    moved = {(record["kind"], record["id"]): content_hash(record) for record in data.get("redirects", [])}
    return live, moved


def delta_rows(before: bytes | None, after: bytes) -> list[tuple[str, str, str, str]]:
    """(id, kind, change, content hash) of every record that changed between two records.json files
    (``before`` None: the first release, where every record is added), sorted by kind and id.

    The hash is the record's in the new release; for a removed record, the one it had; for a redirected
    id, its redirect's (which names the record it moved to)."""
    old, _ = _hashes(before) if before is not None else ({}, {})
    new, moved = _hashes(after)
    rows = []
    for key in sorted(old.keys() | new.keys()):
        kind, record_id = key
        if key not in old:
            rows.append((record_id, kind, "added", new[key]))
        elif key not in new:
            change, digest = ("redirected", moved[key]) if key in moved else ("removed", old[key])
            rows.append((record_id, kind, change, digest))
        elif old[key] != new[key]:
            rows.append((record_id, kind, "modified", new[key]))
    return sorted(rows, key=lambda row: (row[1], row[0]))


def delta_csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DELTA_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def read_delta(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def next_version(kept_versions: list[str], declared: str) -> str:
    """The version of a new release: the changelog's newest heading if it is newer than every kept
    release (the editors described a major or minor change), else the newest kept one, patch raised."""
    if not kept_versions:
        return declared
    latest = max(kept_versions, key=version_key)
    if version_key(declared) > version_key(latest):
        return declared
    major, minor, patch = version_key(latest)
    return f"{major}.{minor}.{patch + 1}"


def unreleased(package_dir: Path, releases_dir: Path) -> bool:
    """True when the package in package_dir (a built site's data/) holds other data than the newest
    kept release (or nothing is kept yet)."""
    found = kept(releases_dir)
    current = json.loads((package_dir / "datapackage.json").read_bytes())
    return not found or data_digest(found[-1].descriptor) != data_digest(current)


def cut(package_dir: Path, releases_dir: Path) -> Release:
    """Keep the package built in package_dir (a site's data/ folder) as the release its descriptor names,
    with its delta from the newest kept release. Refuses a version already kept: releases never change."""
    version = json.loads((package_dir / "datapackage.json").read_bytes())["version"]
    previous = kept(releases_dir)
    target = releases_dir / version
    if target.exists():
        raise _problem(
            f"releases/{version}", "already kept: a release never changes (raise the version)", "release-exists"
        )
    if previous and version_key(version) <= version_key(previous[-1].version):
        raise _problem(
            f"releases/{version}", f"not newer than the newest release {previous[-1].version}", "release-order"
        )
    before = previous[-1].read("records.json") if previous else None
    rows = delta_rows(before, (package_dir / "records.json").read_bytes())
    staging = releases_dir / f".{version}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copyfile(package_dir / ZIP_NAME, staging / ZIP_NAME)
    (staging / DELTA_NAME).write_bytes(delta_csv(rows))
    staging.rename(target)
    (release,) = [release for release in kept(releases_dir) if release.version == version]
    return release


def versions_document(releases: list[Release], site_url: str) -> bytes:
    """/data/versions.json: every kept release, newest first, with its day, files and delta counts."""
    listed = []
    for release in reversed(releases):
        base = f"{site_url}{RELEASES_PATH}/{release.version}/"
        changes = [row["change"] for row in read_delta((release.folder / DELTA_NAME).read_bytes())]
        listed.append(
            {
                "version": release.version,
                "date": release.date,
                "url": base,
                "datapackage": base + "datapackage.json",
                "zip": base + ZIP_NAME,
                "delta": base + DELTA_NAME,
                "changes": {change: changes.count(change) for change in CHANGES},
            }
        )
    document = {"latest": listed[0]["version"] if listed else None, "versions": listed}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def page_context(releases_dir: Path) -> dict[str, Any]:
    """What the data page shows of the kept releases: version -> the paths of its files (from /data/)."""
    return {
        "kept_releases": {
            release.version: {
                name: f"releases/{release.version}/{name}" for name in ("datapackage.json", ZIP_NAME, DELTA_NAME)
            }
            for release in kept(releases_dir)
        }
    }


def publish(
    releases_dir: Path, data_dir: Path, site_url: str, version: str, progress: Callable[[str], None]
) -> dict[str, Any]:
    """Into a built site's data/ folder: every kept release (its zip, its files unzipped beside it, its
    delta) and versions.json; returns the data page's context (page_context). ``version``: the one the
    build publishes, named if no release keeps it yet."""
    releases = kept(releases_dir)
    for release in releases:
        verify(release)
        out = data_dir / "releases" / release.version
        out.mkdir(parents=True)
        with zipfile.ZipFile(release.folder / ZIP_NAME) as archive:
            for name in sorted(archive.namelist()):
                (out / name).write_bytes(archive.read(name))
        for name in sorted(KEPT_FILES):
            shutil.copyfile(release.folder / name, out / name)
    (data_dir / "versions.json").write_bytes(versions_document(releases, site_url))
    if version not in {release.version for release in releases}:
        progress(f"data version {version} is not kept in releases/ yet: `build.py release` keeps it")
    return page_context(releases_dir)


def rewritten(repo_dir: Path, releases_dir: Path) -> list[str]:
    """Release files that git shows modified, renamed or deleted after they were added, in history or in
    the work tree (empty when releases_dir is not in a git repository)."""
    relative = releases_dir.resolve().relative_to(repo_dir.resolve()).as_posix()
    try:
        history = subprocess.run(
            ["git", "log", "--diff-filter=MDR", "--name-only", "--format=", "--", relative],
            cwd=repo_dir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", relative], cwd=repo_dir, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    changed = {line for line in history.splitlines() if line.strip()}
    changed |= {line[3:] for line in status.splitlines() if line[:2].strip() not in {"", "??", "A"}}
    return sorted(changed)


def build_package(records: Records, out_dir: Path, *, version: str, created: str, today: dt.date) -> dict[str, Any]:
    """The data package the site publishes for these records, at this version: the same files, byte for
    byte, as a build's data/ folder with the same version and time (tracker/pipeline.py). ``today``: the
    build's day, which bounds the coverage a descriptor states."""
    first, covered = pieces.first_and_covered(links_of(records))
    span = pieces.coverage(first, pieces.as_of(covered, today))
    views = derive.views_of(records)
    data = {
        kind: {
            key: package.data_piece(kind, record, views.get(key) if kind == "people" else None)
            for key, record in getattr(records, kind).items()
        }
        for kind in ALL_MODELS
    }
    descriptor = package.write_files(data, out_dir, created=created, version=version, coverage=(span, covered))
    return descriptor


@dataclass
class Outcome:
    """What ``release`` did: the release kept (None when the data had not changed) and what it says."""

    release: Release | None
    message: str
    unreleased: bool = False
    """With ``check_only``: True when the data differ from the newest kept release."""


def release(
    records: Records,
    releases_dir: Path,
    *,
    changelog: Path,
    citation: Path | None,
    epoch: int,
    check_only: bool = False,
) -> Outcome:
    """Keep a new release when the records' data differ from the newest kept one (see the module's rule).

    ``changelog``: CHANGELOG.md (its newest heading may declare the version; an automatic patch release
    gets a heading written there); ``citation``: CITATION.cff, whose version and date follow; ``epoch``:
    the build time (the last commit's), which dates the release as it dates the build."""
    built_at = dt.datetime.fromtimestamp(epoch, dt.UTC)
    created, day = built_at.strftime("%Y-%m-%dT%H:%M:%SZ"), built_at.date()
    found = kept(releases_dir)
    headings = package_page.changelog(changelog)["releases"] if changelog.is_file() else []
    declared = headings[0]["version"] if headings else package.FIRST_VERSION
    with tempfile.TemporaryDirectory() as work:
        probe = build_package(records, Path(work) / "probe", version=declared, created=created, today=day)
        if found and data_digest(probe) == data_digest(found[-1].descriptor):
            return Outcome(None, f"the data are those of release {found[-1].version}: nothing to release")
        version = next_version([release.version for release in found], declared)
        if check_only:
            latest = found[-1].version if found else "none"
            return Outcome(
                None,
                f"records: the data differ from the newest release ({latest}): "
                f"run `build.py release` to keep {version} [unreleased-data]",
                unreleased=True,
            )
        if version != declared:
            before = found[-1].read("records.json") if found else None
            rows = delta_rows(before, (Path(work) / "probe" / "records.json").read_bytes())
            add_changelog_heading(changelog, version, day.isoformat(), rows, found[-1].version if found else None)
        if citation is not None and citation.is_file():
            set_citation_version(citation, version, day.isoformat())
        package_dir = Path(work) / version
        build_package(records, package_dir, version=version, created=created, today=day)
        kept_release = cut(package_dir, releases_dir)
    return Outcome(kept_release, f"kept release {version} in {releases_dir}/{version}/")


def changelog_entry(version: str, day: str, rows: list[tuple[str, str, str, str]], previous: str | None) -> str:
    """The heading and one line an automatic (patch) release adds to CHANGELOG.md."""
    counts = ", ".join(f"{sum(1 for row in rows if row[2] == change)} {change}" for change in CHANGES)
    since = f" since {previous}" if previous else ""
    return f"## {version} — {day}\n\n- Records changed{since}: {counts} (each listed in this release's `{DELTA_NAME}`).\n\n"


def add_changelog_heading(
    changelog: Path, version: str, day: str, rows: list[tuple[str, str, str, str]], previous: str | None
) -> None:
    """Insert an automatic release's heading above the newest one (or at the end of a changelog without)."""
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else "# Data changelog\n\n"
    entry = changelog_entry(version, day, rows, previous)
    at = text.find("\n## ")
    text = text[: at + 1] + entry + text[at + 1 :] if at >= 0 else text.rstrip("\n") + "\n\n" + entry
    changelog.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def set_citation_version(citation: Path, version: str, day: str) -> None:
    """CITATION.cff's ``version`` and ``date-released``, to the release's."""
    text = citation.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: .*$", f'version: "{version}"', text)
    text = re.sub(r"(?m)^date-released: .*$", f'date-released: "{day}"', text)
    citation.write_text(text, encoding="utf-8")
