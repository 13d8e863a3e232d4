"""Synthetic records for tests and benchmarks: generated, deterministic for a seed, and clearly fake.

Every synthetic record says it is synthetic (summaries, publishers, example.test URLs), so it can
never be mistaken for, or mixed with, the real records.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from tracker.vocab import AccountGiver, Category, Claimant, EventType, SourceKind

GIVEN = [
    ("Armen", "Արմեն"), ("Davit", "Դավիթ"), ("Karen", "Կարեն"), ("Ruben", "Ռուբեն"), ("Levon", "Լևոն"),
    ("Gevorg", "Գևորգ"), ("Aram", "Արամ"), ("Tigran", "Տիգրան"), ("Hayk", "Հայկ"), ("Vardan", "Վարդան"),
    ("Ani", "Անի"), ("Mariam", "Մարիամ"), ("Nare", "Նարե"), ("Lilit", "Լիլիթ"), ("Anahit", "Անահիտ"),
    ("Arsen", "Արսեն"), ("Sargis", "Սարգիս"), ("Hovhannes", "Հովհաննես"), ("Narek", "Նարեկ"), ("Samvel", "Սամվել"),
]  # fmt: skip
FAMILY = [
    ("Petrosyan", "Պետրոսյան"), ("Grigoryan", "Գրիգորյան"), ("Hakobyan", "Հակոբյան"), ("Sargsyan", "Սարգսյան"),
    ("Harutyunyan", "Հարությունյան"), ("Avetisyan", "Ավետիսյան"), ("Martirosyan", "Մարտիրոսյան"),
    ("Hovhannisyan", "Հովհաննիսյան"), ("Karapetyan", "Կարապետյան"), ("Mkrtchyan", "Մկրտչյան"),
    ("Gevorgyan", "Գևորգյան"), ("Poghosyan", "Պողոսյան"), ("Ghazaryan", "Ղազարյան"), ("Simonyan", "Սիմոնյան"),
    ("Vardanyan", "Վարդանյան"), ("Abrahamyan", "Աբրահամյան"), ("Melkonyan", "Մելքոնյան"), ("Zakaryan", "Զաքարյան"),
    ("Danielyan", "Դանիելյան"), ("Stepanyan", "Ստեփանյան"),
]  # fmt: skip
FIRST_DAY = dt.date(2020, 10, 1)
LAST_DAY = dt.date(2026, 6, 30)
PER_PERSON = [
    EventType.CHARGE, EventType.PRETRIAL_DETENTION, EventType.TRIAL_OPENED, EventType.HEARING,
    EventType.PROSECUTION_DEMAND, EventType.VERDICT, EventType.APPEAL, EventType.HUNGER_STRIKE,
    EventType.HEALTH, EventType.HOSPITALISATION, EventType.FAMILY_CONTACT, EventType.TRANSFER,
]  # fmt: skip
SHARED = [EventType.ICRC_VISIT, EventType.STATEMENT, EventType.CONTEXT, EventType.OFFICIAL_COUNT]


def _fuzzy(rng: random.Random, day: dt.date) -> str:
    """A date as editors often know it: mostly exact, sometimes month, year, uncertain or approximate."""
    roll = rng.random()
    if roll < 0.70:
        return day.isoformat()
    if roll < 0.82:
        return day.strftime("%Y-%m")
    if roll < 0.88:
        return f"{day:%Y-%m}?"
    if roll < 0.93:
        return f"~{day:%Y}"
    end = min(day + dt.timedelta(days=rng.randint(1, 20)), LAST_DAY)
    return f"{day.isoformat()}/{end.isoformat()}"


def _write(folder: Path, record: dict[str, Any]) -> None:
    (folder / f"{record['id']}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")


def synthesize(people: int, out_dir: Path, seed: int = 1) -> dict[str, int]:
    """Write a valid synthetic records folder: `people` people, about 5 events each, people/2 sources."""
    rng = random.Random(seed)
    for kind in ("people", "events", "sources"):
        (out_dir / kind).mkdir(parents=True, exist_ok=True)
    source_ids = []
    for index in range(max(1, people // 2)):
        source_id = f"synthetic-source-{index:05d}"
        source_ids.append(source_id)
        published = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        kind = rng.choice(list(SourceKind))
        _write(out_dir / "sources", {
            "id": source_id, "title": f"Synthetic report {index}", "publisher": f"Synthetic Publisher {index % 40}",
            "url": f"https://example.test/synthetic/{index}", "published": published.isoformat(),
            "language": rng.choice(["en", "hy", "ru"]), "kind": kind.value,
            "note": "SYNTHETIC: generated for tests and benchmarks; not a real source.",
        })  # fmt: skip
    accounts = [None, None, *AccountGiver]

    def cite(n: int = 1) -> list[dict[str, Any]]:
        chosen = rng.sample(source_ids, min(n, len(source_ids)))
        return [{"source": s, **({"account": a.value} if (a := rng.choice(accounts)) else {})} for s in chosen]

    events = 0
    person_ids = []
    for index in range(people):
        (given, given_hy), (family, family_hy) = rng.choice(GIVEN), rng.choice(FAMILY)
        person_id = f"{given}-{family}-{index:05d}".lower()
        person_ids.append(person_id)
        detained = FIRST_DAY + dt.timedelta(days=rng.randint(0, 1500))
        _write(out_dir / "people", {
            "id": person_id, "name": f"{given} {family}", "name_hy": f"{given_hy} {family_hy}",
            "other_names": [{"name": f"{given} {family[:-3]}ian", "language": "en"}],
            "born": [{"date": str(rng.randint(1950, 2002)), "sources": cite()}],
            "category": rng.choice(list(Category)).value,
            "summary": f"SYNTHETIC TEST RECORD {index}: a generated person who does not exist.",
            "summary_sources": cite(),
        })  # fmt: skip
        day = detained
        first = rng.random() < 0.05
        kinds = [EventType.DISAPPEARANCE] if first else []
        kinds += [EventType.DETENTION, *rng.sample(PER_PERSON, rng.randint(3, 4))]
        ending = rng.random()
        kinds += [EventType.RELEASE] if ending < 0.3 else [EventType.DEATH] if ending < 0.32 else []
        order = {t: i for i, t in enumerate([EventType.DISAPPEARANCE, EventType.DETENTION, *PER_PERSON])}
        kinds.sort(key=lambda t: order.get(t, 99))
        for number, event_type in enumerate(kinds):
            day = min(day + dt.timedelta(days=rng.randint(1, 90)), LAST_DAY)
            involvement: dict[str, Any] = {"person": person_id, "role": "subject"}
            if event_type in {EventType.VERDICT, EventType.PROSECUTION_DEMAND, EventType.APPEAL}:
                involvement["sentence"] = {"life": True} if rng.random() < 0.1 else {"years": rng.randint(4, 20)}
            event_sources = cite(rng.randint(1, 2))
            if "sentence" in involvement:
                involvement["sources"] = [{"source": event_sources[0]["source"]}]
            exact = {EventType.DETENTION, EventType.VERDICT, EventType.RELEASE, EventType.DEATH}
            date = day.isoformat() if event_type in exact else _fuzzy(rng, day)
            _write(out_dir / "events", {
                "id": f"{day.isoformat()}-{person_id}-{number}", "date": date, "type": event_type.value,
                "title": f"Synthetic {event_type.value.replace('-', ' ')} of {given} {family}",
                "summary": "SYNTHETIC: generated for tests and benchmarks; this did not happen.",
                "people": [involvement], "sources": event_sources,
                **({"court": "Synthetic Court"} if event_type == EventType.VERDICT else {}),
            })  # fmt: skip
            events += 1
    for index in range(max(1, people // 10)):
        event_type = SHARED[index % len(SHARED)]
        day = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        extra: dict[str, Any] = {}
        if event_type == EventType.OFFICIAL_COUNT:
            extra["count"] = {"number": rng.randint(10, 90), "claimant": rng.choice(list(Claimant)).value,
                              "counted": "synthetic prisoners counted"}  # fmt: skip
        _write(out_dir / "events", {
            "id": f"{day.isoformat()}-synthetic-shared-{index}", "date": _fuzzy(rng, day), "type": event_type.value,
            "title": f"Synthetic {event_type.value.replace('-', ' ')} {index}",
            "summary": "SYNTHETIC: generated for tests and benchmarks; this did not happen.",
            "people": [{"person": p, "role": "mentioned"} for p in rng.sample(person_ids, min(3, len(person_ids)))],
            "sources": cite(), **extra,
        })  # fmt: skip
        events += 1
    return {"people": people, "events": events, "sources": len(source_ids)}
