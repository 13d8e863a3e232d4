"""Reproducible builds: the same records and SOURCE_DATE_EPOCH give the same bytes in any folder,
the data zip included, and every timestamp comes from SOURCE_DATE_EPOCH (builds from git:
test_history.py)."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import (
    EPOCH_DAY,
    SITEMAP,
    VALID_RECORDS,
    build_ok,
    differences,
    files_of,
    without_chart_ids,
)

from tracker.package import ZIP_NAME


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same records (fixture + synthetic people) built twice, same SOURCE_DATE_EPOCH, two folders."""
    from tracker.synth import synthesize

    root = tmp_path_factory.mktemp("twins")
    records = root / "records"
    shutil.copytree(VALID_RECORDS, records)
    synthesize(6, records, seed=5)
    return build_ok(records, root / "one" / "site"), build_ok(records, root / "elsewhere" / "out")


def test_two_builds_are_byte_identical(twin_builds: tuple[Path, Path]) -> None:
    one, two = twin_builds
    changed = differences(files_of(one), files_of(two))
    assert not changed, f"two builds of the same records differ in: {changed}"


def test_two_builds_are_identical_apart_from_the_chart_ids(twin_builds: tuple[Path, Path]) -> None:
    """With pygal's chart ids set aside, every file is the same: where the test above fails, this one
    tells whether the charts alone differ."""
    one, two = (files_of(site) for site in twin_builds)
    assert len(one) > 50
    changed = differences(without_chart_ids(one), without_chart_ids(two))
    assert not changed, f"two builds of the same records differ in: {changed}"


def test_the_data_zip_is_identical_with_fixed_times(twin_builds: tuple[Path, Path]) -> None:
    one, two = (site / "data" / ZIP_NAME for site in twin_builds)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert {info.date_time for info in infos} == {(2024, 5, 1, 0, 0, 0)}, "zip times come from SOURCE_DATE_EPOCH"
        assert archive.testzip() is None


def test_build_timestamps_come_from_source_date_epoch(twin_builds: tuple[Path, Path]) -> None:
    site = twin_builds[0]
    descriptor = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2024-05-01T00:00:00Z"
    lastmods = {node.text for node in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}lastmod")}
    assert lastmods == {EPOCH_DAY}, "outside git every page's last change is the build day"
