"""Generate states/<language>.yaml, the country names of each UN language, from CLDR (babel) and the UN's own forms.

Run once when CLDR or the list of states changes (babel is a core dependency: dates use it too):

    python -m handbook.indexing.make_states

Each state's printed name is the UN's short form where `UN_FORMS` gives one (the names in the
UN's list of Member States, as UNTERM writes them), else CLDR's. CLDR's name and the forms in
`EXTRA` are aliases. Russian names are declined too ("Сирии", "Судана"), because Russian text
names a country in every case. An alias that would name two states is dropped and reported.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from .countries import _key, load_states
from .russian import declensions

OUT = Path(__file__).resolve().parent / "states"
LANGUAGES = ("fr", "es", "ru", "ar", "zh")

# The ISO 3166 codes CLDR files these under, where the English names do not find them.
CODES = {"myanmar": "MM", "saint-vincent-and-the-grenadines": "VC", "palestine": "PS", "hong-kong": "HK",
         "macao": "MO", "turks-and-caicos-islands": "TC", "saint-helena": "SH"}

# The UN's short forms where they differ from CLDR's everyday names: (printed name, further running-text forms).
UN_FORMS = {
    "fr": {
        "SY": ("République arabe syrienne",), "IR": ("Iran (République islamique d’)", "République islamique d’Iran"),
        "BO": ("Bolivie (État plurinational de)", "État plurinational de Bolivie"),
        "VE": ("Venezuela (République bolivarienne du)", "République bolivarienne du Venezuela"),
        "KR": ("République de Corée",), "KP": ("République populaire démocratique de Corée",),
        "LA": ("République démocratique populaire lao",), "MD": ("République de Moldova",),
        "TZ": ("République-Unie de Tanzanie",), "RU": ("Fédération de Russie",),
        "GB": ("Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",), "US": ("États-Unis d’Amérique",),
        "CD": ("République démocratique du Congo",), "CG": ("Congo",), "VN": ("Viet Nam",), "TR": ("Türkiye",),
        "FM": ("Micronésie (États fédérés de)", "États fédérés de Micronésie"),
        "NL": ("Pays-Bas (Royaume des)", "Royaume des Pays-Bas"), "PS": ("État de Palestine",),
        "VA": ("Saint-Siège",), "CV": ("Cabo Verde",), "BN": ("Brunéi Darussalam",), "NG": ("Nigéria",),
        "MM": ("Myanmar",), "SZ": ("Eswatini",), "CZ": ("Tchéquie",), "MK": ("Macédoine du Nord",),
        "KN": ("Saint-Kitts-et-Nevis",), "HK": ("Chine, région administrative spéciale de Hong Kong",),
        "MO": ("Chine, région administrative spéciale de Macao",), "TW": ("Taïwan (province de Chine)",),
        "TL": ("Timor-Leste",), "BY": ("Bélarus",), "IQ": ("Iraq",), "LR": ("Libéria",),
    },
    "es": {
        "SY": ("República Árabe Siria",), "IR": ("Irán (República Islámica del)", "República Islámica del Irán"),
        "BO": ("Bolivia (Estado Plurinacional de)", "Estado Plurinacional de Bolivia"),
        "VE": ("Venezuela (República Bolivariana de)", "República Bolivariana de Venezuela"),
        "KR": ("República de Corea",), "KP": ("República Popular Democrática de Corea",),
        "LA": ("República Democrática Popular Lao",), "MD": ("República de Moldova",),
        "TZ": ("República Unida de Tanzanía",), "RU": ("Federación de Rusia",),
        "GB": ("Reino Unido de Gran Bretaña e Irlanda del Norte",), "US": ("Estados Unidos de América",),
        "CD": ("República Democrática del Congo",), "CG": ("Congo",), "VN": ("Viet Nam",), "TR": ("Türkiye",),
        "FM": ("Micronesia (Estados Federados de)", "Estados Federados de Micronesia"),
        "NL": ("Países Bajos (Reino de los)", "Reino de los Países Bajos"), "PS": ("Estado de Palestina",),
        "VA": ("Santa Sede",), "CI": ("Côte d’Ivoire",), "GW": ("Guinea-Bissau",), "ML": ("Malí",), "RW": ("Rwanda",), "BN": ("Brunei Darussalam",), "NE": ("Níger",),
        "MM": ("Myanmar",), "SZ": ("Eswatini",), "HK": ("China, Región Administrativa Especial de Hong Kong",),
        "MO": ("China, Región Administrativa Especial de Macao",), "TW": ("Taiwán (provincia de China)",),
        "KE": ("Kenya",), "IQ": ("Iraq",), "QA": ("Qatar",), "BT": ("Bhután",), "ZW": ("Zimbabwe",),
        "BW": ("Botswana",), "MW": ("Malawi",), "BY": ("Belarús",), "LS": ("Lesotho",), "SR": ("Suriname",),
        "DJ": ("Djibouti",), "BJ": ("Benin",), "SA": ("Arabia Saudita",), "BH": ("Bahrein",),
        "TT": ("Trinidad y Tabago",), "BD": ("Bangladesh",), "KZ": ("Kazajstán",), "FJ": ("Fiji",), "PW": ("Palau",),
    },
    "ru": {
        "SY": ("Сирийская Арабская Республика",), "IR": ("Иран (Исламская Республика)", "Исламская Республика Иран"),
        "BO": ("Боливия (Многонациональное Государство)", "Многонациональное Государство Боливия"),
        "VE": ("Венесуэла (Боливарианская Республика)", "Боливарианская Республика Венесуэла"),
        "KR": ("Республика Корея",), "KP": ("Корейская Народно-Демократическая Республика",),
        "LA": ("Лаосская Народно-Демократическая Республика",), "MD": ("Республика Молдова",),
        "TZ": ("Объединенная Республика Танзания",), "RU": ("Российская Федерация",),
        "GB": ("Соединенное Королевство Великобритании и Северной Ирландии",),
        "US": ("Соединенные Штаты Америки",), "CD": ("Демократическая Республика Конго",), "CG": ("Конго",),
        "TR": ("Тюркийе",), "FM": ("Микронезия (Федеративные Штаты)", "Федеративные Штаты Микронезии"),
        "NL": ("Нидерланды (Королевство)", "Королевство Нидерландов"), "PS": ("Государство Палестина",),
        "VA": ("Святой Престол",), "MM": ("Мьянма",), "CF": ("Центральноафриканская Республика",), "HK": ("Китай, Специальный административный район Гонконг",),
        "MO": ("Китай, Специальный административный район Макао",), "TW": ("Тайвань, провинция Китая",),
        "KG": ("Кыргызстан",), "TM": ("Туркменистан",), "TL": ("Тимор-Лешти",),
    },
    "ar": {"SY": ("الجمهورية العربية السورية",), "PS": ("دولة فلسطين",), "VA": ("الكرسي الرسولي",),
           "CD": ("جمهورية الكونغو الديمقراطية",), "CG": ("الكونغو",), "RU": ("الاتحاد الروسي",)},
    "zh": {"SY": ("阿拉伯叙利亚共和国",), "PS": ("巴勒斯坦国",), "VA": ("教廷",), "CD": ("刚果民主共和国",),
           "CG": ("刚果",), "RU": ("俄罗斯联邦",), "KR": ("大韩民国",), "KP": ("朝鲜民主主义人民共和国",)},
}

# Everyday short forms that neither CLDR's name nor the UN's form gives.
EXTRA = {
    "fr": {"SY": ["Syrie"], "RU": ["Russie"], "CD": ["RDC", "Congo-Kinshasa"], "GB": ["Royaume-Uni"],
           "US": ["États-Unis"], "TZ": ["Tanzanie"], "MM": ["Birmanie"], "HK": ["Hong Kong"], "MO": ["Macao"],
           "VN": ["Vietnam"], "TR": ["Turquie"], "CZ": ["République tchèque"], "VA": ["Vatican"],
           "PS": ["Palestine"], "MD": ["Moldavie"], "KR": ["Corée du Sud"], "KP": ["Corée du Nord"], "LA": ["Laos"]},
    "es": {"SY": ["Siria"], "RU": ["Rusia"], "CD": ["RDC"], "GB": ["Reino Unido"], "US": ["Estados Unidos"],
           "TZ": ["Tanzania"], "MM": ["Birmania"], "HK": ["Hong Kong"], "MO": ["Macao"], "VN": ["Vietnam"],
           "TR": ["Turquía"], "VA": ["Vaticano"], "PS": ["Palestina"], "KR": ["Corea del Sur"],
           "KP": ["Corea del Norte"], "LA": ["Laos"], "CZ": ["República Checa"]},
    "ru": {"SY": ["Сирия"], "RU": ["Россия"], "CD": ["ДРК", "Конго-Киншаса"], "CG": ["Конго-Браззавиль"],
           "GB": ["Великобритания", "Соединенное Королевство"], "US": ["США", "Соединенные Штаты"],
           "TZ": ["Танзания"], "MM": ["Бирма"], "HK": ["Гонконг"], "MO": ["Макао"], "TR": ["Турция"],
           "VA": ["Ватикан"], "PS": ["Палестина"], "MD": ["Молдова", "Молдавия"], "KP": ["КНДР"], "LA": ["Лаос"]},
    "ar": {"SY": ["سوريا"]},
    "zh": {"SY": ["叙利亚"], "RU": ["俄罗斯"]},
}

# Phrases that hold a state's name but do not mention the state (as the English list in countries.py).
NOT_STATES = {
    "fr": ["Nouvelle-Guinée", "golfe de Guinée", "delta du Niger", "fleuve Niger", "lac Tchad", "bassin du Congo",
           "fleuve Congo", "mer de Chine méridionale", "mer de Chine orientale", "Irlande du Nord"],
    "es": ["Nueva Guinea", "golfo de Guinea", "delta del Níger", "río Níger", "lago Chad", "cuenca del Congo",
           "río Congo", "mar de China Meridional", "mar de China Oriental", "Irlanda del Norte"],
    "ru": ["Новая Гвинея", "Гвинейский залив", "дельта Нигера", "озеро Чад", "бассейн Конго", "река Конго",
           "Южно-Китайское море", "Восточно-Китайское море", "Северная Ирландия"],
    "ar": [], "zh": [],
}


def iso_codes() -> dict[str, str]:
    """Each state id of states.yaml with its ISO 3166 code, found by its English names in CLDR."""
    from babel import Locale
    by_name = {_key(name): code for code, name in Locale("en").territories.items() if re.fullmatch(r"[A-Z]{2}", code)}
    codes = {}
    for state in load_states():
        code = CODES.get(state.id) or next((by_name[_key(n)] for n in (state.name, state.display, *state.aliases)
                                            if _key(n) in by_name), None)
        if code is None:
            raise SystemExit(f"make_states: no ISO code for {state.id}; add it to CODES")
        codes[state.id] = code
    return codes


def _cldr(name: str) -> list[str]:
    """CLDR's name, then the form that stands in text: "Myanmar (Birmanie)" -> Myanmar; "Конго - Киншаса" -> Конго-Киншаса."""
    name = name.replace(" - ", "-")
    return list(dict.fromkeys([name, name.split(" (")[0].split("（")[0].strip()]))


def states_in(language: str, codes: dict[str, str]) -> tuple[list[dict], list[str]]:
    """The entries of one language's file, and the aliases dropped because they named two states."""
    from babel import Locale
    territories = Locale.parse(language).territories
    entries = []
    for state in load_states():
        code = codes[state.id]
        un = UN_FORMS.get(language, {}).get(code, ())
        cldr = _cldr(territories.get(code, state.name))
        name = un[0] if un else cldr[0]
        forms = list(dict.fromkeys([*un[1:], *cldr, *EXTRA.get(language, {}).get(code, [])]))
        if language == "ru":
            forms += [f for base in [name, *forms] for f in declensions(base)]
        aliases = [f for f in dict.fromkeys(forms) if f != name and "(" not in f]
        entries.append({"id": state.id, "name": name, "source": "un" if un else "cldr", "aliases": aliases})
    return _without_clashes(entries)


def _without_clashes(entries: list[dict]) -> tuple[list[dict], list[str]]:
    """Drop every alias that another state also has, or that is another state's name (the name wins)."""
    names = {_key(e["name"]): e["id"] for e in entries}
    if len(names) < len(entries):
        raise SystemExit("make_states: two states have the same name")
    owners: dict[str, set] = {}
    for entry in entries:
        for form in entry["aliases"]:
            owners.setdefault(_key(form), set()).add(entry["id"])
    def clashes(form: str, own: str) -> bool:
        key = _key(form)
        return len(owners[key]) > 1 or names.get(key, own) != own

    dropped = []
    for entry in entries:
        dropped += [f"{entry['id']}: {a}" for a in entry["aliases"] if clashes(a, entry["id"])]
        entry["aliases"] = [a for a in entry["aliases"] if not clashes(a, entry["id"])]
    return entries, dropped


def write(language: str, codes: dict[str, str]) -> list[str]:
    entries, dropped = states_in(language, codes)
    header = (f"# Country names in {language}, generated by handbook/indexing/make_states.py from CLDR (babel)\n"
              "# and the UN's short forms; do not edit by hand: change the script and run it again.\n"
              "# source: un = the UN's short form (UNTERM); cldr = CLDR's name (the UN's form may differ).\n")
    body = yaml.safe_dump({"states": entries, "not_states": NOT_STATES.get(language, [])}, allow_unicode=True,
                          sort_keys=False, width=120)
    OUT.mkdir(exist_ok=True)
    (OUT / f"{language}.yaml").write_text(header + body, encoding="utf-8")
    return dropped


def main() -> None:
    codes = iso_codes()
    for language in LANGUAGES:
        dropped = write(language, codes)
        print(f"{language}: {len(codes)} states" + (f"; dropped (named two states): {', '.join(dropped)}"
                                                   if dropped else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
