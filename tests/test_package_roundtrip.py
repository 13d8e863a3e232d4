"""Round trip: records -> CSV tables -> frictionless reads them back -> the same records."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from frictionless import Package, validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from package_reader import records_from_rows, write_package

from tracker import dates
from tracker.models import Event, Person, Source
from tracker.validate import Records
from tracker.vocab import AccountGiver, Category, Claimant, CountQualifier, EventType, PersonRole, SourceKind

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
# Letters of several scripts, digits, punctuation that CSV must quote, and line breaks inside text.
text = st.text(
    alphabet=st.sampled_from("abcXYZ019 ԱաԲբՄմЖжçé,;\"'\n\t<>&/|–"),
    min_size=1,
    max_size=24,
)
optional_text = st.none() | text
language = st.none() | st.sampled_from(["en", "hy", "ru", "az", "fra"])


@st.composite
def edtf(draw: st.DrawFn) -> str:
    def one() -> str:
        year = draw(st.integers(1950, 2025))
        month = draw(st.none() | st.integers(1, 12))
        day = draw(st.none() | st.integers(1, 28)) if month else None
        value = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
        return value + draw(st.sampled_from(["", "", "?", "~", "%"]))

    start = one()
    if draw(st.booleans()):
        return start
    end = one()
    try:
        dates.parse(f"{start}/{end}")
    except dates.DateError:
        return start
    return f"{start}/{end}"


def citations(source_ids: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    citation = st.fixed_dictionaries(
        {"source": st.sampled_from(source_ids)},
        optional={"account": st.sampled_from(list(AccountGiver)).map(str), "note": text},
    )
    return st.lists(citation, min_size=1, max_size=2)


@st.composite
def record_sets(draw: st.DrawFn) -> Records:
    source_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    sources = [
        Source.model_validate(
            {
                "id": source_id,
                "title": draw(text),
                "publisher": draw(text),
                "url": f"https://example.test/{source_id}?a=1,2",
                "published": draw(st.none() | edtf()),
                "accessed": draw(st.none() | edtf()),
                "language": draw(language),
                "kind": draw(st.sampled_from(list(SourceKind))).value,
                "via": draw(optional_text),
                "archive_url": draw(st.none() | st.just(f"https://web.archive.org/{source_id}")),
                "note": draw(optional_text),
            }
        )
        for source_id in source_ids
    ]
    person_ids = draw(st.lists(ids, min_size=0, max_size=3, unique=True))
    people = []
    for person_id in person_ids:
        data = {
            "id": person_id,
            "name": draw(text),
            "name_hy": draw(optional_text),
            "name_hy_sources": draw(st.just([]) | citations(source_ids)),
            "other_names": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"name": text}, optional={"language": language, "note": text, "sources": citations(source_ids)}
                    ),
                    max_size=2,
                )
            ),
            "born": draw(
                st.lists(
                    st.fixed_dictionaries({"sources": citations(source_ids)}, optional={"date": edtf(), "place": text}),
                    max_size=2,
                )
            ),
            "origin": draw(
                st.lists(
                    st.fixed_dictionaries({"place": text, "sources": citations(source_ids)}, optional={"note": text}),
                    max_size=2,
                )
            ),
            "roles": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"title": text, "sources": citations(source_ids)}, optional={"start": edtf(), "end": edtf()}
                    ),
                    max_size=2,
                )
            ),
            "category": draw(st.none() | st.sampled_from(list(Category)).map(str)),
            "category_note": draw(optional_text),
            "summary": draw(text),
            "summary_sources": draw(citations(source_ids)),
            "summary_hy": draw(optional_text),
            "identifiers": draw(
                st.none()
                | st.fixed_dictionaries(
                    {"wikidata": st.integers(1, 10**8).map(lambda n: f"Q{n}")}, optional={"echr_application": text}
                )
            ),
        }
        people.append(Person.model_validate(data))
    event_ids = draw(st.lists(ids, min_size=0, max_size=3, unique=True))
    events = []
    for event_id in event_ids:
        concerned = draw(st.lists(st.sampled_from(person_ids), unique=True, max_size=2)) if person_ids else []
        event_sources = draw(citations(source_ids))
        involvement = []
        for person in concerned:
            sentence = draw(
                st.none()
                | st.fixed_dictionaries({"years": st.integers(0, 100)}, optional={"note": text})
                | st.fixed_dictionaries({"life": st.just(True)}, optional={"note": text})
            )
            own = [{"source": event_sources[0]["source"]}] if sentence or draw(st.booleans()) else []
            involvement.append(
                {
                    "person": person,
                    "role": draw(st.sampled_from(list(PersonRole))).value,
                    "sentence": sentence,
                    "note": draw(optional_text),
                    "sources": own,
                }
            )
        kind = draw(st.sampled_from(list(EventType)))
        count = None
        if kind == EventType.OFFICIAL_COUNT or draw(st.booleans()):
            count = {
                "number": draw(st.integers(0, 5000)),
                "qualifier": draw(st.sampled_from(list(CountQualifier))).value,
                "claimant": draw(st.sampled_from(list(Claimant))).value,
                "counted": draw(text),
            }
        disputed = draw(st.booleans())
        events.append(
            Event.model_validate(
                {
                    "id": event_id,
                    "date": draw(edtf()),
                    "type": kind.value,
                    "title": draw(text),
                    "title_hy": draw(optional_text),
                    "summary": draw(text),
                    "place": draw(optional_text),
                    "court": draw(optional_text),
                    "charges": draw(st.lists(text, max_size=3)),
                    "people": involvement,
                    "count": count,
                    "sources": event_sources,
                    "disputed": disputed,
                    "dispute_note": draw(text) if disputed else draw(optional_text),
                }
            )
        )
    return Records(
        people={p.id: p for p in people}, events={e.id: e for e in events}, sources={s.id: s for s in sources}
    )


@SETTINGS
@given(record_sets())
def test_csvs_read_back_give_the_same_records(records: Records) -> None:
    """Any records: the package is valid for frictionless, and its CSVs read back give the records."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        write_package(records, out, created="2026-11-27T12:00:00Z", version="1.0.0")
        report = validate(str(out / "datapackage.json"))
        assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
        pack = Package(str(out / "datapackage.json"))
        rows = {r.name: [row.to_dict() for row in r.read_rows()] for r in pack.resources if r.type == "table"}
    rebuilt = records_from_rows(rows)
    for kind, model in (("people", Person), ("events", Event), ("sources", Source)):
        original = getattr(records, kind)
        assert [model.model_validate(item).model_dump() for item in rebuilt[kind]] == [
            original[key].model_dump() for key in sorted(original)
        ]
