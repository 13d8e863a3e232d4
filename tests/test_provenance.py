"""Every fact traceable: per-fact footnotes, labels per vocabulary, how far the record reaches, a
reader's change history, and no working notes on a published page."""

from __future__ import annotations

import json
import re
import shutil
from enum import StrEnum
from pathlib import Path

import pytest
from conftest import VALID_RECORDS, build_site, git

from tracker import vocab
from tracker.editorial import PLACEHOLDER, WORKING_WORDS
from tracker.history import FieldChange, diff_records
from tracker.i18n import HY_LABELS, Language

VOCABULARIES = [
    value
    for value in vars(vocab).values()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_value_has_its_own_label_in_both_languages(vocabulary: type[StrEnum]) -> None:
    english = vocab.LABELS[vocabulary]
    armenian = HY_LABELS[vocabulary]
    for member in vocabulary:
        assert member in english, f"{vocabulary.__name__}.{member.name} has no English label"
        assert member.value in armenian, f"{vocabulary.__name__}.{member.name} has no Armenian label"
        assert Language("hy").label(member) == armenian[member.value]
        assert Language("en").label(member) == english[member]


def test_same_value_in_two_vocabularies_keeps_each_wording() -> None:
    """StrEnum members with equal values compare equal: one shared table let one overwrite the other."""
    shared = {m.value for m in vocab.SourceKind} & {m.value for m in vocab.AccountGiver}
    assert shared, "the test needs values the two vocabularies share"
    for value in shared:
        kind, account = vocab.SourceKind(value), vocab.AccountGiver(value)
        assert vocab.label(kind) == vocab.LABELS[vocab.SourceKind][kind]
        assert vocab.label(account) == vocab.LABELS[vocab.AccountGiver][account]
    assert vocab.label(vocab.SourceKind.AZERBAIJANI_STATE_MEDIA) == "Azerbaijani state or pro-government media"
    assert vocab.label(vocab.AccountGiver.AZERBAIJANI_STATE_MEDIA) == "Azerbaijani state media"


def test_a_claimant_is_named_as_the_same_party_giving_an_account() -> None:
    assert {m.value for m in vocab.Claimant} <= {m.value for m in vocab.AccountGiver}


# Per-fact footnotes on a joint verdict -------------------------------------------------------------

JOINT = "2024-04-01-joint-verdict"


def _joint_records(where: Path) -> Path:
    """The valid fixture plus a joint verdict where one source gives both sentences and another only one."""
    records = where / "records"
    shutil.copytree(VALID_RECORDS, records)
    event = {
        "id": JOINT,
        "date": "2024-04-01",
        "type": "verdict",
        "title": "Both test people sentenced together (invented)",
        "summary": "An invented court sentenced both; only the invented NGO report gives the second sentence.",
        "court": "Example Military Court",
        "people": [
            {
                "person": "test-person-one",
                "role": "defendant",
                "sentence": {"life": True},
                "sources": [{"source": "example-news-detentions"}, {"source": "example-ngo-report"}],
            },
            {
                "person": "test-person-two",
                "role": "defendant",
                "sentence": {"years": 12},
                "sources": [{"source": "example-ngo-report"}],
            },
        ],
        "sources": [{"source": "example-news-detentions"}, {"source": "example-ngo-report"}],
    }
    (records / "events" / f"{JOINT}.json").write_text(json.dumps(event), encoding="utf-8")
    return records


@pytest.fixture(scope="module")
def joint_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("joint")
    return build_site(_joint_records(where), where / "site")


def _footnoted(html: str, row_text: str) -> set[str]:
    """The source URLs footnoted in the first table row or list item containing row_text."""
    found = re.search(rf"<(tr|li|dd)[^>]*>(?:(?!</\1>).)*{re.escape(row_text)}(?:(?!</\1>).)*</\1>", html, re.S)
    assert found, f"no row with {row_text!r}"
    numbers = re.findall(r'href="#sources-(\d+)"', found.group(0))
    listed = dict(re.findall(r'<li id="sources-(\d+)"><a href="([^"]+)"', html))
    return {listed[number] for number in numbers}


def test_joint_verdict_rows_cite_only_the_sources_that_state_that_sentence(joint_site: Path) -> None:
    page = (joint_site / "people" / "test-person-two" / "index.html").read_text(encoding="utf-8")
    ngo = "https://example.test/ngo/report"
    news = json.loads((VALID_RECORDS / "sources" / "example-news-detentions.json").read_text())["url"]
    assert _footnoted(page, "12 years") == {ngo}
    assert news not in _footnoted(page, "Both test people sentenced together")
    both = (joint_site / "people" / "test-person-one" / "index.html").read_text(encoding="utf-8")
    assert _footnoted(both, "Both test people sentenced together") == {ngo, news}


def test_event_page_footnotes_each_outcome(joint_site: Path) -> None:
    page = (joint_site / "events" / JOINT / "index.html").read_text(encoding="utf-8")
    ngo = "https://example.test/ngo/report"
    assert _footnoted(page, "12 years") == {ngo}


def test_person_summary_is_footnoted(joint_site: Path) -> None:
    person = json.loads((VALID_RECORDS / "people" / "test-person-two.json").read_text())
    page = (joint_site / "people" / "test-person-two" / "index.html").read_text(encoding="utf-8")
    summary = re.search(r'<p class="summary">.*?</p>', page, re.S)
    assert summary and 'href="#sources-' in summary.group(0)
    urls = {
        json.loads(p.read_text())["id"]: json.loads(p.read_text())["url"]
        for p in (VALID_RECORDS / "sources").glob("*.json")
    }
    listed = dict(re.findall(r'<li id="sources-(\d+)"><a href="([^"]+)"', page))
    cited = {listed[n] for n in re.findall(r'href="#sources-(\d+)"', summary.group(0))}
    assert cited == {urls[c["source"]] for c in person["summary_sources"]}


# How far the record reaches -------------------------------------------------------------------------


def _latest_day(records: Path) -> str:
    texts = [json.loads(p.read_text())["date"] for p in (records / "events").glob("*.json")]
    texts += [json.loads(p.read_text()).get("published") for p in (records / "sources").glob("*.json")]
    from tracker import dates

    return max(dates.parse(text).earliest for text in texts if text).isoformat()


def test_home_page_states_coverage_and_the_chart_stops_there(joint_site: Path, tmp_path: Path) -> None:
    records = _joint_records(tmp_path)
    latest = _latest_day(records)
    home = (joint_site / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'This record covers reports up to <time datetime="{latest}">', home)
    table_days = re.findall(r"<tr><td>(\d{4}-\d{2}-\d{2})</td><td>\d+</td></tr>", home)
    assert table_days and table_days[-1] == latest, table_days[-3:]
    armenian = (joint_site / "hy" / "index.html").read_text(encoding="utf-8")
    assert Language("hy").t("This record covers reports up to") in armenian
    descriptor = json.loads((joint_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["temporalCoverage"].endswith(f"/{latest}")
    assert descriptor["reportsUpTo"]


# A reader's change history ---------------------------------------------------------------------------


def test_diff_names_fields_not_commits() -> None:
    old = {"date": "2023", "sources": [{"source": "a"}], "people": [{"person": "p", "sentence": {"years": 5}}]}
    new = {
        "date": "2013-11-12",
        "sources": [{"source": "a"}, {"source": "b"}],
        "people": [{"person": "p", "sentence": {"years": 7}}],
    }
    assert diff_records(old, new) == [
        FieldChange("changed", "date", "2023", "2013-11-12"),
        FieldChange("added", "source", None, "b"),
        FieldChange("changed", "years", "5", "7", about="p"),
    ]


def test_history_shows_field_changes_never_commit_messages(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(VALID_RECORDS, repo / "records")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Import from the research dossier (internal)")
    path = repo / "records" / "events" / "2024-03-15-test-person-one-sentenced.json"
    event = json.loads(path.read_text())
    event["date"] = "2024-03-16"
    event["sources"].append({"source": "example-news-detentions"})
    path.write_text(json.dumps(event, indent=2), encoding="utf-8")
    git(repo, "commit", "-qam", "Fix per our notes (internal)")
    site = build_site(repo / "records", tmp_path / "site")
    page = (site / "events" / event["id"] / "index.html").read_text(encoding="utf-8")
    history = page[page.index("History of this record") :]
    assert "date changed from 2024-03-15 to 2024-03-16" in history
    title = json.loads((VALID_RECORDS / "sources" / "example-news-detentions.json").read_text())["title"]
    assert f"source added: {title}" in history
    assert "first published" in history
    assert "dossier" not in page and "our notes" not in page and "(internal)" not in page
    armenian = (site / "hy" / "events" / event["id"] / "index.html").read_text(encoding="utf-8")
    assert "ավելացվել է աղբյուր" in armenian and "(internal)" not in armenian


# Nothing internal on a published page -----------------------------------------------------------------


def test_published_site_holds_no_working_wording(real_site: Path) -> None:
    site = real_site
    found = []
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".csv", ".json", ".xml", ".bib"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in (WORKING_WORDS, PLACEHOLDER):
            if match := pattern.search(text):
                found.append(f"{path.relative_to(site)}: {match.group(0)!r}")
    assert found == []


# Skeletons are never publishable ----------------------------------------------------------------------


def test_untouched_skeletons_fail_check_naming_each_placeholder(tmp_path: Path) -> None:
    from check_cases import make_records, run_check
    from click.testing import CliRunner

    from tracker.cli import main

    records = make_records(None, tmp_path)
    for args in [
        ["source", "Armen Skeleton detained", "--publisher", "Example Wire", "--date", "2026-02-23"],
        ["person", "Armen Skeleton"],
        ["event", "Armen Skeleton detained", "--date", "2026-02-23"],
    ]:
        result = CliRunner().invoke(main, ["new", *args, "--records", str(records)])
        assert result.exit_code == 0, result.output
    outcome = run_check(tmp_path, "--records", "records")
    assert outcome.exit_code == 1
    placeholders = [line for line in outcome.stderr_lines if line.endswith("[placeholder]")]
    fields = {line.split(": ")[1] for line in placeholders}
    # A source's title is the headline given to `new`; its kind and language, for a new publisher, are placeholders.
    assert {"url", "note", "kind", "language", "summary", "summary_sources[0].source"} <= fields, placeholders
    assert any("/events/" in line and line.split(": ")[1] == "summary" for line in placeholders)
    assert any("/sources/" in line for line in placeholders) and any("/people/" in line for line in placeholders)


def test_real_joint_verdict_rows_footnote_only_each_defendants_own_sources(real_site: Path) -> None:
    """The 5 February 2026 verdict: each defendant's sentence row cites the sources that give that sentence."""
    site = real_site
    root = Path(__file__).parent.parent / "records"
    verdict = json.loads((root / "events" / "2026-02-05-joint-trial-verdict.json").read_text(encoding="utf-8"))
    urls = {p.stem: json.loads(p.read_text(encoding="utf-8"))["url"] for p in (root / "sources").glob("*.json")}
    lesser = [item for item in verdict["people"] if item.get("sentence", {}).get("years", 99) < 20]
    assert len(lesser) >= 8
    for item in verdict["people"]:
        page = (site / "people" / item["person"] / "index.html").read_text(encoding="utf-8")
        own = {urls[c["source"]] for c in item["sources"]}
        words = Language("en").sentence(_sentence(item["sentence"]))
        assert _footnoted(page, str(words)) <= own, item["person"]
        assert _footnoted(page, verdict["title"]) == own, item["person"]
        if item in lesser:
            assert len(own) < len(verdict["sources"]), item["person"]


def _sentence(data: dict):
    from tracker.models import Sentence

    return Sentence.model_validate(data)
