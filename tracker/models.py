"""The one schema: pydantic models for the three kinds of record.

Every field carries a description; the data package's table schemas, the data dictionary and the
JSON Schema are all generated from these models. Unknown fields are rejected (``extra="forbid"``).
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from tracker import dates
from tracker.vocab import (
    AccountGiver,
    Category,
    Claimant,
    CountQualifier,
    EventType,
    PersonRole,
    RecordKind,
    RedirectReason,
    SourceKind,
    WithdrawalReason,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
URL_PATTERN = r"^https?://[^\s]+$"


def _check_date(text: str) -> str:
    try:
        dates.parse(text)
    except dates.DateError as error:
        raise PydanticCustomError(error.code, error.message) from None
    return text


RecordId = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=120)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000)]
EdtfText = Annotated[
    str,
    Field(
        pattern=dates.PATTERN,
        examples=[
            "2023",
            "2023-07",
            "2023-07-29",
            "~2023",
            "2023-07?",
            "2025-12-24/2025-12-25",
        ],
    ),
    AfterValidator(_check_date),
]


class Strict(BaseModel):
    """Base for hand-written records: unknown fields are errors, strings are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Citation(Strict):
    """A source that supports a fact, and whose account it gives."""

    source: RecordId = Field(description="Id of the source record (records/sources/<id>.json).")
    account: AccountGiver | None = Field(
        default=None,
        strict=False,
        description="Whose account the source gives, when only one side speaks or sources disagree "
        "(e.g. prosecution, family). Empty when the source reports it as established fact.",
    )
    note: Text | None = Field(
        default=None,
        description="What this source adds or where it differs, in the editors' words.",
    )
    note_hy: Text | None = Field(default=None, description="The note in Armenian: the editors' translation.")


Citations = Annotated[
    list[Citation],
    Field(min_length=1, description="The sources that state this; at least one."),
]


class OtherName(Strict):
    """Another spelling or form of a person's name, as some source writes it."""

    name: ShortText = Field(description="The name as written (any script).")
    language: str | None = Field(
        default=None,
        pattern=LANGUAGE_PATTERN,
        description="ISO 639 code of the language or script's language (hy, ru, az, en).",
    )
    note: ShortText | None = Field(
        default=None,
        description="Where this form is used (e.g. 'Azerbaijani court records').",
    )
    sources: list[Citation] = Field(
        default_factory=list,
        description="Sources that print the name in this form (shown beside it when given).",
    )


class Birth(Strict):
    """A person's date or place of birth according to the cited sources."""

    date: EdtfText | None = Field(default=None, description="Date of birth (EDTF subset; often only a year).")
    place: ShortText | None = Field(default=None, description="Place of birth as the source gives it.")
    sources: Citations


class Place(Strict):
    """Where a person is from or lived, according to the cited sources."""

    place: ShortText = Field(description="The place as the source names it.")
    note: ShortText | None = Field(
        default=None,
        description="How the source describes the link (resident of, native of).",
    )
    sources: Citations


class Role(Strict):
    """A position a person held, with dates where the sources give them."""

    title: ShortText = Field(description="The role (e.g. 'State minister of Nagorno-Karabakh').")
    start: EdtfText | None = Field(default=None, description="When the role began (EDTF subset).")
    end: EdtfText | None = Field(default=None, description="When the role ended (EDTF subset).")
    sources: Citations


class Identifiers(Strict):
    """Identifiers of the person in other registers."""

    wikidata: str | None = Field(default=None, pattern=WIKIDATA_PATTERN, description="Wikidata item (Q-number).")
    echr_application: ShortText | None = Field(default=None, description="Number of an application to the ECHR.")


class Person(Strict):
    """A person the record documents. Status and key facts are derived from events, never typed here."""

    id: RecordId = Field(description="Stable id; equals the file name; never changes once published.")
    name: ShortText = Field(description="Name in Latin script, as most sources spell it.")
    name_hy: ShortText | None = Field(default=None, description="Name in Armenian script.")
    name_hy_sources: list[Citation] = Field(
        default_factory=list,
        description="Sources that print the name in Armenian script (shown beside it when given).",
    )
    other_names: list[OtherName] = Field(default_factory=list, description="Other spellings and forms of the name.")
    born: list[Birth] = Field(
        default_factory=list,
        description="Birth date and place, one entry per differing account.",
    )
    origin: list[Place] = Field(
        default_factory=list,
        description="Where the person is from, one entry per differing account.",
    )
    roles: list[Role] = Field(default_factory=list, description="Positions held, with dates.")
    category: Category | None = Field(
        default=None,
        strict=False,
        description="When and how the person came to be held.",
    )
    category_note: Text | None = Field(default=None, description="Why the category is uncertain or disputed, if it is.")
    category_note_hy: Text | None = Field(
        default=None, description="The category note in Armenian: the editors' translation."
    )
    summary: Text = Field(description="A short summary in the editors' own words, stating only what the sources say.")
    summary_sources: Citations = Field(
        description="The sources that state what the summary says; a reader reaches each in one click."
    )
    summary_hy: Text | None = Field(
        default=None, description="The summary in Armenian: the editors' translation of the English summary."
    )
    identifiers: Identifiers | None = Field(default=None, description="Identifiers in other registers.")


class Sentence(Strict):
    """A prison term, as demanded or handed down."""

    years: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Length of the term in years; empty for life.",
    )
    life: bool = Field(default=False, description="True for life imprisonment.")
    note: ShortText | None = Field(default=None, description="Conditions (e.g. 'first 10 years in prison').")

    @model_validator(mode="after")
    def _years_or_life(self) -> Sentence:
        if self.life == (self.years is not None):
            raise PydanticCustomError("bad-sentence", "give either years or life: true, not both or neither")
        return self


class Involvement(Strict):
    """A person concerned by an event, with their individual outcome where there is one."""

    person: RecordId = Field(description="Id of the person record.")
    role: PersonRole = Field(
        default=PersonRole.SUBJECT,
        strict=False,
        description="How the person is concerned by the event.",
    )
    sentence: Sentence | None = Field(
        default=None,
        description="The term handed down (verdict, appeal) or demanded (prosecution demand) for this person.",
    )
    note: Text | None = Field(default=None, description="Anything specific to this person in this event.")
    note_hy: Text | None = Field(default=None, description="The note in Armenian: the editors' translation.")
    sources: list[Citation] = Field(
        default_factory=list,
        description="The sources that state this person's part or outcome (e.g. their sentence), when not every "
        "source of the event does; each must also be one of the event's sources. Required with a sentence.",
    )

    @model_validator(mode="after")
    def _outcome_cited(self) -> Involvement:
        if self.sentence is not None and not self.sources:
            raise PydanticCustomError(
                "uncited-outcome",
                "a sentence for one person needs its own sources: list the event's sources that state it",
            )
        return self


class Count(Strict):
    """A number of prisoners as one claimant gives it. Counts are never merged into one number."""

    number: int = Field(ge=0, description="The number given.")
    qualifier: CountQualifier = Field(
        default=CountQualifier.EXACTLY,
        strict=False,
        description="How exact the number is.",
    )
    claimant: Claimant = Field(strict=False, description="Who gives the number.")
    counted: ShortText = Field(description="What is counted (e.g. 'Armenian prisoners officially acknowledged').")


class Event(Strict):
    """Something that happened, with the people concerned and the sources that say so."""

    id: RecordId = Field(description="Stable id, starting with the date (e.g. 2025-12-25-avanesyan-sentenced).")
    date: EdtfText | None = Field(
        description="When it happened (EDTF subset: day, month, year, ?, ~, ranges). Required, but may be null "
        "when no cited source dates it: an unknown date is left empty, never guessed."
    )
    type: EventType = Field(strict=False, description="What kind of event it is.")
    title: ShortText = Field(description="A one-line title in the editors' words.")
    title_hy: ShortText | None = Field(
        default=None, description="The title in Armenian: the editors' translation of the English title."
    )
    summary: Text = Field(description="What happened, in the editors' words, saying whose account each claim is.")
    summary_hy: Text | None = Field(
        default=None, description="The summary in Armenian: the editors' translation of the English summary."
    )
    place: ShortText | None = Field(default=None, description="Where it happened.")
    court: ShortText | None = Field(
        default=None,
        description="The court, for trials, hearings, verdicts and appeals.",
    )
    charges: list[ShortText] = Field(
        default_factory=list,
        description="Charges brought or tried, as the sources name them.",
    )
    people: list[Involvement] = Field(default_factory=list, description="The people concerned.")
    count: Count | None = Field(
        default=None,
        description="For official-count events: the number and who gives it.",
    )
    sources: Citations
    disputed: bool = Field(default=False, description="True when sources disagree about this event.")
    dispute_note: Text | None = Field(
        default=None,
        description="What the sources disagree about (required when disputed).",
    )
    dispute_note_hy: Text | None = Field(
        default=None, description="The dispute note in Armenian: the editors' translation."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.disputed and not self.dispute_note:
            raise PydanticCustomError(
                "missing-dispute-note",
                "a disputed event needs a dispute_note saying what is disputed",
            )
        if self.type == EventType.OFFICIAL_COUNT and self.count is None:
            raise PydanticCustomError("missing-count", "an official-count event needs a count")
        return self


class Source(Strict):
    """A public source that records cite."""

    id: RecordId = Field(description="Stable id (e.g. oc-media-2025-12-icrc-visit).")
    title: ShortText = Field(
        description="The page's own headline, as it gives it, in its language (never made up); or, when the "
        "headline cannot be read, a short description by the editors with title_supplied set."
    )
    title_supplied: bool = Field(
        default=False,
        description="True when the title is the editors' description, not the page's headline (shown in square "
        "brackets, as catalogues show a supplied title).",
    )
    publisher: ShortText = Field(description="Who published it (e.g. OC Media, Azatutyun).")
    url: Url = Field(description="Where it can be read.")
    published: EdtfText | None = Field(
        default=None,
        description="When it was published (EDTF subset), as the page shows it; empty when the page shows no date.",
    )
    accessed: EdtfText | None = Field(default=None, description="When the editors last read it (a day).")
    language: str | None = Field(
        default=None,
        pattern=LANGUAGE_PATTERN,
        description="ISO 639 code of its language (en, hy, ru, fr, az); empty if unknown.",
    )
    kind: SourceKind = Field(
        strict=False,
        description="What kind of publisher it is, so readers can weigh it.",
    )
    via: ShortText | None = Field(
        default=None,
        description="The original reporter, when this page republishes another's report.",
    )
    archive_url: Url | None = Field(default=None, description="An archived copy of the page.")
    note: Text | None = Field(
        default=None,
        description="What this source is and what it supports, in the editors' words.",
    )
    note_hy: Text | None = Field(default=None, description="The note in Armenian: the editors' translation.")


class Redirect(Strict):
    """An id that is no longer used: its URL redirects to the record that replaced it (renamed or merged)."""

    id: RecordId = Field(description="The old id, reserved forever; equals the file name.")
    kind: RecordKind = Field(strict=False, description="Which kind of record the id belonged to.")
    to: RecordId = Field(description="The id of the record that replaced it (same kind).")
    date: EdtfText = Field(description="When the id stopped being used.")
    reason: RedirectReason = Field(strict=False, description="Why: renamed or merged.")


class Withdrawal(Strict):
    """A record withdrawn from publication: its URL shows a notice, and its id is reserved forever."""

    id: RecordId = Field(description="The withdrawn record's id, reserved forever; equals the file name.")
    kind: RecordKind = Field(strict=False, description="Which kind of record was withdrawn.")
    date: EdtfText = Field(description="When it was withdrawn.")
    reason: WithdrawalReason = Field(strict=False, description="Why it was withdrawn (closed list).")
    note: Text | None = Field(default=None, description="A public explanation, if one can be given safely.")


def citations_in(
    record: BaseModel, location: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Citation]]:
    """Every (location, citation) a record holds, in field order, in whatever field it sits: a new cited
    field needs no code to be checked, numbered and footnoted."""
    for name, info in type(record).model_fields.items():
        if not _may_hold_models(info.annotation):
            continue
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            here = (*location, name, index) if isinstance(value, list) else (*location, name)
            if isinstance(item, Citation):
                yield here, item
            elif isinstance(item, BaseModel):
                yield from citations_in(item, here)


@cache
def _may_hold_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_models(arg) for arg in typing.get_args(annotation))


MODELS: dict[str, type[Strict]] = {"people": Person, "events": Event, "sources": Source}
"""Record kind (the folder under records/) to its model."""
RETIRED_MODELS: dict[str, type[Strict]] = {"redirects": Redirect, "withdrawn": Withdrawal}
"""Folders under records/ for ids that are no longer live records but whose URLs must keep working."""
ALL_MODELS: dict[str, type[Strict]] = {**MODELS, **RETIRED_MODELS}
