"""Skeletons for editors: `build.py new person|event|source` writes a record to fill in.

What makes up the permanent id (an event's date, a source's publisher and publication date) is
asked for up front, never defaulted to today. Everything else that cannot be known is a "FILL IN: …"
placeholder (or an https://FILL-IN.example/ address) that fails `check` until it is replaced, so an
untouched skeleton can never be published.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slugify import slugify

from tracker.vocab import AccountGiver, Claimant, CountQualifier, EventType, SourceKind

ID_WORDS = 6
"""At most this many words of a title go into an id: ids stay short and readable."""
PLACEHOLDER_URL = "https://FILL-IN.example/the-article-address"
PLACEHOLDER_PERSON = "FILL-IN-person-id"
PLACEHOLDER_SOURCE = "FILL-IN-source-id"


def _slug(text: str, words: int = ID_WORDS) -> str:
    return "-".join(slugify(text).split("-")[:words])


def _choices(enum: type[Any]) -> str:
    return ", ".join(member.value for member in enum)


def person(name: str, source_id: str = "FILL-IN-source-id") -> tuple[str, dict[str, Any]]:
    record_id = slugify(name) or "new-person"
    return record_id, {
        "id": record_id,
        "name": name,
        "summary": "FILL IN: two or three sentences, in your own words, of what the sources say, saying who says what.",
        "summary_sources": [{"source": source_id}],
    }


def event(title: str, date: str | None, event_type: str | None, person_id: str, source_id: str) -> tuple[str, dict]:
    """An event whose id starts with its date (``undated-`` when no source dates it)."""
    record_id = f"{_slug(date, 10) if date else 'undated'}-{_slug(title)}".strip("-")
    counting = event_type == EventType.OFFICIAL_COUNT.value
    record: dict[str, Any] = {
        "id": record_id,
        "date": date,
        "type": event_type or f"FILL IN: one of {_choices(EventType)}",
        "title": title,
        "summary": "FILL IN: what happened, in your own words, saying whose account it is when only one side speaks.",
        # A count concerns no one in particular, unless a person was named.
        "people": [] if counting and person_id == PLACEHOLDER_PERSON else [{"person": person_id, "role": "subject"}],
    }
    if counting:
        record["count"] = {
            "number": "FILL IN: the number, as a whole number without quotes",
            "qualifier": f"FILL IN: how exact the number is ({_choices(CountQualifier)})",
            "claimant": f"FILL IN: who gives the number ({_choices(Claimant)})",
            "counted": "FILL IN: what is counted, in the source's terms",
        }
    record["sources"] = [
        {
            "source": source_id,
            "account": f"FILL IN: whose account the source gives ({_choices(AccountGiver)}), "
            "or delete this line if it reports an established fact",
        }
    ]
    return record_id, record


@dataclass(frozen=True)
class Publisher:
    """A publisher as the records already describe it: its spelling, kind and usual language."""

    name: str
    kind: str | None = None
    language: str | None = None


def known_publishers(sources_dir: Path) -> dict[str, Publisher]:
    """Every publisher the source records name, with the kind and language most of its sources give."""
    kinds: dict[str, Counter[str]] = {}
    languages: dict[str, Counter[str]] = {}
    for path in sorted(sources_dir.glob("*.json")) if sources_dir.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a broken file is check's to report
        name = data.get("publisher") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name:
            continue
        kinds.setdefault(name, Counter())
        languages.setdefault(name, Counter())
        if isinstance(data.get("kind"), str):
            kinds[name][data["kind"]] += 1
        if isinstance(data.get("language"), str):
            languages[name][data["language"]] += 1
    return {
        name: Publisher(
            name,
            kinds[name].most_common(1)[0][0] if kinds[name] else None,
            languages[name].most_common(1)[0][0] if languages[name] else None,
        )
        for name in kinds
    }


def source(title: str, publisher: Publisher, published: str | None, today: dt.date) -> tuple[str, dict]:
    """A source whose id is its publisher, its publication date (when the page gives one) and its title."""
    parts = [_slug(publisher.name, 4), _slug(published, 10) if published else "", _slug(title)]
    record_id = "-".join(part for part in parts if part)
    record: dict[str, Any] = {
        "id": record_id,
        "title": title,
        "publisher": publisher.name,
        "url": PLACEHOLDER_URL,
        "published": published,
        "accessed": today.isoformat(),
        "language": publisher.language or "FILL IN: the language code of the page (en, hy, ru, az, fr, …)",
        "kind": publisher.kind or f"FILL IN: one of {_choices(SourceKind)}",
        "note": "FILL IN: one line saying what this source reports.",
    }
    if published is None:
        del record["published"]
    return record_id, record


def blank(kind: str) -> dict[str, Any]:
    """The skeleton of ``kind`` with nothing known yet, for editors who create the file by hand."""
    today = dt.date.today()
    if kind == "person":
        record = person("FILL IN: the name in Latin script, as most sources spell it")[1]
    elif kind == "event":
        record = event("FILL IN: a one-line title in your words", "2000", None, PLACEHOLDER_PERSON, PLACEHOLDER_SOURCE)[
            1
        ]
        record["date"] = "FILL IN: when it happened (2026-02-23, 2026-02 or 2026), or null if no source dates it"
    else:
        record = source("FILL IN: the article's own headline", Publisher("FILL IN: the publisher"), "2000", today)[1]
        record["published"] = "FILL IN: the date the page gives (2026-02-23, 2026-02 or 2026); delete if none"
        record["accessed"] = "FILL IN: the day you read it (2026-02-23)"
    record["id"] = "FILL IN: the file name without .json"
    return record


def write_skeleton(folder: Path, record_id: str, record: dict[str, Any]) -> Path:
    path = folder / f"{record_id}.json"
    if path.exists():
        raise FileExistsError(path)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
