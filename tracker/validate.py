"""Stage: validate. Raw dicts -> models, plus every problem (per field, then across records)."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from tracker import dates, editorial
from tracker.load import RawRecord
from tracker.models import ALL_MODELS, MODELS, Event, Person, Redirect, Source, Withdrawal, citations_in
from tracker.problems import CODES, Problem, did_you_mean, json_path
from tracker.vocab import EventType

TYPE_NAMES = {
    "string": "text",
    "int": "a whole number",
    "bool": "true or false",
    "list": "a list",
    "dict": "an object",
    "model": "an object",
    "model_attributes": "an object",
    "float": "a number",
}
VERDICT_TYPES = {EventType.VERDICT, EventType.APPEAL}
ID_FIELDS = {"id", "person", "source"}
DATE_FIELDS = {"date", "published", "accessed", "start", "end"}


@dataclass
class Records:
    """The valid records, by kind and id, with the file each came from."""

    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    redirects: dict[str, Redirect] = field(default_factory=dict)
    """Retired ids (renamed or merged records) whose URLs redirect."""
    withdrawn: dict[str, Withdrawal] = field(default_factory=dict)
    """Withdrawn records whose URLs show a notice."""
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) -> the record's file as displayed."""


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    return repr(value)[:40]


def _model_at(model: type[BaseModel], location: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The sub-model class found by following a pydantic error location (for field suggestions)."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return current if isinstance(current, type) and issubclass(current, BaseModel) else None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in typing.get_args(annotation) or ():
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    if isinstance(annotation, types.UnionType):
        return None
    return annotation


def _short(part: str | int) -> str | int:
    return part if isinstance(part, int) or len(part) <= 40 else part[:37] + "..."


# Checks that span fields (model validators) report at the record or object; name the field to fix.
FIELD_OF_CODE = {"missing-dispute-note": "dispute_note", "missing-count": "count", "uncited-outcome": "sources"}


def _problem_from_error(file: str, model: type[BaseModel], error: Any) -> Problem:
    location = tuple(_short(part) for part in error["loc"])
    if error["type"] in FIELD_OF_CODE:
        location = (*location, FIELD_OF_CODE[error["type"]])
    path = json_path(location)
    kind = error["type"]
    value = error.get("input")
    name = next((part for part in reversed(location) if isinstance(part, str)), "")
    if kind == "extra_forbidden":
        parent = _model_at(model, location[:-1])
        hint = did_you_mean(str(error["loc"][-1]), parent.model_fields if parent else [])
        return Problem(file, path, f'unknown field "{location[-1]}"{hint}', "unknown-field")
    if kind == "missing":
        return Problem(file, path, f'missing required field "{location[-1]}"', "missing-field")
    if kind == "enum":
        expected = error["ctx"]["expected"]
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
        hint = _vocabulary_hint(value, choices)
        return Problem(file, path, f"{_describe(value)} is not one of: {', '.join(choices)}{hint}", "not-in-vocabulary")
    if kind == "string_pattern_mismatch":
        if name in ID_FIELDS:
            message = f"{_describe(value)} is not a valid id: use lowercase letters, digits and single hyphens"
            return Problem(file, path, message, "bad-id")
        if name in DATE_FIELDS:
            try:
                dates.parse(value)
            except dates.DateError as date_error:
                return Problem(file, path, date_error.message, date_error.code)
        expected = {"url": "a web address starting with https://", "language": "a language code such as en or hy"}
        return Problem(
            file, path, f"{_describe(value)} is not {expected.get(name, 'in the expected form')}", "bad-format"
        )
    if kind.endswith("_type") or kind in {"is_instance_of", "model_attributes_type"}:
        wanted = TYPE_NAMES.get(kind.removesuffix("_type").removesuffix("_parsing"), kind.removesuffix("_type"))
        return Problem(file, path, f"should be {wanted}, not {_describe(value)}", "wrong-type")
    if kind in {"too_short", "string_too_short"}:
        if name == "sources":
            return Problem(file, path, "cites no source: every fact needs at least one source", "no-source")
        return Problem(file, path, "is empty; remove the field or fill it in", "empty-value")
    if kind in {"too_long", "string_too_long"}:
        unit = "characters" if kind == "string_too_long" else "items"
        return Problem(file, path, f"is too long (at most {error['ctx'].get('max_length')} {unit})", "too-long")
    if kind == "string_unicode":
        message = "holds a character that is not text (a lone \\ud800-\\udfff escape); fix or remove it"
        return Problem(file, path, message, "bad-text")
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return Problem(file, path, f"{_describe(value)} is out of range ({error['msg'].lower()})", "out-of-range")
    if kind in {"int_from_float", "int_parsing"}:
        return Problem(file, path, f"should be a whole number, not {_describe(value)}", "wrong-type")
    if kind in CODES:  # the models' own checks (bad-sentence, uncited-outcome, dates) name their code
        return Problem(file, path, error["msg"], kind)
    return Problem(file, path, error["msg"], "invalid-value")


def _vocabulary_hint(value: Any, choices: list[str]) -> str:
    """' (did you mean "x"?)', by spelling or by meaning, and where the vocabulary is explained."""
    from tracker import fieldref, suggest

    vocabulary = suggest.vocabulary_of(choices)
    if vocabulary is None:
        return did_you_mean(str(value), choices)
    closest = suggest.closest_value(str(value), vocabulary)
    hint = f' (did you mean "{closest}"?)' if closest else ""
    return f'{hint}; see "{fieldref.vocabulary_heading(vocabulary)}" in CONTRIBUTING.md'


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))


@cache
def _structured_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields that can hold a date or a nested object: the walks below skip all others."""
    return tuple(
        name for name, info in model.model_fields.items() if name in DATE_FIELDS or _holds_model(info.annotation)
    )


Location = tuple[str | int, ...]


def _dates_in(record: BaseModel, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every (location, EDTF text) in a record, for checks that span fields."""
    for name in _structured_fields(type(record)):
        value = getattr(record, name)
        here = (*location, name)
        if name in DATE_FIELDS and isinstance(value, str):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from _dates_in(value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _dates_in(item, (*here, index))


def validate(raw_records: list[RawRecord], today: dt.date | None = None) -> tuple[Records, list[Problem]]:
    """Validate every record, then the links between them. Returns the valid records and all problems."""
    records, problems, invalid = validate_each(raw_records, today)
    links = links_of(records)
    problems.extend(check_links(links, *_broken(raw_records, invalid)))
    problems.extend(check_retired(records, links))
    return records, sorted(set(problems))


@dataclass(frozen=True, slots=True)
class Links:
    """What the checks between records need of one record. A build keeps these for every record, so after
    an edit it checks every link between records without reading the records that did not change."""

    file: str
    """The record's file as displayed."""
    citations: tuple[tuple[str, str], ...] = ()
    """(JSON path of the citation, source id) for every source the record cites, in any field."""
    people: tuple[str, ...] = ()
    """An event's people, in order."""
    type: EventType | None = None
    """An event's type."""
    date: str | None = None
    """An event's date, or a source's publication date (EDTF text)."""


def links_of_record(kind: str, record: BaseModel, file: str) -> Links:
    citations = tuple(
        (json_path((*location, "source")), citation.source) for location, citation in citations_in(record)
    )
    if isinstance(record, Event):
        people = tuple(item.person for item in record.people)
        return Links(file, citations, people, record.type, record.date)
    return Links(file, citations, date=record.published if isinstance(record, Source) else None)


def links_of(records: Records) -> dict[tuple[str, str], Links]:
    """(kind, id) -> Links of every person, event and source."""
    return {
        (kind, record_id): links_of_record(kind, record, records.files[(kind, record_id)])
        for kind in ("people", "events", "sources")
        for record_id, record in getattr(records, kind).items()
    }


def validate_each(
    raw_records: list[RawRecord], today: dt.date | None = None
) -> tuple[Records, list[Problem], list[RawRecord]]:
    """Each record on its own (fields, dates, id), and ids used twice: the valid records, the problems,
    and the raw records that are invalid. Links between records are checked by ``validate``."""
    today = today or dt.date.today()
    records = Records()
    problems: list[Problem] = []
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    invalid: list[RawRecord] = []

    # Each record on its own.
    for raw in raw_records:
        model = ALL_MODELS[raw.kind]
        wording = list(editorial.check_wording(raw.file, raw.data))
        problems.extend(wording)
        placeholders = {problem.path for problem in wording if problem.code == "placeholder"}
        try:
            record = model.model_validate(raw.data)
        except ValidationError as error:
            found = (_problem_from_error(raw.file, model, detail) for detail in error.errors())
            problems.extend(p for p in found if p.path not in placeholders)  # "replace the placeholder" says it all
            invalid.append(raw)
            continue
        except (RecursionError, ValueError, TypeError) as error:  # hostile nesting or values pydantic rejects
            problems.append(Problem(raw.file, "", f"cannot be validated ({type(error).__name__})", "invalid"))
            invalid.append(raw)
            continue
        if record.id != raw.path.stem:
            message = f'id "{record.id}" differs from the file name; rename the file to {record.id}.json or fix the id'
            problems.append(Problem(raw.file, "id", message, "id-mismatch"))
        problems.extend(editorial.check_record(raw.file, record))
        seen[(raw.kind, record.id)].append(raw.file)
        getattr(records, raw.kind)[record.id] = record
        records.files[(raw.kind, record.id)] = raw.file
        for location, text in _dates_in(record):
            if dates.parse(text).earliest > today:
                message = f'"{text}" is after today ({today.isoformat()})'
                problems.append(Problem(raw.file, json_path(location), message, "future-date"))

    for (_kind, record_id), files in seen.items():
        if len(files) > 1:
            for file in files:
                others = ", ".join(other for other in files if other != file)
                problems.append(Problem(file, "id", f'id "{record_id}" is also used by {others}', "duplicate-id"))
    return records, problems, invalid


def _broken(raw_records: list[RawRecord], invalid: list[RawRecord]) -> tuple[set[tuple[str, str]], set[str]]:
    """Records whose file exists but has its own problems, and people that invalid events mention.

    A reference to such a record, or a person only such events concern, is not reported again: the
    editor sees the one problem in the broken file, not one more for every record that points to it.
    """
    present: set[tuple[str, str]] = set()
    for root in {raw.path.parent.parent for raw in raw_records}:
        for kind in MODELS:
            if (root / kind).is_dir():
                present.update((kind, path.stem) for path in (root / kind).glob("*.json"))
    mentioned: set[str] = set()
    for raw in invalid:
        present.add((raw.kind, raw.path.stem))
        if isinstance(raw.data.get("id"), str):
            present.add((raw.kind, raw.data["id"]))
        people = raw.data.get("people") if raw.kind == "events" else None
        for involvement in people if isinstance(people, list) else []:
            if isinstance(involvement, dict) and isinstance(involvement.get("person"), str):
                mentioned.add(involvement["person"])
    return present, mentioned


def check_links(
    links: dict[tuple[str, str], Links], present: set[tuple[str, str]] | None = None, mentioned: set[str] | None = None
) -> Iterator[Problem]:
    """References resolve, every person has an event, no sentence precedes its detention.

    ``links``: every valid record's Links by (kind, id); ``present``: (kind, id) of records that exist but
    are invalid; ``mentioned``: people named by invalid events. Neither is reported as missing, since its
    own file's problems are.
    """
    present = present or set()
    mentioned = mentioned or set()
    ids: dict[str, list[str]] = {"people": [], "events": [], "sources": []}
    for kind, record_id in links:
        ids[kind].append(record_id)
    sources, people = set(ids["sources"]), set(ids["people"])
    concerned: dict[str, list[tuple[str, Links]]] = defaultdict(list)
    for (kind, record_id), facts in links.items():
        for path, source in facts.citations:
            if source not in sources and ("sources", source) not in present:
                hint = did_you_mean(source, [*sources, *(i for k, i in present if k == "sources")])
                yield Problem(facts.file, path, f'no source "{source}"{hint}', "unknown-reference")
        if kind != "events":
            continue
        listed: set[str] = set()
        for index, person in enumerate(facts.people):
            if person in listed:
                yield Problem(facts.file, f"people[{index}].person", f'"{person}" is listed twice', "duplicate-person")
            listed.add(person)
            if person in people:
                concerned[person].append((record_id, facts))
            elif ("people", person) not in present:
                hint = did_you_mean(person, [*people, *(i for k, i in present if k == "people")])
                yield Problem(facts.file, f"people[{index}].person", f'no person "{person}"{hint}', "unknown-reference")
    for person_id in sorted(people):
        if person_id not in concerned and person_id not in mentioned:
            file = links[("people", person_id)].file
            yield Problem(
                file, "id", f'no event concerns "{person_id}"; add at least one event citing a source', "no-event"
            )
    for person_id, events in concerned.items():
        detentions = [dates.parse(e.date) for _, e in events if e.type == EventType.DETENTION and e.date]
        if not detentions:
            continue
        first_detention = min(detentions, key=lambda d: d.earliest)
        for _, event in (item for item in events if item[1].date):
            verdict_date = dates.parse(event.date)
            if event.type in VERDICT_TYPES and verdict_date.latest < first_detention.earliest:
                message = (
                    f'the {event.type.value} of "{person_id}" ({event.date}) is dated before '
                    f"the detention ({first_detention.text})"
                )
                yield Problem(event.file, "date", message, "sentence-before-detention")


def check_retired(records: Records, live: dict[tuple[str, str], Links]) -> Iterator[Problem]:
    """Retired ids stay reserved; redirects point at a live record of the same kind. ``records``: the
    redirects and withdrawals (and their files); ``live``: every live record's Links by (kind, id)."""
    retired: dict[tuple[str, str], str] = {}
    for folder in ("redirects", "withdrawn"):
        for record_id, record in getattr(records, folder).items():
            file = records.files[(folder, record_id)]
            key = (record.kind.value, record_id)
            if key in live:
                live_file = live[key].file
                message = f'id "{record_id}" was retired and is reserved forever, but {live_file} uses it; give that record a new id'
                yield Problem(file, "id", message, "reserved-id")
            if key in retired:
                yield Problem(file, "id", f'id "{record_id}" is already retired by {retired[key]}', "duplicate-id")
            retired[key] = file
    for record_id, redirect in records.redirects.items():
        if (redirect.kind.value, redirect.to) not in live:
            hint = did_you_mean(redirect.to, [i for k, i in live if k == redirect.kind.value])
            message = f'redirects to "{redirect.to}", which is not a live {redirect.kind.value} record{hint}'
            yield Problem(records.files[("redirects", record_id)], "to", message, "unknown-reference")
