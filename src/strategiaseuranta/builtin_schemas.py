"""The schemas that ship with the library."""

from __future__ import annotations

from strategiaseuranta.forecast import ForecastLevel as F
from strategiaseuranta.schema import Labels, Level, ScaleWord, Schema

__all__ = ["BUILTIN"]

_GREEN, _LIGHT_GREEN, _YELLOW, _RED, _GREY = "#2e7d32", "#66bb6a", "#f9a825", "#c62828", "#757575"

_FI_SCALE = (
    ScaleWord("Toteutunut", F.ACHIEVED, _GREEN, ("Toteutui",)),
    ScaleWord("Toteutuu", F.ON_TRACK, _LIGHT_GREEN),
    ScaleWord("Toteutuu osittain", F.PARTLY, _YELLOW, ("Osittain",)),
    ScaleWord("Ei toteudu", F.NOT_ACHIEVED, _RED, ("Ei toteutunut",)),
    ScaleWord("Ei arvioitavissa", F.NOT_ASSESSABLE, _GREY),
)

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
)

BUILTIN: dict[str, Schema] = {JOENSUU.name: JOENSUU}
"""Built-in schemas by name."""
