"""Dates as editors know them: an EDTF subset with honest bounds and display.

Accepted forms: a year (``2023``), a month (``2023-07``), a day (``2023-07-29``), each optionally
uncertain (``2023-07?``), approximate (``~2023`` or ``2023~``) or both (``2023%``), and a closed
range of two such dates (``2025-12-24/2025-12-25``).

This small parser covers only that subset; the ``edtf`` library is the reference it is tested
against (tests/test_dates_reference.py: same strings accepted, same earliest and latest days). It is
not called at build time because its grammar costs about 20 ms a date, which at 50,000 events is
most of a build.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_ONE = r"[~?%]?\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]?"
PATTERN = rf"^{_ONE}(?:/{_ONE})?$"
_ONE_RE = re.compile(r"^(?P<pre>[~?%]?)(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<post>[~?%]?)$")

MONTHS = [calendar.month_name[i] for i in range(13)]


class DateError(ValueError):
    """A date an editor wrote that cannot stand; ``code`` is the stable problem code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Point:
    """One date of the subset (a day, month or year), possibly uncertain or approximate."""

    year: int
    month: int | None
    day: int | None
    uncertain: bool
    approximate: bool

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def display(self, *, with_year: bool = True) -> str:
        if self.day:
            text = f"{self.day} {MONTHS[self.month]}" + (f" {self.year}" if with_year else "")
        elif self.month:
            text = f"{MONTHS[self.month]}" + (f" {self.year}" if with_year else "")
        else:
            text = str(self.year)
        if self.approximate:
            text = f"about {text}"
        if self.uncertain:
            text = f"{text} (uncertain)"
        return text


@dataclass(frozen=True)
class EdtfDate:
    """A parsed date or range: what was written, its earliest and latest day, and its wording."""

    text: str
    start: Point
    end: Point | None

    @property
    def earliest(self) -> dt.date:
        return self.start.earliest

    @property
    def latest(self) -> dt.date:
        return (self.end or self.start).latest

    def display(self) -> str:
        """Honest wording: "29 July 2023", "July 2023", "about 2023", "24–25 December 2025"."""
        start, end = self.start, self.end
        if end is None:
            return start.display()
        plain = not (start.uncertain or start.approximate or end.uncertain or end.approximate)
        if plain and start.day and end.day and (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {MONTHS[start.month]} {start.year}"
        if plain and start.year == end.year and start.month and end.month:
            return f"{start.display(with_year=False)} – {end.display()}"
        return f"{start.display()} – {end.display()}"


def _point(text: str) -> Point:
    match = _ONE_RE.match(text)
    if not match:
        raise DateError(
            "bad-date",
            f'"{text}" is not a date like 2023, 2023-07, 2023-07-29, ~2023 or 2023-07?',
        )
    year, month, day = int(match["y"]), match["m"], match["d"]
    qualifiers = match["pre"] + match["post"]
    if year == 0:  # EDTF has a year 0000, Python's dates (and the Gregorian calendar) do not
        raise DateError("impossible-date", f'"{text}" has no year 0')
    if month is not None and not 1 <= int(month) <= 12:
        raise DateError("impossible-date", f'"{text}" has no month {int(month)}')
    if day is not None:
        last = calendar.monthrange(year, int(month))[1]
        if not 1 <= int(day) <= last:
            raise DateError(
                "impossible-date",
                f'"{text}" is not a real day: {MONTHS[int(month)]} {year} has {last} days',
            )
    return Point(
        year=year,
        month=int(month) if month else None,
        day=int(day) if day else None,
        uncertain=bool(set(qualifiers) & {"?", "%"}),
        approximate=bool(set(qualifiers) & {"~", "%"}),
    )


def _qualifier_side(part: str) -> str | None:
    """'pre', 'post' or '' for an unqualified date; None when qualified on both sides (not EDTF)."""
    pre, post = part[0] in "~?%", part[-1] in "~?%"
    return None if pre and post else "pre" if pre else "post" if post else ""


@lru_cache(maxsize=65536)
def parse(text: str) -> EdtfDate:
    """Parse an EDTF-subset string, or raise ``DateError`` with a code and a plain message."""
    if not isinstance(text, str) or not re.match(PATTERN, text):
        raise DateError(
            "bad-date",
            f'"{text}" is not a date like 2023, 2023-07, 2023-07-29, ~2023 or 2023-07?',
        )
    parts = text.split("/")
    points = [_point(part) for part in parts]
    sides = [_qualifier_side(part) for part in parts]
    if None in sides or (len(sides) == 2 and "" not in sides and sides[0] != sides[1]):
        message = f'"{text}" is not valid EDTF: give each date at most one of ~ ? %, on the same side in both halves of a range (e.g. ~2023 or 2023-07?)'
        raise DateError("bad-date", message)
    start, end = points[0], (points[1] if len(points) == 2 else None)
    if end is not None and end.latest < start.earliest:
        raise DateError("reversed-range", f'the range "{text}" ends before it starts')
    return EdtfDate(text=text, start=start, end=end)
