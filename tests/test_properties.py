"""Property tests: any JSON anywhere in a record gives problems, never an exception; dates round-trip."""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from check_cases import VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import dates
from tracker.derive import held_series
from tracker.load import RawRecord, read_record
from tracker.models import MODELS
from tracker.problems import Problem
from tracker.validate import Records, validate

SETTINGS = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2026, 1, 1)


def _fixture() -> list[RawRecord]:
    records = []
    for kind in ("people", "events", "sources"):
        for path in sorted((VALID / kind).glob("*.json")):
            records.append(RawRecord(kind, path, json.loads(path.read_text(encoding="utf-8"))))
    return records


FIXTURE = _fixture()


def _paths(value: Any, here: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every location inside a JSON value (dict keys and list indexes), the value itself excluded."""
    found: list[tuple[str | int, ...]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        found.append((*here, key))
        found.extend(_paths(child, (*here, key)))
    return found


# (record index, location) for every field of every fixture record, top-level and nested.
LOCATIONS = [(index, location) for index, raw in enumerate(FIXTURE) for location in _paths(raw.data)]


# ---------------------------------------------------------------- dates


@st.composite
def points(draw: st.DrawFn, min_date: dt.date = dt.date(1, 1, 1)) -> tuple[str, dt.date, dt.date]:
    """A date of the subset without qualifiers: its text, earliest and latest day."""
    year = draw(st.integers(min_value=max(1, min_date.year), max_value=9999))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    if precision == "month":
        return f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last)
    day = draw(st.integers(1, last))
    day_date = dt.date(year, month, day)
    return f"{year:04d}-{month:02d}-{day:02d}", day_date, day_date


QUALIFIERS = st.sampled_from(["", "~", "?", "%"])


@st.composite
def edtf_texts(draw: st.DrawFn) -> tuple[str, dt.date, dt.date]:
    """A valid string of the subset (a point or a range), with its expected bounds."""
    side = draw(st.sampled_from(["pre", "post"]))

    def qualified(text: str) -> str:
        qualifier = draw(QUALIFIERS)
        return qualifier + text if side == "pre" else text + qualifier

    start, start_earliest, start_latest = draw(points())
    if not draw(st.booleans()):
        return qualified(start), start_earliest, start_latest
    end, _end_earliest, end_latest = draw(points(min_date=start_earliest))
    if end_latest < start_earliest:  # same year, earlier month or day: widen the end to its year
        end, end_latest = end[:4], dt.date(int(end[:4]), 12, 31)
    return f"{qualified(start)}/{qualified(end)}", start_earliest, end_latest


@SETTINGS
@given(edtf_texts())
def test_every_valid_date_parses_with_honest_bounds(case: tuple[str, dt.date, dt.date]) -> None:
    text, earliest, latest = case
    parsed = dates.parse(text)
    assert parsed.text == text
    assert parsed.earliest <= parsed.latest
    assert (parsed.earliest, parsed.latest) == (earliest, latest)
    assert parsed.display().strip()
    assert "None" not in parsed.display()


@SETTINGS
@given(st.text(max_size=30))
def test_any_text_parses_or_raises_date_error(text: str) -> None:
    try:
        parsed = dates.parse(text)
    except dates.DateError as error:
        assert error.code in {"bad-date", "impossible-date", "reversed-range"}
        assert error.message
    else:
        assert parsed.earliest <= parsed.latest
        assert parsed.display()


@SETTINGS
@given(st.from_regex(dates.PATTERN, fullmatch=True))
def test_anything_matching_the_pattern_parses_or_raises_date_error(text: str) -> None:
    try:
        parsed = dates.parse(text)
    except dates.DateError as error:
        assert error.code in {"bad-date", "impossible-date", "reversed-range"}
    else:
        assert parsed.earliest <= parsed.latest
        assert parsed.display()


# ---------------------------------------------------------------- records

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50)
    | st.sampled_from(["", " ", "test-person-one", "example-ngo-report", "verdict", "detention", "court", "9999"])
    | edtf_texts().map(lambda case: case[0])
)
JSON = st.recursive(
    LEAVES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _set(data: Any, location: tuple[str | int, ...], value: Any) -> None:
    for part in location[:-1]:
        data = data[part]
    data[location[-1]] = value


def _check_outcome(records: Records, problems: list[Problem]) -> None:
    assert isinstance(records, Records)
    for problem in problems:
        assert isinstance(problem, Problem)
        for text in (problem.file, problem.path, problem.message, problem.code):
            assert isinstance(text, str)
        assert problem.code and problem.message
        assert "\n" not in problem.line()
        assert len(problem.line()) < 2000


def _validate_with(index: int, data: Any) -> tuple[Records, list[Problem]]:
    raws = list(FIXTURE)
    raws[index] = RawRecord(raws[index].kind, raws[index].path, data)
    return validate(raws, today=TODAY)


def test_fixture_is_valid() -> None:
    records, problems = validate(FIXTURE, today=TODAY)
    assert problems == []
    assert len(records.people) == 2 and len(records.events) == 4 and len(records.sources) == 2


@SETTINGS
@given(st.sampled_from(LOCATIONS), JSON)
def test_any_value_in_any_field_gives_problems_not_exceptions(where: tuple[int, tuple], value: Any) -> None:
    index, location = where
    data = copy.deepcopy(FIXTURE[index].data)
    _set(data, location, value)
    _check_outcome(*_validate_with(index, data))


@SETTINGS
@given(st.integers(0, len(FIXTURE) - 1), st.text(max_size=20), JSON)
def test_any_extra_field_gives_problems_not_exceptions(index: int, key: str, value: Any) -> None:
    data = copy.deepcopy(FIXTURE[index].data)
    data[key] = value
    records, problems = _validate_with(index, data)
    _check_outcome(records, problems)
    if key not in MODELS[FIXTURE[index].kind].model_fields:
        assert any(problem.code == "unknown-field" for problem in problems)


@SETTINGS
@given(st.integers(0, len(FIXTURE) - 1), st.dictionaries(st.text(max_size=12), JSON, max_size=6))
def test_any_object_as_a_record_gives_problems_not_exceptions(index: int, data: dict) -> None:
    _check_outcome(*_validate_with(index, data))


@SETTINGS
@given(JSON)
def test_any_json_file_loads_or_gives_one_problem(value: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people" / "x.json"
        path.parent.mkdir()
        path.write_text(json.dumps(value), encoding="utf-8")
        record, problem = read_record("people", path)
    assert (record is None) != (problem is None)
    if record is not None:
        assert isinstance(value, dict)
        _check_outcome(*validate([record], today=TODAY))


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_load_or_give_one_problem(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events" / "x.json"
        path.parent.mkdir()
        path.write_bytes(content)
        record, problem = read_record("events", path)
    assert (record is None) != (problem is None)
    if problem is not None:
        assert problem.code in {"not-utf8", "empty-file", "json-syntax", "not-an-object", "duplicate-key"}


spans = st.lists(
    st.tuples(
        st.dates(dt.date(2019, 1, 1), dt.date(2026, 6, 1)),
        st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2026, 6, 1))),
    ),
    max_size=25,
)


@given(spans, st.dates(dt.date(2026, 6, 1), dt.date(2026, 12, 31)))
def test_the_held_series_counts_exactly_who_is_held_at_each_month_end(
    held: list[tuple[dt.date, dt.date | None]], today: dt.date
) -> None:
    """held_series counts by bisection; here, the definition: started by the day and not ended before it."""
    series = held_series(held, today)
    if not held:
        assert series == []
        return
    first = min(start for start, _ in held)
    assert series[0][0] >= first and series[-1][0] == today
    for day, count in series:
        assert count == sum(1 for start, end in held if start <= day <= (end or today)), day
