"""The schemas that ship with the library.

``joensuu`` (the default), ``kunta`` (a general Finnish municipality), ``kommun`` (a
Swedish-language municipality) and ``seinajoki`` (Seinäjoki's annual accounts).
"""

from __future__ import annotations

from strategiaseuranta.forecast import ForecastLevel as F
from strategiaseuranta.schema import CustomField, Labels, Level, ScaleWord, Schema

__all__ = ["BUILTIN"]

_GREEN, _LIGHT_GREEN, _YELLOW, _ORANGE, _RED, _GREY = (
    "#2e7d32",
    "#66bb6a",
    "#f9a825",
    "#ef6c00",
    "#c62828",
    "#757575",
)

_FI_SCALE = (
    ScaleWord("Toteutunut", F.ACHIEVED, _GREEN, ("Toteutui",)),
    ScaleWord("Toteutuu", F.ON_TRACK, _LIGHT_GREEN),
    ScaleWord("Toteutuu osittain", F.PARTLY, _YELLOW, ("Osittain",)),
    ScaleWord("Ei toteudu", F.NOT_ACHIEVED, _RED, ("Ei toteutunut",)),
    ScaleWord("Ei arvioitavissa", F.NOT_ASSESSABLE, _GREY),
)
_FI_ROUNDS = ("tammi–huhtikuu", "tammi–heinäkuu", "tammi–elokuu", "tilinpäätös")
_FI_VARIANTS = {
    "realisation": Labels("Toteuma", "Utfall", "Realisation", ("Toteutuma", "Toteutunut", "Tilanne")),
    "forecast": Labels(
        "Toteutumaennuste", "Prognos", "Forecast", ("Toteutuma-ennuste", "Ennuste", "Arvio toteutumisesta")
    ),
    "target": Labels("Tavoitetaso", "Målnivå", "Target level", ("Mittari ja tavoitetaso", "Tavoitearvo")),
}


def _with_labels(**labels: Labels) -> dict[str, Labels]:
    from strategiaseuranta.schema import _default_labels  # noqa: PLC0415

    return {**_default_labels(), **labels}


JOENSUU = Schema(
    name="joensuu",
    title="Joensuun kaupunki: strategian toteutumisen seuranta",
    version="1.0.0",
    language="fi",
    description=(
        "Joensuu's reports: strategic focus areas (with their policy outlines) above "
        "operational goals; one forecast per goal."
    ),
    levels=(
        Level(
            "painopiste",
            Labels("Strateginen painopiste", "Strategiskt fokusområde", "Strategic focus area"),
            "tavoitelinjaus",
            Labels("Tavoitelinjaus", "Målsättning", "Policy outline"),
        ),
    ),
    scale=_FI_SCALE,
    required=("title", "responsible", "target", "forecast"),
    rounds=_FI_ROUNDS,
    labels=_with_labels(**_FI_VARIANTS),
)

KUNTA = Schema(
    name="kunta",
    title="Suomenkielinen kunta (yleinen)",
    version="1.0.0",
    language="fi",
    description=(
        "A general Finnish municipality: strategic focus areas above operational goals; the "
        "common scale toteutuu / toteutuu osittain / ei toteudu / ei arvioitavissa, also as "
        "traffic lights (vihreä, keltainen, punainen)."
    ),
    levels=(
        Level(
            "painopiste",
            Labels("Strateginen painopiste", "Strategiskt fokusområde", "Strategic focus area"),
            "kuvaus",
            Labels("Kuvaus", "Beskrivning", "Description"),
        ),
    ),
    scale=(
        ScaleWord("Toteutunut", F.ACHIEVED, _GREEN, ("Toteutui",)),
        ScaleWord("Toteutuu", F.ON_TRACK, _LIGHT_GREEN, ("Vihreä",)),
        ScaleWord("Toteutuu osittain", F.PARTLY, _YELLOW, ("Osittain", "Keltainen")),
        ScaleWord("Ei toteudu", F.NOT_ACHIEVED, _RED, ("Ei toteutunut", "Punainen")),
        ScaleWord("Ei arvioitavissa", F.NOT_ASSESSABLE, _GREY, ("Harmaa",)),
    ),
    required=("title", "forecast"),
    labels=_with_labels(**_FI_VARIANTS),
)

KOMMUN = Schema(
    name="kommun",
    title="Svenskspråkig kommun (allmän)",
    version="1.0.0",
    language="sv",
    description=(
        "A Swedish-language municipality: strategic focus areas above goals; the scale "
        "förverkligas / förverkligas delvis / förverkligas inte."
    ),
    levels=(
        Level(
            "fokusområde",
            Labels("Strateginen painopiste", "Strategiskt fokusområde", "Strategic focus area"),
            "beskrivning",
            Labels("Kuvaus", "Beskrivning", "Description"),
        ),
    ),
    scale=(
        ScaleWord("Förverkligat", F.ACHIEVED, _GREEN, ("Uppnått", "Har förverkligats")),
        ScaleWord("Förverkligas", F.ON_TRACK, _LIGHT_GREEN),
        ScaleWord("Förverkligas delvis", F.PARTLY, _YELLOW, ("Delvis",)),
        ScaleWord("Förverkligas inte", F.NOT_ACHIEVED, _RED),
        ScaleWord("Kan inte bedömas", F.NOT_ASSESSABLE, _GREY),
    ),
    required=("title", "forecast"),
)

SEINAJOKI = Schema(
    name="seinajoki",
    title="Seinäjoen kaupunki: tilinpäätöksen toteutumisvertailu",
    version="1.0.0",
    language="fi",
    description=(
        "Seinäjoki's annual accounts (Toteutumisvertailu): Palvelukeskus › Tulosalue › "
        "Strateginen valinta › Strateginen tavoite › Talousarviotavoite; a goal whose choice "
        "or strategic goal is left empty sits directly under the level above. Status per "
        "metric, 1 green (achieved), 2 orange (slightly below target), 3 red (clearly below "
        "target). The custom field 'sivu' is the PDF page where an imported goal starts."
    ),
    levels=(
        Level("palvelukeskus", Labels("Palvelukeskus", "Servicecentral", "Service centre")),
        Level("tulosalue", Labels("Tulosalue", "Resultatområde", "Result area")),
        Level("valinta", Labels("Strateginen valinta", "Strategiskt val", "Strategic choice")),
        Level("strateginen-tavoite", Labels("Strateginen tavoite", "Strategiskt mål", "Strategic goal")),
    ),
    fields=(
        CustomField(
            "sivu",
            "number",
            Labels("PDF-sivu", "PDF-sida", "PDF page"),
        ),
    ),
    scale=(
        ScaleWord("1", F.ACHIEVED, _GREEN, ("Vihreä",)),
        ScaleWord("2", F.PARTLY, _ORANGE, ("Oranssi",)),
        ScaleWord("3", F.NOT_ACHIEVED, _RED, ("Punainen",)),
        # Not in the document's legend (page 19), but printed as a black dot on pages 84,
        # 105, 108, 125 and 126 of the 2024 accounts, where no value could be measured.
        ScaleWord("4", F.NOT_ASSESSABLE, "#212121", ("Musta",)),
    ),
    status_per="metric",
    layout="seinajoki",
    required=("title",),
    rounds=("tilinpäätös",),
    labels=_with_labels(
        title=Labels("Talousarviotavoite", "Budgetmål", "Budget goal"),
        goal=Labels("Talousarviotavoite", "Budgetmål", "Budget goal"),
        realisation=Labels(
            "Tilannekuvaus ja riskiarvio",
            "Lägesbeskrivning och riskbedömning",
            "Situation and risk assessment",
            ("Merkittävimmät riskit", "Tilannekuvaus"),
        ),
        metric=Labels("Mittari", "Mätare", "Metric", ("Mittari/mittarit", "Mittarit")),
        baseline=Labels("Nykyarvo", "Nuvärde", "Current value"),
        target=Labels("Tavoitearvo", "Målvärde", "Target value"),
        value=Labels("Toteuma-arvo", "Utfall", "Realised value"),
        metric_status=Labels("Tila", "Status", "Status"),
    ),
)


BUILTIN: dict[str, Schema] = {s.name: s for s in (JOENSUU, KUNTA, KOMMUN, SEINAJOKI)}
"""Built-in schemas by name."""
