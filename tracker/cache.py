"""Stage support: the build cache, kept beside the output for the next build to reuse.

A build computes each record's unit (tracker/units.py) and keeps, per unit, what it read (its
dependency keys, tracker/recording.py), its piece of the shared outputs and the files it wrote; per
record file, its size, time and content digest, and the facts the checks between records need; the
theme's output; and the digests of everything else a unit can read (histories, the day, the theme's
pages). The next build works out which keys changed and computes again only the units that read one.
An empty cache is a clean build; code, templates, pages, settings or libraries that changed since
(the *fingerprint*) empty it.

The cache is written in three parts, the pieces first (the bulk), then the rest but the units, then the
units with their dependency keys numbered (each key written once); a build that changed a
few units appends their changes to a journal instead, and the whole is written anew once the journal
has grown to a fraction of it. A busy mark stands while an update replaces files: a cache found with
it is not trusted.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import os
import pickle
import sys
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import paths, releases
from tracker.pages import Shell
from tracker.pieces import Pieces
from tracker.tuning import JOURNAL_SHARE
from tracker.validate import Links

FORMAT = 4
"""Cache layout version: a cache of another version is ignored (everything is computed)."""
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "jinja2",
    "pydantic",
    "babel",
    "pygal",
    "feedgen",
    "markupsafe",
    "pagefind",
    "XlsxWriter",
    "sqlite-utils",
)
"""Libraries whose version shapes the output."""


def fingerprint(records_dir: Path, site_url: str) -> str:
    """Digest of everything besides the records (and their history) that the output depends on: the code,
    templates, hand-written pages, settings, changelog, published URLs, kept data releases, Python and
    library versions."""
    digest = hashlib.sha256(f"{FORMAT}\n{sys.version}\n{site_url}\n{records_dir.resolve()}\n".encode())
    for name in PACKAGES:
        digest.update(f"{name}={importlib.metadata.version(name)}\n".encode())
    watched = [paths.MKDOCS_YML, paths.CHANGELOG, records_dir.resolve().parent / "published-urls.txt"]
    for folder in (paths.ROOT / "tracker", paths.TEMPLATES, paths.DOCS, releases.folder_for(records_dir)):
        watched += sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    for path in watched:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"(none)")
    return digest.hexdigest()


@dataclass(slots=True)
class FileState:
    """A record file as last read."""

    stat: tuple[int, int]
    """(modification time in ns, size): when unchanged, the file is not read again."""
    digest: str
    """SHA-256 of its content."""


@dataclass(slots=True)
class Unit:
    """What a record's unit read and wrote at the last build (its piece is in Cache.pieces)."""

    reads: tuple[str, ...]
    """Dependency keys (tracker/recording.py), each string shared by every unit that read it. A tuple:
    a fifth of a frozenset's memory (65,000 units at 10,000 people), and ``set.isdisjoint`` takes it."""
    files: tuple[str, ...]
    """Site-relative paths of the files it wrote."""


@dataclass
class LanguageTheme:
    """What the theme (mkdocs-material) built for one language, kept so that a build whose theme inputs
    did not change runs no mkdocs at all."""

    page_shells: dict[str, tuple[str, str]]
    """Docs path of a generated page (people/index.md, ...) -> its built HTML before and after the body."""
    record_shells: dict[str, Shell]
    """The theme's page around person and event pages (tracker/pages.py)."""
    theme_index: dict[str, str]
    """The theme's pages the search indexes: URL -> HTML (tracker/search.theme_pages)."""
    theme_sitemap: dict[str, str]
    """The theme's sitemap entries (URL -> last change) without record pages."""


@dataclass
class Theme:
    key: str
    """Digest of the theme's inputs: the docs folder and settings it was built from."""
    languages: dict[str, LanguageTheme]
    scripts: set[str]
    """Hashes of every inline script the theme's pages run (for the security headers)."""
    files: tuple[str, ...]
    """Site-relative paths of the theme's own files in the output."""


@dataclass
class Cache:
    fingerprint: str
    files: dict[str, FileState] = field(default_factory=dict)
    """Record file ("people/x.json") -> its state."""
    links: dict[tuple[str, str], Links] = field(default_factory=dict)
    """(kind, id) -> what the checks between records need of it."""
    units: dict[tuple[str, str], Unit] = field(default_factory=dict)
    pieces: Pieces = field(default_factory=Pieces)
    digests: dict[str, str] = field(default_factory=dict)
    """Dependency key -> digest, for keys other than record files (histories, the day, theme pages)."""
    outputs: dict[str, str] = field(default_factory=dict)
    """Shared output name -> digest of what it was assembled from."""
    theme: Theme | None = None
    head: str = ""
    """The git commit the histories were read at."""
    format: int = FORMAT

    @property
    def empty(self) -> bool:
        return not self.units and self.theme is None


@dataclass
class Delta:
    """What one build changed in the cache: entries set, entries removed, attributes replaced."""

    set: dict[str, dict[Any, Any]]
    removed: dict[str, list[Any]]
    replaced: dict[str, Any]

    def apply_to(self, cache: Cache) -> None:
        for name, entries in self.set.items():
            _table(cache, name).update(entries)
        for name, keys in self.removed.items():
            table = _table(cache, name)
            for key in keys:
                table.pop(key, None)
        for name, value in self.replaced.items():
            setattr(cache, name, value)


def _table(cache: Cache, name: str) -> dict[Any, Any]:
    """A cache table by name: "files", "units", ..., or "pieces.people" and the like."""
    if name.startswith("pieces.data."):
        return cache.pieces.data.setdefault(name.removeprefix("pieces.data."), {})
    if name.startswith("pieces."):
        return getattr(cache.pieces, name.removeprefix("pieces."))
    return getattr(cache, name)


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: reading or writing a cache (or records) creates hundreds of
    thousands of objects and no cycles, and collections triggered along the way would double the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def discard(out_dir: Path) -> None:
    for part in ("cache", "journal", "busy"):
        paths.beside(out_dir, part).unlink(missing_ok=True)


def load(out_dir: Path, current_fingerprint: str) -> Cache | None:
    """The cache beside out_dir with its journal applied, or None when there is none usable (everything is
    computed): missing, truncated, written by other code or for other inputs, or left busy."""
    if paths.beside(out_dir, "busy").exists() or not (out_dir / "index.html").is_file():
        return None
    try:
        with paused_collection():
            with paths.beside(out_dir, "cache").open("rb") as handle:
                shared = pickle.load(handle)
                cache = pickle.load(handle)
                if not isinstance(cache, Cache) or cache.format != FORMAT or not isinstance(shared, Pieces):
                    return None
                if cache.fingerprint != current_fingerprint:
                    return None
                cache.units = _unpacked(*pickle.load(handle))
            cache.pieces = shared
            journal = paths.beside(out_dir, "journal")
            if journal.exists():
                with journal.open("rb") as handle:
                    while handle.peek(1):
                        delta = pickle.load(handle)
                        if not isinstance(delta, Delta):
                            return None
                        delta.apply_to(cache)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError, IndexError):
        return None
    gc.freeze()  # held to the end of the build (see pipeline._frozen_heap)
    return cache


def save(out_dir: Path, cache: Cache) -> None:
    """Write the whole cache (pieces first, then the rest) and start an empty journal."""
    target = paths.beside(out_dir, "cache")
    temporary = target.with_name(target.name + ".tmp")
    try:
        with paused_collection(), temporary.open("wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            # No memo of every object written (a hundred megabytes for 60,000 records): nothing written
            # shares objects that matter or holds a cycle, once the units' keys are numbered (_packed).
            pickler.fast = True
            pickler.dump(cache.pieces)
            pickler.dump(Cache(**{**cache.__dict__, "pieces": Pieces(), "units": {}}))
            pickler.dump(_packed(cache.units))
        paths.beside(out_dir, "journal").unlink(missing_ok=True)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _packed(
    units: dict[tuple[str, str], Unit],
) -> tuple[list[str], dict[tuple[str, str], tuple[bytes, tuple[str, ...]]]]:
    """The units as written: every dependency key once, in a list, and each unit's keys as their
    numbers in it (4 bytes each), with its files."""
    number: dict[str, int] = {}
    packed = {
        key: (array("I", [number.setdefault(read, len(number)) for read in unit.reads]).tobytes(), unit.files)
        for key, unit in units.items()
    }
    return list(number), packed


def _unpacked(
    keys: list[str], packed: dict[tuple[str, str], tuple[bytes, tuple[str, ...]]]
) -> dict[tuple[str, str], Unit]:
    """The units as _packed wrote them, each key one string shared by every unit that read it."""
    units = {}
    for key, (numbers, files) in packed.items():
        indices = array("I")
        indices.frombytes(numbers)
        units[key] = Unit(tuple(map(keys.__getitem__, indices)), files)
    return units


def keep(out_dir: Path, cache: Cache, delta: Delta) -> None:
    """Keep a build's changes (already applied to ``cache``): appended to the journal, or, once the
    journal has grown to a fraction of the cache, the whole cache written anew."""
    journal = paths.beside(out_dir, "journal")
    size = journal.stat().st_size if journal.exists() else 0
    whole = paths.beside(out_dir, "cache")
    if not whole.exists() or size * JOURNAL_SHARE > whole.stat().st_size:
        save(out_dir, cache)
        return
    with paused_collection(), journal.open("ab") as handle:
        pickle.dump(delta, handle, protocol=pickle.HIGHEST_PROTOCOL)
