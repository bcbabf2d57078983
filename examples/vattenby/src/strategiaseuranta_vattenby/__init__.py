"""Vattenby (Vesikylä): an example strategiaseuranta plugin for a Swedish-language municipality.

Vattenby is a fictional bilingual municipality that reports in Swedish. The plugin shows
everything a plugin can add to the library:

- a :class:`~strategiaseuranta.Schema` (``SCHEMA``) with its own hierarchy levels
  (``tema`` › ``delområde``), a Swedish five-step forecast scale with colours and aliases,
  custom fields (``kostnad``, ``åtgärd``) and reporting rounds;
- an extra validation rule (:func:`check_corrective_action`, registered as
  ``vattenby-atgard``) with its own issue code ``VBY101``.

Both are announced through entry points in ``pyproject.toml``, so installing the package
is enough::

    >>> import strategiaseuranta as ss
    >>> ss.get_schema("vattenby").forecast("gul")
    Forecast(word='gul', level=<ForecastLevel.PARTLY: 'partly'>)
    >>> ss.available_rules()["vattenby-atgard"].startswith("plugin strategiaseuranta-vattenby")
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategiaseuranta import (
    Code,
    CustomField,
    ForecastLevel,
    Labels,
    Level,
    ScaleWord,
    Schema,
    Severity,
    register_code,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from strategiaseuranta import Issue
    from strategiaseuranta.validate import Context

__all__ = ["ACTION_FIELD", "COST_FIELD", "MISSING_ACTION", "SCHEMA", "check_corrective_action"]

ACTION_FIELD = "åtgärd"
"""The custom field that holds a corrective action."""

COST_FIELD = "kostnad"
"""The custom field that holds a goal's cost in euros."""

MISSING_ACTION = Code(
    "VBY101",
    "missing-corrective-action",
    Severity.ERROR,
    "A goal forecast as partly achieved or not achieved gives no corrective action (åtgärd).",
)
"""The plugin's own issue code, registered when the package is imported."""

register_code(MISSING_ACTION)

_GREEN, _LIGHT_GREEN, _YELLOW, _RED, _GREY = "#2e7d32", "#66bb6a", "#f9a825", "#c62828", "#757575"

SCHEMA = Schema(
    name="vattenby",
    title="Vattenby kommun: uppföljning av strategin",
    version="1.0.0",
    language="sv",
    description=(
        "Vattenby (Vesikylä), a fictional bilingual municipality reporting in Swedish: themes "
        "(tema, with a direction) and sub-areas (delområde) above goals; the scale uppnått / "
        "förverkligas / förverkligas delvis / förverkligas inte / kan inte bedömas, also as "
        "traffic lights (grön, gul, röd); a cost and a corrective action per goal, the action "
        "required when a goal falls behind (VBY101)."
    ),
    levels=(
        Level(
            "tema",
            Labels("Teema", "Tema", "Theme"),
            "inriktning",
            Labels("Linjaus", "Inriktning", "Direction"),
        ),
        Level("delområde", Labels("Osa-alue", "Delområde", "Sub-area")),
    ),
    scale=(
        ScaleWord("Uppnått", ForecastLevel.ACHIEVED, _GREEN, ("Har uppnåtts",)),
        ScaleWord("Förverkligas", ForecastLevel.ON_TRACK, _LIGHT_GREEN, ("Grön",)),
        ScaleWord("Förverkligas delvis", ForecastLevel.PARTLY, _YELLOW, ("Delvis", "Gul")),
        ScaleWord("Förverkligas inte", ForecastLevel.NOT_ACHIEVED, _RED, ("Röd",)),
        ScaleWord("Kan inte bedömas", ForecastLevel.NOT_ASSESSABLE, _GREY),
    ),
    required=("title", "responsible", "realisation", "forecast"),
    fields=(
        CustomField(COST_FIELD, "number", Labels("Kustannus", "Kostnad", "Cost")),
        CustomField(ACTION_FIELD, "text", Labels("Korjaava toimenpide", "Åtgärd", "Corrective action")),
    ),
    rounds=("tammi–huhtikuu", "tammi–elokuu", "tilinpäätös"),
    rules=("vattenby-atgard",),
)
"""Vattenby's schema, announced through the ``strategiaseuranta.schemas`` entry point."""

_NEEDS_ACTION = (ForecastLevel.PARTLY, ForecastLevel.NOT_ACHIEVED)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_corrective_action(ctx: Context) -> Iterator[Issue]:
    """VBY101: a goal forecast as partly achieved or not achieved gives a corrective action.

    The issue points at the goal's forecast, the reason the action is needed. An action of
    the wrong type (a number, say) is left to the library's own custom-field check (V210).

    Example:
        >>> import strategiaseuranta as ss
        >>> from strategiaseuranta.formats.yaml import loads_report
        >>> report = loads_report('''
        ... strategiaseuranta: 1
        ... skeema: vattenby
        ... kunta: Vattenby
        ... toimielin: Bildningsnämnden
        ... kausi: tammi–elokuu 2025
        ... sisältö:
        ...   - tema: Ett livslångt lärande
        ...     tavoitteet:
        ...       - tavoite: Elevhälsans väntetider förkortas.
        ...         vastuutaho: Elevhälsan
        ...         toteuma: Väntetiden är i medeltal sex veckor.
        ...         ennuste: Gul
        ... ''')
        >>> [(i.code, i.location.path) for i in ss.validate(report)]
        [('VBY101', 'sisältö[0].tavoitteet[0].ennuste')]
    """
    field = ctx.schema.field(ACTION_FIELD)
    name = field.label.get(ctx.lang) if field and field.label else ACTION_FIELD  # messages' language
    where = f"{ACTION_FIELD!r} under {ctx.key('goal', 'attributes')!r}"  # the keys in the report's format
    for place in ctx.goals:
        goal = place.goal
        if goal.level not in _NEEDS_ACTION or not _blank(goal.attributes.get(ACTION_FIELD)):
            continue
        word = goal.forecast.word if goal.forecast else ""
        yield ctx.issue(
            MISSING_ACTION.code,
            f"no corrective action for the forecast {word!r}: give {name!r} ({where})",
            (*place.pointer, ctx.key("goal", "forecast")),
            place.trail,
            goal,
        )
