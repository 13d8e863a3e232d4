"""Skeletons for editors: `build.py new person|event|source` writes a record that validates as is."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from slugify import slugify

from tracker.vocab import AccountGiver, EventType, SourceKind


def skeleton(kind: str, title: str, today: dt.date, source: str, person: str) -> tuple[str, dict[str, Any]]:
    """(id, record) of a valid record to fill in; placeholders say what to write."""
    if kind == "person":
        record_id = slugify(title) or "new-person"
        return record_id, {
            "id": record_id,
            "name": title,
            "summary": "FILL IN: two or three sentences, in your own words, of what the sources say.",
            "summary_sources": [{"source": source}],
        }
    if kind == "source":
        record_id = slugify(f"{title} {today.isoformat()}") or f"source-{today.isoformat()}"
        return record_id, {
            "id": record_id,
            "title": "FILL IN: the page's own headline, copied from it",
            "publisher": title,
            "url": "https://FILL-IN.example/the-article",
            "published": today.isoformat(),
            "accessed": today.isoformat(),
            "language": "en",
            "kind": SourceKind.INDEPENDENT_MEDIA.value,
            "note": "FILL IN: what this source reports.",
        }
    record_id = slugify(f"{today.isoformat()} {title}")
    return record_id, {
        "id": record_id,
        "date": today.isoformat(),
        "type": EventType.DETENTION.value,
        "title": title,
        "summary": "FILL IN: what happened, saying whose account it is when only one side speaks.",
        "people": [{"person": person, "role": "subject"}],
        "sources": [{"source": source, "account": AccountGiver.JOURNALIST.value}],
    }


def write_skeleton(folder: Path, record_id: str, record: dict[str, Any]) -> Path:
    path = folder / f"{record_id}.json"
    if path.exists():
        raise FileExistsError(path)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
