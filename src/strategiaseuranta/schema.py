"""Schemas: a municipality's reporting vocabulary, as data.

A :class:`Schema` names the levels of the strategy hierarchy, maps the city's
forecast words onto the canonical :class:`~strategiaseuranta.ForecastLevel`
scale, gives field labels in Finnish, Swedish and English, and says which
fields every goal must have. Schemas are plain data: built in Python or read
from a mapping (a YAML file) with :meth:`Schema.from_dict`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs
import cattrs

from strategiaseuranta._frozen import FrozenDict
from strategiaseuranta._lazy import lazy_import
from strategiaseuranta.exceptions import SchemaError
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.ids import normalise_text
from strategiaseuranta.periods import Period

if TYPE_CHECKING:
    import difflib
else:
    difflib = lazy_import("difflib")

__all__ = ["FIELDS", "LANGUAGES", "Labels", "Level", "ScaleWord", "Schema"]

LANGUAGES = ("fi", "sv", "en")
"""The label languages every schema provides."""

Lang = Literal["fi", "sv", "en"]


@attrs.frozen
class Labels:
    """A label in Finnish, Swedish and English.

    Example:
        >>> Labels("Toteuma", "Utfall", "Realisation").get("sv")
        'Utfall'
    """

    fi: str
    sv: str
    en: str
    variants: tuple[str, ...] = ()
    """Other spellings seen in real documents (e.g. "Toteutuma" beside "Toteuma"), for importers."""

    def get(self, lang: str) -> str:
        """The label in ``lang`` (``"fi"``, ``"sv"`` or ``"en"``).

        Raises:
            ValueError: Unknown language.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
        value: str = getattr(self, lang)
        return value

    def spellings(self) -> tuple[str, ...]:
        """Every spelling of the label: the three languages and the variants.

        Example:
            >>> Labels("Toteuma", "Utfall", "Realisation", ("Toteutuma",)).spellings()
            ('Toteuma', 'Utfall', 'Realisation', 'Toteutuma')
        """
        return tuple(dict.fromkeys((self.fi, self.sv, self.en, *self.variants)))


@attrs.frozen
class CustomField:
    """A field a city adds to its goals (under ``lisätiedot`` in YAML, ``attributes`` in JSON).

    Attributes:
        name: The key in files.
        type: ``"text"``, ``"number"`` or ``"choice"``.
        label: The field's label in three languages.
        choices: The allowed values of a ``choice`` field.
        required: Every goal must give it.

    Example:
        >>> CustomField("kustannus", "number", Labels("Kustannus", "Kostnad", "Cost")).check(1200)
    """

    name: str
    type: Literal["text", "number", "choice"] = "text"
    label: Labels | None = None
    choices: tuple[str, ...] = ()
    required: bool = False

    def check(self, value: object) -> str | None:
        """What is wrong with a value for this field, or ``None`` when it fits.

        Example:
            >>> CustomField("vari", "choice", choices=("vihreä", "punainen")).check("sininen")
            "'sininen' is not one of 'vihreä', 'punainen'"
        """
        if value is None:
            return None
        if self.type == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
            return f"{value!r} is not a number"
        if self.type == "text" and not isinstance(value, str):
            return f"{value!r} is not text"
        if self.type == "choice" and value not in self.choices:
            return f"{value!r} is not one of " + ", ".join(repr(c) for c in self.choices)
        return None


@attrs.frozen
class Level:
    """A level of the strategy hierarchy above the operational goals.

    Attributes:
        key: The key that names the level in files, e.g. ``"painopiste"``.
        name: The level's name, e.g. "Strateginen painopiste".
        text_key: The key of the level's prose, e.g. ``"tavoitelinjaus"``, if it has one.
        text_name: The name of that prose, e.g. "Tavoitelinjaus".
    """

    key: str
    name: Labels
    text_key: str | None = None
    text_name: Labels | None = None


@attrs.frozen
class ScaleWord:
    """A city's forecast word and its place on the canonical scale.

    Attributes:
        word: The word as the city writes it, e.g. "Toteutuu" or "1".
        level: The canonical level.
        colour: A CSS colour for displays (traffic-light schemas use these).
        aliases: Other spellings accepted for the same step (matched case-insensitively).
    """

    word: str
    level: ForecastLevel
    colour: str | None = None
    aliases: tuple[str, ...] = ()


FIELDS = (
    "title",
    "years",
    "binding",
    "responsible",
    "metric",
    "target",
    "baseline",
    "value",
    "metric_status",
    "realisation",
    "forecast",
)
"""The goal fields a schema labels and may require."""


def _default_labels() -> dict[str, Labels]:
    return {
        "goal": Labels("Toiminnallinen tavoite", "Verksamhetsmål", "Operational goal"),
        "title": Labels("Toiminnallinen tavoite", "Verksamhetsmål", "Operational goal"),
        "years": Labels("Vuodet", "År", "Years"),
        "binding": Labels("Sitova tavoite", "Bindande mål", "Binding goal"),
        "responsible": Labels("Vastuutaho", "Ansvarig", "Responsible party"),
        "metric": Labels("Mittari", "Mätare", "Metric"),
        "target": Labels("Tavoitetaso", "Målnivå", "Target level"),
        "baseline": Labels("Lähtötaso", "Utgångsnivå", "Baseline"),
        "value": Labels("Toteuma-arvo", "Utfall (värde)", "Measured value"),
        "metric_status": Labels("Tila", "Status", "Status"),
        "realisation": Labels("Toteuma", "Utfall", "Realisation"),
        "forecast": Labels("Toteutumaennuste", "Prognos", "Forecast"),
        "period": Labels(
            "Raportointikausi", "Rapportperiod", "Reporting period", ("Kausi", "Seurantakausi", "Period")
        ),
        "body": Labels("Toimielin", "Organ", "Body", ("Lautakunta", "Nämnd", "Board")),
        "municipality": Labels("Kunta", "Kommun", "Municipality", ("Kaupunki", "Stad", "City")),
    }


def _frozen_labels(value: Mapping[str, Labels]) -> Mapping[str, Labels]:
    return FrozenDict(value)


def _levels(value: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(value)


def _scale(value: Iterable[ScaleWord]) -> tuple[ScaleWord, ...]:
    return tuple(value)


@attrs.frozen
class Schema:
    """A municipality's reporting vocabulary.

    Attributes:
        name: The name files use to refer to the schema, e.g. ``"joensuu"``.
        title: A human title.
        version: The schema's own version (semantic versioning).
        language: The language of the city's own texts (``"fi"`` or ``"sv"``).
        levels: The hierarchy levels above the operational goals, top first.
        scale: The forecast words, best first.
        status_per: Where status is reported: ``"goal"``, ``"metric"`` or ``"both"``.
        labels: Field labels in three languages (see :data:`FIELDS`).
        required: Goal fields that must be present and non-empty.
        description: A paragraph for ``strategiaseuranta schemas``.
        fields: Custom fields with their types (text, number, choice).
        rounds: The reporting rounds the city uses, as period texts without the year
            (e.g. ``"tammi–huhtikuu"``, ``"tilinpäätös"``); a report of another round
            gets a warning. Empty: any round.
        rules: Names of extra validation rules (registered with
            :func:`~strategiaseuranta.register_rule` or by a plugin) the schema's reports
            must pass.
        layout: The PDF layout the city's published reports use (see
            :func:`~strategiaseuranta.formats.pdf.register_layout`): ``"taulukko"``, the
            table of the founding Joensuu document (the default), or ``"seinajoki"``.

    Example:
        >>> from strategiaseuranta import get_schema
        >>> schema = get_schema("joensuu")
        >>> schema.forecast("toteutuu").level
        <ForecastLevel.ON_TRACK: 'on_track'>
        >>> schema.forecast("Toteutuu").word
        'Toteutuu'
        >>> schema.levels[0].name.get("en")
        'Strategic focus area'
    """

    name: str
    title: str
    levels: tuple[Level, ...] = attrs.field(converter=_levels)
    scale: tuple[ScaleWord, ...] = attrs.field(converter=_scale)
    version: str = "1.0.0"
    language: str = "fi"
    status_per: Literal["goal", "metric", "both"] = "goal"
    labels: Mapping[str, Labels] = attrs.field(factory=_default_labels, converter=_frozen_labels, hash=False)
    required: tuple[str, ...] = ("title", "responsible", "forecast")
    description: str = ""
    fields: tuple[CustomField, ...] = ()
    rounds: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    layout: str = "taulukko"
    _lookup: dict[str, ScaleWord] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not self.levels:
            raise SchemaError(f"schema {self.name!r}: at least one hierarchy level is required")
        if self.language not in LANGUAGES:
            raise SchemaError(
                f"schema {self.name!r}: language {self.language!r} is not one of {', '.join(LANGUAGES)}"
            )
        keys = [level.key for level in self.levels]
        if len(set(keys)) != len(keys):
            raise SchemaError(f"schema {self.name!r}: level keys repeat: {keys}")
        for text in self.rounds:
            try:
                Period.parse(f"{text} 2000")
            except ValueError as error:
                raise SchemaError(f"schema {self.name!r}: round {text!r} is not a period: {error}") from None
        unknown = set(self.required) - set(FIELDS)
        if unknown:
            raise SchemaError(
                f"schema {self.name!r}: unknown required fields {sorted(unknown)}; known: {', '.join(FIELDS)}"
            )
        lookup: dict[str, ScaleWord] = {}
        for step in self.scale:
            for spelling in (step.word, *step.aliases):
                norm = normalise_text(spelling)
                if norm in lookup and lookup[norm] is not step:
                    raise SchemaError(f"schema {self.name!r}: forecast word {spelling!r} repeats")
                lookup[norm] = step
        object.__setattr__(self, "_lookup", lookup)

    def round_periods(self, year: int) -> list[Period]:
        """The schema's rounds in a year, as periods.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> [str(p) for p in get_schema("joensuu").round_periods(2025)]
            ['tammi–huhtikuu 2025', 'tammi–heinäkuu 2025', 'tammi–elokuu 2025', 'tilinpäätös 2025']
        """
        return [Period.parse(f"{text} {year}") for text in self.rounds]

    def field(self, name: str) -> CustomField | None:
        """The custom field with that name, if the schema declares it."""
        return next((f for f in self.fields if f.name == name), None)

    def forecast(self, word: str) -> Forecast:
        """Place a city's word on the canonical scale; the word is kept verbatim.

        Unknown words give a forecast with ``level=None``; validation reports them.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> get_schema("joensuu").forecast("osittain")
            Forecast(word='osittain', level=<ForecastLevel.PARTLY: 'partly'>)
            >>> get_schema("joensuu").forecast("Toteutu").level is None
            True
        """
        step = self._lookup.get(normalise_text(word))
        return Forecast(word, step.level if step else None)

    def step(self, word: str) -> ScaleWord | None:
        """The scale entry for a word, or ``None`` when the word is unknown.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> get_schema("joensuu").step("osittain").word
            'Toteutuu osittain'
            >>> get_schema("joensuu").step("Vihreä") is None
            True
        """
        return self._lookup.get(normalise_text(word))

    def suggest(self, word: str) -> list[str]:
        """Known forecast words close to a misspelt one, best first.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> get_schema("joensuu").suggest("Ei toteudo")
            ['Ei toteudu']
            >>> get_schema("joensuu").suggest("Toteutu")
            ['Toteutuu', 'Toteutunut']
        """
        if self.step(word) is not None:
            return []
        words = {normalise_text(spelling): s.word for s in self.scale for spelling in (s.word, *s.aliases)}
        close = difflib.get_close_matches(normalise_text(word), list(words), n=4, cutoff=0.6)
        return list(dict.fromkeys(words[c] for c in close))[:2]  # an alias suggests its scale word

    def label(self, field: str, lang: str | None = None) -> str:
        """The label of a field in ``lang`` (default: the schema's language).

        Raises:
            KeyError: The schema has no label for that field.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> schema = get_schema("joensuu")
            >>> schema.label("forecast"), schema.label("forecast", "sv")
            ('Toteutumaennuste', 'Prognos')
        """
        return self.labels[field].get(lang or self.language)

    def level(self, key: str) -> Level:
        """The level with the given key.

        Raises:
            KeyError: The schema has no such level.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> level = get_schema("joensuu").level("painopiste")
            >>> level.name.get("fi"), level.text_key
            ('Strateginen painopiste', 'tavoitelinjaus')
        """
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(key)

    def colour(self, forecast: Forecast | None) -> str | None:
        """The display colour of a forecast, if the schema gives one.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> schema = get_schema("joensuu")
            >>> schema.colour(schema.forecast("Ei toteudu")), schema.colour(None)
            ('#c62828', None)
        """
        if forecast is None:
            return None
        step = self.step(forecast.word)
        if step is None and forecast.level is not None:  # a word from elsewhere: the level's colour here
            step = next((s for s in self.scale if s.level is forecast.level), None)
        return step.colour if step else None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Schema:
        """Build a schema from plain data, e.g. a parsed YAML file.

        Unknown keys are errors. ``labels`` given in the data are merged over the
        defaults, so a schema names only what it changes.

        Raises:
            SchemaError: The data does not describe a schema.

        Example:
            >>> s = Schema.from_dict({
            ...     "name": "demo", "title": "Demo",
            ...     "levels": [{"key": "ala", "name": {"fi": "Ala", "sv": "Område", "en": "Area"}}],
            ...     "scale": [{"word": "Kyllä", "level": "achieved"}],
            ... })
            >>> s.forecast("kyllä").level.value
            'achieved'
        """
        data = dict(data)
        labels: dict[str, Any] = _converter().unstructure(_default_labels())
        given = data.pop("labels", None) or {}
        try:
            if not isinstance(given, Mapping):
                raise TypeError("labels must be a mapping of field → {fi, sv, en}")
            labels.update(given)
            return _converter().structure({**data, "labels": labels}, cls)
        except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
            if isinstance(error, cattrs.BaseValidationError):
                detail = "; ".join(cattrs.transform_error(error, path="schema"))
            else:
                detail = str(error)
            raise SchemaError(f"invalid schema {data.get('name', '?')!r}: {detail}") from None

    def to_dict(self) -> dict[str, Any]:
        """Plain data that :meth:`from_dict` reads back.

        Example:
            >>> from strategiaseuranta import get_schema
            >>> data = get_schema("joensuu").to_dict()
            >>> data["scale"][0]
            {'word': 'Toteutunut', 'level': 'achieved', 'colour': '#2e7d32', 'aliases': ['Toteutui']}
            >>> Schema.from_dict(data) == get_schema("joensuu")
            True
        """
        out: dict[str, Any] = _converter().unstructure(self)
        return out


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, made on first use (making it costs milliseconds at import time)."""
    return _make_converter()


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(
        Schema,
        cattrs.gen.make_dict_unstructure_fn(Schema, conv, _lookup=cattrs.gen.override(omit=True)),
    )
    conv.register_structure_hook(
        Schema,
        cattrs.gen.make_dict_structure_fn(
            Schema, conv, _cattrs_forbid_extra_keys=True, _lookup=cattrs.gen.override(omit=True)
        ),
    )
    return conv
