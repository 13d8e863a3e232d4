"""The site's two languages: interface wording, vocabulary labels and dates in English and Armenian.

English is the source language: templates write English strings through ``t()``, and the Armenian
catalogue below translates them; a string it lacks stays English (and is marked so on the page).
Record text (names, titles, summaries) is translated by editors in the records' ``*_hy`` fields.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from markupsafe import Markup, escape

from tracker import dates
from tracker.derive import KeyFact, sole_account
from tracker.glossary import TERMS_HY, record_terms
from tracker.models import Count, Event, Sentence
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
    Status,
    WithdrawalReason,
)
from tracker.vocab import label as english_label

LANGUAGES = ("en", "hy")
PREFIX = {"en": "", "hy": "hy/"}
"""Where each language's pages live below the site root."""
NAMES = {"en": "English", "hy": "Հայերեն"}

HY: dict[str, str] = {
    # Navigation and page titles
    "Home": "Գլխավոր",
    "Armenian prisoners in Azerbaijan": "Ադրբեջանում պահվող հայ գերիներ",
    "People": "Մարդիկ",
    "Timeline": "Ժամանակագրություն",
    "Sources": "Աղբյուրներ",
    "Data": "Տվյալներ",
    "About": "Մեր մասին",
    "Download the record as a Frictionless data package": "Ներբեռնեք արձանագրությունը որպես Frictionless տվյալների փաթեթ",
    "This page is not yet translated into Armenian; here it is in English.": "Այս էջը դեռ թարգմանված չէ հայերեն. ներկայացված է անգլերենով։",
    "Moved": "Տեղափոխված է",
    "Withdrawn": "Հանված է",
    # Home
    "Armenian prisoners held in Azerbaijan: an open record": "Ադրբեջանում պահվող հայ գերիներ. բաց արձանագրություն",
    "An open record of Armenian prisoners held in Azerbaijan": "Ադրբեջանում պահվող հայ գերիների բաց արձանագրություն",
    "Who is held, since when, on what charges, what has happened to them, and who says so. Every fact links to a public source; where only one side speaks, the page says whose account it is.": "Ով է պահվում, երբվանից, ինչ մեղադրանքներով, ինչ է պատահել նրանց հետ, և ով է դա ասում։ Յուրաքանչյուր փաստ հղում ունի հրապարակային աղբյուրի. երբ խոսում է միայն մեկ կողմը, էջը նշում է, թե ում պատումն է։",
    "How many are held": "Քանիսն են պահվում",
    "The numbers below come from different people counting different things. They are shown side by side and never merged.": "Ստորև թվերը տալիս են տարբեր կողմեր՝ հաշվելով տարբեր բաներ։ Դրանք ներկայացված են կողք կողքի և երբեք չեն միավորվում։",
    "documented as held in this record": "այս արձանագրությունում փաստագրված որպես պահվող",
    "derived from the events here": "ստացված այստեղի իրադարձություններից",
    "people held": "պահվողներ",
    "People held over time, in this record": "Պահվողների թիվը ժամանակի ընթացքում, ըստ այս արձանագրության",
    "The same figures as a table": "Նույն թվերը՝ աղյուսակով",
    "People this record shows held at the end of each year": "Յուրաքանչյուր տարվա վերջին պահվողները՝ ըստ այս արձանագրության",
    "Date": "Ամսաթիվ",
    "Held": "Պահվում են",
    "Latest events": "Վերջին իրադարձությունները",
    "The whole timeline": "Ամբողջ ժամանակագրությունը",
    "Everyone in the record": "Բոլոր մարդիկ",
    "Download the data": "Ներբեռնել տվյալները",
    # People index
    "people are documented here": "մարդ է փաստագրված այստեղ",
    "Status is derived from each person's events; select a name for the sources.": "Կարգավիճակը բխում է յուրաքանչյուր մարդու իրադարձություններից. ընտրեք անունը՝ աղբյուրները տեսնելու համար։",
    "Status": "Կարգավիճակ",
    "Year detained": "Կալանավորման տարին",
    "Category": "Խումբ",
    "Name": "Անուն",
    "any spelling": "ցանկացած գրությամբ",
    "all": "բոլորը",
    "everyone": "բոլորը",
    "Detained": "Կալանավորվել է",
    "Everyone in the record, with status, detention date, sentence, charges and the date of the latest report. Sort by selecting a column heading.": "Բոլոր մարդիկ՝ կարգավիճակով, կալանավորման ամսաթվով, պատժով, մեղադրանքներով և վերջին տեղեկության ամսաթվով։ Դասավորելու համար ընտրեք սյունակի վերնագիրը։",
    # Person
    "Also written": "Այլ գրություններ",
    "since": "սկսած",
    "Key facts": "Հիմնական փաստեր",
    "Key facts, derived from the events below; numbers refer to the sources.": "Հիմնական փաստեր՝ ստացված ստորև իրադարձություններից. թվերը հղում են աղբյուրներին։",
    "Born": "Ծնվել է",
    "From": "Բնակավայր",
    "Role": "Պաշտոն",
    "Missing since": "Անհետ կորած է սկսած",
    "Released": "Ազատ է արձակվել",
    "Died": "Մահացել է",
    "Prosecution demanded": "Մեղադրողը պահանջել է",
    "Sentence": "Դատավճիռ",
    "Appeal": "Վերաքննություն",
    "Charges": "Մեղադրանքներ",
    "Court": "Դատարան",
    "disputed": "վիճելի",
    "archived copy": "արխիվացված պատճեն",
    "via": "միջոցով",
    "Status:": "Կարգավիճակ՝",
    # Event
    "This is the account of one side only": "Սա միայն մեկ կողմի պատումն է",
    "Sources disagree": "Աղբյուրները տարբերվում են",
    "People concerned": "Առնչվող մարդիկ",
    "People concerned by this event": "Այս իրադարձությանն առնչվող մարդիկ",
    "with their individual outcome": "՝ յուրաքանչյուրի ելքով",
    "Person": "Մարդ",
    "Outcome": "Ելք",
    "account of": "պատումը՝",
    # Timeline
    "events": "իրադարձություն",
    "in date order. Each links to its page and sources.": "ըստ ամսաթվի։ Յուրաքանչյուրը հղում ունի իր էջին և աղբյուրներին։",
    "By year": "Ըստ տարիների",
    "Type": "Տեսակ",
    "Date unknown": "Ամսաթիվն անհայտ է",
    "and": "և",
    "more": "այլ",
    # Sources
    "public sources, grouped by who published them, so readers can weigh each account. Each lists the events that cite it.": "հրապարակային աղբյուր՝ խմբավորված ըստ հրատարակողի, որպեսզի ընթերցողը կարողանա կշռել յուրաքանչյուր պատում։ Յուրաքանչյուրի տակ նշված են այն վկայակոչող իրադարձությունները։",
    "Cited by": "Վկայակոչում են",
    # Footer
    "Follow changes to this record": "Հետևել այս գրառման փոփոխություններին",
    "Atom feed": "Atom լրահոս",
    "Last changed": "Վերջին փոփոխությունը",
    "History of this record": "Այս գրառման պատմությունը",
    "changes": "փոփոխություն",
    "Cite this page": "Ինչպես հղել այս էջը",
    "Suggest a correction (a public GitHub issue)": "Առաջարկել ուղղում (հրապարակային հայտ GitHub-ում)",
    "Removal or safety request (private)": "Հեռացման կամ անվտանգության խնդրանք (գաղտնի)",
    "Stable address": "Մշտական հասցե",
    "Download": "Ներբեռնել",
    "Replace [date] with the day you read the page.": "[date]-ը փոխարինեք էջը կարդալու օրով։",
    # Retired pages
    "This record has moved": "Այս գրառումը տեղափոխվել է",
    "This record was withdrawn": "Այս գրառումը հանվել է",
    "It is now at": "Այն այժմ այստեղ է՝",
    "Please update links and citations to the new address.": "Խնդրում ենք թարմացնել հղումները նոր հասցեով։",
    "withdrawn on": "հանվել է",
    "because": "քանի որ",
    "Its address and id are kept so that citations do not break; they will never be reused.": "Նրա հասցեն և նույնացուցիչը պահպանվում են, որպեսզի հղումները չխզվեն. դրանք երբեք կրկին չեն օգտագործվի։",
    "safety and corrections policy": "անվտանգության և ուղղումների քաղաքականությունը",
    # Data page
    "Downloads": "Ներբեռնումներ",
    "Licence": "Լիցենզիա",
    "How to cite": "Ինչպես հղել",
    "Using the data": "Տվյալների օգտագործումը",
    "Data dictionary": "Տվյալների բառարան",
    "Changelog": "Փոփոխությունների մատյան",
    "File": "Ֆայլ",
    "What it holds": "Ինչ է պարունակում",
    "Size": "Չափ",
    "Field": "Դաշտ",
    "Description": "Նկարագրություն",
    "Allowed values": "Թույլատրելի արժեքներ",
    "Please give the version you used: the data changes as new sources are found.": "Խնդրում ենք նշել օգտագործված տարբերակը. տվյալները փոխվում են նոր աղբյուրներ գտնելիս։",
    "One data package serves both languages: the tables hold the English text and, where editors gave it, the Armenian text in the *_hy columns (name_hy, summary_hy, title_hy). The technical descriptions below are in English.": "Տվյալների մեկ փաթեթը ծառայում է երկու լեզուներին. աղյուսակները պարունակում են անգլերեն տեքստը և, որտեղ խմբագիրները տվել են, հայերեն տեքստը *_hy սյունակներում (name_hy, summary_hy, title_hy)։ Ստորև տեխնիկական նկարագրությունները անգլերեն են։",
    # Marking untranslated text
    "Not yet translated into Armenian": "Դեռ թարգմանված չէ հայերեն",
    "date unknown": "ամսաթիվն անհայտ է",
    "life imprisonment": "ցմահ ազատազրկում",
    "source": "աղբյուր",
    "About this page": "Այս էջի մասին",
    # Stages of a person held (derived)
    "detained": "կալանավորված",
    "charged": "մեղադրյալ",
    "in pre-trial detention": "նախնական կալանքի տակ",
    "on trial": "դատվում է",
    "sentenced": "դատապարտված",
    # Status lines, currency and sources (each a whole label or phrase)
    "last reported": "վերջին տեղեկությունը՝",
    "Held since": "Կալանավորման ամսաթիվը",
    "detention date not recorded": "կալանավորման ամսաթիվը նշված չէ",
    "no sentence recorded": "պատիժ նշված չէ",
    "charges not recorded": "մեղադրանքները նշված չեն",
    "Spelling in Armenian script": "Անվան հայերեն գրությունը",
    "Last reported": "Վերջին տեղեկությունը",
    "the page shows no date": "էջում ամսաթիվ նշված չէ",
    "This record covers reports up to": "Այս շտեմարանը ներառում է հաղորդումներ մինչև",
    "Later events may not be recorded yet.": "Ավելի ուշ իրադարձությունները կարող են դեռ ներառված չլինել։",
    "as of the latest report here": "այստեղ ներառված վերջին հաղորդման դրությամբ",
}

HY_LABELS: dict[type[StrEnum], dict[str, str]] = {
    Status: {
        "missing": "անհետ կորած",
        "held": "պահվում է",
        "released": "ազատ է արձակվել",
        "died": "մահացել է",
        "unknown": "անհայտ",
    },
    EventType: {
        "disappearance": "անհետացում",
        "detention": "կալանավորում",
        "charge": "մեղադրանք",
        "pretrial-detention": "նախնական կալանք",
        "trial-opened": "դատավարության սկիզբ",
        "hearing": "դատական նիստ",
        "prosecution-demand": "մեղադրողի պահանջ",
        "verdict": "դատավճիռ",
        "appeal": "վերաքննություն",
        "hunger-strike": "հացադուլ",
        "health": "առողջություն",
        "hospitalisation": "հոսպիտալացում",
        "icrc-visit": "ԿԽՄԿ այց",
        "family-contact": "կապ ընտանիքի հետ",
        "release": "ազատ արձակում",
        "transfer": "տեղափոխում",
        "death": "մահ",
        "official-count": "պաշտոնական թիվ",
        "statement": "հայտարարություն",
        "context": "համատեքստ",
    },
    PersonRole: {
        "subject": "անձը",
        "defendant": "ամբաստանյալ",
        "mentioned": "հիշատակված",
    },
    AccountGiver: {
        "prosecution": "մեղադրող կողմի",
        "defence": "պաշտպանության",
        "family": "ընտանիքի",
        "lawyer": "փաստաբանի",
        "court": "դատարանի",
        "armenian-official": "հայ պաշտոնյաների",
        "azerbaijani-official": "ադրբեջանցի պաշտոնյաների",
        "azerbaijani-state-media": "ադրբեջանական պետական լրատվամիջոցների",
        "icrc": "ԿԽՄԿ-ի",
        "advocacy": "իրավապաշտպանների",
        "international-ngo": "միջազգային ՀԿ-ի",
        "journalist": "լրագրողների",
    },
    Category: {
        "captured-2020": "գերեվարվել է 2020-ին",
        "detained-blockade": "կալանավորվել է շրջափակման ընթացքում",
        "detained-september-2023": "կալանավորվել է 2023-ի սեպտեմբերին",
        "arrested-later": "ձերբակալվել է ավելի ուշ",
    },
    Claimant: {
        "azerbaijani-official": "ընդունում է Ադրբեջանը",
        "armenian-official": "պնդում են հայ պաշտոնյաները",
        "advocacy": "պնդում են իրավապաշտպանները",
        "journalist": "հաշվել են լրագրողները",
    },
    CountQualifier: {
        "exactly": "",
        "at-least": "առնվազն",
        "more-than": "ավելի քան",
        "about": "մոտ",
    },
    SourceKind: {
        "advocacy": "իրավապաշտպան կազմակերպություն",
        "armenian-official": "հայաստանյան պաշտոնական աղբյուր",
        "azerbaijani-state-media": "ադրբեջանական պետական կամ կառավարամետ լրատվամիջոց",
        "azerbaijani-official": "ադրբեջանական պաշտոնական աղբյուր",
        "international-ngo": "միջազգային ՀԿ",
        "independent-media": "անկախ լրատվամիջոց",
        "rfe-rl": "Ազատություն (RFE/RL)",
        "armenian-media": "հայկական և սփյուռքյան լրատվամիջոց",
        "international-media": "միջազգային լրատվամիջոց",
        "azerbaijani-civil-society": "ադրբեջանական քաղաքացիական հասարակություն",
        "russian-state-media": "ռուսական պետական լրատվամիջոց",
        "international-organisation": "միջազգային կազմակերպություն",
        "court-document": "դատական փաստաթուղթ",
        "aggregator": "վերահրատարակող կայք",
    },
    RecordKind: {"people": "անձինք", "events": "իրադարձություններ", "sources": "աղբյուրներ"},
    RedirectReason: {"renamed": "վերանվանվել է", "merged": "միավորվել է մեկ այլ գրառման հետ"},
    WithdrawalReason: {
        "error": "պարզվել է, որ այն սխալ է",
        "safety": "դրա հրապարակումը կարող էր վտանգի ենթարկել որևէ մեկին",
        "request-of-person-or-family": "դա խնդրել է անձը կամ նրա ընտանիքը",
        "duplicate": "այն կրկնում էր մեկ այլ գրառում",
        "out-of-scope": "այն դուրս է այս արձանագրության ընդգրկույթից",
    },
}
"""Vocabulary labels in Armenian, one table per vocabulary, by value (values repeat across vocabularies)."""


@lru_cache(maxsize=65536)
def _worded_date(code: str, text: str) -> str:
    """A date in words (cached: babel takes 15 µs a date, and pages repeat dates)."""
    parsed = dates.parse(text)
    if code != "hy":
        return parsed.display()
    words = Language(code)
    return words.point(parsed.start) + (f" – {words.point(parsed.end)}" if parsed.end else "")


TERM_FACTS = {"Detained", "Missing since", "Court"}
"""Key facts whose detail is a glossary term (a place, a court); charges are split and looked up one by one."""


class Language:
    """The wording functions templates use, bound to one language."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.prefix = PREFIX[code]

    def t(self, text: str) -> str:
        return HY.get(text, text) if self.code == "hy" else text

    def label(self, value: StrEnum | None) -> str:
        if value is None:
            return ""
        if self.code == "hy":
            return HY_LABELS.get(type(value), {}).get(value.value, english_label(value))
        return english_label(value)

    def point(self, point: dates.Point) -> str:
        if self.code != "hy":
            return point.display()
        day = dt.date(point.year, point.month or 1, point.day or 1)
        if point.day:
            text = format_date(day, "long", locale="hy")
        elif point.month:
            text = format_skeleton("yMMMM", day, locale="hy")
        else:
            text = format_skeleton("y", day, locale="hy")
        if point.approximate:
            text = f"մոտ {text}"
        if point.uncertain:
            text = f"{text} (անստույգ)"
        return text

    def date(self, text: str | None) -> str:
        if not text:
            return self.t("date unknown")
        return _worded_date(self.code, text)

    def number(self, value: int) -> str:
        return f"{value:,}".replace(",", " " if self.code == "hy" else ",")

    def text(self, record: object, field: str) -> Markup:
        """A record's text in this language; on Armenian pages, English marked as untranslated when missing."""
        english = getattr(record, field)
        if self.code != "hy":
            return escape(english)
        armenian = getattr(record, f"{field}_hy", None)
        if armenian:
            return escape(armenian)
        return Markup('<span lang="en" class="untranslated" title="{}">{}</span>').format(
            self.t("Not yet translated into Armenian"), english
        )

    def term(self, value: str | None) -> Markup:
        """A short record term (a court, a charge, a place) in this language: on Armenian pages from the
        glossary, or English marked as untranslated."""
        if not value:
            return Markup("")
        if self.code != "hy":
            return escape(value)
        if value in TERMS_HY:
            return escape(TERMS_HY[value])
        return Markup('<span lang="en" class="untranslated" title="{}">{}</span>').format(
            self.t("Not yet translated into Armenian"), value
        )

    # Composite wording used by the templates.
    def time_tag(self, text: str | None) -> Markup:
        """<time> with a machine-readable date, or a plain note when no source dates the event."""
        if not text:
            return Markup('<span class="undated">{}</span>').format(self.t("date unknown"))
        return Markup('<time datetime="{}">{}</time>').format(dates.parse(text).earliest.isoformat(), self.date(text))

    def sentence(self, sentence: Sentence | None) -> Markup:
        if sentence is None:
            return Markup("")
        if sentence.life:
            text = self.t("life imprisonment")
        elif self.code == "hy":
            text = f"{sentence.years} տարվա ազատազրկում"
        else:
            text = f"{sentence.years} year{'s' if sentence.years != 1 else ''}"
        return Markup("{} ({})").format(text, self.term(sentence.note)) if sentence.note else escape(text)

    def according(self, account: AccountGiver | None) -> str:
        if account is None:
            return ""
        return f"ըստ {self.label(account)}" if self.code == "hy" else f"according to {self.label(account)}"

    def attribution(self, event: Event) -> str:
        """'according to the prosecution' when every source gives the same one-sided account, else ''."""
        return self.according(sole_account(event))

    def count(self, count: Count) -> str:
        qualifier = self.label(count.qualifier) if count.qualifier != CountQualifier.EXACTLY else ""
        return f"{qualifier} {self.number(count.number)}".strip()

    def fact(self, fact: KeyFact) -> Markup:
        """A key fact's value: its date, place, sentence or text, worded in this language."""
        when = self.date(fact.when.text) if fact.when else ""
        if fact.label == "Appeal":
            outcome = self.sentence(fact.sentence)
            title = self.text(fact.event, "title")
            return Markup("{} ({})").format(title, when) + (Markup(": {}").format(outcome) if outcome else "")
        if fact.sentence:
            return Markup("{} ({})").format(self.sentence(fact.sentence), when)
        if fact.terms:
            return Markup("; ").join(self.term(term) for term in fact.terms)
        detail = self.term(fact.detail) if fact.label in TERM_FACTS else escape(fact.detail or "")
        return Markup(", ").join(part for part in (escape(when), detail) if part)


def link_data_from(context: dict, prefix: str) -> dict:
    """The data page's context with its download links pointing at the one package (e.g. ../../data/)."""
    context = {**context}
    context["downloads"] = [{**item, "href": prefix + item["href"]} for item in context.get("downloads", [])]
    context["tables"] = [{**table, "path": prefix + table["path"]} for table in context.get("tables", [])]
    return context


TRANSLATED = {
    "people": ("name", "summary", "category_note"),
    "events": ("title", "summary", "dispute_note"),
    "sources": ("note",),
}
"""The record fields editors translate (each has a *_hy twin)."""


def missing_translations(records: object) -> dict[str, tuple[int, int]]:
    """'people.name' -> (how many lack Armenian text, how many there are); reported, never an error."""
    counts = {}
    for kind, fields in TRANSLATED.items():
        items = list(getattr(records, kind).values())
        for field in fields:
            having = [item for item in items if getattr(item, field)]
            counts[f"{kind}.{field}"] = (sum(1 for item in having if not getattr(item, f"{field}_hy")), len(having))
    terms = set(record_terms(records))
    counts["glossary terms"] = (len(terms - set(TERMS_HY)), len(terms))
    return counts
