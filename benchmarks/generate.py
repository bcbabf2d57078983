"""Deterministic generator of realistic strategy-monitoring reports for the benchmarks.

A report is built straight into the model (``ss.Report`` › ``ss.Node`` › ``ss.Goal`` ›
``ss.Metric``) from a seeded :class:`random.Random`; nothing else is random, so the same
``(n_goals, seed, schema)`` gives the same report, byte for byte once written.

Two shapes are made, both in the data set:

- ``joensuu``: one level (painopiste with its tavoitelinjaus) above the goals; one
  forecast per goal, every word of the scale (and its aliases) used; 1–3 metrics with a
  target level (tavoitetaso), some with a measured value.
- ``seinajoki``: four levels (palvelukeskus › tulosalue › strateginen valinta ›
  strateginen tavoite), about one goal in ten directly under a higher level; status per
  metric (1/2/3/4 and their colour aliases), metric name, current, target and realised
  value, and the custom field ``sivu``.

Texts are Finnish: titles of 60–120 characters, realisation texts of 150–400, policy
outlines of 300–600, drawn from a list of real Finnish words (with å, ä and ö).
Targets read like the cities' own: "vähintään 70 %", "1 200 kpl", "enintään 14 vrk",
"Toimintasuunnitelma on tehty ja hyväksytty".

The generated reports validate clean (``ss.validate`` returns ``[]``) and load back
equal from YAML and JSON: ids are derived from titles in document order, as the reader
derives them.

Usage::

    report = make_report(10_000, seed=1)                    # joensuu, 1 level
    report = make_report(10_000, seed=1, schema="seinajoki")  # 4 levels
    old, new = make_round_pair(10_000, seed=1)              # two rounds, with changes
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import strategiaseuranta as ss
from strategiaseuranta.ids import IdSequence

__all__ = [
    "SCHEMAS",
    "RoundChanges",
    "make_report",
    "make_round_pair",
    "write_city_file",
    "write_report",
]

SCHEMAS = ("joensuu", "seinajoki")

# -- vocabulary ----------------------------------------------------------------------------

_VERBS = (
    "Kehitämme",
    "Vahvistamme",
    "Edistämme",
    "Lisäämme",
    "Parannamme",
    "Uudistamme",
    "Tuemme",
    "Selvitämme",
    "Otamme käyttöön",
    "Pilotoimme",
    "Vakiinnutamme",
    "Sujuvoitamme",
    "Tehostamme",
    "Laajennamme",
    "Kartoitamme",
    "Arvioimme",
    "Turvaamme",
    "Monipuolistamme",
    "Yhtenäistämme",
    "Digitalisoimme",
    "Kokeilemme",
    "Järjestämme",
    "Rakennamme",
    "Luomme",
    "Toteutamme",
    "Vähennämme",
    "Ennaltaehkäisemme",
    "Tiivistämme",
    "Mahdollistamme",
)
_NOUNS = (
    "asukkaiden",
    "järjestöjen",
    "yritysten",
    "lasten",
    "nuorten",
    "ikäihmisten",
    "perheiden",
    "työllisyyden",
    "hyvinvoinnin",
    "osallisuuden",
    "kulttuuripalvelujen",
    "liikuntapaikkojen",
    "kirjastopalvelujen",
    "varhaiskasvatuksen",
    "perusopetuksen",
    "toisen asteen koulutuksen",
    "elinvoiman",
    "kaupunkikeskustan",
    "kylien",
    "lähiöiden",
    "joukkoliikenteen",
    "kävelyn",
    "pyöräilyn",
    "ilmastotyön",
    "kiertotalouden",
    "energiatehokkuuden",
    "hiilineutraaliuden",
    "vesihuollon",
    "katuverkon",
    "kaavoituksen",
    "asuntotuotannon",
    "tonttitarjonnan",
    "maahanmuuttajien",
    "kotoutumisen",
    "opiskelijoiden",
    "henkilöstön",
    "johtamisen",
    "talouden",
    "hankintojen",
    "tilojen",
    "palveluverkon",
    "asiakaskokemuksen",
    "turvallisuuden",
    "matkailun",
    "tapahtumien",
    "harrastusten",
    "kansalaisopiston",
    "musiikkiopiston",
    "nuorisotyön",
    "etsivän nuorisotyön",
    "koulupsykologien",
    "oppilashuollon",
    "kirjastojen",
    "museoiden",
    "liikuntaneuvonnan",
    "ulkoilureittien",
    "uimahallin",
    "jäähallin",
    "lähiruoan",
    "ruokapalvelujen",
    "ympäristönsuojelun",
    "luonnon monimuotoisuuden",
    "viheralueiden",
    "metsien",
    "rantojen",
    "pohjavesien",
    "tietohallinnon",
    "viestinnän",
    "markkinoinnin",
    "saavutettavuuden",
    "yhdenvertaisuuden",
    "tasa-arvon",
    "kielipalvelujen",
    "Åminnen kartanon",
    "Långvikin alueen",
    "Bågaskärin saariston",
    "Västanfjärdin kylän",
    "omaishoitajien",
    "vammaispalvelujen",
    "mielenterveystyön",
    "päihdetyön",
    "koululaisten",
    "aamu- ja iltapäivätoiminnan",
    "esiopetuksen",
    "oppisopimuskoulutuksen",
    "kesätyöntekijöiden",
    "yrittäjien",
    "start-up-yritysten",
    "elinkeinoelämän",
    "kauppakeskusten",
    "torin",
    "satama-alueen",
    "lentoaseman",
    "rautatieaseman",
    "pyöräteiden",
    "kevyen liikenteen väylien",
    "katuvalaistuksen",
    "talvikunnossapidon",
    "jätehuollon",
    "kaukolämmön",
    "aurinkoenergian",
    "rakennusperinnön",
    "kaupunkikuvan",
    "puistojen",
    "leikkipuistojen",
    "koirapuistojen",
    "venesatamien",
    "uimarantojen",
    "hiihtolatujen",
    "luontopolkujen",
    "retkeilyalueiden",
    "veteraanien",
    "seniorien",
    "vapaaehtoisten",
    "seurakuntien",
    "urheiluseurojen",
    "kyläyhdistysten",
    "asukasyhdistysten",
    "taiteilijoiden",
    "kirjailijoiden",
    "teatterin",
    "orkesterin",
    "taidemuseon",
    "kaupunginarkiston",
    "tietosuojan",
    "kyberturvallisuuden",
)
_OBJECTS = (
    "toimintamahdollisuuksia",
    "yhteistyötä",
    "palveluja",
    "kohtaamispaikkoja",
    "osaamista",
    "vuoropuhelua",
    "toimintamallia",
    "digitaalisia palveluja",
    "sähköistä asiointia",
    "ennaltaehkäisevää työtä",
    "kumppanuuksia",
    "vapaaehtoistoimintaa",
    "harrastusmahdollisuuksia",
    "koulutuspolkuja",
    "työpaikkoja",
    "asumisen vaihtoehtoja",
    "tiedolla johtamista",
    "avointa dataa",
    "päätöksenteon läpinäkyvyyttä",
    "osallistuvaa budjetointia",
    "monialaista yhteistyötä",
    "saatavuutta",
    "laatua",
    "kustannustehokkuutta",
    "vaikuttavuutta",
    "pitovoimaa",
    "vetovoimaa",
    "hyvinvointialueen kanssa tehtävää yhteistyötä",
    "kestävää liikkumista",
    "lähipalveluja",
    "kotiin annettavia palveluja",
    "ohjausta",
    "neuvontaa",
    "vertaistukea",
    "kerhotoimintaa",
    "leiritoimintaa",
    "työpajoja",
    "tapahtumia",
    "näyttelyitä",
    "konsertteja",
    "opintopolkuja",
    "työkokeiluja",
    "palkkatukea",
    "mentorointia",
    "rekrytointia",
    "perehdytystä",
    "täydennyskoulutusta",
    "johtamiskoulutusta",
    "etätyötä",
    "kotikuntoutusta",
    "liikkumisen tukea",
    "kuljetuspalveluja",
    "asiointiliikennettä",
    "pysäköintiratkaisuja",
    "latauspisteitä",
    "korjausvelan hallintaa",
    "kiinteistöjen kuntoa",
    "sisäilman laatua",
    "hulevesien hallintaa",
    "tulvasuojelua",
    "hiilinieluja",
    "istutuksia",
)
_ENDINGS = (
    "koko kaupungin alueella",
    "yhdessä asukkaiden kanssa",
    "hyvinvointialueen kanssa",
    "valtuustokauden aikana",
    "vuoden 2025 loppuun mennessä",
    "kaikissa ikäryhmissä",
    "erityisesti haja-asutusalueilla",
    "kumppaneiden kanssa",
    "kestävällä tavalla",
    "asiakaslähtöisesti",
    "kokeilujen kautta",
    "digitaalisia ratkaisuja hyödyntäen",
    "maakunnan toimijoiden kanssa",
    "yli hallintorajojen",
    "kylätoimikuntien kanssa",
    "pohjoiskarjalaisten yritysten kanssa",
    "vähävaraisten perheiden hyväksi",
    "lasten ja nuorten näkökulmasta",
    "ikääntyvän väestön tarpeisiin",
)
_SENTENCES = (
    "Suunnittelu on käynnissä ja ensimmäiset kokeilut on aloitettu.",
    "Työ on edennyt suunnitellusti.",
    "Kartoitus valmistui kevään aikana ja tulokset on käsitelty lautakunnassa.",
    "Asukaskysely toteutettiin touko–kesäkuussa, ja siihen vastasi yli tuhat asukasta.",
    "Henkilöstön vaihtuvuus on hidastanut etenemistä.",
    "Hankkeelle haettiin ulkopuolista rahoitusta, ja päätös saadaan syksyllä.",
    "Yhteistyö järjestöjen kanssa on tiivistynyt, ja uusia kumppaneita on mukana.",
    "Toimenpiteet jatkuvat syyskaudella.",
    "Palautetta kerätään asukasilloissa ja palautekyselyllä.",
    "Talousarvion niukkuus rajoittaa uusien toimenpiteiden käynnistämistä.",
    "Kokeilu laajennetaan ensi vuonna kaikkiin kouluihin.",
    "Tavoitteen toteutumista seurataan neljännesvuosittain johtoryhmässä.",
    "Tilapilotin kohteet on viety tilavaraussivustolle ja varausjärjestelmä otettu käyttöön.",
    "Mittarin arvo lasketaan vuoden lopussa tilinpäätöksen yhteydessä.",
    "Työryhmä on kokoontunut säännöllisesti ja laatinut toimintasuunnitelman.",
    "Riskinä on, että rekrytoinnit viivästyvät kilpaillulla työmarkkinalla.",
    "Käyttöaste on noussut edellisestä vuodesta.",
    "Asiakastyytyväisyys on pysynyt hyvällä tasolla.",
    "Hankinta kilpailutettiin, ja sopimus astuu voimaan elokuussa.",
    "Verkkopalvelu avattiin huhtikuussa, ja sen käyttö on kasvanut tasaisesti.",
    "Lautakunta käsitteli väliraportin kesäkuussa.",
    "Ålandin ja Västanfjärdin kumppaneiden kanssa järjestettiin yhteinen työpaja.",
    "Säästötoimenpiteiden vuoksi osa toimenpiteistä siirtyy seuraavalle vuodelle.",
    "Tulokset näkyvät viiveellä, ja arvio voidaan tehdä vasta tilinpäätöksessä.",
)
_RESPONSIBLE = (
    "Osallisuus- ja vetovoimapalvelut",
    "Konsernipalvelut",
    "Kasvun ja oppimisen palvelut",
    "Kaupunkirakennepalvelut",
    "Sivistyspalvelut",
    "Tekninen keskus",
    "Ympäristöpalvelut",
    "Elinvoimapalvelut",
    "Kulttuuri- ja liikuntapalvelut",
    "Varhaiskasvatus",
    "Perusopetus",
    "Lukiokoulutus",
    "Talous- ja hallintopalvelut",
    "Tilakeskus",
    "Työllisyyspalvelut",
    "Nuorisopalvelut",
    "Kirjastopalvelut",
    "Henkilöstöpalvelut",
)
_QUALITATIVE_TARGETS = (
    "Toimintasuunnitelma on tehty ja hyväksytty",
    "Uusia digitaalisia vaihtoehtoja on kokeiltu ja käyttäjäkokemuksia on kartoitettu.",
    "Malli on luotu ja toimivat käytännöt vakiinnutettu.",
    "Pilotointi on tehty ja sen toimivuutta on arvioitu.",
    "Selvitys on valmis ja käsitelty lautakunnassa.",
    "Toteutuu",
    "Uusi toimintamalli on käytössä kaikissa yksiköissä.",
    "Asukkaiden kokemus osallistumisen mahdollisuuksista on parantunut. Mitataan kyselyin.",
    "Yhteistyösopimus on allekirjoitettu.",
    "Palveluverkkoselvitys on päivitetty ja hyväksytty valtuustossa.",
)
_METRIC_NAMES = (
    "Asiakastyytyväisyys",
    "Käyttöaste",
    "Kävijämäärä",
    "Toimitusaika",
    "Sairauspoissaolot",
    "Työllisyysaste",
    "Toteutuneet kohteet",
    "Osallistujien määrä",
    "Käsittelyaika",
    "Henkilöstön tyytyväisyys",
    "Energiankulutus",
    "Kierrätysaste",
    "Lainausmäärä",
    "Ilmoittautuneet",
    "Vuokrausaste",
    "Hakijamäärä",
    "Valmistuneet asunnot",
)
_NODE_HEADS = (
    "Osallisuuden, menon ja meiningin",
    "Kasvatuksen, koulutuksen ja opiskelun",
    "Elinvoiman ja työn",
    "Kestävän kasvun",
    "Hyvinvoinnin ja terveyden",
    "Kulttuurin ja liikunnan",
    "Turvallisen arjen",
    "Vihreän siirtymän",
    "Yhteisöllisyyden",
    "Saavutettavuuden",
    "Luonnon ja järvien",
    "Rohkean kokeilun",
    "Vastuullisen talouden",
    "Osaamisen",
)
_PLACES = (
    "Joensuu",
    "Seinäjoki",
    "Kuusamäki",
    "Järvelä",
    "Pyhäselkä",
    "Enonkoski",
    "Kontiolahti",
    "Ylämaa",
    "Säräisniemi",
    "Pöytyä",
    "Länsi-Pohja",
    "Åbolands",
)
_CENTRES = (
    "Konsernipalvelukeskus",
    "Sivistyksen palvelukeskus",
    "Kaupunkiympäristön palvelukeskus",
    "Elinvoiman palvelukeskus",
    "Hyvinvoinnin palvelukeskus",
    "Kulttuurin palvelukeskus",
)
_AREAS = (
    "Varhaiskasvatus",
    "Perusopetus",
    "Lukiokoulutus",
    "Kansalaisopisto",
    "Kirjastopalvelut",
    "Liikuntapalvelut",
    "Nuorisopalvelut",
    "Kuntatekniikka",
    "Rakennusvalvonta",
    "Tilapalvelut",
    "Maankäyttö",
    "Ympäristönsuojelu",
    "Työllisyyspalvelut",
    "Museopalvelut",
    "Taloushallinto",
)


def _pick(rng: random.Random, words: tuple[str, ...]) -> str:
    return words[rng.randrange(len(words))]


_ADJECTIVES = (
    "uusia",
    "alueellisia",
    "monipaikkaisia",
    "kestäviä",
    "digitaalisia",
    "yhteisiä",
    "pysyviä",
    "joustavia",
    "matalan kynnyksen",
    "ennaltaehkäiseviä",
    "kokeilevia",
    "saavutettavia",
    "monikulttuurisia",
    "kaikenikäisille sopivia",
    "kustannustehokkaita",
    "vaikuttavia",
    "asiakaslähtöisiä",
    "ympärivuotisia",
    "esteettömiä",
    "paikallisia",
    "yhteisöllisiä",
    "vähähiilisiä",
    "turvallisia",
    "vetovoimaisia",
    "tiedolla johdettuja",
    "sujuvia",
)
_PARTICIPLES = (
    "on vakiinnutettu",
    "on pilotoitu",
    "on otettu käyttöön",
    "on arvioitu",
    "on kehitetty",
    "on selvitetty",
    "on käynnistetty",
    "on uudistettu",
    "on päivitetty",
    "on laajennettu",
    "on kartoitettu",
    "on yhtenäistetty",
    "on hyväksytty",
    "on toteutettu",
    "on vahvistettu",
    "ovat lisääntyneet",
    "ovat parantuneet",
    "on turvattu",
    "on suunniteltu",
    "on kilpailutettu",
)
_LINKS = ("ja", "sekä", "ja samalla", "ja arvioimme", "ja seuraamme", "ja mittaamme")


def _clause(rng: random.Random) -> str:
    """One goal-like clause; several grammatical shapes, so titles differ as real ones do."""
    shape = rng.randrange(4)
    if shape == 0:
        return f"{_pick(rng, _VERBS)} {_pick(rng, _ADJECTIVES)} {_pick(rng, _NOUNS)} {_pick(rng, _OBJECTS)}"
    if shape == 1:
        head = _pick(rng, _NOUNS)
        return f"{head[0].upper()}{head[1:]} {_pick(rng, _OBJECTS)} {_pick(rng, _PARTICIPLES)}"
    if shape == 2:
        return f"{_pick(rng, _VERBS)} {_pick(rng, _OBJECTS)} {_pick(rng, _NOUNS)} kanssa"
    return f"{_pick(rng, _VERBS)} {_pick(rng, _NOUNS)} {_pick(rng, _ADJECTIVES)} {_pick(rng, _OBJECTS)}"


def _more(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return _pick(rng, _ENDINGS)
    if kind == 1:
        return f"{_pick(rng, _LINKS)} {_pick(rng, _NOUNS)} {_pick(rng, _OBJECTS)}"
    if kind == 2:
        return f"{_pick(rng, _ADJECTIVES)} {_pick(rng, _OBJECTS)}"
    return f"{_pick(rng, _NOUNS)} {_pick(rng, _OBJECTS)}"


def _sentence_to(rng: random.Random, low: int, high: int) -> str:
    """A goal-like sentence of ``low``–``high`` characters, ending with a full stop."""
    want = rng.randint(low, high)
    text = _clause(rng)
    while len(text) < want:
        extra = _more(rng)
        if len(text) + 1 + len(extra) + 1 > high:
            if len(text) >= low - 1:
                break
            extra = min(_ENDINGS, key=len)
            if len(text) + 1 + len(extra) + 1 > high:
                break
        text = f"{text} {extra}"
    if len(text) + 1 > high:  # a long first clause: cut at a word boundary
        text = text[: high - 1].rsplit(" ", 1)[0]
    return text + "."


def _prose(rng: random.Random, low: int, high: int) -> str:
    """Free text of ``low``–``high`` characters: report sentences and goal-like sentences."""
    want = rng.randint(low, high)
    parts: list[str] = []
    length = 0
    while length < want:
        part = _pick(rng, _SENTENCES) if rng.random() < 0.6 else _sentence_to(rng, 50, 110)
        if length + len(part) + 1 > high and length >= low:
            break
        if length + len(part) + 1 > high:  # too long to fit: use a short sentence instead
            part = min(_SENTENCES, key=len)
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts)[:high].rstrip()


def _thousands(number: int) -> str:
    """1200 → '1 200' (a Finnish thousands separator)."""
    return f"{number:,}".replace(",", " ")


# -- quantitative targets: (target, a value that meets it, a value that misses it) ---------


def _quantity(rng: random.Random) -> tuple[str, str, str]:
    kind = rng.randrange(6)
    if kind == 0:
        p = rng.randrange(40, 95)
        return f"vähintään {p} %", f"{p + rng.randrange(1, 5)} %", f"{p - rng.randrange(3, 20)} %"
    if kind == 1:
        n = rng.randrange(2, 150) * 10
        return (
            f"{_thousands(n)} kpl",
            f"{_thousands(n + rng.randrange(0, 50))} kpl",
            f"{_thousands(n // 2)} kpl",
        )
    if kind == 2:
        d = rng.randrange(5, 30)
        return f"enintään {d} vrk", f"{d - rng.randrange(1, 4)} vrk", f"{d + rng.randrange(2, 9)} vrk"
    if kind == 3:
        low = rng.randrange(50, 80)
        return f"{low}–{low + 15} %", f"{low + 5} %", f"{low - 10} %"
    if kind == 4:
        v = rng.randrange(30, 45)
        return f"vähintään {v // 10},{v % 10} / 5", f"{(v + 3) // 10},{(v + 3) % 10} / 5", "2,9 / 5"
    n = rng.randrange(5, 200) * 100
    return (
        f"{_thousands(n)} käyntiä",
        f"{_thousands(n + rng.randrange(1, 9) * 100)} käyntiä",
        f"{_thousands(n // 3)} käyntiä",
    )


# -- the plain spec, then the model --------------------------------------------------------


@dataclass
class _MetricSpec:
    name: str | None
    target: str | None
    baseline: str | None
    value: str | None
    status: str | None


@dataclass
class _GoalSpec:
    title: str
    years: tuple[int, int]
    responsible: tuple[str, ...]
    metrics: list[_MetricSpec]
    realisation: str | None
    forecast: str | None
    binding: bool
    attributes: dict[str, Any]


@dataclass
class _NodeSpec:
    level: str
    title: str
    text: str | None
    goals: list[_GoalSpec] = field(default_factory=list)
    children: list[_NodeSpec] = field(default_factory=list)


@dataclass
class _Shape:
    """What differs between the two report shapes."""

    schema: str
    municipality: str
    body: str
    period: ss.Period
    years: tuple[int, int]


_SHAPES = {
    "joensuu": _Shape(
        "joensuu",
        "Joensuu",
        "Hyvinvoinnin ja osallisuuden edistämisen lautakunta",
        ss.Period(2025, end_month=7),
        (2025, 2025),
    ),
    "seinajoki": _Shape(
        "seinajoki",
        "Seinäjoki",
        "Kaupunginvaltuusto",
        ss.Period(2024, annual=True),
        (2023, 2026),
    ),
}

# Forecast words with weights: every word of the scale, and its aliases now and then.
_JOENSUU_WORDS = (
    ("Toteutuu", 40),
    ("Toteutuu osittain", 20),
    ("Toteutunut", 15),
    ("Ei toteudu", 8),
    ("Ei arvioitavissa", 7),
    ("Osittain", 4),
    ("Toteutui", 3),
    ("Ei toteutunut", 3),
)
_SEINAJOKI_WORDS = (("1", 50), ("2", 25), ("3", 15), ("4", 5), ("Vihreä", 2), ("Oranssi", 2), ("Punainen", 1))


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    words, weights = zip(*table, strict=True)
    return rng.choices(words, weights)[0]


def _meets(schema: ss.Schema, word: str | None) -> bool | None:
    """Whether measured values should meet their targets under this forecast word."""
    level = schema.forecast(word).level if word else None
    if level in (ss.ForecastLevel.ACHIEVED, ss.ForecastLevel.ON_TRACK):
        return True
    if level is ss.ForecastLevel.NOT_ASSESSABLE or level is None:
        return None
    return False


def _joensuu_metrics(rng: random.Random, forecast: str) -> list[_MetricSpec]:
    schema = ss.get_schema("joensuu")
    meets = _meets(schema, forecast)
    metrics = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        if rng.random() < 0.55:
            metrics.append(_MetricSpec(None, _pick(rng, _QUALITATIVE_TARGETS), None, None, None))
            continue
        target, good, bad = _quantity(rng)
        name = _pick(rng, _METRIC_NAMES) if rng.random() < 0.4 else None
        value = None
        if meets is not None and rng.random() < 0.5:
            value = good if meets else bad
        metrics.append(_MetricSpec(name, target, None, value, None))
    return metrics


def _seinajoki_metrics(rng: random.Random) -> list[_MetricSpec]:
    schema = ss.get_schema("seinajoki")
    metrics = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        status = _weighted(rng, _SEINAJOKI_WORDS)
        meets = _meets(schema, status)
        target, good, bad = _quantity(rng)
        baseline = bad if rng.random() < 0.5 else good
        value = None if meets is None else (good if meets else bad)
        metrics.append(_MetricSpec(_pick(rng, _METRIC_NAMES), target, baseline, value, status))
    return metrics


def _goal(rng: random.Random, shape: _Shape) -> _GoalSpec:
    title = _sentence_to(rng, 60, 120)
    if shape.schema == "seinajoki":
        metrics = _seinajoki_metrics(rng)
        return _GoalSpec(
            title=title,
            years=shape.years,
            responsible=(_pick(rng, _AREAS),),
            metrics=metrics,
            realisation=_prose(rng, 150, 400),
            forecast=None,
            binding=rng.random() < 0.3,
            attributes={"sivu": rng.randrange(79, 128)},
        )
    forecast = _weighted(rng, _JOENSUU_WORDS)
    responsible = (_pick(rng, _RESPONSIBLE),)
    if rng.random() < 0.15:
        responsible = (*responsible, _pick(rng, _RESPONSIBLE))
    years = shape.years if rng.random() < 0.8 else (shape.years[0], shape.years[0] + 1)
    return _GoalSpec(
        title=title,
        years=years,
        responsible=responsible,
        metrics=_joensuu_metrics(rng, forecast),
        realisation=_prose(rng, 150, 400),
        forecast=forecast,
        binding=rng.random() < 0.1,
        attributes={},
    )


def _joensuu_nodes(rng: random.Random, n_goals: int, shape: _Shape) -> list[_NodeSpec]:
    nodes: list[_NodeSpec] = []
    left = n_goals
    while left > 0:
        title = f"{_pick(rng, _NODE_HEADS)} {_pick(rng, _PLACES)} {len(nodes) + 1}"
        node = _NodeSpec("painopiste", title, _prose(rng, 300, 600))
        count = min(left, rng.randint(4, 40))
        node.goals = [_goal(rng, shape) for _ in range(count)]
        left -= count
        nodes.append(node)
    return nodes


_SEINAJOKI_LEVELS = ("palvelukeskus", "tulosalue", "valinta", "strateginen-tavoite")
_FAN_OUT = {"tulosalue": (2, 5), "valinta": (1, 3), "strateginen-tavoite": (1, 3)}


def _seinajoki_nodes(rng: random.Random, n_goals: int, shape: _Shape) -> list[_NodeSpec]:
    left = n_goals
    counter = [0]

    def title(depth: int) -> str:
        counter[0] += 1
        if depth == 0:
            return f"{_pick(rng, _CENTRES)} {counter[0]}"
        if depth == 1:
            return f"{_pick(rng, _AREAS)} {counter[0]}"
        return _sentence_to(rng, 30, 70).rstrip(".") + f" {counter[0]}"

    def build(depth: int) -> _NodeSpec:
        nonlocal left
        node = _NodeSpec(_SEINAJOKI_LEVELS[depth], title(depth), None)
        last = depth == len(_SEINAJOKI_LEVELS) - 1
        # a goal whose choice or strategic goal is left empty sits directly under the level above
        if last or (depth >= 1 and rng.random() < 0.1):
            count = min(left, rng.randint(1, 5) if last else rng.randint(1, 2))
            node.goals = [_goal(rng, shape) for _ in range(count)]
            left -= count
        if not last:
            low, high = _FAN_OUT[_SEINAJOKI_LEVELS[depth + 1]]
            for _ in range(rng.randint(low, high)):
                if left <= 0:
                    break
                node.children.append(build(depth + 1))
        return node

    nodes = []
    while left > 0:
        nodes.append(build(0))
    return nodes


def _spec(n_goals: int, seed: int, schema: str) -> list[_NodeSpec]:
    if schema not in _SHAPES:
        raise ValueError(f"unknown benchmark schema {schema!r}; use one of {', '.join(SCHEMAS)}")
    rng = random.Random(seed)
    shape = _SHAPES[schema]
    maker = _seinajoki_nodes if schema == "seinajoki" else _joensuu_nodes
    return maker(rng, n_goals, shape)


def _build(nodes: list[_NodeSpec], shape: _Shape, period: ss.Period | None = None) -> ss.Report:
    """The model, with ids derived in document order as the reader derives them."""
    schema = ss.get_schema(shape.schema)
    node_ids, goal_ids = IdSequence(), IdSequence()

    def metric(m: _MetricSpec, ids: IdSequence) -> ss.Metric:
        status = schema.forecast(m.status) if m.status is not None else None
        return ss.Metric(
            ids.next(m.name or m.target or "mittari"), m.name, m.target, m.baseline, m.value, status
        )

    def goal(g: _GoalSpec) -> ss.Goal:
        gid = goal_ids.next(g.title)
        ids = IdSequence()
        status = None
        if g.realisation is not None or g.forecast is not None:
            forecast = schema.forecast(g.forecast) if g.forecast is not None else None
            status = ss.Status(g.realisation, forecast)
        return ss.Goal(
            gid,
            g.title,
            ss.YearSpan(*g.years),
            g.responsible,
            [metric(m, ids) for m in g.metrics],
            status,
            g.binding,
            g.attributes,
        )

    def node(n: _NodeSpec) -> ss.Node:
        nid = node_ids.next(f"{n.level} {n.title}")  # before its goals and children, as the reader does
        goals = [goal(g) for g in n.goals]
        children = [node(c) for c in n.children]
        return ss.Node(nid, n.level, n.title, n.text, goals, children)

    return ss.Report(
        ss.Organisation(shape.municipality, shape.body),
        period or shape.period,
        [node(n) for n in nodes],
        schema=shape.schema,
    )


def make_report(n_goals: int, seed: int, *, schema: str = "joensuu") -> ss.Report:
    """A report of ``n_goals`` goals, the same for the same arguments.

    Args:
        n_goals: How many operational goals.
        seed: Seed of the only random source.
        schema: ``"joensuu"`` (1 level, forecast per goal) or ``"seinajoki"`` (4 levels,
            status per metric).
    """
    return _build(_spec(n_goals, seed, schema), _SHAPES[schema])


# -- two rounds ------------------------------------------------------------------------------


@dataclass
class RoundChanges:
    """What the second round changed, by goal title (the truth for sanity checks)."""

    forecasts: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


_NEXT_PERIOD = {"joensuu": ss.Period(2025, annual=True), "seinajoki": ss.Period(2025, annual=True)}
"""The second round: Joensuu's annual accounts after its July round; Seinäjoki's next accounts."""


def _all_goals(nodes: list[_NodeSpec]) -> list[tuple[_NodeSpec, _GoalSpec]]:
    out = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        out.extend((node, g) for g in node.goals)
        stack.extend(reversed(node.children))
    return out


def _other_word(rng: random.Random, schema: str, word: str | None) -> str:
    table = _SEINAJOKI_WORDS if schema == "seinajoki" else _JOENSUU_WORDS
    level = ss.get_schema(schema).forecast(word).level if word else None
    while True:
        candidate = _weighted(rng, table)
        if ss.get_schema(schema).forecast(candidate).level is not level:
            return candidate


def make_round_pair(
    n: int,
    seed: int,
    *,
    schema: str = "joensuu",
    forecast_share: float = 0.05,
    text_share: float = 0.02,
    churn_share: float = 0.01,
    with_changes: bool = False,
) -> tuple[ss.Report, ss.Report] | tuple[ss.Report, ss.Report, RoundChanges]:
    """Two consecutive rounds of an ``n``-goal report.

    The second round (the annual accounts of the same year for Joensuu, the next year's
    for Seinäjoki) changes the forecast of 5 % of the goals (for Seinäjoki, every metric
    status of the goal), edits the realisation text of 2 % (a sentence replaced, another
    added), removes 1 % of the goals and adds as many new ones at random places.

    Returns:
        ``(old, new)``, or ``(old, new, changes)`` with ``with_changes``.
    """
    shape = _SHAPES[schema]
    old_spec = _spec(n, seed, schema)
    new_spec = copy.deepcopy(old_spec)
    rng = random.Random(seed * 7919 + 1)
    changes = RoundChanges()
    places = _all_goals(new_spec)
    chosen = rng.sample(range(len(places)), k=len(places))
    n_forecast = round(n * forecast_share)
    n_text = round(n * text_share)
    n_churn = round(n * churn_share)
    forecast_idx = chosen[:n_forecast]
    text_idx = chosen[n_forecast : n_forecast + n_text]
    removed_idx = set(chosen[n_forecast + n_text : n_forecast + n_text + n_churn])
    for i in forecast_idx:
        goal = places[i][1]
        if schema == "seinajoki":
            for metric in goal.metrics:
                metric.status = _other_word(rng, schema, metric.status)
        else:
            goal.forecast = _other_word(rng, schema, goal.forecast)
        changes.forecasts.append(goal.title)
    for i in text_idx:
        goal = places[i][1]
        text = goal.realisation or ""
        first, _, rest = text.partition(". ")
        goal.realisation = f"{_pick(rng, _SENTENCES)} {rest or first} {_pick(rng, _SENTENCES)}".strip()
        changes.texts.append(goal.title)
    for i in sorted(removed_idx, reverse=True):
        node, goal = places[i]
        node.goals.remove(goal)
        changes.removed.append(goal.title)
    leaves = [node for node, _ in places]
    for _ in range(n_churn):
        node = leaves[rng.randrange(len(leaves))]
        goal = _goal(rng, shape)
        node.goals.insert(rng.randint(0, len(node.goals)), goal)
        changes.added.append(goal.title)
    old = _build(old_spec, shape)
    new = _build(new_spec, shape, _NEXT_PERIOD[schema])
    return (old, new, changes) if with_changes else (old, new)


def write_report(report: ss.Report, folder: Path, stem: str) -> tuple[Path, Path]:
    """Write a report as ``stem.yaml`` and ``stem.json`` with the library's own writers."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml_path, json_path = folder / f"{stem}.yaml", folder / f"{stem}.json"
    ss.dump(report, yaml_path, keep=False)
    ss.dump(report, json_path)
    return yaml_path, json_path


_COMMENTS = (
    "Tarkistettu lautakunnassa 12.6.2025.",
    "Tavoitetaso muutettu talousarviokäsittelyssä.",
    "Lähde: toimialan raportti, PDF-sivu 14.",
    "Mittari päivitetään tilinpäätöksessä.",
    "Vastuutaho vaihtui 1.3.2025 organisaatiomuutoksessa.",
)


def write_city_file(report: ss.Report, path: Path, seed: int) -> None:
    """Write a report as a city's hand-kept YAML file: the library's writer, plus comments.

    A comment line stands above about one goal in eight and an end-of-line comment after
    about one forecast in ten, as people annotate their files; the content is unchanged.
    """
    ss.dump(report, path, keep=False)
    rng = random.Random(seed)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.lstrip()
        if stripped.startswith("- tavoite:") and rng.random() < 0.125:
            out.append(f"{' ' * (len(line) - len(stripped))}# {_pick(rng, _COMMENTS)}")
        if stripped.startswith("ennuste:") and rng.random() < 0.1:
            line = f"{line}  # arvio {rng.randint(1, 28)}.{rng.randint(1, 12)}."  # noqa: PLW2901
        out.append(line)
    path.write_text(
        "# Kaupungin strategiaseuranta; ylläpitää strategiayksikkö.\n" + "\n".join(out) + "\n",
        encoding="utf-8",
    )


# -- the national dataset ----------------------------------------------------------------------

_NATIONAL_ROUNDS = (
    ss.Period(2025, end_month=4),
    ss.Period(2025, end_month=7),
    ss.Period(2025, end_month=8),
    ss.Period(2025, annual=True),
)
"""The four rounds of the year, as the built-in Finnish schemas name them."""

_NAME_STEMS = (
    "Ala",
    "Ylä",
    "Iso",
    "Pikku",
    "Koivu",
    "Kuusi",
    "Mänty",
    "Haapa",
    "Leppä",
    "Pihlaja",
    "Kivi",
    "Honka",
    "Kataja",
    "Suo",
    "Rauta",
    "Lumi",
    "Tammi",
    "Karhu",
    "Hirvi",
    "Joutsen",
)
_NAME_ENDINGS = (
    "järvi",
    "joki",
    "lahti",
    "mäki",
    "vaara",
    "niemi",
    "salmi",
    "koski",
    "lampi",
    "harju",
    "kylä",
    "saari",
    "ranta",
    "vesi",
    "kangas",
)
_BODIES = (
    "Kaupunginhallitus",
    "Kunnanhallitus",
    "Sivistyslautakunta",
    "Hyvinvoinnin ja osallisuuden edistämisen lautakunta",
    "Elinvoimalautakunta",
    "Tekninen lautakunta",
    "Kasvatus- ja opetuslautakunta",
)
_L = ss.ForecastLevel
_LEVEL_WORDS = {
    # the joensuu schema's words; the kunta schema's traffic lights
    "joensuu": {
        _L.ACHIEVED: "Toteutunut",
        _L.ON_TRACK: "Toteutuu",
        _L.PARTLY: "Toteutuu osittain",
        _L.NOT_ACHIEVED: "Ei toteudu",
        _L.NOT_ASSESSABLE: "Ei arvioitavissa",
    },
    "kunta": {
        _L.ACHIEVED: "Toteutunut",
        _L.ON_TRACK: "Vihreä",
        _L.PARTLY: "Keltainen",
        _L.NOT_ACHIEVED: "Punainen",
        _L.NOT_ASSESSABLE: "Harmaa",
    },
}
_WORSE = {_L.ACHIEVED: _L.PARTLY, _L.ON_TRACK: _L.PARTLY, _L.PARTLY: _L.NOT_ACHIEVED}
_BETTER = {_L.PARTLY: _L.ON_TRACK, _L.NOT_ACHIEVED: _L.PARTLY, _L.NOT_ASSESSABLE: _L.ON_TRACK}


def _municipality_names(n: int, rng: random.Random) -> list[str]:
    """``n`` fictional municipality names (stem + ending: Koivujärvi, Ylämäki), in random order."""
    names = [f"{stem}{ending}" for stem in _NAME_STEMS for ending in _NAME_ENDINGS]
    rng.shuffle(names)
    return [names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "") for i in range(n)]


def _met_only(metrics: tuple[ss.Metric, ...]) -> tuple[ss.Metric, ...]:
    """The metrics with every measured value that misses its target left out (for achieved goals)."""
    out = []
    for m in metrics:
        target, value = m.target_quantity, m.value_quantity
        missed = target is not None and value is not None and target.satisfied_by(value) is False
        out.append(ss.Metric(m.id, m.name, m.target, m.baseline, None, m.status) if missed else m)
    return tuple(out)


@dataclass
class _Round:
    """One municipality's round: per goal of its template (document order), what to show."""

    texts: list[list[str]]  # per goal: its realisation text after 0, 1, 2, 3 additions
    met: list[tuple[ss.Metric, ...]]  # per goal: metrics for an achieved goal
    grown: list[int]  # per goal: which text
    levels: list[ss.ForecastLevel]
    forecast: dict[ss.ForecastLevel, ss.Forecast]
    at: int = 0

    def node(self, node: ss.Node) -> ss.Node:
        goals = []
        for goal in node.goals:
            i = self.at
            self.at += 1
            level = self.levels[i]
            goals.append(
                ss.Goal(
                    goal.id,
                    goal.title,
                    goal.years,
                    goal.responsible,
                    self.met[i] if level is _L.ACHIEVED else goal.metrics,
                    ss.Status(self.texts[i][self.grown[i]], self.forecast[level]),
                    goal.binding,
                    goal.attributes,
                )
            )
        children = [self.node(c) for c in node.children]
        return ss.Node(node.id, node.level, node.title, node.text, goals, children)


def make_national(
    n_municipalities: int = 300, n_goals: int = 300, *, seed: int = 1, bases: int = 20
) -> list[ss.Report]:
    """A year of every municipality: ``n_municipalities`` × 4 rounds of ``n_goals`` goals each.

    The national dataset of issue 6 (300 × 300 × 4 = 360,000 goal-rounds by default) in
    one or two seconds: ``bases`` goal sets are made with :func:`make_report` (about 12 ms
    each for 300 goals); each fictional municipality takes one of them (titles, metrics,
    hierarchy and ids) and gets its own body, schema (``joensuu``, or every third one
    ``kunta`` with traffic-light words), forecasts and realisation texts for the rounds
    tammi–huhtikuu, tammi–heinäkuu, tammi–elokuu and tilinpäätös 2025.

    Forecasts: each municipality has its own share of goals on track in the first round
    (45–90 %) and its own tendency to worsen; in every later round about one goal in eight
    moves one step better or worse, and at the annual accounts most goals on track are
    achieved (an achieved goal shows no measured value that misses its target, so the
    reports validate clean). Realisation texts: in every later round about half of the
    goals get a sentence added; the rest keep their text (stale, as in real reports).

    The same arguments give the same reports; Python objects only, nothing is written.
    """
    rng = random.Random(seed)
    templates = [make_report(n_goals, seed * 1000 + b) for b in range(max(1, min(bases, n_municipalities)))]
    texts: list[list[list[str]]] = []
    met: list[list[tuple[ss.Metric, ...]]] = []
    for template in templates:
        variants = []
        for goal in template.goals:
            text = goal.realisation or ""
            grown = [text]
            for _ in _NATIONAL_ROUNDS[1:]:
                text = f"{text} {_pick(rng, _SENTENCES)}"
                grown.append(text)
            variants.append(grown)
        texts.append(variants)
        met.append([_met_only(goal.metrics) for goal in template.goals])
    words = {
        schema: {level: ss.get_schema(schema).forecast(word) for level, word in table.items()}
        for schema, table in _LEVEL_WORDS.items()
    }
    reports: list[ss.Report] = []
    for m, name in enumerate(_municipality_names(n_municipalities, rng)):
        template = templates[m % len(templates)]
        organisation = ss.Organisation(name, _pick(rng, _BODIES))
        schema = "kunta" if m % 3 == 2 else "joensuu"
        good, worsens = rng.uniform(0.45, 0.9), rng.uniform(0.15, 0.85)
        levels = []
        for _ in range(n_goals):
            r = rng.random()
            if r < good:
                levels.append(_L.ACHIEVED if r < 0.1 * good else _L.ON_TRACK)
            else:
                levels.append(
                    rng.choice((_L.PARTLY, _L.PARTLY, _L.PARTLY, _L.NOT_ACHIEVED, _L.NOT_ASSESSABLE))
                )
        grown = [0] * n_goals
        for index, period in enumerate(_NATIONAL_ROUNDS):
            if index:
                for i, level in enumerate(levels):
                    if rng.random() < 0.125:
                        step = _WORSE if rng.random() < worsens else _BETTER
                        levels[i] = step.get(level, level)
                    if period.annual and levels[i] is _L.ON_TRACK and rng.random() < 0.8:
                        levels[i] = _L.ACHIEVED
                    if rng.random() < 0.5:
                        grown[i] = index
            maker = _Round(texts[m % len(templates)], met[m % len(templates)], grown, levels, words[schema])
            nodes = [maker.node(node) for node in template.nodes]
            reports.append(ss.Report(organisation, period, nodes, schema=schema))
    return reports
