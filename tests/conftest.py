"""Shared fixtures: sites built once per session, and headless Chromium for the browser tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_RECORDS = FIXTURES / "valid" / "records"
HOSTILE_RECORDS = FIXTURES / "hostile" / "records"
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


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
