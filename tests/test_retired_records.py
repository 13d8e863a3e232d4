"""Retired records keep their URLs: a redirect (renamed, merged) or a withdrawal notice stands where
the page was, out of the sitemap and the search index, its id still in the data package; `check`
refuses a redirect to nowhere, a retired id reused by a live record, and a reason off the closed list.
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import (
    KEPT_EVENT,
    KEPT_PERSON,
    NEW_EVENT,
    NEW_PERSON,
    VALID_RECORDS,
    Head,
    build_ok,
    page,
    remove_third_person,
    run,
    write_json,
)

from tracker import search
from tracker.verify import exists


def retire_third_person(records: Path) -> Path:
    """Remove the third person and their event, keeping their URLs: a redirect (renamed) and a
    withdrawal notice (an error). Returns records."""
    remove_third_person(records)
    write_json(
        records / "redirects" / f"{NEW_PERSON}.json",
        {"id": NEW_PERSON, "kind": "people", "to": KEPT_PERSON, "date": "2025-01-15", "reason": "renamed"},
    )
    write_json(
        records / "withdrawn" / f"{NEW_EVENT}.json",
        {"id": NEW_EVENT, "kind": "events", "date": "2025-02-03", "reason": "error"},
    )
    return records


def test_a_redirect_keeps_a_renamed_persons_url(work: Path) -> None:
    records = work / "records"
    remove_third_person(records)
    write_json(
        records / "redirects" / f"{NEW_PERSON}.json",
        {"id": NEW_PERSON, "kind": "people", "to": KEPT_PERSON, "date": "2025-01-15", "reason": "renamed"},
    )
    write_json(
        records / "redirects" / f"{NEW_EVENT}.json",
        {"id": NEW_EVENT, "kind": "events", "to": KEPT_EVENT, "date": "2025-01-15", "reason": "merged"},
    )
    site = build_ok(records, work / "site")

    for old, new in (
        (f"/people/{NEW_PERSON}/", f"/people/{KEPT_PERSON}/"),
        (f"/events/{NEW_EVENT}/", f"/events/{KEPT_EVENT}/"),
    ):
        text = page(site, old)
        head = Head(text)
        refresh = head.refresh()
        assert len(refresh) == 1, f"{old}: expected one meta refresh, found {refresh}"
        delay, _, target = refresh[0].partition(";")
        assert delay.strip() == "0"
        target = target.strip().removeprefix("url=")
        resolved = os.path.normpath(os.path.join(old, target)) + "/"
        assert resolved == new, f"{old} redirects to {target} ({resolved}), not {new}"
        assert exists(site, resolved)
        assert "noindex" in head.named("robots"), f"{old} is not marked noindex"
        assert "has moved" in text and "15 January 2025" in text
        assert f'href="{target}"' in text, "the notice also links to the new page (for readers without refresh)"
        assert not head.named("citation_title"), "a redirect is not a citable page"
    # The retired id is not listed as a person any more, and the rename is not in the search index.
    assert f"{NEW_PERSON}/" not in page(site, "/people/")
    assert not [p["url"] for p in search.indexed_pages(site) if NEW_PERSON in p["url"] + p["content"]]


def test_a_withdrawal_notice_keeps_a_withdrawn_persons_url(work: Path) -> None:
    records = work / "records"
    remove_third_person(records)
    note = "The record was withdrawn to protect the person's family."
    write_json(
        records / "withdrawn" / f"{NEW_PERSON}.json",
        {"id": NEW_PERSON, "kind": "people", "date": "2025-02-03", "reason": "safety", "note": note},
    )
    write_json(
        records / "withdrawn" / f"{NEW_EVENT}.json",
        {"id": NEW_EVENT, "kind": "events", "date": "2025-02-03", "reason": "error"},
    )
    site = build_ok(records, work / "site")

    text = page(site, f"/people/{NEW_PERSON}/")
    head = Head(text)
    assert "noindex" in head.named("robots")
    assert not head.refresh(), "a withdrawn record does not redirect anywhere"
    assert "withdrawn on 3 February 2025" in text  # when
    assert "publishing it could put someone at risk" in text  # why (the label of the closed-list reason)
    assert note in html.unescape(text)
    assert "Test Person Three" not in text, "a withdrawn person's name must not stay on the notice"
    assert not head.named("citation_title")

    event_text = page(site, f"/events/{NEW_EVENT}/")
    assert "withdrawn on 3 February 2025" in event_text and "it was found to be wrong" in event_text
    assert "noindex" in Head(event_text).named("robots")
    assert not [p["url"] for p in search.indexed_pages(site) if "Test Person Three" in p["content"]]


def test_retired_pages_are_left_out_of_the_sitemap(work: Path) -> None:
    site = build_ok(retire_third_person(work / "records"), work / "site")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/people/{NEW_PERSON}/" not in sitemap
    assert f"/events/{NEW_EVENT}/" not in sitemap


def test_retired_ids_appear_in_the_data_package(work: Path) -> None:
    site = build_ok(retire_third_person(work / "records"), work / "site")
    data = "\n".join(
        path.read_text(encoding="utf-8") for path in (site / "data").iterdir() if path.suffix in {".csv", ".json"}
    )
    assert NEW_PERSON in data, "the redirected id is nowhere in the data package"
    assert NEW_EVENT in data, "the withdrawn id is nowhere in the data package"


def check(records: Path) -> Result:
    return run("check", "--records", str(records))


def test_a_redirect_to_an_unknown_record_is_a_problem(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID_RECORDS, records)
    write_json(
        records / "redirects" / "old-name.json",
        {"id": "old-name", "kind": "people", "to": "test-person-nine", "date": "2025-01-15", "reason": "renamed"},
    )
    result = check(records)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.endswith("]")]
    assert len(lines) == 1, result.stderr
    assert "redirects/old-name.json: to: " in lines[0]
    assert '"test-person-nine"' in lines[0]
    assert lines[0].endswith("[unknown-reference]")


def test_a_redirect_to_a_record_of_another_kind_is_a_problem(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID_RECORDS, records)
    write_json(
        records / "redirects" / "old-name.json",
        {"id": "old-name", "kind": "events", "to": KEPT_PERSON, "date": "2025-01-15", "reason": "merged"},
    )
    result = check(records)
    assert result.exit_code == 1
    assert "[unknown-reference]" in result.stderr


@pytest.mark.parametrize("folder", ["withdrawn", "redirects"])
def test_a_retired_id_reused_by_a_live_record_is_a_problem(tmp_path: Path, folder: str) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID_RECORDS, records)
    retired: dict[str, Any] = {"id": "test-person-two", "kind": "people", "date": "2025-01-15"}
    retired |= {"reason": "error"} if folder == "withdrawn" else {"reason": "renamed", "to": KEPT_PERSON}
    write_json(records / folder / "test-person-two.json", retired)
    result = check(records)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "[reserved-id]" in line]
    assert len(lines) == 1, result.stderr
    assert f"{folder}/test-person-two.json: id: " in lines[0]
    assert "people/test-person-two.json" in lines[0], "the problem names the live record that reuses the id"


def test_valid_redirect_and_withdrawal_pass_check(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID_RECORDS, records)
    write_json(
        records / "redirects" / "test-person-one-old.json",
        {"id": "test-person-one-old", "kind": "people", "to": KEPT_PERSON, "date": "2025-01", "reason": "renamed"},
    )
    write_json(
        records / "withdrawn" / "test-person-four.json",
        {"id": "test-person-four", "kind": "people", "date": "2025-01-15", "reason": "request-of-person-or-family"},
    )
    result = check(records)
    assert result.exit_code == 0, result.stderr


def test_a_withdrawal_reason_comes_from_the_closed_list(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID_RECORDS, records)
    write_json(
        records / "withdrawn" / "test-person-four.json",
        {"id": "test-person-four", "kind": "people", "date": "2025-01-15", "reason": "we felt like it"},
    )
    result = check(records)
    assert result.exit_code == 1
    assert "withdrawn/test-person-four.json: reason" in result.stderr
