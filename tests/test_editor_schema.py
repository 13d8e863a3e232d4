"""The schema editors apply to records/ (.vscode/settings.json): every record passes it, and typos do not.

Validated with a JSON Schema library exactly as an editor resolves it: the settings' file patterns,
the per-folder schema each names, and its $ref into records.schema.json."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, VALID_RECORDS
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tracker import fieldref, models, paths

SETTINGS = ROOT / ".vscode" / "settings.json"


def _registry() -> Registry:
    files = [fieldref.EDITOR_SCHEMA, *sorted((ROOT / ".vscode" / "schemas").glob("*.json"))]
    return Registry().with_resources(
        (path.resolve().as_uri(), Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in files
    )


REGISTRY = _registry()


def validator_for(record: Path) -> Draft202012Validator:
    """The validator an editor applies to ``record``: the last schema setting whose pattern matches it."""
    settings = json.loads(SETTINGS.read_text(encoding="utf-8"))
    matching = [
        entry
        for entry in settings["json.schemas"]
        if any(
            fnmatch.fnmatch(record.resolve().as_posix(), "*/" + pattern.removeprefix("**/"))
            for pattern in entry["fileMatch"]
        )
    ]
    assert matching, f"no schema applies to {record}"
    schema_uri = (ROOT / matching[-1]["url"]).resolve().as_uri()
    return Draft202012Validator({"$ref": schema_uri}, registry=REGISTRY)


def record_files(root: Path) -> list[Path]:
    return sorted(path for folder in models.ALL_MODELS for path in (root / folder).glob("*.json"))


def test_every_record_folder_has_a_schema() -> None:
    settings = json.loads(SETTINGS.read_text(encoding="utf-8"))
    patterns = [pattern for entry in settings["json.schemas"] for pattern in entry["fileMatch"]]
    assert sorted(patterns) == sorted(f"**/records/{folder}/*.json" for folder in models.ALL_MODELS)
    for entry in settings["json.schemas"]:
        assert not entry["url"].count("#"), "editors ignore a fragment in a schema url"
        assert (ROOT / entry["url"]).is_file()


@pytest.mark.parametrize("root", [paths.RECORDS, VALID_RECORDS], ids=["records", "fixture"])
def test_every_record_passes_the_editor_schema(root: Path) -> None:
    files = record_files(root)
    assert len(files) > 3
    for path in files:
        errors = [
            error.message for error in validator_for(path).iter_errors(json.loads(path.read_text(encoding="utf-8")))
        ]
        assert errors == [], f"{path.relative_to(root.parent)}: {errors[:3]}"


def test_the_editor_schema_underlines_typos(tmp_path: Path) -> None:
    event = next(path for path in record_files(VALID_RECORDS) if path.parent.name == "events")
    data: dict[str, Any] = json.loads(event.read_text(encoding="utf-8"))
    validator = validator_for(event)
    assert list(validator.iter_errors({**data, "type": "count"})), "a value outside the vocabulary"
    assert list(validator.iter_errors({**data, "tittle": data["title"]})), "an unknown field"
    assert list(validator.iter_errors({key: value for key, value in data.items() if key != "sources"})), "no sources"
    person = next(path for path in record_files(VALID_RECORDS) if path.parent.name == "people")
    assert list(validator_for(person).iter_errors({**data})), "an event is not a valid person"
