"""The tables of the data package, derived from the pydantic models (never written by hand).

Each record kind is a table; each list inside a record becomes a child table keyed by its parent's
key and a ``position``; optional nested objects (a sentence, a count, identifiers) become prefixed
columns (``sentence_years``). Every column's type, description and constraints come from the
models' JSON Schema; every EDTF date gets ``<field>_earliest`` and ``<field>_latest`` columns. The
same tables turn records into rows (tracker/package_rows.py) and, in the round-trip tests, rows back
into records (tests/package_reader.py), which proves the CSVs lose nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from tracker import dates, package_derived, vocab
from tracker.models import ALL_MODELS
from tracker.problems import BuildFailed

CHILD_TABLES = {
    ("people", "other_names"): "names",
    ("people", "born"): "births",
    ("people", "origin"): "origins",
    ("people", "roles"): "roles",
    ("births", "sources"): "birth_sources",
    ("origins", "sources"): "origin_sources",
    ("roles", "sources"): "role_sources",
    ("people", "summary_sources"): "summary_sources",
    ("people", "name_hy_sources"): "name_hy_sources",
    ("names", "sources"): "name_sources",
    ("event_people", "sources"): "event_people_sources",
    ("events", "charges"): "charges",
    ("events", "people"): "event_people",
    ("events", "sources"): "event_sources",
}
"""(parent table, list field) -> the child table's name; unlisted lists get ``<parent>_<field>``."""

SINGULAR = {"people": "person", "events": "event", "sources": "source", "births": "birth", "origins": "origin"}
REFERENCES = {"person": "people", "source": "sources"}
"""A column holding a record id, by name, and the table it points to."""

NAME_KINDS = {
    "name": "the name in Latin script, as most sources spell it",
    "name_hy": "the name in Armenian script",
    "other_names": "another spelling or form, as some source writes it",
}
"""The ``kind`` of a row of the names table: the person field the spelling comes from."""


@dataclass(frozen=True)
class Column:
    """One column: its Table Schema field, and where its value comes from."""

    name: str
    field: dict[str, Any]
    role: str = "value"
    """key (from the parent), position, value, earliest, latest or kind (names only)."""
    path: tuple[str, ...] = ()
    """Where the value sits in the item (() for an item that is itself a value)."""
    vocabulary: type[StrEnum] | None = None
    """The closed list (tracker.vocab) a categorical column's values come from."""
    derived: bool = False
    """Computed from the derivation the pages use (tracker.package_derived), not read from the record."""


@dataclass
class Table:
    """One resource of the package."""

    name: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    parent: str | None = None
    list_field: str | None = None
    nested: list[tuple[str, ...]] = field(default_factory=list)
    """Paths of optional nested objects, whose columns are all empty when the object is absent."""
    children: list[tuple[str, str]] = field(default_factory=list)
    """(list field, child table) pairs."""

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [copy.deepcopy(column.field) for column in self.columns],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = copy.deepcopy(self.foreign_keys)
        return schema


def singular(table: str) -> str:
    return SINGULAR.get(table, table.removesuffix("s"))


def xsd_pattern(pattern: str) -> str:
    """A Python pattern as Table Schema wants it: XML Schema style, anchored implicitly, no (?:."""
    return pattern.removeprefix("^").removesuffix("$").replace("(?:", "(")


def _resolve(defs: dict[str, Any], schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(the schema behind refs and Optional, whether null is allowed)."""
    nullable = False
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        nullable = len(options) < len(schema["anyOf"])
        if len(options) != 1:
            raise BuildFailed(f"data package: cannot map a union of {len(options)} types to a column")
        schema = options[0]
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema, nullable


def _field(name: str, schema: dict[str, Any], description: str, required: bool) -> dict[str, Any]:
    kind = schema.get("type")
    if kind not in {"string", "integer", "boolean", "number"}:
        raise BuildFailed(f'data package: column "{name}" has JSON type {kind!r}, which has no column type')
    constraints: dict[str, Any] = {"required": True} if required else {}
    for source, target in [("minLength", "minLength"), ("maxLength", "maxLength")]:
        if source in schema:
            constraints[target] = schema[source]
    for source, target in [("minimum", "minimum"), ("maximum", "maximum")]:
        if source in schema:
            constraints[target] = schema[source]
    if "pattern" in schema:
        constraints["pattern"] = xsd_pattern(schema["pattern"])
    descriptor: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if "enum" in schema:
        enum = getattr(vocab, schema["title"])
        constraints["enum"] = list(schema["enum"])
        descriptor["categories"] = [{"value": value, "label": vocab.label(enum(value))} for value in schema["enum"]]
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def _date_columns(name: str, path: tuple[str, ...], required: bool, derived: bool = False) -> list[Column]:
    columns = []
    for role, word, example in [
        ("earliest", "First", "2023-07 gives 2023-07-01"),
        ("latest", "Last", "2023-07 gives 2023-07-31"),
    ]:
        descriptor = {
            "name": f"{name}_{role}",
            "type": "date",
            "description": f"{word} day that {name} can mean, derived from it ({example}).",
        }
        if required:
            descriptor["constraints"] = {"required": True}
        columns.append(Column(f"{name}_{role}", descriptor, role, path, derived=derived))
    return columns


def _add_derived(table: Table) -> None:
    """Append a record table's derived columns (package_derived.FIELDS), each EDTF one with its days."""
    for descriptor in package_derived.FIELDS.get(table.name, []):
        vocabulary = vocab.Status if descriptor["name"] == "status" else None
        field = copy.deepcopy(descriptor)
        if package_derived.is_edtf(descriptor):
            field["constraints"]["pattern"] = xsd_pattern(dates.PATTERN)
        table.columns.append(Column(descriptor["name"], field, vocabulary=vocabulary, derived=True))
        if package_derived.is_edtf(descriptor):
            table.columns.extend(_date_columns(descriptor["name"], (), False, derived=True))


def _walk(
    defs: dict[str, Any],
    schema: dict[str, Any],
    table: Table,
    path: tuple[str, ...] = (),
    required: bool = True,
    heading: str = "",
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Add the columns of an object to the table; yield its lists as (field, item schema, description)."""
    for name, prop in schema["properties"].items():
        inner, nullable = _resolve(defs, prop)
        description = prop.get("description")
        if not description:
            raise BuildFailed(f'data package: field "{".".join((*path, name))}" has no description in the models')
        column = "_".join((*path, name))
        here = (*path, name)
        always = name in schema.get("required", []) or prop.get("default") is not None
        if inner.get("type") == "array":
            if path:
                raise BuildFailed(f'data package: a list inside a nested object ("{column}") needs its own table')
            items, _ = _resolve(defs, inner["items"])
            yield name, items, description
        elif inner.get("type") == "object":
            if nullable:
                table.nested.append(here)
            title = inner.get("title", name)
            yield from _walk(defs, inner, table, here, required and always and not nullable, f"{title}: ")
        else:
            is_required = required and always and not nullable
            vocabulary = getattr(vocab, inner["title"]) if "enum" in inner else None
            descriptor = _field(column, inner, heading + description, is_required)
            table.columns.append(Column(column, descriptor, path=here, vocabulary=vocabulary))
            if inner.get("pattern") == dates.PATTERN:
                table.columns.extend(_date_columns(column, here, is_required))


def _key_columns(parent: Table) -> list[Column]:
    """The columns a child table uses to point at its parent row."""
    columns = []
    for name in parent.primary_key:
        source = next(column for column in parent.columns if column.name == name)
        descriptor = copy.deepcopy(source.field)
        new_name = singular(parent.name) if name in {"id", "position"} else name
        descriptor["name"] = new_name
        if name == "id":
            descriptor["description"] = f"Id of the {singular(parent.name)} ({parent.name}.id)."
        elif name == "position":
            descriptor["description"] = (
                f"Position of the {singular(parent.name)} within its list ({parent.name}.position)."
            )
        columns.append(Column(new_name, descriptor, "key"))
    return columns


def _add_references(table: Table) -> None:
    for column in table.columns:
        target = REFERENCES.get(column.name)
        if column.role == "value" and target and target != table.name:
            table.foreign_keys.append({"fields": [column.name], "reference": {"resource": target, "fields": ["id"]}})


def _child(
    tables: list[Table], defs: dict[str, Any], parent: Table, list_field: str, items: dict[str, Any], text: str
) -> None:
    name = CHILD_TABLES.get((parent.name, list_field), f"{singular(parent.name)}_{list_field}")
    keys = _key_columns(parent)
    position = {
        "name": "position",
        "type": "integer",
        "description": f"Order of this entry in the {singular(parent.name)}'s {list_field} (1 is first).",
        "constraints": {"required": True, "minimum": 1},
    }
    about = f"{items['description']} " if "description" in items else ""
    text = f"{about}One row for each entry of {parent.name}.{list_field}: {text[0].lower()}{text[1:]}"
    table = Table(name, text, [*keys, Column("position", position, "position")], [c.name for c in keys] + ["position"])
    table.parent, table.list_field = parent.name, list_field
    table.foreign_keys.append(
        {"fields": [c.name for c in keys], "reference": {"resource": parent.name, "fields": list(parent.primary_key)}}
    )
    parent.children.append((list_field, name))
    if name == "names":
        kind = {
            "name": "kind",
            "type": "string",
            "description": "Which field of the person record gives this spelling.",
            "categories": [{"value": value, "label": label} for value, label in NAME_KINDS.items()],
            "constraints": {"required": True, "enum": list(NAME_KINDS)},
        }
        table.columns.append(Column("kind", kind, "kind"))
        table.description = "Every spelling of every person's name, one row each: the Latin-script name, the Armenian-script name and the other spellings and forms."
    tables.append(table)
    if items.get("type") == "object":
        lists = list(_walk(defs, items, table))
    else:
        value = singular(name)
        table.columns.append(Column(value, _field(value, items, f"One of the {list_field}, as written.", True)))
        lists = []
    _add_references(table)
    for grandchild, grand_items, grand_text in lists:
        _child(tables, defs, table, grandchild, grand_items, grand_text)


@cache
def _tables() -> tuple[Table, ...]:
    tables: list[Table] = []
    for kind, model in ALL_MODELS.items():
        schema = model.model_json_schema()
        defs = schema.get("$defs", {})
        table = Table(kind, schema["description"], [], ["id"])
        tables.append(table)
        lists = list(_walk(defs, schema, table))
        _add_derived(table)
        _add_references(table)
        for list_field, items, text in lists:
            _child(tables, defs, table, list_field, items, text)
    names = [table.name for table in tables]
    if len(set(names)) != len(names):
        raise BuildFailed(f"data package: two tables share a name in {names}")
    for table in tables:
        columns = [column.name for column in table.columns]
        if len(set(columns)) != len(columns):
            raise BuildFailed(f'data package: two columns of table "{table.name}" share a name in {columns}')
    return tuple(tables)


def tables() -> list[Table]:
    """Every table, parents before their children (a copy: callers may not change the cache)."""
    return copy.deepcopy(list(_tables()))


def read_only_tables() -> tuple[Table, ...]:
    """Every table, parents before their children, without copying: for code that only reads them
    (row building runs once per record, and copying the tables each time cost more than the rest)."""
    return _tables()
