"""Armenian for the short record terms that repeat across records: courts, charges, places, roles,
sentence notes, what a count counts, how a person is linked to a place.

These are the editors' translations, kept in one place so one term is translated once and the same
everywhere (ARMENIAN.md §2 and §5 give the terminology). A term missing here is shown in English on
Armenian pages, marked as not yet translated; tests/test_armenian.py lists every record term that
has no entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

TERMS_HY: dict[str, str] = {
    # Courts
    "Baku Military Court": "Բաքվի ռազմական դատարան",
    "Baku Court of Appeal": "Բաքվի վերաքննիչ դատարան",
    "Baku Grave Crimes Court": "Բաքվի ծանր հանցագործությունների դատարան",
    "Ganja Grave Crimes Court": "Գյանջա քաղաքի ծանր հանցագործությունների դատարան",
    "European Court of Human Rights": "Մարդու իրավունքների եվրոպական դատարան",
    # Places
    "near the village of Sznek": "Սզնեկ գյուղի մոտ",
    "Azerbaijan–Armenia border, Gazakh district": "Ադրբեջանի և Հայաստանի սահման, Ղազախի շրջան",
    "Badara, Askeran district": "Բադարա, Ասկերանի շրջան",
    "Baku": "Բաքու",
    "Beirut": "Բեյրութ",
    "Ganja": "Գյանջա",
    "Getavan": "Գետավան",
    "Hakari bridge": "Հակարիի կամուրջ",
    "Kapan": "Կապան",
    "Khankendi": "Ստեփանակերտ (ադրբեջանական անվանմամբ՝ Խանքենդի)",
    "Lachin (as reported)": "Լաչին (ըստ հաղորդումների)",
    "Lachin checkpoint, Hakari bridge": "Լաչինի անցակետ, Հակարիի կամուրջ",
    "Lachin corridor checkpoint (Hakari bridge)": "Լաչինի միջանցքի անցակետ (Հակարիի կամուրջ)",
    "Malikjanli village, Fuzuli district": "Ֆիզուլիի շրջանի Մալիքջանլի գյուղ",
    "Near Shushi (Shusha)": "Շուշիի մոտ (ադրբեջանական անվանմամբ՝ Շուշա)",
    "Nork-Marash medical centre, Yerevan": "«Նորք-Մարաշ» բժշկական կենտրոն, Երևան",
    "Nork-Marash, Yerevan": "Նորք-Մարաշ, Երևան",
    "Patara, Nagorno-Karabakh": "Պատարա, Լեռնային Ղարաբաղ",
    "Shushi": "Շուշի",
    "Stepanakert": "Ստեփանակերտ",
    "Stepanakert (Khankendi)": "Ստեփանակերտ (Խանքենդի)",
    "Sznek": "Սզնեկ",
    "Washington": "Վաշինգտոն",
    "Yasamal District Court building, Baku": "Յասամալի շրջանի դատարանի շենք, Բաքու",
    "Yerevan": "Երևան",
    "Zabukh village, Lachin district": "Քաշաթաղի (Լաչինի) շրջանի Զաբուխ գյուղ",
    # Charges
    "article 112": "հոդված 112",
    "article 113": "հոդված 113",
    "article 115.2": "հոդված 115.2",
    "article 279.1": "հոդված 279.1",
    "article 318.1": "հոդված 318.1",
    "attempted murder": "սպանության փորձ",
    "creation of armed formations or groups not provided for by law": "օրենքով չնախատեսված զինված կազմավորումների կամ խմբերի ստեղծում",
    "creation of armed formations or groups not provided for by law (article 279.3)": "օրենքով չնախատեսված զինված կազմավորումների կամ խմբերի ստեղծում (հոդված 279.3)",
    "creation of criminal organisations (218)": "հանցավոր կազմակերպությունների ստեղծում (218)",
    "creation of or participation in armed formations not provided for by law (article 279.1)": "օրենքով չնախատեսված զինված կազմավորումների ստեղծում կամ դրանց մասնակցություն (հոդված 279.1)",
    "crimes against peace and humanity": "խաղաղության և մարդկության դեմ հանցագործություններ",
    "crossing the protected state border by a group (article 318.2)": "պահպանվող պետական սահմանի հատում խմբով (հոդված 318.2)",
    "crossing the protected state border outside checkpoints": "պահպանվող պետական սահմանի հատում անցակետերից դուրս",
    "deportation of the population (107)": "բնակչության բռնի տեղահանում (107)",
    "deportation or forced relocation of the population (article 107)": "բնակչության բռնի տեղահանում կամ հարկադիր տեղափոխում (հոդված 107)",
    "deportation or forced resettlement of the population (article 107)": "բնակչության բռնի տեղահանում կամ հարկադիր վերաբնակեցում (հոդված 107)",
    "eight articles of the criminal code in all": "քրեական օրենսգրքի ընդհանուր թվով ութ հոդված",
    "eight counts in all": "ընդհանուր թվով ութ հոդված",
    "espionage (article 276)": "լրտեսություն (հոդված 276)",
    "financing of terrorism": "ահաբեկչության ֆինանսավորում",
    "financing of terrorism (among a long list of charges)": "ահաբեկչության ֆինանսավորում (մեղադրանքների երկար ցանկի մեջ)",
    "financing of terrorism (article 214-1)": "ահաբեկչության ֆինանսավորում (հոդված 214-1)",
    "forced displacement of the population": "բնակչության հարկադիր տեղահանում",
    "forcible seizure and retention of power": "իշխանության բռնի զավթում և պահում",
    "genocide": "ցեղասպանություն",
    "genocide (article 103)": "ցեղասպանություն (հոդված 103)",
    "illegal acquisition or carrying of firearms (article 228.2.1)": "հրազենի ապօրինի ձեռքբերում կամ կրում (հոդված 228.2.1)",
    "illegal acquisition or carrying of firearms by a group (article 228.2.1)": "հրազենի ապօրինի ձեռքբերում կամ կրում խմբով (հոդված 228.2.1)",
    "illegal acquisition, storage and transport of firearms (article 228.3)": "հրազենի ապօրինի ձեռքբերում, պահում և փոխադրում (հոդված 228.3)",
    "illegal acquisition, storage and transport of firearms, ammunition and explosives (article 228.3)": "հրազենի, զինամթերքի և պայթուցիկ նյութերի ապօրինի ձեռքբերում, պահում և փոխադրում (հոդված 228.3)",
    "illegal border crossing (article 318.2)": "պետական սահմանի ապօրինի հատում (հոդված 318.2)",
    "illegal crossing of the state border": "պետական սահմանի ապօրինի հատում",
    "illegal crossing of the state border (318.2)": "պետական սահմանի ապօրինի հատում (318.2)",
    "illegal crossing of the state border (article 318.1)": "պետական սահմանի ապօրինի հատում (հոդված 318.1)",
    "illegal possession of weapons (228.3)": "զենքի ապօրինի պահում (228.3)",
    "initiating war": "պատերազմի սանձազերծում",
    "mercenarism (114.1)": "վարձկանություն (114.1)",
    "organising training for terrorist purposes (article 214-3.2)": "ահաբեկչական նպատակներով ուսուցման կազմակերպում (հոդված 214-3.2)",
    "participation in armed formations or groups not provided for by law (article 279.3)": "մասնակցություն օրենքով չնախատեսված զինված կազմավորումներին կամ խմբերին (հոդված 279.3)",
    "participation of a mercenary in armed conflict (article 114.3)": "վարձկանի մասնակցություն զինված հակամարտությանը (հոդված 114.3)",
    "planning an aggressive war (articles 100.1, 100.2)": "ագրեսիվ պատերազմի պլանավորում (հոդվածներ 100.1, 100.2)",
    "planning, preparing, initiating and waging a war of aggression (articles 100.1, 100.2)": "ագրեսիվ պատերազմի պլանավորում, նախապատրաստում, սանձազերծում և վարում (հոդվածներ 100.1, 100.2)",
    "preparation and conduct of an aggressive war": "ագրեսիվ պատերազմի նախապատրաստում և վարում",
    "recruitment and financing of mercenaries (article 114.1)": "վարձկանների հավաքագրում և ֆինանսավորում (հոդված 114.1)",
    "taking part in the war as a mercenary": "մասնակցություն պատերազմին՝ որպես վարձկան",
    "terrorism": "ահաբեկչություն",
    "terrorism (article 214)": "ահաբեկչություն (հոդված 214)",
    "terrorism (articles 214.2.1–214.2.3)": "ահաբեկչություն (հոդվածներ 214.2.1–214.2.3)",
    "terrorism and its financing (214, 214-1)": "ահաբեկչություն և դրա ֆինանսավորում (214, 214-1)",
    "terrorism by a group (article 214.2.1)": "խմբով կատարված ահաբեկչություն (հոդված 214.2.1)",
    "terrorism by an organised group (articles 214.2.1–214.2.3)": "կազմակերպված խմբով կատարված ահաբեկչություն (հոդվածներ 214.2.1–214.2.3)",
    "terrorism with firearms (article 214.2.3)": "հրազենի կիրառմամբ ահաբեկչություն (հոդված 214.2.3)",
    "torture": "խոշտանգում",
    "torture (113)": "խոշտանգում (113)",
    "torture of captured soldiers and civilians during the 1992–1994 war": "1992–1994 թթ. պատերազմի ժամանակ գերեվարված զինվորների և քաղաքացիական անձանց խոշտանգում",
    "violation of the laws and customs of war": "պատերազմի օրենքների և սովորույթների խախտում",
    "violations of international humanitarian law in armed conflict (article 116)": "միջազգային մարդասիրական իրավունքի նորմերի խախտումներ զինված հակամարտության ժամանակ (հոդված 116)",
    "violations of the laws and customs of war": "պատերազմի օրենքների և սովորույթների խախտումներ",
    "violent seizure of power": "իշխանության բռնի զավթում",
    "war crimes": "ռազմական հանցագործություններ",
    "war crimes, including planning and waging a war of aggression": "ռազմական հանցագործություններ, այդ թվում՝ ագրեսիվ պատերազմի պլանավորում և վարում",
    # Roles
    "Commander of the Nagorno-Karabakh army (former)": "Լեռնային Ղարաբաղի բանակի հրամանատար (նախկին)",
    "Deputy commander of the Nagorno-Karabakh army (former)": "Լեռնային Ղարաբաղի բանակի հրամանատարի տեղակալ (նախկին)",
    "Foreign minister of Nagorno-Karabakh": "Լեռնային Ղարաբաղի արտգործնախարար",
    "President of Nagorno-Karabakh": "Լեռնային Ղարաբաղի նախագահ",
    "Speaker of the Nagorno-Karabakh parliament": "Լեռնային Ղարաբաղի խորհրդարանի նախագահ",
    "State minister of Nagorno-Karabakh": "Լեռնային Ղարաբաղի պետնախարար",
    # Sentence notes
    "10 of the 20 years in a strict-regime prison, according to Azatutyun's Armenian service": "20 տարուց 10-ը՝ խիստ ռեժիմի բանտում, ըստ «Ազատություն» ռադիոկայանի հայկական ծառայության",
    "demanded by the prosecution": "պահանջել է մեղադրող կողմը",
    "demanded by the prosecutor": "պահանջել է դատախազը",
    "demanded; life barred at 65 or older; first 10 years in prison, the rest in a high-security colony, according to Newdosh": "պահանջված պատիժ. 65 և ավելի տարեկաններին ցմահ ազատազրկում չի նշանակվում. առաջին 10 տարին՝ բանտում, մնացածը՝ բարձր անվտանգության գաղութում, ըստ Newdosh-ի",
    "first five years in prison, the rest in a strict-regime colony (Caliber.az)": "առաջին հինգ տարին՝ բանտում, մնացածը՝ խիստ ռեժիմի գաղութում (Caliber.az)",
    "five years in a maximum-security prison (News.az)": "հինգ տարին՝ առավելագույն անվտանգության բանտում (News.az)",
    "life imprisonment barred at 65 or older": "65 և ավելի տարեկաններին ցմահ ազատազրկում չի նշանակվում",
    "upheld on appeal": "վերաքննիչ դատարանն անփոփոխ է թողել",
    # Counts (what is counted, after the number)
    "Armenian detainees still held in Baku": "հայ կալանավոր, որոնք դեռ պահվում են Բաքվում",
    "Armenian prisoners acknowledged by Azerbaijan (8 leaders, 6 civilians, 9 prisoners of war)": "Ադրբեջանի ճանաչած հայ գերի (8 ղեկավար, 6 քաղաքացիական անձ, 9 ռազմագերի)",
    "Armenian prisoners acknowledged by Azerbaijan, as Zartonk gives it": "Ադրբեջանի ճանաչած հայ գերի՝ ըստ Zartonk-ի",
    "Armenian prisoners held since their capture in 2020, according to Armenian lawyers": "հայ գերի, որոնք պահվում են 2020 թ. գերեվարվելուց ի վեր, ըստ հայ փաստաբանների",
    "Armenian prisoners listed (6 captured in 2020, 2 during the blockade, 15 in 2023)": "ցանկում ներառված հայ գերի (6-ը գերեվարվել են 2020 թ., 2-ը՝ շրջափակման ընթացքում, 15-ը՝ 2023 թ.)",
    "Armenian prisoners officially acknowledged": "պաշտոնապես ճանաչված հայ գերի",
    "Armenian prisoners still held after the release of 14 January 2026": "հայ գերի, որոնք դեռ պահվում են 2026 թ. հունվարի 14-ի ազատ արձակումից հետո",
    "Armenians held but not acknowledged by Azerbaijan (enforced disappearances)": "հայ, որոնք պահվում են, սակայն Ադրբեջանը դա չի ճանաչում (բռնի անհետացումներ)",
    "Armenians held in Azerbaijan": "Ադրբեջանում պահվող հայ",
    "Armenians held in Azerbaijan, acknowledged or not": "Ադրբեջանում պահվող հայ՝ թե՛ ճանաչված, թե՛ չճանաչված",
    "Armenians held in Azerbaijan, including eight former leaders": "Ադրբեջանում պահվող հայ, այդ թվում՝ ութ նախկին ղեկավար",
    "Armenians remaining in Azerbaijani captivity after the exchange, according to human rights activists in Yerevan": "հայ, որոնք փոխանակումից հետո մնացել են ադրբեջանական գերության մեջ, ըստ Երևանի իրավապաշտպանների",
    "Armenians still held in Baku after the release of 14 January 2026": "հայ, որոնք 2026 թ. հունվարի 14-ի ազատ արձակումից հետո դեռ պահվում են Բաքվում",
    "Documented enforced disappearances of Armenians": "հայերի բռնի անհետացման փաստագրված դեպք",
    "confirmed Armenian captives in Azerbaijan": "հայ գերի Ադրբեջանում, որոնց գերության փաստը հաստատված է",
    "people still held in Azerbaijan after the release of 14 January 2026": "անձ, որոնք 2026 թ. հունվարի 14-ի ազատ արձակումից հետո դեռ պահվում են Ադրբեջանում",
    # Notes on names and places
    "Polish-language media": "լեհալեզու լրատվամիջոցներ",
    "Russian-language media": "ռուսալեզու լրատվամիջոցներ",
    "given name as in Armenian (Վիգեն)": "անունը՝ ինչպես հայերենում (Վիգեն)",
    "given-name form in an Armenian-language report of the verdict": "անվան ձևը՝ դատավճռի մասին հայալեզու հաղորդման մեջ",
    "given-name spelling": "անվան գրելաձև",
    "surname spelling": "ազգանվան գրելաձև",
    "surname as transliterated from Russian": "ազգանունը՝ ռուսերենից տառադարձված",
    "surname spelling in Azerbaijani state media": "ազգանվան գրելաձևն ադրբեջանական պետական լրատվամիջոցներում",
    "surname spelling, also used by Azerbaijani prosecutors": "ազգանվան գրելաձև, որն օգտագործում են նաև ադրբեջանցի դատախազները",
    "surname variant in Armenian-language media": "ազգանվան տարբերակ հայալեզու լրատվամիջոցներում",
    "spelling in Azerbaijani media": "գրելաձևն ադրբեջանական լրատվամիջոցներում",
    "spelling in IPD's summary of the Azerbaijani verdict": "գրելաձևն ադրբեջանական դատավճռի՝ IPD-ի ամփոփման մեջ",
    "spelling used by RFE/RL and other English-language media": "գրելաձև, որն օգտագործում են RFE/RL-ը և այլ անգլալեզու լրատվամիջոցներ",
    "hailing from, according to Azerbaijani prosecutors": "ծագումով այնտեղից է՝ ըստ ադրբեջանցի դատախազների",
    "lived and worked as a taxi driver there before the 2020 war": "մինչև 2020 թ. պատերազմն այնտեղ ապրել և աշխատել է որպես տաքսու վարորդ",
    "lived in the village": "ապրել է գյուղում",
    "native of (Azerbaijani prosecutors)": "բնիկ (ըստ ադրբեջանցի դատախազների)",
    "native village; he lived in Stepanakert (his father's account)": "հայրենի գյուղը. նա ապրել է Ստեփանակերտում (ըստ նրա հոր)",
    "resident of (Artsakh ombudsman)": "բնակիչ (ըստ Արցախի մարդու իրավունքների պաշտպանի)",
    "resident of, according to official Baku": "բնակիչ՝ ըստ պաշտոնական Բաքվի",
    "resident of; stayed on after 2023": "բնակիչ. այնտեղ է մնացել նաև 2023 թ. հետո",
    "the family's village (his wife's account)": "ընտանիքի գյուղը (ըստ նրա կնոջ)",
}
"""English term, exactly as records write it -> its Armenian."""


def record_terms(records: Any) -> Iterator[str]:
    """Every glossary term the records use (courts, places, charges, roles, sentence notes, counts)."""
    for person in records.people.values():
        yield from (birth.place for birth in person.born if birth.place)
        for origin in person.origin:
            yield from (text for text in (origin.place, origin.note) if text)
        yield from (role.title for role in person.roles)
        yield from (other.note for other in person.other_names if other.note)
    for event in records.events.values():
        yield from (text for text in (event.court, event.place) if text)
        yield from event.charges
        yield from (item.sentence.note for item in event.people if item.sentence and item.sentence.note)
        if event.count:
            yield event.count.counted
