"""Closed vocabularies, defined once and reused by the models, pages and data package.

Each vocabulary is a ``StrEnum`` whose values are what editors write in records; ``LABELS``
gives the reader-facing wording. Adding a value is a minor data change; renaming one is major.
"""

from enum import StrEnum


class SourceKind(StrEnum):
    """Who published a source, so readers can weigh it."""

    INDEPENDENT_MEDIA = "independent-media"
    RFE_RL = "rfe-rl"
    ARMENIAN_MEDIA = "armenian-media"
    INTERNATIONAL_MEDIA = "international-media"
    ADVOCACY = "advocacy"
    ARMENIAN_OFFICIAL = "armenian-official"
    AZERBAIJANI_STATE_MEDIA = "azerbaijani-state-media"
    AZERBAIJANI_OFFICIAL = "azerbaijani-official"
    AZERBAIJANI_CIVIL_SOCIETY = "azerbaijani-civil-society"
    RUSSIAN_STATE_MEDIA = "russian-state-media"
    INTERNATIONAL_NGO = "international-ngo"
    INTERNATIONAL_ORGANISATION = "international-organisation"
    COURT_DOCUMENT = "court-document"
    AGGREGATOR = "aggregator"


class EventType(StrEnum):
    """What kind of thing happened."""

    DISAPPEARANCE = "disappearance"
    DETENTION = "detention"
    CHARGE = "charge"
    PRETRIAL_DETENTION = "pretrial-detention"
    TRIAL_OPENED = "trial-opened"
    HEARING = "hearing"
    PROSECUTION_DEMAND = "prosecution-demand"
    VERDICT = "verdict"
    APPEAL = "appeal"
    HUNGER_STRIKE = "hunger-strike"
    HEALTH = "health"
    HOSPITALISATION = "hospitalisation"
    ICRC_VISIT = "icrc-visit"
    FAMILY_CONTACT = "family-contact"
    RELEASE = "release"
    TRANSFER = "transfer"
    DEATH = "death"
    OFFICIAL_COUNT = "official-count"
    STATEMENT = "statement"
    CONTEXT = "context"


class PersonRole(StrEnum):
    """How a person is concerned by an event."""

    SUBJECT = "subject"
    DEFENDANT = "defendant"
    MENTIONED = "mentioned"


class AccountGiver(StrEnum):
    """Whose account a source gives of an event."""

    PROSECUTION = "prosecution"
    DEFENCE = "defence"
    FAMILY = "family"
    LAWYER = "lawyer"
    COURT = "court"
    ARMENIAN_OFFICIAL = "armenian-official"
    AZERBAIJANI_OFFICIAL = "azerbaijani-official"
    AZERBAIJANI_STATE_MEDIA = "azerbaijani-state-media"
    ICRC = "icrc"
    ADVOCACY = "advocacy"
    INTERNATIONAL_NGO = "international-ngo"
    JOURNALIST = "journalist"


class Category(StrEnum):
    """When and how a person came to be held, as the editors classify it from the sources."""

    CAPTURED_2020 = "captured-2020"
    DETAINED_BLOCKADE = "detained-blockade"
    DETAINED_SEPTEMBER_2023 = "detained-september-2023"
    ARRESTED_LATER = "arrested-later"


class Claimant(StrEnum):
    """Who gives a count of prisoners: counts from different claimants are never merged.

    Each value is also an ``AccountGiver`` value: the same party has the same name in both."""

    AZERBAIJANI_OFFICIAL = "azerbaijani-official"
    ARMENIAN_OFFICIAL = "armenian-official"
    ADVOCACY = "advocacy"
    JOURNALIST = "journalist"


class CountQualifier(StrEnum):
    """How exact a count is."""

    EXACTLY = "exactly"
    AT_LEAST = "at-least"
    MORE_THAN = "more-than"
    ABOUT = "about"


class Status(StrEnum):
    """A person's current status, derived from events (never typed in a record)."""

    MISSING = "missing"
    HELD = "held"
    RELEASED = "released"
    DIED = "died"
    UNKNOWN = "unknown"


class RecordKind(StrEnum):
    """The kinds of record that have ids (and, for people and events, pages)."""

    PEOPLE = "people"
    EVENTS = "events"
    SOURCES = "sources"


class RedirectReason(StrEnum):
    """Why an id stopped being used: its URL keeps working as a redirect."""

    RENAMED = "renamed"
    MERGED = "merged"


class WithdrawalReason(StrEnum):
    """Why a record was withdrawn: its URL keeps working as a notice, and its id is reserved forever."""

    ERROR = "error"
    SAFETY = "safety"
    REQUEST = "request-of-person-or-family"
    DUPLICATE = "duplicate"
    OUT_OF_SCOPE = "out-of-scope"


LABELS: dict[type[StrEnum], dict[StrEnum, str]] = {
    SourceKind: {
        SourceKind.INDEPENDENT_MEDIA: "independent media",
        SourceKind.RFE_RL: "RFE/RL",
        SourceKind.ARMENIAN_MEDIA: "Armenian and diaspora media",
        SourceKind.INTERNATIONAL_MEDIA: "international media",
        SourceKind.ADVOCACY: "advocacy",
        SourceKind.ARMENIAN_OFFICIAL: "Armenian official",
        SourceKind.AZERBAIJANI_STATE_MEDIA: "Azerbaijani state or pro-government media",
        SourceKind.AZERBAIJANI_OFFICIAL: "Azerbaijani official",
        SourceKind.AZERBAIJANI_CIVIL_SOCIETY: "Azerbaijani civil society",
        SourceKind.RUSSIAN_STATE_MEDIA: "Russian state or pro-government media",
        SourceKind.INTERNATIONAL_NGO: "international NGO",
        SourceKind.INTERNATIONAL_ORGANISATION: "international organisation",
        SourceKind.COURT_DOCUMENT: "court document",
        SourceKind.AGGREGATOR: "republished by an aggregator",
    },
    AccountGiver: {
        AccountGiver.PROSECUTION: "the prosecution",
        AccountGiver.DEFENCE: "the defence",
        AccountGiver.FAMILY: "the family",
        AccountGiver.LAWYER: "a lawyer",
        AccountGiver.COURT: "the court",
        AccountGiver.ARMENIAN_OFFICIAL: "Armenian officials",
        AccountGiver.AZERBAIJANI_OFFICIAL: "Azerbaijani officials",
        AccountGiver.AZERBAIJANI_STATE_MEDIA: "Azerbaijani state media",
        AccountGiver.ICRC: "the ICRC",
        AccountGiver.ADVOCACY: "advocates",
        AccountGiver.INTERNATIONAL_NGO: "an international NGO",
        AccountGiver.JOURNALIST: "journalists",
    },
    Category: {
        Category.CAPTURED_2020: "captured in 2020",
        Category.DETAINED_BLOCKADE: "detained during the blockade",
        Category.DETAINED_SEPTEMBER_2023: "detained in September 2023",
        Category.ARRESTED_LATER: "arrested later",
    },
    Claimant: {
        Claimant.AZERBAIJANI_OFFICIAL: "acknowledged by Azerbaijan",
        Claimant.ARMENIAN_OFFICIAL: "claimed by Armenian officials",
        Claimant.ADVOCACY: "claimed by advocates",
        Claimant.JOURNALIST: "counted by journalists",
    },
    CountQualifier: {
        CountQualifier.EXACTLY: "",
        CountQualifier.AT_LEAST: "at least",
        CountQualifier.MORE_THAN: "more than",
        CountQualifier.ABOUT: "about",
    },
    Status: {
        Status.MISSING: "missing",
        Status.HELD: "held",
        Status.RELEASED: "released",
        Status.DIED: "died",
        Status.UNKNOWN: "unknown",
    },
    EventType: {
        EventType.DISAPPEARANCE: "disappearance",
        EventType.DETENTION: "detention",
        EventType.CHARGE: "charge",
        EventType.PRETRIAL_DETENTION: "pre-trial detention",
        EventType.TRIAL_OPENED: "trial opened",
        EventType.HEARING: "hearing",
        EventType.PROSECUTION_DEMAND: "prosecution demand",
        EventType.VERDICT: "verdict",
        EventType.APPEAL: "appeal",
        EventType.HUNGER_STRIKE: "hunger strike",
        EventType.HEALTH: "health",
        EventType.HOSPITALISATION: "hospitalisation",
        EventType.ICRC_VISIT: "ICRC visit",
        EventType.FAMILY_CONTACT: "family contact",
        EventType.RELEASE: "release",
        EventType.TRANSFER: "transfer",
        EventType.DEATH: "death",
        EventType.OFFICIAL_COUNT: "official count",
        EventType.STATEMENT: "statement",
        EventType.CONTEXT: "context",
    },
    PersonRole: {
        PersonRole.SUBJECT: "subject",
        PersonRole.DEFENDANT: "defendant",
        PersonRole.MENTIONED: "mentioned",
    },
    RecordKind: {
        RecordKind.PEOPLE: "people",
        RecordKind.EVENTS: "events",
        RecordKind.SOURCES: "sources",
    },
    RedirectReason: {
        RedirectReason.RENAMED: "renamed",
        RedirectReason.MERGED: "merged",
    },
    WithdrawalReason: {
        WithdrawalReason.ERROR: "it was found to be wrong",
        WithdrawalReason.SAFETY: "publishing it could put someone at risk",
        WithdrawalReason.REQUEST: "the person or their family asked for it",
        WithdrawalReason.DUPLICATE: "it duplicated another record",
        WithdrawalReason.OUT_OF_SCOPE: "it falls outside what this record documents",
    },
}
"""Reader-facing English wording, one table per vocabulary (values may repeat across vocabularies:
StrEnum members with the same value compare equal, so one shared table would let one overwrite another)."""


def label(value: StrEnum) -> str:
    """Reader-facing wording of a vocabulary value (its value with spaces when none is set)."""
    return LABELS.get(type(value), {}).get(value, value.value.replace("-", " "))
