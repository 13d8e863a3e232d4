"""SHA256SUMS: the digest of every file the site publishes, so that anyone can check a deployed page,
or the whole site, against a build of the same commit (the build is reproducible; see README).

GNU coreutils' format (`sha256sum --check SHA256SUMS` in the site folder verifies it): one
``<hex digest>  <path>`` line per file, sorted by path, every file of the site except this one.
A full build writes it last; an in-place update rewrites only the lines of the files it replaces or adds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

NAME = "SHA256SUMS"


def digest_of(content: bytes | Path) -> str:
    """The hex SHA-256 of some bytes, or of a file's content."""
    if isinstance(content, Path):
        with content.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    return hashlib.sha256(content).hexdigest()


def line(digest: str, path: str) -> bytes:
    """One line of the file: a site-relative path and its hex digest."""
    return f"{digest}  {path}\n".encode()


def text_of(digests: Mapping[str, str]) -> bytes:
    """The file's content for these site-relative paths and their digests."""
    return b"".join(line(digests[path], path) for path in sorted(digests))


def read(site_dir: Path) -> dict[str, str]:
    """A built site's SHA256SUMS as path -> digest (empty when it has none)."""
    sums = site_dir / NAME
    if not sums.is_file():
        return {}
    lines = sums.read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines if line)}


def write(site_dir: Path, files: Iterable[str], known: Mapping[str, bytes] | None = None) -> None:
    """Digest these files of site_dir (site-relative paths) into its SHA256SUMS; ``known``: the raw
    SHA-256 of files whose writer digested them as it wrote them (they are not read again)."""
    known = known or {}
    # A line at a time (text_of gives the same bytes): on a large site the digests and the whole text at once
    # were 120 MB more at the build's peak.
    with (site_dir / NAME).open("wb") as handle:
        for relative in sorted(set(files) - {NAME}):
            handle.write(line(known[relative].hex() if relative in known else digest_of(site_dir / relative), relative))


def updated(
    site_dir: Path,
    changed: Mapping[str, bytes | Path],
    deleted: Iterable[str] = (),
    known: Mapping[str, bytes] | None = None,
) -> bytes | None:
    """site_dir's SHA256SUMS once ``changed`` (site-relative path -> new content, or a file holding it)
    has replaced or joined its files and ``deleted`` are gone; None when site_dir has no SHA256SUMS.
    ``known``: as for write."""
    digests = read(site_dir)
    if not digests:
        return None
    known = known or {}
    for relative in deleted:
        digests.pop(relative, None)
    for relative, content in changed.items():
        digests[relative] = known[relative].hex() if relative in known else digest_of(content)
    return text_of(digests)
