"""tracker.dates: the EDTF subset, its bounds and honest wording."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import dates
from tracker.dates import DateError, parse

D = dt.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "display"),
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31), "2023"),
        ("2023-07", D(2023, 7, 1), D(2023, 7, 31), "July 2023"),
        ("2023-07-29", D(2023, 7, 29), D(2023, 7, 29), "29 July 2023"),
        ("~2023", D(2023, 1, 1), D(2023, 12, 31), "about 2023"),
        ("2023~", D(2023, 1, 1), D(2023, 12, 31), "about 2023"),
        ("2023-07?", D(2023, 7, 1), D(2023, 7, 31), "July 2023 (uncertain)"),
        ("2023%", D(2023, 1, 1), D(2023, 12, 31), "about 2023 (uncertain)"),
        ("2025-12-24/2025-12-25", D(2025, 12, 24), D(2025, 12, 25), "24–25 December 2025"),
        ("2023-07/2023-08", D(2023, 7, 1), D(2023, 8, 31), "July – August 2023"),
        ("2023-12-30/2024-01-02", D(2023, 12, 30), D(2024, 1, 2), "30 December 2023 – 2 January 2024"),
        ("2020/2021", D(2020, 1, 1), D(2021, 12, 31), "2020 – 2021"),
        ("~2023/~2024", D(2023, 1, 1), D(2024, 12, 31), "about 2023 – about 2024"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "February 2024"),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), "February 2023"),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "29 February 2024"),
        ("2000-02-29", D(2000, 2, 29), D(2000, 2, 29), "29 February 2000"),
    ],
)
def test_bounds_and_display(text: str, earliest: dt.date, latest: dt.date, display: str) -> None:
    parsed = parse(text)
    assert parsed.text == text
    assert parsed.earliest == earliest
    assert parsed.latest == latest
    assert parsed.display() == display


def test_qualifiers() -> None:
    assert parse("2023-07?").start.uncertain and not parse("2023-07?").start.approximate
    assert parse("~2023").start.approximate and not parse("~2023").start.uncertain
    assert parse("2023%").start.uncertain and parse("2023%").start.approximate


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("2025-02-29", "impossible-date", '"2025-02-29" is not a real day: February 2025 has 28 days'),
        ("1900-02-29", "impossible-date", '"1900-02-29" is not a real day: February 1900 has 28 days'),
        ("2025-02-30", "impossible-date", '"2025-02-30" is not a real day: February 2025 has 28 days'),
        ("2023-04-31", "impossible-date", '"2023-04-31" is not a real day: April 2023 has 30 days'),
        ("2023-13", "impossible-date", '"2023-13" has no month 13'),
        ("2023-00", "impossible-date", '"2023-00" has no month 0'),
        ("2023-01-00", "impossible-date", '"2023-01-00" is not a real day: January 2023 has 31 days'),
        ("0000", "impossible-date", '"0000" has no year 0'),
        ("July 2023", "bad-date", '"July 2023" is not a date like 2023, 2023-07, 2023-07-29, ~2023 or 2023-07?'),
        ("29/07/2023", "bad-date", None),
        ("2023-7-29", "bad-date", None),
        ("23", "bad-date", None),
        ("", "bad-date", None),
        (" 2023", "bad-date", None),
        ("2023-07-29T10:00", "bad-date", None),
        ("2023/", "bad-date", None),
        ("2023/2024/2025", "bad-date", None),
        ("~2023~", "bad-date", None),
        ("2023?~", "bad-date", None),
        ("~2023/2024?", "bad-date", None),
        ("2025-12-25/2025-12-24", "reversed-range", 'the range "2025-12-25/2025-12-24" ends before it starts'),
        ("2024/2023", "reversed-range", None),
    ],
)
def test_rejected(text: str, code: str, message: str | None) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert caught.value.code == code
    if message is not None:
        assert caught.value.message == message


def test_not_a_string_is_a_bad_date() -> None:
    with pytest.raises(DateError) as caught:
        dates.parse.__wrapped__(2023)  # type: ignore[arg-type]
    assert caught.value.code == "bad-date"


def test_overlapping_range_within_one_month_is_allowed() -> None:
    """A range whose halves overlap (a month then a day in it) is not reversed."""
    parsed = parse("2023-07/2023-07-15")
    assert parsed.earliest == D(2023, 7, 1)
    assert parsed.latest == D(2023, 7, 15)


def test_pattern_agrees_with_parse() -> None:
    import re

    for text in ["2023", "~2023-07", "2023-07-29?", "2023%/2024%"]:
        assert re.match(dates.PATTERN, text)
        parse(text)
