"""The site's two languages: interface wording, vocabulary labels and dates in English and Armenian.

English is the source language: templates write English strings through ``t()``, and the Armenian
catalogue below translates them; a string it lacks stays English (and is marked so on the page).
Record text (names, titles, summaries) is translated by editors in the records' ``*_hy`` fields.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from babel.dates import get_month_names
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
    "About": "Նախագծի մասին",
    "Download the record as a Frictionless data package": "Ներբեռնել շտեմարանը՝ Frictionless տվյալների փաթեթով",
    "This page is not yet translated into Armenian; here it is in English.": "Այս էջը դեռ թարգմանված չէ հայերեն. ներկայացված է անգլերենով։",
    "Moved": "Տեղափոխված է",
    "Withdrawn": "Հանված է",
    # Home
    "Armenian prisoners held in Azerbaijan: an open record": "Ադրբեջանում պահվող հայ գերիներ. բաց շտեմարան",
    "An open record of Armenian prisoners held in Azerbaijan": "Ադրբեջանում պահվող հայ գերիների բաց շտեմարան",
    "Who is held, since when, on what charges, what has happened to them, and who says so. Every fact links to a public source; where only one side speaks, the page says whose account it is.": "Ովքեր են պահվում, երբվանից, ինչ մեղադրանքներով, ինչ է պատահել նրանց և ով է այդ մասին հայտնում։ Յուրաքանչյուր փաստ հիմնված է հրապարակային աղբյուրի վրա, և տրված է դրա հղումը. երբ տեղեկությունը միայն մեկ կողմից է, նշվում է, թե ում վարկածն է։",
    "How many are held": "Քանի՞ մարդ է պահվում",
    "The numbers below come from different people counting different things. They are shown side by side and never merged.": "Ստորև բերված թվերը հրապարակել են տարբեր կողմեր, որոնք տարբեր բաներ են հաշվում։ Դրանք ներկայացված են կողք կողքի և երբեք չեն գումարվում։",
    "documented as held in this record": "անձ՝ այս շտեմարանում փաստագրված որպես պահվող",
    "derived from the events here": "հաշվարկված այստեղ գրանցված իրադարձություններից",
    "people held": "պահվողներ",
    "People held over time, in this record": "Պահվողների թիվը ժամանակի ընթացքում՝ ըստ այս շտեմարանի",
    "The same figures as a table": "Նույն թվերը՝ աղյուսակով",
    "People this record shows held at the end of each year": "Պահվողների թիվը յուրաքանչյուր տարվա վերջի դրությամբ՝ ըստ այս շտեմարանի",
    "Date": "Ամսաթիվ",
    "Held": "Պահվողների թիվ",
    "Latest events": "Վերջին իրադարձությունները",
    "The whole timeline": "Ամբողջ ժամանակագրությունը",
    "Everyone in the record": "Բոլոր մարդիկ",
    "Download the data": "Ներբեռնել տվյալները",
    # People index
    "Status is derived from each person's events; select a name for the sources.": "Կարգավիճակը որոշվում է յուրաքանչյուր անձի իրադարձությունների հիման վրա. աղբյուրները տեսնելու համար սեղմեք անվան վրա։",
    "Status": "Կարգավիճակ",
    "Year detained": "Կալանավորման տարի",
    "Category": "Խումբ",
    "Name": "Անուն",
    "any spelling": "ցանկացած գրությամբ",
    "all": "բոլորը",
    "everyone": "բոլորը",
    "Detained": "Կալանավորվել է",
    "Everyone in the record, with status, detention date, sentence, charges and the date of the latest report. Sort by selecting a column heading.": "Բոլոր մարդիկ՝ կարգավիճակով, կալանավորման ամսաթվով, պատժով, մեղադրանքներով և վերջին տեղեկության ամսաթվով։ Դասավորելու համար ընտրեք սյունակի վերնագիրը։",
    # Person
    "Also written": "Գրվում է նաև",
    "Key facts": "Հիմնական փաստեր",
    "Key facts, derived from the events below; numbers refer to the sources.": "Հիմնական փաստերը՝ ըստ ստորև բերված իրադարձությունների. թվերը աղբյուրների հղումներն են։",
    "Born": "Ծնվել է",
    "From": "Բնակավայր / ծննդավայր",
    "Role": "Պաշտոն",
    "Missing since": "Անհետ կորել է",
    "Released": "Ազատ է արձակվել",
    "Died": "Մահացել է",
    "Prosecution demanded": "Մեղադրողը պահանջել է",
    "Sentence": "Պատիժ",
    "Appeal": "Վերաքննություն",
    "Charges": "Մեղադրանքներ",
    "Court": "Դատարան",
    "disputed": "վիճելի",
    "archived copy": "արխիվացված պատճեն",
    # Event
    "This is the account of one side only": "Սա միայն մեկ կողմի վարկածն է",
    "Sources disagree": "Աղբյուրների տվյալները հակասում են միմյանց",
    "People concerned": "Առնչվող անձինք",
    "People concerned by this event": "Այս իրադարձությանն առնչվող անձինք",
    "with their individual outcome": "՝ յուրաքանչյուրի նկատմամբ կայացված որոշմամբ",
    "Person": "Անձ",
    "Outcome": "Արդյունք",
    # Timeline
    "events": "իրադարձություն",
    "in date order. Each links to its page and sources.": "ըստ ամսաթվի։ Յուրաքանչյուրը հղում ունի իր էջին և աղբյուրներին։",
    "By year": "Ըստ տարիների",
    "Type": "Տեսակ",
    "Date unknown": "Ամսաթիվն անհայտ է",
    "and": "և",
    # Sources
    "public sources, grouped by who published them, so readers can weigh each account. Each lists the events that cite it.": "հրապարակային աղբյուր՝ խմբավորված ըստ հրապարակողի տեսակի, որպեսզի ընթերցողը կարողանա գնահատել յուրաքանչյուր տեղեկություն։ Յուրաքանչյուր աղբյուրի տակ նշված են այն իրադարձությունները, որոնցում այն վկայակոչված է։",
    "Cited by": "Վկայակոչված է",
    # Footer
    "Follow changes to this record": "Հետևել այս գրառման փոփոխություններին",
    "Atom feed": "Atom լրահոս",
    "Last changed": "Վերջին փոփոխությունը",
    "History of this record": "Այս գրառման պատմությունը",
    "changes": "փոփոխություն",
    "Cite this page": "Ինչպես հղում տալ այս էջին",
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
    "because": "քանի որ",
    "Its address and id are kept so that citations do not break; they will never be reused.": "Գրառման հասցեն և նույնացուցիչը պահպանվում են, որպեսզի հղումները շարունակեն աշխատել. դրանք երբեք այլ գրառման համար չեն օգտագործվի։",
    "safety and corrections policy": "անվտանգության և ուղղումների քաղաքականությունը",
    # Data page
    "Downloads": "Ներբեռնումներ",
    "Licence": "Լիցենզիա",
    "How to cite": "Ինչպես հղում տալ",
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
    "One data package serves both languages: the tables hold the English text and, where editors gave it, the Armenian text in the columns whose names end in": "Տվյալների նույն փաթեթը նախատեսված է երկու լեզուների համար. աղյուսակներում անգլերեն տեքստն է, իսկ այնտեղ, որտեղ խմբագիրները թարգմանել են, նաև հայերեն տեքստը այն սյունակներում, որոնց անունն ավարտվում է",
    "Below, the tables and their fields are described in Armenian; the names of tables and fields, their values and the changelog stay in English, as in the files.": "Ստորև աղյուսակներն ու դրանց դաշտերը նկարագրված են հայերեն. աղյուսակների և դաշտերի անունները, դրանց արժեքները և փոփոխությունների մատյանը մնում են անգլերեն, ինչպես ֆայլերում։",
    # Marking untranslated text
    "Not yet translated into Armenian": "Դեռ թարգմանված չէ հայերեն",
    "date unknown": "ամսաթիվն անհայտ է",
    "life imprisonment": "ցմահ ազատազրկում",
    "source": "աղբյուր",
    "About this page": "Այս էջի մասին",
    # Stages of a person held (derived)
    "detained": "կալանավորված է",
    "charged": "մեղադրանք է առաջադրված",
    "in pre-trial detention": "կալանքի տակ է",
    "on trial": "դատվում է",
    "sentenced": "դատապարտված է",
    # Status lines, currency and sources (each a whole label or phrase)
    "last reported": "վերջին տեղեկությունը՝",
    "Held since": "Կալանավորման ամսաթիվ",
    "detention date not recorded": "նշված չէ",
    "no sentence recorded": "պատիժ նշված չէ",
    "charges not recorded": "մեղադրանքները նշված չեն",
    "Spelling in Armenian script": "Անվան հայերեն գրությունը",
    "Last reported": "Վերջին տեղեկությունը",
    "the page shows no date": "էջում ամսաթիվ նշված չէ",
    "This record covers reports up to": "Այս շտեմարանը ներառում է հաղորդումներ մինչև",
    "Later events may not be recorded yet.": "Ավելի ուշ իրադարձությունները կարող են դեռ ներառված չլինել։",
    "as of the latest report here": "այստեղ ներառված վերջին հաղորդման դրությամբ",
    # Issue 17: feeds, and the data page in Armenian (punctuation per ARMENIAN.md S1)
    "New and changed events": "Նոր և փոփոխված իրադարձություններ",
    "Version": "Տարբերակ",
    "built on": "ստեղծվել է",
    "Each table below is described field by field in the data dictionary, and what changed between versions is in the changelog.": "Ստորև բերված յուրաքանչյուր աղյուսակ դաշտ առ դաշտ նկարագրված է տվյալների բառարանում, իսկ տարբերակների միջև կատարված փոփոխությունները՝ փոփոխությունների մատյանում։",
    "Files of the data package, version": "Տվյալների փաթեթի ֆայլերը, տարբերակ",
    "Everything": "Ամբողջը",
    "All the files below in one zip archive.": "Ստորև նշված բոլոր ֆայլերը՝ մեկ zip արխիվում։",
    "Data package descriptor": "Տվյալների փաթեթի նկարագրիչ",
    "Tables, fields, licence and version.": "Աղյուսակները, դաշտերը, լիցենզիան և տարբերակը։",
    "JSON Schema of records.json": "records.json-ի JSON Schema",
    "Generated from the record models.": "Ստեղծված է գրառումների մոդելներից։",
    "Names": "Անուններ",
    "Births": "Ծննդյան տվյալներ",
    "Birth sources": "Ծննդյան տվյալների աղբյուրներ",
    "Origins": "Ծագում",
    "Origin sources": "Ծագման աղբյուրներ",
    "Roles": "Պաշտոններ",
    "Role sources": "Պաշտոնների աղբյուրներ",
    "Event people": "Իրադարձություններին առնչվող անձինք",
    "Event sources": "Իրադարձությունների աղբյուրներ",
    "Redirects": "Վերահղումներ",
    "Records (nested JSON)": "Գրառումներ (ներդրված JSON)",
    "The tables are UTF-8 CSV (RFC 4180) with a header row, sorted by their primary key. Empty cells mean “not known” or “does not apply”.": "Աղյուսակները UTF-8 կոդավորմամբ CSV ֆայլեր են (RFC 4180)՝ վերնագրերի տողով և դասավորված ըստ հիմնական բանալու։ Դատարկ վանդակը նշանակում է «հայտնի չէ» կամ «չի վերաբերում»։",
    "Dates are given as written, in the EDTF notation": "Ամսաթվերը տրված են այնպես, ինչպես գրված են գրառման մեջ, EDTF նշագրությամբ",
    "each followed by its earliest and latest possible day.": "և յուրաքանչյուրին հաջորդում են դրա ամենավաղ և ամենաուշ հնարավոր օրերը։",
    "The data is published under the licence": "Տվյալները հրապարակված են հետևյալ լիցենզիայով՝",
    "You may share and adapt it for any purpose, provided you credit the source as below. The sources the records cite keep their own rights; follow the links in the sources table to read them.": "Կարող եք դրանք տարածել և փոփոխել ցանկացած նպատակով՝ նշելով աղբյուրը, ինչպես ցույց է տրված ստորև։ Գրառումներում վկայակոչված աղբյուրներն ունեն իրենց իրավունքները. դրանք կարդալու համար անցեք sources աղյուսակի հղումներով։",
    "In a spreadsheet, open": "Էլեկտրոնային աղյուսակում բացեք",
    "file (after its name): every table is a sheet, the header row stays in view, and the earliest and latest days are dates.": "ֆայլը. յուրաքանչյուր աղյուսակ առանձին թերթ է, վերնագրերի տողը միշտ տեսանելի է, իսկ ամենավաղ և ամենաուշ օրերը ամսաթվեր են։",
    "The CSVs are UTF-8, for programs. To open one in a spreadsheet, do not double-click it: import it and choose UTF-8, or the Armenian turns into unreadable characters. In Excel, Data › From Text/CSV, then File origin: 65001: Unicode (UTF-8); in LibreOffice Calc, Character set: Unicode (UTF-8) in the import dialog; Google Sheets (File › Import) reads UTF-8 as it is.": "CSV ֆայլերը UTF-8 կոդավորմամբ են՝ ծրագրերի համար։ Դրանցից որևէ մեկն էլեկտրոնային աղյուսակում բացելու համար մի՛ բացեք այն կրկնակի սեղմումով, այլ ներմուծեք և ընտրեք UTF-8 կոդավորումը, այլապես հայերեն տեքստը կվերածվի անընթեռնելի նշանների։ Excel-ում՝ Data › From Text/CSV, ապա File origin դաշտում՝ 65001: Unicode (UTF-8), LibreOffice Calc-ում՝ ներմուծման պատուհանի Character set դաշտում՝ Unicode (UTF-8), իսկ Google Sheets-ը (File › Import) UTF-8-ը կարդում է առանց լրացուցիչ քայլի։",
    "In SQLite, with the views held_now, sentences and timeline, or in the browser with": "SQLite-ում՝ held_now, sentences և timeline դիտումներով, կամ բրաուզերում՝",
    "tool (after its name)": "գործիքով",
    "In Python, with": "Python-ում՝",
    "In R, with the package": "R-ում՝",
    "library (after its name)": "գրադարանով",
    "package (after its name)": "փաթեթով",
    "table": "աղյուսակ",
    "A child table points at its parent by the parent's key; the position field keeps the order the record gives.": "Ենթակա աղյուսակը հղվում է ծնող աղյուսակին վերջինիս բանալիով. position դաշտը պահպանում է գրառման մեջ տրված հերթականությունը։",
    "primary key": "հիմնական բանալի",
    "table: its fields": "աղյուսակի դաշտերը",
    "text": "տեքստ",
    "whole number": "ամբողջ թիվ",
    "true or false": "true կամ false",
    "date (YYYY-MM-DD)": "ամսաթիվ (YYYY-MM-DD)",
    "number": "թիվ",
    "always given": "միշտ լրացված",
    "a date as written: 2023, 2023-07, 2023-07-29, ~2023 (about), 2023-07? (uncertain) or a range such as 2025-12-24/2025-12-25": "ամսաթիվ՝ ինչպես գրված է. 2023, 2023-07, 2023-07-29, ~2023 (մոտավորապես), 2023-07? (անստույգ) կամ միջակայք, օրինակ՝ 2025-12-24/2025-12-25",
    "No release yet.": "Դեռ թողարկում չկա։",
    "The version changes whenever the data changes. Every release is kept unchanged, with its files and its delta: the records added, modified, removed or redirected since the release before, each with its content hash.": "Տարբերակը փոխվում է ամեն անգամ, երբ փոխվում են տվյալները։ Յուրաքանչյուր թողարկում պահվում է անփոփոխ՝ իր ֆայլերով և տարբերությունների ցանկով. նախորդ թողարկումից ի վեր ավելացված, փոփոխված, հեռացված կամ վերահղված գրառումները՝ յուրաքանչյուրն իր բովանդակության հեշով։",
    "every release, newest first": "բոլոր թողարկումները՝ ամենավերջինից դեպի ամենաառաջինը",
    "Release files": "Թողարկման ֆայլերը",
    "Each record is also a JSON document beside its page": "Յուրաքանչյուր գրառում հասանելի է նաև JSON փաստաթղթի տեսքով՝ իր էջի կողքին",
    "the record as its editors wrote it, what the site derives from it (a person's status, detention, sentence, charges, last report) and the addresses of its pages. A renamed id answers with where the record moved, a withdrawn one with its notice.": "գրառումը՝ ինչպես գրել են խմբագիրները, այն, ինչ կայքը բխեցնում է դրանից (անձի կարգավիճակը, կալանավորումը, դատավճիռը, մեղադրանքները, վերջին հաղորդումը), և նրա էջերի հասցեները։ Վերանվանված գրառման նախկին հասցեն նշում է, թե ուր է այն տեղափոխվել, իսկ հանված գրառմանը՝ ծանուցումը։",
    "the list of every such document": "բոլոր այդպիսի փաստաթղթերի ցանկը",
    "Data version": "Տվյալների տարբերակը",
    "every release stays downloadable from the data page": "յուրաքանչյուր թողարկում մնում է ներբեռնելի տվյալների էջից",
    "Who is held, what happened to them and which public sources say so: people, events and sources as tidy tables. Every fact cites a source in the sources table; whose account a source gives is recorded with each citation. Dates are EDTF as the sources allow, with earliest and latest days for sorting and filtering. records.json holds the same records nested, as the editors write them, with records.schema.json.": "Ովքեր են պահվում, ինչ է պատահել նրանց և որ հրապարակային աղբյուրներն են այդ մասին հայտնում. անձինք, իրադարձություններ և աղբյուրներ՝ կանոնավոր աղյուսակներով։ Յուրաքանչյուր փաստ վկայակոչում է sources աղյուսակի որևէ աղբյուր, և յուրաքանչյուր հղման հետ նշված է, թե ում վարկածն է ներկայացնում աղբյուրը։ Ամսաթվերը տրված են EDTF նշագրությամբ այնքան ճշգրիտ, որքան թույլ են տալիս աղբյուրները, ամենավաղ և ամենաուշ օրերով՝ դասավորելու և զտելու համար։ records.json-ը պարունակում է նույն գրառումները ներդրված տեսքով, ինչպես գրում են խմբագիրները, records.schema.json-ի հետ միասին։",
    # Punctuation between a label and its value, and at the end of a sentence: Armenian puts «՝»
    # after a label and ends a sentence with «։»; an ASCII ":" reads as an Armenian full stop.
    ": ": "՝ ",
    ".": "։",
    "See the": "Տե՛ս",
    "Role in the event": "Դեր",
    # Configuration wording (mkdocs.yml), translated in tracker/site.py
    "Switch to dark mode": "Անցնել մութ ռեժիմի",
    "Switch to light mode": "Անցնել բաց ռեժիմի",
    "Data CC BY 4.0 · Code MIT · Every fact links to a public source": "Տվյալները՝ CC BY 4.0 · Կոդը՝ MIT · Յուրաքանչյուր փաստ հիմնված է հրապարակային աղբյուրի վրա",
    "An open, sourced record of Armenian prisoners held in Azerbaijan": "Ադրբեջանում պահվող հայ գերիների բաց շտեմարան՝ հրապարակային աղբյուրների հղումներով",
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
        "charge": "մեղադրանքի առաջադրում",
        "pretrial-detention": "նախնական կալանք",
        "trial-opened": "դատավարության սկիզբ",
        "hearing": "դատական նիստ",
        "prosecution-demand": "մեղադրողի պահանջ",
        "verdict": "դատավճիռ",
        "appeal": "վերաքննություն",
        "hunger-strike": "հացադուլ",
        "health": "առողջական վիճակ",
        "hospitalisation": "հոսպիտալացում",
        "icrc-visit": "ԿԽՄԿ-ի այց",
        "family-contact": "կապ ընտանիքի հետ",
        "release": "ազատ արձակում",
        "transfer": "տեղափոխում",
        "death": "մահ",
        "official-count": "գերիների թիվ",
        "statement": "հայտարարություն",
        "context": "համատեքստ",
    },
    PersonRole: {
        "subject": "անմիջականորեն առնչվող",
        "defendant": "ամբաստանյալ",
        "mentioned": "հիշատակված",
    },
    AccountGiver: {
        "prosecution": "մեղադրող կողմի",
        "defence": "պաշտպանական կողմի",
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
        "azerbaijani-official": "պաշտոնապես հաստատում է Ադրբեջանը",
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
        "azerbaijani-state-media": "ադրբեջանական պետական կամ իշխանամետ լրատվամիջոց",
        "azerbaijani-official": "ադրբեջանական պաշտոնական աղբյուր",
        "international-ngo": "միջազգային ՀԿ",
        "independent-media": "անկախ լրատվամիջոց",
        "rfe-rl": "«Ազատություն» ռադիոկայան (RFE/RL)",
        "armenian-media": "հայկական և սփյուռքյան լրատվամիջոց",
        "international-media": "միջազգային լրատվամիջոց",
        "azerbaijani-civil-society": "ադրբեջանական քաղաքացիական հասարակություն",
        "russian-state-media": "ռուսական պետական կամ իշխանամետ լրատվամիջոց",
        "international-organisation": "միջազգային կազմակերպություն",
        "court-document": "դատական փաստաթուղթ",
        "aggregator": "վերահրապարակող կայք (ագրեգատոր)",
    },
    RecordKind: {"people": "անձինք", "events": "իրադարձություններ", "sources": "աղբյուրներ"},
    RedirectReason: {"renamed": "վերանվանվել է", "merged": "միավորվել է մեկ այլ գրառման հետ"},
    WithdrawalReason: {
        "error": "այն սխալ էր",
        "safety": "դրա հրապարակումը կարող էր վտանգի ենթարկել որևէ մեկին",
        "request-of-person-or-family": "անձը կամ նրա ընտանիքը խնդրել են հանել այն",
        "duplicate": "այն կրկնում էր մեկ այլ գրառում",
        "out-of-scope": "այն դուրս է այս շտեմարանի շրջանակից",
    },
}
"""Vocabulary labels in Armenian, one table per vocabulary, by value (values repeat across vocabularies).

Account givers are genitive (they follow «ըստ»); source kinds are nominative (they stand alone)."""

HY_SOURCE_KIND_HEADINGS: dict[str, str] = {
    "advocacy": "իրավապաշտպան կազմակերպություններ",
    "armenian-official": "հայաստանյան պաշտոնական աղբյուրներ",
    "azerbaijani-state-media": "ադրբեջանական պետական կամ իշխանամետ լրատվամիջոցներ",
    "azerbaijani-official": "ադրբեջանական պաշտոնական աղբյուրներ",
    "international-ngo": "միջազգային ՀԿ-ներ",
    "independent-media": "անկախ լրատվամիջոցներ",
    "rfe-rl": "«Ազատություն» ռադիոկայան (RFE/RL)",
    "armenian-media": "հայկական և սփյուռքյան լրատվամիջոցներ",
    "international-media": "միջազգային լրատվամիջոցներ",
    "azerbaijani-civil-society": "ադրբեջանական քաղաքացիական հասարակություն",
    "russian-state-media": "ռուսական պետական կամ իշխանամետ լրատվամիջոցներ",
    "international-organisation": "միջազգային կազմակերպություններ",
    "court-document": "դատական փաստաթղթեր",
    "aggregator": "վերահրապարակող կայքեր (ագրեգատորներ)",
}
"""Source kinds as plural headings of the sources page (a heading names the group, not one source)."""

HY_STATUS_VERBS: dict[str, tuple[str, str]] = {
    "held": ("պահվում է", "պահվում են"),
    "released": ("ազատ է արձակվել", "ազատ են արձակվել"),
    "died": ("մահացել է", "մահացել են"),
    "missing": ("անհետ կորած է", "անհետ կորած են"),
    "unknown": ("անհայտ կարգավիճակ ունի", "անհայտ կարգավիճակ ունեն"),
}
"""Status as the verb of "N of whom are held" (singular for one person, plural for more)."""

HY_ORIGIN_LABELS = {"resident of": "Բնակավայր", "native of": "Ծննդավայր"}
"""The "From" key fact in Armenian names the link itself (place of residence or birthplace)."""

HY_MONTHS_OF = dict(get_month_names("wide", locale="hy"))
"""Month names in the genitive, as a day needs them: «հուլիսի 29»."""
HY_MONTHS = dict(get_month_names("wide", context="stand-alone", locale="hy"))
"""Month names in the nominative, for a month on its own: «2025 թ. դեկտեմբեր»."""
HY_ENDINGS = {"on": ("ին", "թվականին"), "from": ("ից", "թվականից"), "until": ("ը", "թվականը")}
"""Case endings a date takes by its role in a sentence: on a day (locative «-ին»), from a day
(ablative «-ից», in place of "since"), up to a day (after «մինչև»). Second: the year alone, in words."""
ARMENIAN_VOWELS = set("աեէըիոօ")


@lru_cache(maxsize=65536)
def _worded_date(code: str, text: str, case: str | None = None) -> str:
    """A date in words (cached: pages repeat dates)."""
    parsed = dates.parse(text)
    if code != "hy":
        return parsed.display()
    return armenian_date(parsed, case)


def _armenian_point(point: dates.Point, case: str | None, *, with_year: bool = True) -> str:
    """«2023 թ. հուլիսի 29», «2025 թ. դեկտեմբեր», «2023 թ.»; with a case, «…29-ին», «…դեկտեմբերից»."""
    year = f"{point.year} թ. " if with_year else ""
    if point.day:
        text = f"{year}{HY_MONTHS_OF[point.month]} {point.day}" + (f"-{HY_ENDINGS[case][0]}" if case else "")
    elif point.month:
        text = f"{year}{HY_MONTHS[point.month]}" + (HY_ENDINGS[case][0] if case else "")
    else:
        text = f"{point.year} {HY_ENDINGS[case][1]}" if case else f"{point.year} թ."
    if point.approximate:
        text = f"մոտ {text}"
    if point.uncertain:
        text = f"{text} (ամսաթիվը ստույգ չէ)" if case else f"{text} (անստույգ)"
    return text


def armenian_date(parsed: dates.EdtfDate, case: str | None = None) -> str:
    """An Armenian date or range, the case ending (if any) on its last word; a range within one month
    or year names them once («2025 թ. դեկտեմբերի 24–25»), years take «թթ.» («2021–2023 թթ.»)."""
    start, end = parsed.start, parsed.end
    if end is None:
        return _armenian_point(start, case)
    plain = not (start.uncertain or start.approximate or end.uncertain or end.approximate)
    ending = f"-{HY_ENDINGS[case][0]}" if case else ""
    if plain and not (start.month or end.month):
        return f"{start.year}–{end.year} " + (f"թվականներ{HY_ENDINGS[case][0]}" if case else "թթ.")
    if plain and start.year == end.year and start.month and end.month:
        if start.day and end.day and start.month == end.month:
            return f"{start.year} թ. {HY_MONTHS_OF[start.month]} {start.day}–{end.day}{ending}"
        if bool(start.day) == bool(end.day):
            return f"{start.year} թ. {_armenian_point(start, None, with_year=False)} – {_armenian_point(end, case, with_year=False)}"
    return f"{_armenian_point(start, None)} – {_armenian_point(end, case)}"


def upper_first(text: str) -> str:
    """The first letter in capitals, the rest as written (Jinja's ``capitalize`` lowercases "NGO")."""
    return text[:1].upper() + text[1:]


TERM_FACTS = {"Detained", "Missing since", "Court"}
VERB_FACTS = {"Detained", "Missing since", "Released", "Died"}
"""Key facts whose Armenian label is a verb, so their date takes the locative."""
"""Key facts whose detail is a glossary term (a place, a court); charges are split and looked up one by one."""


class Language:
    """The wording functions templates use, bound to one language."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.prefix = PREFIX[code]

    def t(self, text: str, context: str | None = None) -> str:
        """``text`` in this language; ``context`` picks another Armenian key where one English word has
        two meanings (e.g. "Role" of a person, "Role in the event")."""
        if self.code != "hy":
            return text
        return HY.get(context or text, HY.get(text, text))

    def label(self, value: StrEnum | None) -> str:
        if value is None:
            return ""
        if self.code == "hy":
            return HY_LABELS.get(type(value), {}).get(value.value, english_label(value))
        return english_label(value)

    def heading(self, kind: SourceKind) -> str:
        """A source kind as the heading of its group, first letter in capitals."""
        if self.code == "hy" and kind.value in HY_SOURCE_KIND_HEADINGS:
            return upper_first(HY_SOURCE_KIND_HEADINGS[kind.value])
        return upper_first(self.label(kind))

    def point(self, point: dates.Point, case: str | None = None) -> str:
        return _armenian_point(point, case) if self.code == "hy" else point.display()

    def date(self, text: str | None, case: str | None = None) -> str:
        """A date in words. ``case`` ("on", "from", "until") is its role in an Armenian sentence,
        which puts the case ending on it («…29-ին», «…29-ից»); English dates have none."""
        if not text:
            return self.t("date unknown")
        return _worded_date(self.code, text, case if self.code == "hy" else None)

    def span(self, start: str | None, end: str | None) -> str:
        """From one date to another, either side possibly unknown: "2021–2023", «2021–2023 թթ.»."""
        if self.code != "hy":
            return f"{self.date(start) if start else ''}–{self.date(end) if end else ''}"
        if start and end:
            return (
                self.date(f"{start}/{end}")
                if dates.parse(end).latest >= dates.parse(start).earliest
                else f"{self.date(start)} – {self.date(end)}"
            )
        if start:
            return self.date(start, "from")
        return f"մինչև {self.date(end, 'until')}" if end else ""

    def number(self, value: int) -> str:
        # CLDR hy groups thousands with a no-break space, so a number never breaks across lines.
        return f"{value:,}".replace(",", "\u00a0" if self.code == "hy" else ",")

    def via(self, name: str) -> str:
        """Where a republished report first appeared: "via X", «սկզբնաղբյուրը՝ X»."""
        return f"սկզբնաղբյուրը՝ {name}" if self.code == "hy" else f"via {name}"

    def account_of(self, account: AccountGiver) -> str:
        """Whose account a citation gives: "account of the family", «ըստ ընտանիքի»."""
        return self.according(account) if self.code == "hy" else f"account of {self.label(account)}"

    def and_more(self, number: int) -> str:
        """The end of a shortened list of names: "and 4 more", «և ևս 4-ը»."""
        return f"և ևս {number}-ը" if self.code == "hy" else f"and {number} more"

    def origin_label(self, note: str | None) -> str:
        """The key-fact label of a place a person is from; in Armenian it names the link (residence
        or birthplace), so the note is not repeated (see ``origin_note``)."""
        return HY_ORIGIN_LABELS.get(note or "", self.t("From")) if self.code == "hy" else "From"

    def origin_note(self, note: str | None) -> str | None:
        return None if self.code == "hy" and note in HY_ORIGIN_LABELS else note

    def status_since(self, status: Status, since: dates.EdtfDate | None) -> str:
        """A person's status with the day it began: "held since 3 October 2023", «պահվում է 2023 թ.
        հոկտեմբերի 3-ից», «ազատ է արձակվել 2026 թ. հունվարի 14-ին» (no "since" in Armenian)."""
        if since is None:
            return self.label(status)
        if self.code != "hy":
            return f"{self.label(status)} since {self.date(since.text)}"
        case = "from" if status in {Status.HELD, Status.MISSING} else "on"
        return f"{self.label(status)} {self.date(since.text, case)}"

    def people_summary(self, total: int, status_counts: list[tuple[str, int]]) -> str:
        """The people index's opening: "25 people are documented here: 20 held, 5 released." and, in
        Armenian, «Այստեղ փաստագրված է 25 անձ, որոնցից 20-ը պահվում են, 5-ն ազատ են արձակվել։»."""
        if self.code != "hy":
            counts = ", ".join(f"{n} {status}" for status, n in status_counts)
            return f"{total} people are documented here: {counts}."
        values = {label: value for value, label in HY_LABELS[Status].items()}
        parts = []
        for status, n in status_counts:
            verb = HY_STATUS_VERBS[values[status]][n != 1] if status in values else status
            article = "ն" if verb[:1] in ARMENIAN_VOWELS else "ը"  # «-ն» before a vowel
            parts.append(f"{n}-{article} {verb}")
        return f"Այստեղ փաստագրված է {total} անձ, որոնցից {', '.join(parts)}։"

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
    def time_tag(self, text: str | None, case: str | None = None) -> Markup:
        """<time> with a machine-readable date, or a plain note when no source dates the event."""
        if not text:
            return Markup('<span class="undated">{}</span>').format(self.t("date unknown"))
        return Markup('<time datetime="{}">{}</time>').format(
            dates.parse(text).earliest.isoformat(), self.date(text, case)
        )

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
        # A label that is a verb («Կալանավորվել է») takes its date in the locative («…30-ին»).
        case = "on" if fact.label in VERB_FACTS else None
        when = self.date(fact.when.text, case) if fact.when else ""
        if fact.label == "Appeal":
            outcome = self.sentence(fact.sentence)
            title = self.text(fact.event, "title")
            colon = self.t(": ")
            return Markup("{} ({})").format(title, when) + (Markup("{}{}").format(colon, outcome) if outcome else "")
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
