"""Reporting periods of Finnish municipal reports.

A municipality reports on a year in rounds. Interim reports
(osavuosikatsaukset) are cumulative: each covers January up to the round's
end month, such as *tammi–huhtikuu* (January–April), *tammi–heinäkuu*
(January–July) or *tammi–elokuu* (January–August). The annual accounts
(*tilinpäätös*, "TP") cover the whole year and form a round of their own.

:class:`Period` is one such reporting period, and :class:`YearSpan` is the
year or span of years an operational goal is set for.

Example:
    >>> p = Period.parse("tammi-heinäkuu 2025")
    >>> p
    Period(year=2025, start_month=1, end_month=7, annual=False)
    >>> print(p)
    tammi–heinäkuu 2025
    >>> p.render("en")
    'January–July 2025'
    >>> Period.parse("TP 2025") > Period.parse("31.8.2025")
    True
    >>> print(YearSpan.parse("2025-2026"))
    2025–2026
"""

from __future__ import annotations

import unicodedata
from typing import Any, Final

import attrs

from strategiaseuranta._frozen import Record
from strategiaseuranta._lazy import lazy_compile

__all__ = ["Period", "YearSpan"]

MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2200

_DASH: Final = "–"  # EN DASH U+2013, used in every rendering

_FI_STEMS: Final = (
    "tammi",
    "helmi",
    "maalis",
    "huhti",
    "touko",
    "kesä",
    "heinä",
    "elo",
    "syys",
    "loka",
    "marras",
    "joulu",
)
_SV_NAMES: Final = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_SV_ABBREVIATIONS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "maj",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)
_EN_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ANNUAL_WORDS: Final = {"fi": "tilinpäätös", "sv": "bokslut", "en": "annual accounts"}
_LANGS: Final = tuple(_ANNUAL_WORDS)

# Finnish case endings accepted after "-kuu" on the last (or only) month:
# nominative "heinäkuu", genitive "heinäkuun", inessive "heinäkuussa" and
# ablative "heinäkuulta" all occur in report titles.
_FI_KUU_ENDINGS: Final = ("", "n", "ssa", "lta")


def _month_tables() -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Build the month-name lookup tables used by :meth:`Period.parse`.

    Returns:
        Two mappings from language code to ``{lowercase token: month}``: the
        tokens allowed as the first month of a span, and the tokens allowed as
        the last (or only) month. They differ only for Finnish, where the bare
        stem ("tammi") may open a span but a lone stem ("kesä" also means
        summer) never names a month on its own.
    """
    first: dict[str, dict[str, int]] = {"fi": {}, "sv": {}, "en": {}}
    last: dict[str, dict[str, int]] = {"fi": {}, "sv": {}, "en": {}}
    for month, stem in enumerate(_FI_STEMS, start=1):
        first["fi"][stem] = month
        first["fi"][f"{stem}kuu"] = month
        for ending in _FI_KUU_ENDINGS:
            last["fi"][f"{stem}kuu{ending}"] = month
    for month, (name, abbreviation) in enumerate(zip(_SV_NAMES, _SV_ABBREVIATIONS, strict=True), start=1):
        for token in (name, abbreviation, f"{abbreviation}."):
            first["sv"][token] = last["sv"][token] = month
    for month, name in enumerate(_EN_NAMES, start=1):
        lowered = name.lower()
        for token in (lowered, lowered[:3], f"{lowered[:3]}."):
            first["en"][token] = last["en"][token] = month
    first["en"]["sept"] = first["en"]["sept."] = last["en"]["sept"] = last["en"]["sept."] = 9
    return first, last


_FIRST_MONTH, _LAST_MONTH = _month_tables()

# Dashes that people (and PDF extractors) use between months: hyphen-minus,
# hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
_DASHES_RE: Final = lazy_compile("[\u002d\u2010\u2011\u2012\u2013\u2014\u2212]")
_SPACE_RE: Final = lazy_compile(r"\s+")
_YEAR_RE: Final = lazy_compile(r"\d{4}")

_ANNUAL_RE: Final = lazy_compile(r"(?:tp|tilinpäätös|bokslut|annual accounts) ?(?P<year>\d{4})")
_BARE_YEAR_RE: Final = lazy_compile(r"(?P<year>\d{4})")
_NUMERIC_RE: Final = lazy_compile(
    r"(?:(?P<start>\d{1,2}) ?- ?(?P<end>\d{1,2})(?: ?/ ?| )|(?P<only>\d{1,2}) ?/ ?)(?P<year>\d{4})"
)
_DATE_RE: Final = lazy_compile(r"(?P<day>\d{1,2})\. ?(?P<month>\d{1,2})\. ?(?P<year>\d{4})")
_NAMED_RE: Final = lazy_compile(r"(?P<first>[^\W\d_]+\.?)(?: ?- ?(?P<last>[^\W\d_]+\.?))? ?(?P<year>\d{4})")
_YEAR_SPAN_RE: Final = lazy_compile(r"(?P<start>\d{4})(?: ?- ?(?P<end>\d{4}))?")

_ACCEPTED_FORMS: Final = (
    'accepted forms: "tammi–heinäkuu 2025", "heinäkuu 2025", "1–7/2025", "7/2025", '
    '"31.8.2025", "TP 2025", "tilinpäätös 2025", "bokslut 2025", "annual accounts 2025", '
    '"januari–juli 2025", "January–July 2025", "Jan–Jul 2025", "2025"'
)

_DAYS_IN_MONTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _normalize(text: str) -> str:
    """Return *text* in NFC, lowercased, with one ASCII hyphen for any dash.

    Args:
        text: The raw text.

    Returns:
        The normalized text: stripped, whitespace runs collapsed to one space.
    """
    text = unicodedata.normalize("NFC", text).lower()
    text = _DASHES_RE.sub("-", text)
    return _SPACE_RE.sub(" ", text).strip()


def _quote(text: str) -> str:
    """Quote *text* for an error message, keeping it on one short line.

    Args:
        text: The offending input.

    Returns:
        Its ``repr``, shortened if the input is very long.
    """
    if len(text) > 80:
        return repr(text[:77] + "...")
    return repr(text)


def _days_in_month(year: int, month: int) -> int:
    """Return the number of days in *month* of *year* (Gregorian calendar).

    Args:
        year: The year.
        month: The month, 1 to 12.

    Returns:
        28 to 31.
    """
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _check_int(name: str, value: object) -> int:
    """Check that *value* is a plain ``int`` (``bool`` is refused).

    Args:
        name: The attribute name, for the error message.
        value: The value to check.

    Returns:
        The value, typed as ``int``.

    Raises:
        TypeError: If the value is not an ``int``, or is a ``bool``.
    """
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"{name} must be an int, not {type(value).__name__}: {value!r}"
        raise TypeError(msg)
    return value


def _check_year(name: str, value: object) -> int:
    """Check that *value* is an ``int`` year within the supported range.

    Args:
        name: The attribute name, for the error message.
        value: The value to check.

    Returns:
        The year.

    Raises:
        TypeError: If the value is not an ``int``.
        ValueError: If the year is outside 1900..2200.
    """
    year = _check_int(name, value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        msg = f"{name} must be between {MIN_YEAR} and {MAX_YEAR}, got {year}"
        raise ValueError(msg)
    return year


def _validate_year(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: an ``int`` year within 1900..2200."""
    _check_year(attribute.name, value)


def _validate_start_month(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: an ``int`` month within 1..12."""
    month = _check_int(attribute.name, value)
    if not 1 <= month <= 12:
        msg = f"{attribute.name} must be between 1 and 12, got {month}"
        raise ValueError(msg)


def _validate_end_month(instance: Period, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: an ``int`` month within ``start_month``..12."""
    month = _check_int(attribute.name, value)
    if not instance.start_month <= month <= 12:
        msg = f"{attribute.name} must be between start_month ({instance.start_month}) and 12, got {month}"
        raise ValueError(msg)


def _validate_annual(instance: Period, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: a ``bool``, true only for a January–December period."""
    if not isinstance(value, bool):
        msg = f"{attribute.name} must be a bool, not {type(value).__name__}: {value!r}"
        raise TypeError(msg)
    if value and (instance.start_month, instance.end_month) != (1, 12):
        msg = (
            "annual=True (annual accounts) requires months 1..12, got "
            f"{instance.start_month}..{instance.end_month}"
        )
        raise ValueError(msg)


class _PeriodSyntaxError(ValueError):
    """Internal: the reason one form of :meth:`Period.parse` input is invalid."""


@attrs.frozen(order=False)
class Period(Record):
    """A reporting period: months *start_month* to *end_month* of *year*.

    Interim rounds are cumulative (``start_month`` is 1 for all the usual
    rounds). *annual* marks the annual accounts round (tilinpäätös, bokslut),
    which covers January–December and sorts just after the non-annual
    January–December period of the same year.

    Periods are immutable, hashable and totally ordered by :meth:`sort_key`.

    Attributes:
        year: The year, 1900 to 2200.
        start_month: First month covered, 1 to 12.
        end_month: Last month covered, ``start_month`` to 12.
        annual: Whether this is the annual accounts round; only allowed when
            the period covers months 1 to 12.

    Example:
        >>> Period(2025, end_month=7)
        Period(year=2025, start_month=1, end_month=7, annual=False)
        >>> Period(2025, annual=True).render("sv")
        'bokslut 2025'
        >>> Period(2025, start_month=9, end_month=3)
        Traceback (most recent call last):
        ...
        ValueError: end_month must be between start_month (9) and 12, got 3
    """

    year: int = attrs.field(validator=_validate_year)
    start_month: int = attrs.field(default=1, validator=_validate_start_month)
    end_month: int = attrs.field(default=12, validator=_validate_end_month)
    annual: bool = attrs.field(default=False, validator=_validate_annual)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse a reporting period as written in Finnish, Swedish or English.

        Matching ignores case and surrounding whitespace, treats hyphen, en
        dash, em dash and minus sign alike and allows spaces around them.
        Accepted forms:

        * Finnish month spans: ``tammi–heinäkuu 2025``, ``tammikuu–heinäkuu
          2025``, ``tammi–heinäkuussa 2025``; a single month ``heinäkuu 2025``
          is the month alone (7 to 7).
        * Swedish and English month names: ``januari–juli 2025``,
          ``January–July 2025``, ``Jan–Jul 2025``, ``juli 2025``.
        * Numeric months: ``1–7/2025``, ``1–7 2025``, ``7/2025`` (7 to 7).
        * A date, cumulative from January to the date's month:
          ``31.8.2025`` is January–August 2025.
        * Annual accounts: ``TP 2025``, ``tp2025``, ``tilinpäätös 2025``,
          ``bokslut 2025``, ``annual accounts 2025``.
        * A bare year ``2025``: January–December, not the annual accounts.

        Args:
            text: The text to parse.

        Returns:
            The period.

        Raises:
            ValueError: If *text* is not a valid period in any accepted form.
                The one-line message quotes *text*, gives the reason and
                lists the accepted forms.

        Example:
            >>> Period.parse("tammi-heinäkuu 2025")
            Period(year=2025, start_month=1, end_month=7, annual=False)
            >>> Period.parse("31.8.2025").render("en")
            'January–August 2025'
            >>> Period.parse("Tilinpäätös 2025")
            Period(year=2025, start_month=1, end_month=12, annual=True)
            >>> Period.parse("heinä–tammikuu 2025")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            ValueError: cannot parse reporting period 'heinä–tammikuu 2025': ...
        """
        raw: object = text
        if not isinstance(raw, str):
            msg = f"Period.parse() expects a str, not {type(raw).__name__}: {raw!r}"
            raise TypeError(msg)
        try:
            return cls._parse_normalized(_normalize(text))
        except ValueError as error:
            msg = f"cannot parse reporting period {_quote(text)}: {error}; {_ACCEPTED_FORMS}"
            raise ValueError(msg) from None

    @classmethod
    def _parse_normalized(cls, text: str) -> Period:
        """Parse normalized text; raise ``ValueError`` with a bare reason."""
        if not text:
            raise _PeriodSyntaxError("the text is empty")
        if match := _ANNUAL_RE.fullmatch(text):
            return cls(int(match["year"]), 1, 12, annual=True)
        if match := _BARE_YEAR_RE.fullmatch(text):
            return cls(int(match["year"]))
        if match := _NUMERIC_RE.fullmatch(text):
            if match["only"] is not None:
                start = end = int(match["only"])
            else:
                start, end = int(match["start"]), int(match["end"])
            return cls._from_months(int(match["year"]), start, end)
        if match := _DATE_RE.fullmatch(text):
            year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
            _check_month(month)
            if not 1 <= day <= _days_in_month(year, month):
                msg = f"day {day} does not exist in month {month} of {year}"
                raise _PeriodSyntaxError(msg)
            return cls(year, 1, month)
        if match := _NAMED_RE.fullmatch(text):
            start, end = _named_months(match["first"], match["last"])
            return cls._from_months(int(match["year"]), start, end)
        if not _YEAR_RE.search(text):
            raise _PeriodSyntaxError("no four-digit year")
        raise _PeriodSyntaxError("not a recognised reporting period")

    @classmethod
    def _from_months(cls, year: int, start: int, end: int) -> Period:
        """Build a period from parsed months, with parse-style error messages."""
        _check_month(start)
        _check_month(end)
        if end < start:
            msg = f"end month {end} is before start month {start}"
            raise _PeriodSyntaxError(msg)
        return cls(year, start, end)

    def render(self, lang: str = "fi") -> str:
        """Render the period in Finnish, Swedish or English.

        The month separator is an EN DASH (U+2013). :meth:`parse` reads every
        rendering back to an equal period.

        Args:
            lang: ``"fi"``, ``"sv"`` or ``"en"``.

        Returns:
            The rendering, e.g. ``tammi–heinäkuu 2025`` (fi), ``januari–juli
            2025`` (sv), ``January–July 2025`` (en); ``tilinpäätös 2025``,
            ``bokslut 2025`` or ``annual accounts 2025`` for the annual
            accounts.

        Raises:
            ValueError: If *lang* is not one of the known languages.

        Example:
            >>> p = Period(2025, 1, 7)
            >>> [p.render(lang) for lang in ("fi", "sv", "en")]
            ['tammi–heinäkuu 2025', 'januari–juli 2025', 'January–July 2025']
            >>> Period(2025, 7, 7).render()
            'heinäkuu 2025'
            >>> Period(2025, annual=True).render()
            'tilinpäätös 2025'
            >>> p.render("de")
            Traceback (most recent call last):
            ...
            ValueError: unknown language 'de'; known languages: 'fi', 'sv', 'en'
        """
        if lang not in _ANNUAL_WORDS:
            known = ", ".join(repr(known_lang) for known_lang in _LANGS)
            msg = f"unknown language {lang!r}; known languages: {known}"
            raise ValueError(msg)
        if self.annual:
            return f"{_ANNUAL_WORDS[lang]} {self.year}"
        start, end = self.start_month - 1, self.end_month - 1
        if lang == "fi":
            last = f"{_FI_STEMS[end]}kuu"
            first = _FI_STEMS[start]
        elif lang == "sv":
            first, last = _SV_NAMES[start], _SV_NAMES[end]
        else:
            first, last = _EN_NAMES[start], _EN_NAMES[end]
        if start == end:
            return f"{last} {self.year}"
        return f"{first}{_DASH}{last} {self.year}"

    def __str__(self) -> str:
        return self.render("fi")

    @property
    def months(self) -> int:
        """The number of months covered.

        Example:
            >>> Period.parse("tammi–heinäkuu 2025").months
            7
            >>> Period.parse("TP 2025").months
            12
        """
        return self.end_month - self.start_month + 1

    def sort_key(self) -> tuple[int, int, bool, int]:
        """Return the key periods are ordered by.

        The key is ``(year, end_month, annual, start_month)``, so periods of
        one year sort by how far they reach, and the annual accounts sort last
        in their year, after every other period ending in December.

        Returns:
            The sort key.

        Example:
            >>> Period.parse("TP 2025").sort_key()
            (2025, 12, True, 1)
            >>> rounds = ["TP 2025", "1-7/2025", "tammi-joulukuu 2025"]
            >>> sorted(map(Period.parse, rounds))  # doctest: +NORMALIZE_WHITESPACE
            [Period(year=2025, start_month=1, end_month=7, annual=False),
             Period(year=2025, start_month=1, end_month=12, annual=False),
             Period(year=2025, start_month=1, end_month=12, annual=True)]
        """
        return (self.year, self.end_month, self.annual, self.start_month)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() >= other.sort_key()


def _check_month(month: int) -> None:
    """Raise a parse error unless *month* is within 1..12."""
    if not 1 <= month <= 12:
        msg = f"month {month} is not between 1 and 12"
        raise _PeriodSyntaxError(msg)


def _named_months(first: str, last: str | None) -> tuple[int, int]:
    """Look up a month name, or a span of two names in one language.

    Args:
        first: The first (or only) month token, lowercase.
        last: The last month token, or ``None`` for a single month.

    Returns:
        The start and end month numbers (not yet checked for order).

    Raises:
        _PeriodSyntaxError: If a token is not a month name in the position it
            is in, or the two names are from different languages.
    """
    if last is None:
        for table in _LAST_MONTH.values():
            if first in table:
                return table[first], table[first]
        msg = f"unrecognised month name {first!r}"
        raise _PeriodSyntaxError(msg)
    for lang in _LANGS:
        if first in _FIRST_MONTH[lang] and last in _LAST_MONTH[lang]:
            return _FIRST_MONTH[lang][first], _LAST_MONTH[lang][last]
    if not any(first in table for table in _FIRST_MONTH.values()):
        msg = f"unrecognised month name {first!r}"
    elif not any(last in table for table in _LAST_MONTH.values()):
        msg = f"unrecognised month name {last!r}"
    else:
        msg = f"month names {first!r} and {last!r} are not in the same language"
    raise _PeriodSyntaxError(msg)


@attrs.frozen(order=False, init=False)
class YearSpan(Record):
    """The year, or span of years, an operational goal is set for.

    Spans are immutable, hashable and totally ordered by ``(start, end)``.

    Attributes:
        start: First year, 1900 to 2200.
        end: Last year, ``start`` to 2200.

    Example:
        >>> YearSpan(2025, 2026)
        YearSpan(start=2025, end=2026)
        >>> 2026 in YearSpan(2025, 2026)
        True
        >>> YearSpan(2026, 2025)
        Traceback (most recent call last):
        ...
        ValueError: end (2025) must not be before start (2026)
    """

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # The checks live here rather than in attrs validators, so that the JSON decoder,
        # which makes spans without calling this, checks each distinct span once itself.
        _check_year("start", start)
        year = _check_year("end", end)
        if year < start:
            msg = f"end ({year}) must not be before start ({start})"
            raise ValueError(msg)
        self.__attrs_init__(start, end)

    @classmethod
    def parse(cls, text: str | int) -> YearSpan:
        """Parse a year (``2025``) or a span of years (``2025–2026``).

        Args:
            text: An ``int`` year, or text such as ``"2025"``, ``"2025–2026"``,
                ``"2025-2026"`` or ``"2025 – 2026"`` (any dash, optional
                spaces, surrounding whitespace ignored).

        Returns:
            The span.

        Raises:
            ValueError: If *text* is not a year or span of years, the years are
                outside 1900..2200, or the span ends before it starts.

        Example:
            >>> YearSpan.parse("2025 – 2026")
            YearSpan(start=2025, end=2026)
            >>> YearSpan.parse(2025)
            YearSpan(start=2025, end=2025)
            >>> YearSpan.parse("2026-2025")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            ValueError: cannot parse year span '2026-2025': end (2025) must not be ...
        """
        accepted = 'accepted forms: 2025, "2025", "2025–2026", "2025-2026", "2025 – 2026"'
        if isinstance(text, bool) or not isinstance(text, int | str):
            msg = f"YearSpan.parse() expects a str or int, not {type(text).__name__}: {text!r}"
            raise TypeError(msg)
        if isinstance(text, int):
            try:
                return cls.single(text)
            except ValueError as error:
                msg = f"cannot parse year span {text!r}: {error}; {accepted}"
                raise ValueError(msg) from None
        match = _YEAR_SPAN_RE.fullmatch(_normalize(text))
        if match is None:
            msg = f"cannot parse year span {_quote(text)}: not a year or span of years; {accepted}"
            raise ValueError(msg)
        start = int(match["start"])
        end = start if match["end"] is None else int(match["end"])
        try:
            return cls(start, end)
        except ValueError as error:
            msg = f"cannot parse year span {_quote(text)}: {error}; {accepted}"
            raise ValueError(msg) from None

    @classmethod
    def single(cls, year: int) -> YearSpan:
        """Return the span of one year.

        Args:
            year: The year.

        Returns:
            The span from *year* to *year*.

        Example:
            >>> YearSpan.single(2025)
            YearSpan(start=2025, end=2025)
        """
        return cls(year, year)

    def __contains__(self, year: object) -> bool:
        """Whether the ``int`` *year* is within the span (inclusive).

        Anything that is not an ``int`` is not contained.

        Example:
            >>> span = YearSpan(2025, 2026)
            >>> 2025 in span, 2027 in span, "2025" in span
            (True, False, False)
        """
        if not isinstance(year, int):
            return False
        return self.start <= year <= self.end

    def render(self) -> str:
        """Render the span as ``2025`` or ``2025–2026`` (EN DASH U+2013).

        Returns:
            The rendering; :meth:`parse` reads it back to an equal span.

        Example:
            >>> YearSpan(2025, 2026).render()
            '2025–2026'
            >>> YearSpan.single(2025).render()
            '2025'
        """
        if self.start == self.end:
            return str(self.start)
        return f"{self.start}{_DASH}{self.end}"

    def __str__(self) -> str:
        return self.render()

    def sort_key(self) -> tuple[int, int]:
        """Return the key spans are ordered by: ``(start, end)``.

        Returns:
            The sort key.

        Example:
            >>> sorted([YearSpan(2025, 2026), YearSpan.single(2025)])
            [YearSpan(start=2025, end=2025), YearSpan(start=2025, end=2026)]
        """
        return (self.start, self.end)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, YearSpan):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, YearSpan):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, YearSpan):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, YearSpan):
            return NotImplemented
        return self.sort_key() >= other.sort_key()
