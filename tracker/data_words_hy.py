"""Armenian descriptions of the data package's tables and columns, for the data dictionary on /hy/data/.

The package itself (datapackage.json, the CSVs) stays English: these are our translations of the
descriptions the models generate (tracker/package_tables.py), faithful to them. Names in backticks
are code (table, column and value names) and are shown as such. A new model field needs its
Armenian description here: tests/test_armenian.py names the table and column that lack one.
"""

from __future__ import annotations

from collections.abc import Callable

SOURCE_LINK = "Աղբյուր, որը հիմնավորում է փաստը, և թե ում վարկածն է այն ներկայացնում։ "
"""The description every source-link table starts with (the SourceRef model's)."""


def _rows(list_field: str) -> str:
    """The Armenian of "One row for each entry of <parent>.<list>: "."""
    return f"Մեկ տող `{list_field}` ցանկի յուրաքանչյուր տարրի համար՝ "


STATE_THIS = "աղբյուրները, որոնք սա նշում են, առնվազն մեկը։"

TABLES: dict[str, str] = {
    "people": "Անձ, որին վերաբերում է շտեմարանը։ Կարգավիճակը և հիմնական փաստերը ստացվում են "
    "իրադարձություններից և այստեղ երբեք ձեռքով չեն գրվում։",
    "name_hy_sources": SOURCE_LINK
    + _rows("people.name_hy_sources")
    + "աղբյուրներ, որոնք անունը տպում են հայատառ (երբ տրված են, ցուցադրվում են անվան կողքին)։",
    "names": "Յուրաքանչյուր անձի անվան բոլոր ուղղագրությունները՝ յուրաքանչյուրը մեկ տողով. լատինատառ "
    "անունը, հայատառ անունը և մյուս ուղղագրություններն ու ձևերը։",
    "name_sources": SOURCE_LINK
    + _rows("names.sources")
    + "աղբյուրներ, որոնք անունը տպում են այս ձևով (երբ տրված են, ցուցադրվում են դրա կողքին)։",
    "births": "Անձի ծննդյան ամսաթիվը կամ վայրը՝ ըստ հղված աղբյուրների։ "
    + _rows("people.born")
    + "ծննդյան ամսաթիվն ու վայրը, մեկ տարր յուրաքանչյուր տարբեր վարկածի համար։",
    "birth_sources": SOURCE_LINK + _rows("births.sources") + STATE_THIS,
    "origins": "Որտեղից է անձը կամ որտեղ է ապրել՝ ըստ հղված աղբյուրների։ "
    + _rows("people.origin")
    + "որտեղից է անձը, մեկ տարր յուրաքանչյուր տարբեր վարկածի համար։",
    "origin_sources": SOURCE_LINK + _rows("origins.sources") + STATE_THIS,
    "roles": "Անձի զբաղեցրած պաշտոն՝ ամսաթվերով, որտեղ աղբյուրները դրանք նշում են։ "
    + _rows("people.roles")
    + "զբաղեցրած պաշտոնները՝ ամսաթվերով։",
    "role_sources": SOURCE_LINK + _rows("roles.sources") + STATE_THIS,
    "summary_sources": SOURCE_LINK
    + _rows("people.summary_sources")
    + "աղբյուրները, որոնք նշում են ամփոփման մեջ ասվածը. ընթերցողը յուրաքանչյուրին հասնում է մեկ սեղմումով։",
    "events": "Տեղի ունեցած դեպք՝ դրան առնչվող անձանցով և այն հաղորդող աղբյուրներով։",
    "charges": _rows("events.charges")
    + "ներկայացված կամ դատարանում քննված մեղադրանքները, ինչպես դրանք անվանում են աղբյուրները։",
    "event_people": "Իրադարձությանն առնչվող անձ՝ իր անհատական ելքով, եթե այդպիսին կա։ "
    + _rows("events.people")
    + "առնչվող անձինք։",
    "event_people_sources": SOURCE_LINK
    + _rows("event_people.sources")
    + "աղբյուրները, որոնք նշում են այս անձի դերը կամ ելքը (օրինակ՝ նրա պատիժը), երբ ոչ իրադարձության "
    "բոլոր աղբյուրներն են դա անում. յուրաքանչյուրը պետք է լինի նաև իրադարձության աղբյուրներից մեկը։ "
    "Պարտադիր է, երբ նշված է պատիժ։",
    "event_sources": SOURCE_LINK + _rows("events.sources") + STATE_THIS,
    "sources": "Հրապարակային աղբյուր, որին հղում են գրառումները։",
    "redirects": "Այլևս չօգտագործվող նույնացուցիչ. դրա հասցեն վերահղում է այն փոխարինած գրառմանը "
    "(վերանվանվելու կամ միավորվելու դեպքում)։",
    "withdrawn": "Հրապարակումից հանված գրառում. դրա հասցեում ցուցադրվում է ծանուցում, իսկ նույնացուցիչը "
    "ամրագրված է ընդմիշտ։",
}
"""Table name -> its description in Armenian."""

TITLES: dict[str, str] = {
    "people": "Մարդիկ",
    "name_hy_sources": "Հայատառ անունների աղբյուրներ",
    "names": "Անուններ",
    "name_sources": "Անունների աղբյուրներ",
    "births": "Ծննդյան տվյալներ",
    "birth_sources": "Ծննդյան տվյալների աղբյուրներ",
    "origins": "Ծագում",
    "origin_sources": "Ծագման աղբյուրներ",
    "roles": "Պաշտոններ",
    "role_sources": "Պաշտոնների աղբյուրներ",
    "summary_sources": "Ամփոփումների աղբյուրներ",
    "events": "Իրադարձություններ",
    "charges": "Մեղադրանքներ",
    "event_people": "Իրադարձություններին առնչվող անձինք",
    "event_people_sources": "Իրադարձություններին առնչվող անձանց աղբյուրներ",
    "event_sources": "Իրադարձությունների աղբյուրներ",
    "sources": "Աղբյուրներ",
    "redirects": "Վերահղումներ",
    "withdrawn": "Հանված գրառումներ",
}
"""Table name -> its title in Armenian (the downloads list)."""

FILES: dict[str, str] = {
    "records": "Բոլոր անձինք, իրադարձություններն ու աղբյուրները՝ մեկ JSON փաստաթղթում, ներդրված տեսքով, "
    "ինչպես գրում են խմբագիրները. դրա JSON Schema-ն `records.schema.json`-ն է՝ դրա կողքին։",
}
"""Resource name -> its description in Armenian, for the package's files that are not tables."""

SOURCE_LINK_COLUMNS: dict[str, str] = {
    "source": "Աղբյուրի գրառման նույնացուցիչը (`records/sources/<id>.json`)։",
    "account": "Ում վարկածն է ներկայացնում աղբյուրը, երբ խոսում է միայն մեկ կողմը կամ աղբյուրները "
    "հակասում են իրար (օրինակ՝ մեղադրող կողմ, ընտանիք)։ Դատարկ է, երբ աղբյուրը դա հաղորդում է որպես "
    "հաստատված փաստ։",
    "note": "Ինչ է ավելացնում այս աղբյուրը կամ ինչով է տարբերվում՝ խմբագիրների խոսքերով։",
    "note_hy": "Նշումը հայերեն՝ խմբագիրների թարգմանությամբ։",
}
"""The columns every source-link table (``*_sources``) has, by column name."""

SOURCE_LINK_TABLES = (
    "name_hy_sources",
    "name_sources",
    "birth_sources",
    "origin_sources",
    "role_sources",
    "summary_sources",
    "event_people_sources",
    "event_sources",
)

COLUMNS: dict[tuple[str, str], str] = {
    **{(table, column): text for table in SOURCE_LINK_TABLES for column, text in SOURCE_LINK_COLUMNS.items()},
    ("people", "id"): "Կայուն նույնացուցիչ. համընկնում է ֆայլի անվան հետ և հրապարակվելուց հետո երբեք չի փոխվում։",
    ("people", "name"): "Անունը լատինատառ, ինչպես այն գրում են աղբյուրների մեծ մասը։",
    ("people", "name_hy"): "Անունը հայատառ։",
    ("people", "category"): "Երբ և ինչպես է անձը հայտնվել կալանքի տակ։",
    ("people", "category_note"): "Ինչու է խումբն անորոշ կամ վիճելի, եթե այդպես է։",
    ("people", "category_note_hy"): "Խմբի մասին նշումը հայերեն՝ խմբագիրների թարգմանությամբ։",
    ("people", "summary"): "Համառոտ ամփոփում՝ խմբագիրների խոսքերով, որում նշված է միայն այն, ինչ ասում են աղբյուրները։",
    ("people", "summary_hy"): "Ամփոփումը հայերեն՝ անգլերեն ամփոփման խմբագիրների թարգմանությունը։",
    ("people", "identifiers_wikidata"): "Նույնացուցիչներ՝ Wikidata-ի տարրը (`Q`-ով սկսվող համարը)։",
    ("people", "identifiers_echr_application"): "Նույնացուցիչներ՝ Մարդու իրավունքների եվրոպական դատարանին "
    "ներկայացված գանգատի համարը։",
    ("names", "kind"): "Անձի գրառման որ դաշտից է վերցված այս ուղղագրությունը։",
    ("names", "name"): "Անունը, ինչպես գրված է (ցանկացած գրով)։",
    ("names", "language"): "Լեզվի կամ գրի լեզվի ISO 639 կոդը (`hy`, `ru`, `az`, `en`)։",
    ("names", "note"): "Որտեղ է օգտագործվում այս ձևը (օրինակ՝ ադրբեջանական դատարանի փաստաթղթերում)։",
    ("births", "date"): "Ծննդյան ամսաթիվը (EDTF-ի ենթաբազմություն. հաճախ միայն տարին)։",
    ("births", "place"): "Ծննդավայրը, ինչպես նշում է աղբյուրը։",
    ("origins", "place"): "Վայրը, ինչպես այն անվանում է աղբյուրը։",
    ("origins", "note"): "Ինչպես է աղբյուրը նկարագրում կապը (բնակիչ, բնիկ)։",
    ("roles", "title"): "Պաշտոնը (օրինակ՝ Լեռնային Ղարաբաղի պետնախարար)։",
    ("roles", "start"): "Երբ է սկսվել պաշտոնավարումը (EDTF-ի ենթաբազմություն)։",
    ("roles", "end"): "Երբ է ավարտվել պաշտոնավարումը (EDTF-ի ենթաբազմություն)։",
    ("events", "id"): "Կայուն նույնացուցիչ, որը սկսվում է ամսաթվով (օրինակ՝ `2025-12-25-avanesyan-sentenced`)։",
    ("events", "date"): "Երբ է դա տեղի ունեցել (EDTF-ի ենթաբազմություն. օր, ամիս, տարի, `?`, `~`, միջակայքեր)։ "
    "Պարտադիր է, բայց կարող է դատարկ լինել, երբ ոչ մի հղված աղբյուր այն չի թվագրում. անհայտ ամսաթիվը "
    "թողնվում է դատարկ և երբեք չի գուշակվում։",
    ("events", "type"): "Ինչ տեսակի իրադարձություն է։",
    ("events", "title"): "Մեկ տողանոց վերնագիր՝ խմբագիրների խոսքերով։",
    ("events", "title_hy"): "Վերնագիրը հայերեն՝ անգլերեն վերնագրի խմբագիրների թարգմանությունը։",
    ("events", "summary"): "Ինչ է տեղի ունեցել՝ խմբագիրների խոսքերով, նշելով, թե յուրաքանչյուր պնդում ում վարկածն է։",
    ("events", "summary_hy"): "Ամփոփումը հայերեն՝ անգլերեն ամփոփման խմբագիրների թարգմանությունը։",
    ("events", "place"): "Որտեղ է դա տեղի ունեցել։",
    ("events", "court"): "Դատարանը՝ դատավարությունների, նիստերի, դատավճիռների և վերաքննությունների համար։",
    ("events", "count_number"): "Թիվ՝ նշված թիվը։",
    ("events", "count_qualifier"): "Թիվ՝ որքան ճշգրիտ է թիվը։",
    ("events", "count_claimant"): "Թիվ՝ ով է նշում թիվը։",
    ("events", "count_counted"): "Թիվ՝ ինչն է հաշվված (օրինակ՝ պաշտոնապես ճանաչված հայ գերիները)։",
    ("events", "disputed"): "`true`, երբ աղբյուրների տվյալներն այս իրադարձության մասին հակասում են իրար։",
    ("events", "dispute_note"): "Ինչում են հակասում աղբյուրները (պարտադիր է, երբ իրադարձությունը վիճելի է)։",
    ("events", "dispute_note_hy"): "Վեճի մասին նշումը հայերեն՝ խմբագիրների թարգմանությամբ։",
    ("charges", "charge"): "Մեղադրանքներից մեկը, ինչպես գրված է։",
    ("event_people", "person"): "Անձի գրառման նույնացուցիչը։",
    ("event_people", "role"): "Ինչպես է անձն առնչվում իրադարձությանը։",
    ("event_people", "sentence_years"): "Պատիժ՝ ազատազրկման ժամկետը տարիներով. դատարկ է ցմահի դեպքում։",
    ("event_people", "sentence_life"): "Պատիժ՝ `true` ցմահ ազատազրկման դեպքում։",
    ("event_people", "sentence_note"): "Պատիժ՝ պայմանները (օրինակ՝ առաջին 10 տարին բանտում)։",
    ("event_people", "note"): "Այն, ինչ վերաբերում է միայն այս անձին այս իրադարձության մեջ։",
    ("event_people", "note_hy"): "Նշումը հայերեն՝ խմբագիրների թարգմանությամբ։",
    ("sources", "id"): "Կայուն նույնացուցիչ (օրինակ՝ `oc-media-2025-12-icrc-visit`)։",
    ("sources", "title"): "Էջի սեփական վերնագիրը, ինչպես այն տրված է, իր լեզվով (երբեք հորինված չէ). կամ, երբ "
    "վերնագիրը հնարավոր չէ կարդալ, խմբագիրների կարճ նկարագրությունը, և այդ դեպքում նշված է `title_supplied`։",
    ("sources", "title_supplied"): "`true`, երբ վերնագիրը խմբագիրների նկարագրությունն է, ոչ թե էջի վերնագիրը "
    "(ցուցադրվում է քառակուսի փակագծերում, ինչպես գրացուցակներում են ցույց տալիս լրացված վերնագիրը)։",
    ("sources", "publisher"): "Ով է այն հրապարակել (օրինակ՝ OC Media, «Ազատություն»)։",
    ("sources", "url"): "Որտեղ կարելի է այն կարդալ։",
    ("sources", "published"): "Երբ է այն հրապարակվել (EDTF-ի ենթաբազմություն), ինչպես ցույց է տալիս էջը. "
    "դատարկ է, երբ էջը ամսաթիվ ցույց չի տալիս։",
    ("sources", "accessed"): "Երբ են խմբագիրներն այն վերջին անգամ կարդացել (օր)։",
    ("sources", "language"): "Դրա լեզվի ISO 639 կոդը (`en`, `hy`, `ru`, `fr`, `az`). դատարկ է, եթե անհայտ է։",
    ("sources", "kind"): "Ինչ տեսակի հրատարակիչ է, որպեսզի ընթերցողները կարողանան գնահատել այն։",
    ("sources", "via"): "Սկզբնական հաղորդողը, երբ այս էջը վերահրապարակում է ուրիշի հաղորդումը։",
    ("sources", "archive_url"): "Էջի արխիվացված պատճենը։",
    ("sources", "note"): "Ինչ է այս աղբյուրը և ինչ է այն հիմնավորում՝ խմբագիրների խոսքերով։",
    ("sources", "note_hy"): "Նշումը հայերեն՝ խմբագիրների թարգմանությամբ։",
    ("redirects", "id"): "Հին նույնացուցիչը՝ ամրագրված ընդմիշտ. համընկնում է ֆայլի անվան հետ։",
    ("redirects", "kind"): "Գրառման որ տեսակին էր պատկանում նույնացուցիչը։",
    ("redirects", "to"): "Այն փոխարինած գրառման նույնացուցիչը (նույն տեսակի)։",
    ("redirects", "date"): "Երբ դադարեց օգտագործվել նույնացուցիչը։",
    ("redirects", "reason"): "Պատճառը՝ վերանվանվել է կամ միավորվել է։",
    ("withdrawn", "id"): "Հանված գրառման նույնացուցիչը՝ ամրագրված ընդմիշտ. համընկնում է ֆայլի անվան հետ։",
    ("withdrawn", "kind"): "Գրառման որ տեսակն է հանվել։",
    ("withdrawn", "date"): "Երբ է այն հանվել։",
    ("withdrawn", "reason"): "Ինչու է այն հանվել (փակ ցանկ)։",
    ("withdrawn", "note"): "Հրապարակային բացատրություն, եթե այն հնարավոր է տալ առանց վտանգի։",
}
"""(table, column) -> the column's description in Armenian, for the columns the models describe."""

TYPE_WORDS: dict[str, str] = {
    "string": "տեքստ",
    "integer": "ամբողջ թիվ",
    "boolean": "`true` կամ `false`",
    "date": "ամսաթիվ (`YYYY-MM-DD`)",
    "number": "թիվ",
}
"""A column's Table Schema type, in words (package_page.TYPE_WORDS in Armenian)."""

PARENT_OF: dict[str, str] = {
    "people": "անձի",
    "events": "իրադարձության",
    "names": "անվան",
    "births": "ծննդյան տվյալի",
    "origins": "ծագման տվյալի",
    "roles": "պաշտոնի",
    "event_people": "իրադարձությանն առնչվող անձի",
}
"""A parent table -> its row in the genitive («անձի» for a row of people), for the derived columns."""

NAME_KINDS: dict[str, str] = {
    "name": "անունը լատինատառ, ինչպես այն գրում են աղբյուրների մեծ մասը",
    "name_hy": "անունը հայատառ",
    "other_names": "այլ ուղղագրություն կամ ձև, ինչպես գրում է որևէ աղբյուր",
}
"""The values of names.kind (package_tables.NAME_KINDS) in Armenian."""

DERIVED: dict[str, Callable[[str, str, str], str]] = {
    "key": lambda parent, key, _: (
        f"{PARENT_OF[parent].capitalize()} "
        + ("նույնացուցիչը" if key == "id" else "դիրքն իր ցանկում")
        + f" (`{parent}.{key}`)։"
    ),
    "position": lambda parent, list_field, _: (
        f"{PARENT_OF[parent].capitalize()} `{list_field}` ցանկում այս տարրի հերթական համարը (1-ը առաջինն է)։"
    ),
    "earliest": lambda _, __, date: (
        f"`{date}` դաշտի ամենավաղ հնարավոր օրը՝ ստացված դրանից (օրինակ՝ `2023-07` → `2023-07-01`)։"
    ),
    "latest": lambda _, __, date: (
        f"`{date}` դաշտի ամենաուշ հնարավոր օրը՝ ստացված դրանից (օրինակ՝ `2023-07` → `2023-07-31`)։"
    ),
}
"""Column role -> its templated description, from (parent table, parent key or list field, date column)."""

EDTF_NOTE = (
    "ամսաթիվ, ինչպես գրված է՝ `2023`, `2023-07`, `2023-07-29`, `~2023` (մոտավորապես), `2023-07?` (անորոշ) "
    "կամ միջակայք, օրինակ՝ `2025-12-24/2025-12-25`"
)


CONSTRAINT_WORDS = {
    "edtf": EDTF_NOTE,
    "pattern": "համապատասխանում է `{pattern}` կաղապարին",
    "range": "{low}-ից մինչև {high}",
    "minimum": "{low} կամ ավելի",
    "maximum": "{high} կամ պակաս",
    "length": "առավելագույնը {length} նիշ",
}
"""The Armenian of package_page.CONSTRAINT_WORDS: what values a column allows."""
