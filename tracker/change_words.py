"""Wording of a record's change history (tracker.history's FieldChange) for readers, in each language.

A change is told in the reader's terms ("sentence added", "date changed from 2023 to 2013-11-12",
"source added: <headline>"), never with a commit message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from tracker.history import Change, FieldChange

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "record": ("record", "գրառում"),
    "summary": ("summary", "ամփոփում"),
    "summary_hy": ("Armenian summary", "հայերեն ամփոփում"),
    "note_hy": ("Armenian note", "հայերեն նշում"),
    "category_note_hy": ("Armenian note on the category", "հայերեն նշում խմբի մասին"),
    "dispute_note_hy": ("Armenian note on what is disputed", "հայերեն նշում վիճելիի մասին"),
    "title_supplied": ("supplied title", "խմբագիրների տված վերնագիր"),
    "name_hy_sources": ("sources of the Armenian spelling", "հայերեն գրության աղբյուրներ"),
    "summary_sources": ("sources of the summary", "ամփոփման աղբյուրներ"),
    "title": ("title", "վերնագիր"),
    "title_hy": ("Armenian title", "հայերեն վերնագիր"),
    "date": ("date", "ամսաթիվ"),
    "type": ("kind of event", "իրադարձության տեսակ"),
    "place": ("place", "վայր"),
    "court": ("court", "դատարան"),
    "charges": ("charges", "մեղադրանքներ"),
    "sentence": ("sentence", "պատիժ"),
    "years": ("length of the sentence", "պատժի ժամկետ"),
    "life": ("life sentence", "ցմահ ազատազրկում"),
    "role": ("role", "դեր"),
    "note": ("note", "նշում"),
    "account": ("whose account", "ում վարկածն է"),
    "disputed": ("disputed", "վիճելի"),
    "dispute_note": ("what is disputed", "ինչն է վիճելի"),
    "count": ("count", "թիվ"),
    "number": ("number", "թիվ"),
    "qualifier": ("precision of the number", "թվի ճշտություն"),
    "claimant": ("who gives the number", "ով է տալիս թիվը"),
    "counted": ("what is counted", "ինչն է հաշվված"),
    "name": ("name", "անուն"),
    "name_hy": ("name in Armenian script", "անունը հայերեն"),
    "other_names": ("other spellings", "այլ գրություններ"),
    "born": ("birth", "ծնունդ"),
    "origin": ("where from", "բնակավայր"),
    "roles": ("positions held", "պաշտոններ"),
    "start": ("start", "սկիզբ"),
    "end": ("end", "ավարտ"),
    "category": ("category", "խումբ"),
    "category_note": ("note on the category", "նշում խմբի մասին"),
    "identifiers": ("identifiers", "նույնացուցիչներ"),
    "publisher": ("publisher", "հրատարակիչ"),
    "url": ("address", "հասցե"),
    "published": ("publication date", "հրապարակման ամսաթիվ"),
    "accessed": ("date read", "կարդալու ամսաթիվ"),
    "language": ("language", "լեզու"),
    "kind": ("kind of source", "աղբյուրի տեսակ"),
    "via": ("original reporter", "սկզբնաղբյուր"),
    "archive_url": ("archived copy", "արխիվացված պատճեն"),
}
WORDS = {
    "created": ("first published", "առաջին անգամ հրապարակվել է"),
    "added": ("{field} added", "ավելացվել է՝ {field}"),
    "added value": ("{field} added: {new}", "ավելացվել է՝ {field}՝ {new}"),
    "removed": ("{field} removed", "հանվել է՝ {field}"),
    "changed": ("{field} changed from {old} to {new}", "{field}՝ {old}-ի փոխարեն {new}"),
    "revised": ("{field} revised", "խմբագրվել է՝ {field}"),
    "source added": ("source added: {new}", "ավելացվել է աղբյուր՝ {new}"),
    "source removed": ("source removed: {old}", "հանվել է աղբյուր՝ {old}"),
    "person added": ("person added: {new}", "ավելացվել է անձ՝ {new}"),
    "person removed": ("person removed: {old}", "հանվել է անձ՝ {old}"),
    "about": ("{text} ({person})", "{text} ({person})"),
    "and": ("; ", ". "),
}


class ChangeWords:
    """Words a Change for one language; ``sources`` and ``people`` name what changes point at."""

    def __init__(self, code: str) -> None:
        self.index = 1 if code == "hy" else 0

    def _say(self, key: str, **values: Any) -> Markup:
        return Markup(escape(WORDS[key][self.index])).format(**values)

    def _name(self, person: Any) -> str:
        """A person's name in the page's language (the Armenian-script name on Armenian pages)."""
        return (person.name_hy if self.index else None) or person.name

    def field_change(self, change: FieldChange, sources: Mapping[str, Any], people: Mapping[str, Any]) -> Markup:
        field = FIELD_NAMES.get(change.field, (change.field.replace("_", " "),) * 2)[self.index]
        if change.action == "created":
            text = self._say("created")
        elif change.field in {"source", "person"}:

            def name(ident: str | None) -> str:
                record = (sources if change.field == "source" else people).get(ident or "")
                if record is None:
                    return ident or ""
                return record.title if change.field == "source" else self._name(record.person)

            text = self._say(f"{change.field} {change.action}", old=name(change.old), new=name(change.new))
        elif change.action == "added":
            text = (
                self._say("added value", field=field, new=change.new) if change.new else self._say("added", field=field)
            )
        elif change.action == "removed":
            text = self._say("removed", field=field)
        elif change.old is not None and change.new is not None:
            text = self._say("changed", field=field, old=change.old, new=change.new)
        else:
            text = self._say("revised", field=field)
        if change.about and change.about in people:
            text = self._say("about", text=text, person=self._name(people[change.about].person))
        return text

    def change(self, change: Change, sources: Mapping[str, Any], people: Mapping[str, Any]) -> Markup:
        """Everything one commit changed in the record, joined."""
        words = [self.field_change(item, sources, people) for item in change.fields]
        return Markup(escape(WORDS["and"][self.index])).join(dict.fromkeys(words))
