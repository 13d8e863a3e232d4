"""Suggestions that teach: the vocabulary value an editor meant, and publisher names that drift.

A wrong vocabulary value is matched by spelling ("detension" -> "detention"), by a word of a value
("count" -> "official-count") and by a few words editors use for the same thing ("arrest" ->
"detention"). Publisher names are compared loosely ("Azatutyun" and "Azatutyun (RFE/RL)" name one
publisher), so a second spelling of a publisher is caught while typing the first source of it.
"""

from __future__ import annotations

import difflib
import inspect
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

from tracker import vocab
from tracker.problems import Problem
from tracker.vocab import AccountGiver, CountQualifier, EventType, PersonRole, SourceKind

if TYPE_CHECKING:
    from tracker.validate import Records

VOCABULARIES: tuple[type[StrEnum], ...] = tuple(
    member
    for _name, member in inspect.getmembers(vocab, inspect.isclass)
    if issubclass(member, StrEnum) and member is not StrEnum and member is not vocab.Status
)
"""Every closed vocabulary an editor writes (Status is derived, never written)."""

# Words editors write for a value, where neither spelling nor a shared word finds it.
MEANINGS: dict[type[StrEnum], dict[str, StrEnum]] = {
    EventType: {
        "arrest": EventType.DETENTION,
        "arrested": EventType.DETENTION,
        "detained": EventType.DETENTION,
        "capture": EventType.DETENTION,
        "captured": EventType.DETENTION,
        "indictment": EventType.CHARGE,
        "charged": EventType.CHARGE,
        "accusation": EventType.CHARGE,
        "remand": EventType.PRETRIAL_DETENTION,
        "custody": EventType.PRETRIAL_DETENTION,
        "trial": EventType.TRIAL_OPENED,
        "session": EventType.HEARING,
        "sentence": EventType.VERDICT,
        "sentenced": EventType.VERDICT,
        "conviction": EventType.VERDICT,
        "convicted": EventType.VERDICT,
        "judgment": EventType.VERDICT,
        "judgement": EventType.VERDICT,
        "hospital": EventType.HOSPITALISATION,
        "hospitalization": EventType.HOSPITALISATION,
        "surgery": EventType.HOSPITALISATION,
        "illness": EventType.HEALTH,
        "visit": EventType.ICRC_VISIT,
        "red-cross": EventType.ICRC_VISIT,
        "call": EventType.FAMILY_CONTACT,
        "phone-call": EventType.FAMILY_CONTACT,
        "letter": EventType.FAMILY_CONTACT,
        "freed": EventType.RELEASE,
        "released": EventType.RELEASE,
        "repatriation": EventType.RELEASE,
        "repatriated": EventType.RELEASE,
        "pardon": EventType.RELEASE,
        "transferred": EventType.TRANSFER,
        "died": EventType.DEATH,
        "missing": EventType.DISAPPEARANCE,
        "number": EventType.OFFICIAL_COUNT,
        "tally": EventType.OFFICIAL_COUNT,
        "announcement": EventType.STATEMENT,
        "background": EventType.CONTEXT,
    },
    AccountGiver: {
        "prosecutor": AccountGiver.PROSECUTION,
        "prosecutors": AccountGiver.PROSECUTION,
        "defense": AccountGiver.DEFENCE,
        "relatives": AccountGiver.FAMILY,
        "relative": AccountGiver.FAMILY,
        "attorney": AccountGiver.LAWYER,
        "judge": AccountGiver.COURT,
        "red-cross": AccountGiver.ICRC,
        "media": AccountGiver.JOURNALIST,
        "reporter": AccountGiver.JOURNALIST,
    },
    SourceKind: {
        "azatutyun": SourceKind.RFE_RL,
        "rferl": SourceKind.RFE_RL,
        "radio-liberty": SourceKind.RFE_RL,
        "ngo": SourceKind.INTERNATIONAL_NGO,
        "court": SourceKind.COURT_DOCUMENT,
        "judgment": SourceKind.COURT_DOCUMENT,
    },
    PersonRole: {"accused": PersonRole.DEFENDANT, "main": PersonRole.SUBJECT},
    CountQualifier: {
        "approximately": CountQualifier.ABOUT,
        "around": CountQualifier.ABOUT,
        "over": CountQualifier.MORE_THAN,
        "minimum": CountQualifier.AT_LEAST,
    },
}


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[^a-z0-9]+", text.casefold()) if word]


def vocabulary_of(values: Iterable[str]) -> type[StrEnum] | None:
    """The vocabulary whose values are exactly these (as a validation error lists them)."""
    wanted = set(values)
    return next((enum for enum in VOCABULARIES if {member.value for member in enum} == wanted), None)


def closest_value(text: str, enum: type[StrEnum]) -> str | None:
    """The value of ``enum`` an editor most likely meant by ``text``, or None."""
    values = [member.value for member in enum]
    words = _words(str(text))
    written = "-".join(words)
    if written in values:  # "Official count", "official_count"
        return written
    meanings = MEANINGS.get(enum, {})
    for candidate in (written, *words):
        if candidate in meanings:
            return meanings[candidate].value
    # A word of exactly one value: "count" -> "official-count", "strike" -> "hunger-strike".
    sharing = [value for value in values if set(words) & set(value.split("-"))]
    if len(sharing) == 1:
        return sharing[0]
    close = difflib.get_close_matches(written, values, n=1, cutoff=0.6)
    return close[0] if close else None


def publisher_key(name: str) -> str:
    """The letters and digits of a publisher's name, without case or a leading "The"."""
    words = _words(name)
    return "".join(words[1:] if words[:1] == ["the"] else words)


def _publisher_base(name: str) -> str:
    """The name without a trailing remark in brackets: "Azatutyun (RFE/RL)" -> "azatutyun"."""
    return publisher_key(name.split("(", 1)[0])


def publishers_alike(first: str, second: str) -> bool:
    """True when two different spellings probably name one publisher.

    Same letters apart from case, punctuation and "The"; the same name before a bracketed remark;
    or one letter apart. Names that differ only in digits stay apart (1news.az is not News.az).
    """
    if first == second:
        return False
    a, b = publisher_key(first), publisher_key(second)
    if a == b or (_publisher_base(first) and _publisher_base(first) == _publisher_base(second)):
        return True
    if re.sub(r"\d", "", a) == re.sub(r"\d", "", b):
        return False
    return min(len(a), len(b)) >= 6 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def closest_publisher(name: str, known: Iterable[str]) -> str | None:
    """The existing spelling of the publisher ``name`` probably means, or None."""
    alike = [publisher for publisher in known if publishers_alike(name, publisher)]
    return min(alike, key=lambda publisher: -difflib.SequenceMatcher(None, name, publisher).ratio()) if alike else None


def publisher_warnings(records: Records) -> list[Problem]:
    """A warning for each source spelling its publisher unlike more sources of the same publisher."""
    files = {records.files[("sources", source_id)]: source.publisher for source_id, source in records.sources.items()}
    return spelling_warnings(files)


def spelling_warnings(publishers: Mapping[str, str]) -> list[Problem]:
    """For sources (file -> publisher) spelling a publisher differently from more sources: a warning each.

    The spelling most sources use is the one suggested; on a tie, the first in alphabetical order."""
    used = Counter(publishers.values())
    preferred = sorted(used, key=lambda name: (-used[name], name))
    problems = []
    for file, name in sorted(publishers.items()):
        better = next((other for other in preferred if publishers_alike(name, other)), None)
        if better is not None and preferred.index(better) < preferred.index(name):
            sources = f"{used[better]} source{'s' if used[better] != 1 else ''}"
            message = (
                f'publisher "{name}" looks like "{better}" ({sources} spell it so); use one spelling for one publisher'
            )
            problems.append(Problem(file, "publisher", message, "publisher-spelling"))
    return problems
