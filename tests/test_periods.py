"""Tests for strategiaseuranta.periods."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategiaseuranta import periods
from strategiaseuranta.periods import Period, YearSpan

# Hypothesis example database off: these tests must not write into the repo.
hyp = settings(database=None, max_examples=300, deadline=None)

LANGS = ("fi", "sv", "en")
JAN_JUL_2025 = Period(2025, 1, 7)
ANNUAL_2025 = Period(2025, 1, 12, annual=True)


@st.composite
def period_strategy(draw: st.DrawFn) -> Period:
    year = draw(st.integers(1900, 2200))
    start = draw(st.integers(1, 12))
    end = draw(st.integers(start, 12))
    annual = (start, end) == (1, 12) and draw(st.booleans())
    return Period(year, start, end, annual=annual)


periods_st = period_strategy()


@st.composite
def year_span_strategy(draw: st.DrawFn) -> YearSpan:
    start = draw(st.integers(1900, 2200))
    end = draw(st.integers(start, 2200))
    return YearSpan(start, end)


spans_st = year_span_strategy()


# --------------------------------------------------------------------------- module surface


def test_all() -> None:
    assert periods.__all__ == ["Period", "YearSpan"]


# --------------------------------------------------------------------------- construction


def test_defaults() -> None:
    assert Period(2025) == Period(2025, 1, 12, annual=False)
    assert Period(2025).annual is False


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"year": 1899}, ValueError, "year must be between 1900 and 2200, got 1899"),
        ({"year": 2201}, ValueError, "year must be between 1900 and 2200, got 2201"),
        ({"year": 2025, "start_month": 0}, ValueError, "start_month must be between 1 and 12"),
        ({"year": 2025, "start_month": 13}, ValueError, "start_month must be between 1 and 12"),
        ({"year": 2025, "end_month": 13}, ValueError, "end_month must be between start_month"),
        (
            {"year": 2025, "start_month": 8, "end_month": 7},
            ValueError,
            r"end_month must be between start_month \(8\) and 12, got 7",
        ),
        (
            {"year": 2025, "end_month": 7, "annual": True},
            ValueError,
            r"annual=True \(annual accounts\) requires months 1\.\.12, got 1\.\.7",
        ),
        (
            {"year": 2025, "start_month": 2, "annual": True},
            ValueError,
            r"requires months 1\.\.12, got 2\.\.12",
        ),
        ({"year": "2025"}, TypeError, "year must be an int, not str"),
        ({"year": 2025.0}, TypeError, "year must be an int, not float"),
        ({"year": 2025, "end_month": True}, TypeError, "end_month must be an int, not bool"),
        ({"year": 2025, "annual": 1}, TypeError, "annual must be a bool, not int"),
    ],
)
def test_constructor_validation(kwargs: dict[str, object], exc: type[Exception], message: str) -> None:
    with pytest.raises(exc, match=message):
        Period(**kwargs)  # type: ignore[arg-type]


def test_frozen_and_hashable() -> None:
    p = Period(2025, 1, 7)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.year = 2026  # type: ignore[misc]
    assert {p, Period(2025, 1, 7)} == {p}
    assert hash(p) == hash(Period(2025, 1, 7))
    assert Period(2025) != ANNUAL_2025


def test_months() -> None:
    assert JAN_JUL_2025.months == 7
    assert Period(2025, 7, 7).months == 1
    assert Period(2025, 5, 8).months == 4
    assert ANNUAL_2025.months == 12
    assert Period(2025).months == 12


# --------------------------------------------------------------------------- parse: accepted forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the exact strings from the brief
        ("tammi–heinäkuu 2025", JAN_JUL_2025),
        ("tammi-heinäkuu 2025", JAN_JUL_2025),
        ("1–7/2025", JAN_JUL_2025),
        ("31.8.2025", Period(2025, 1, 8)),
        ("TP 2025", ANNUAL_2025),
        ("tilinpäätös 2025", ANNUAL_2025),
        # Finnish spans: dashes, spacing, case, full month names, case endings
        ("tammi—heinäkuu 2025", JAN_JUL_2025),  # em dash
        ("tammi−heinäkuu 2025", JAN_JUL_2025),  # minus sign
        ("tammi – heinäkuu 2025", JAN_JUL_2025),
        ("tammi -heinäkuu 2025", JAN_JUL_2025),
        ("  tammi–heinäkuu   2025\n", JAN_JUL_2025),
        ("tammi\u00a0–\u00a0heinäkuu\u00a02025", JAN_JUL_2025),  # no-break spaces
        ("TAMMI–HEINÄKUU 2025", JAN_JUL_2025),
        ("Tammi–Heinäkuu 2025", JAN_JUL_2025),
        ("tammikuu–heinäkuu 2025", JAN_JUL_2025),
        ("tammi-heinäkuussa 2025", JAN_JUL_2025),
        ("tammi–heinäkuun 2025", JAN_JUL_2025),
        ("tammi–heinäkuulta 2025", JAN_JUL_2025),
        ("tammi-heina\u0308kuu 2025", JAN_JUL_2025),  # decomposed ä (NFD)
        ("tammi–huhtikuu 2025", Period(2025, 1, 4)),
        ("tammi–elokuu 2025", Period(2025, 1, 8)),
        ("tammi–joulukuu 2025", Period(2025, 1, 12)),
        ("touko–elokuu 2024", Period(2024, 5, 8)),
        ("maalis–syyskuu 2024", Period(2024, 3, 9)),
        ("helmi–marraskuu 2024", Period(2024, 2, 11)),
        ("kesä–lokakuu 2024", Period(2024, 6, 10)),
        # single Finnish month
        ("heinäkuu 2025", Period(2025, 7, 7)),
        ("Heinäkuu 2025", Period(2025, 7, 7)),
        ("heinäkuussa 2025", Period(2025, 7, 7)),
        ("tammikuu 2025", Period(2025, 1, 1)),
        ("joulukuu 2025", Period(2025, 12, 12)),
        # numeric
        ("1-7/2025", JAN_JUL_2025),
        ("1 – 7 / 2025", JAN_JUL_2025),
        ("01–07/2025", JAN_JUL_2025),
        ("1–7 2025", JAN_JUL_2025),
        ("7/2025", Period(2025, 7, 7)),
        ("12/2025", Period(2025, 12, 12)),
        ("1–12/2025", Period(2025, 1, 12)),
        # dates: cumulative from January
        ("30.4.2025", Period(2025, 1, 4)),
        ("31.08.2025", Period(2025, 1, 8)),
        ("31.1.2025", Period(2025, 1, 1)),
        ("31.12.2025", Period(2025, 1, 12)),
        ("29.2.2024", Period(2024, 1, 2)),
        ("29.2.2000", Period(2000, 1, 2)),
        ("28.2.2025", Period(2025, 1, 2)),
        # annual accounts
        ("tp2025", ANNUAL_2025),
        ("tp 2025", ANNUAL_2025),
        ("Tp 2025", ANNUAL_2025),
        ("Tilinpäätös 2025", ANNUAL_2025),
        ("TILINPÄÄTÖS 2025", ANNUAL_2025),
        ("bokslut 2025", ANNUAL_2025),
        ("Bokslut 2025", ANNUAL_2025),
        ("annual accounts 2025", ANNUAL_2025),
        ("Annual Accounts 2025", ANNUAL_2025),
        ("annual  accounts 2025", ANNUAL_2025),
        # Swedish
        ("januari–juli 2025", JAN_JUL_2025),
        ("januari-juli 2025", JAN_JUL_2025),
        ("Januari–Juli 2025", JAN_JUL_2025),
        ("juli 2025", Period(2025, 7, 7)),
        ("maj–augusti 2025", Period(2025, 5, 8)),
        ("jan–okt 2025", Period(2025, 1, 10)),
        # English
        ("January–July 2025", JAN_JUL_2025),
        ("january-july 2025", JAN_JUL_2025),
        ("Jan–Jul 2025", JAN_JUL_2025),
        ("jan-jul 2025", JAN_JUL_2025),
        ("Jan.–Jul. 2025", JAN_JUL_2025),
        ("July 2025", Period(2025, 7, 7)),
        ("Jul 2025", Period(2025, 7, 7)),
        ("May–Sep 2025", Period(2025, 5, 9)),
        ("Jan–Sept 2025", Period(2025, 1, 9)),
        ("January–December 2025", Period(2025, 1, 12)),
        # bare year
        ("2025", Period(2025, 1, 12, annual=False)),
        (" 1900 ", Period(1900)),
        ("2200", Period(2200)),
    ],
)
def test_parse_accepted(text: str, expected: Period) -> None:
    parsed = Period.parse(text)
    assert parsed == expected
    assert parsed.annual is expected.annual


def test_parse_bare_year_is_not_annual() -> None:
    assert Period.parse("2025").annual is False
    assert Period.parse("2025") != Period.parse("TP 2025")
    assert Period.parse("2025") == Period.parse("tammi–joulukuu 2025")


def test_three_letter_abbreviations_cover_every_month() -> None:
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    for month, name in enumerate(names, start=1):
        assert Period.parse(f"{name.title()} 2025") == Period(2025, month, month)
        assert Period.parse(f"Jan–{name.title()} 2025") == Period(2025, 1, month)


def test_finnish_stems_cover_every_month() -> None:
    stems = ["tammi", "helmi", "maalis", "huhti", "touko", "kesä"]
    stems += ["heinä", "elo", "syys", "loka", "marras", "joulu"]
    for month, stem in enumerate(stems, start=1):
        assert Period.parse(f"{stem}kuu 2025") == Period(2025, month, month)
        assert Period.parse(f"{stem}–joulukuu 2025") == Period(2025, month, 12)
        assert Period.parse(f"{stem}kuu–joulukuu 2025") == Period(2025, month, 12)


# --------------------------------------------------------------------------- parse: rejections


def _parse_error(text: str) -> str:
    with pytest.raises(ValueError, match="cannot parse reporting period") as info:
        Period.parse(text)
    message = str(info.value)
    assert "\n" not in message
    assert repr(text) in message
    assert "accepted forms:" in message
    for form in ('"tammi–heinäkuu 2025"', '"1–7/2025"', '"31.8.2025"', '"TP 2025"'):
        assert form in message
    return message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the text is empty"),
        ("   ", "the text is empty"),
        ("tammi–kesäkuu", "no four-digit year"),
        ("heinäkuu", "no four-digit year"),
        ("TP", "no four-digit year"),
        ("13/2025", "month 13 is not between 1 and 12"),
        ("0/2025", "month 0 is not between 1 and 12"),
        ("1–13/2025", "month 13 is not between 1 and 12"),
        ("heinä–tammikuu 2025", "end month 1 is before start month 7"),
        ("July–January 2025", "end month 1 is before start month 7"),
        ("7–1/2025", "end month 1 is before start month 7"),
        ("32.8.2025", "day 32 does not exist in month 8 of 2025"),
        ("31.4.2025", "day 31 does not exist in month 4 of 2025"),
        ("29.2.2025", "day 29 does not exist in month 2 of 2025"),
        ("29.2.1900", "day 29 does not exist in month 2 of 1900"),
        ("0.8.2025", "day 0 does not exist in month 8 of 2025"),
        ("31.13.2025", "month 13 is not between 1 and 12"),
        ("TP 1899", "year must be between 1900 and 2200, got 1899"),
        ("1–7/2201", "year must be between 1900 and 2200, got 2201"),
        ("1899", "year must be between 1900 and 2200, got 1899"),
        ("kesä 2025", "unrecognised month name 'kesä'"),
        ("heinä 2025", "unrecognised month name 'heinä'"),
        ("tammi–heinä 2025", "unrecognised month name 'heinä'"),
        ("tammikuussa–heinäkuu 2025", "unrecognised month name 'tammikuussa'"),
        ("foo 2025", "unrecognised month name 'foo'"),
        ("tammi–July 2025", "month names 'tammi' and 'july' are not in the same language"),
        ("January–heinäkuu 2025", "month names 'january' and 'heinäkuu' are not in the same"),
        ("annual 2025", "unrecognised month name 'annual'"),
        ("7 2025", "not a recognised reporting period"),
        ("2025-01/2025-07", "not a recognised reporting period"),
        ("20251", "not a recognised reporting period"),
        ("tammi–heinäkuu 2025 extra", "not a recognised reporting period"),
    ],
)
def test_parse_rejects(text: str, reason: str) -> None:
    message = _parse_error(text)
    assert f": {reason}" in message


def test_parse_error_message_is_one_line_for_multiline_input() -> None:
    message = _parse_error("tammi\nkesäkuu")
    assert "no four-digit year" in message


def test_parse_error_message_truncates_long_input() -> None:
    text = "x" * 500
    with pytest.raises(ValueError, match=r"cannot parse reporting period 'x{77}\.\.\.'") as info:
        Period.parse(text)
    assert len(str(info.value)) < 500


def test_parse_rejects_non_str() -> None:
    with pytest.raises(TypeError, match=r"Period\.parse\(\) expects a str, not int"):
        Period.parse(2025)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- render


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [
        (JAN_JUL_2025, "fi", "tammi–heinäkuu 2025"),
        (JAN_JUL_2025, "sv", "januari–juli 2025"),
        (JAN_JUL_2025, "en", "January–July 2025"),
        (Period(2025, 7, 7), "fi", "heinäkuu 2025"),
        (Period(2025, 7, 7), "sv", "juli 2025"),
        (Period(2025, 7, 7), "en", "July 2025"),
        (Period(2025), "fi", "tammi–joulukuu 2025"),
        (Period(2025), "sv", "januari–december 2025"),
        (Period(2025), "en", "January–December 2025"),
        (ANNUAL_2025, "fi", "tilinpäätös 2025"),
        (ANNUAL_2025, "sv", "bokslut 2025"),
        (ANNUAL_2025, "en", "annual accounts 2025"),
        (Period(2025, 1, 4), "fi", "tammi–huhtikuu 2025"),
        (Period(2025, 1, 8), "fi", "tammi–elokuu 2025"),
        (Period(2024, 5, 6), "fi", "touko–kesäkuu 2024"),
        (Period(2024, 3, 5), "sv", "mars–maj 2024"),
        (Period(2024, 9, 11), "en", "September–November 2024"),
    ],
)
def test_render(period: Period, lang: str, expected: str) -> None:
    assert period.render(lang) == expected


def test_render_uses_en_dash() -> None:
    for lang in LANGS:
        rendered = JAN_JUL_2025.render(lang)
        assert "\u2013" in rendered
        assert "-" not in rendered


def test_render_default_and_str_are_finnish() -> None:
    assert JAN_JUL_2025.render() == "tammi–heinäkuu 2025"
    assert str(JAN_JUL_2025) == "tammi–heinäkuu 2025"
    assert str(ANNUAL_2025) == "tilinpäätös 2025"


@pytest.mark.parametrize("lang", ["de", "", "FI", "finnish"])
def test_render_unknown_language(lang: str) -> None:
    expected = f"unknown language {lang!r}; known languages: 'fi', 'sv', 'en'"
    with pytest.raises(ValueError, match=re.escape(expected)):
        JAN_JUL_2025.render(lang)


@hyp
@given(periods_st, st.sampled_from(LANGS))
def test_parse_render_round_trip(period: Period, lang: str) -> None:
    assert Period.parse(period.render(lang)) == period


@hyp
@given(periods_st)
def test_round_trip_via_str(period: Period) -> None:
    assert Period.parse(str(period)) == period


@hyp
@given(periods_st, st.sampled_from(LANGS))
def test_parse_tolerates_case_spacing_and_dashes(period: Period, lang: str) -> None:
    rendered = period.render(lang)
    variants = [
        rendered.upper(),
        rendered.lower(),
        f"  {rendered}\t",
        rendered.replace("\u2013", "-"),
        rendered.replace("\u2013", " \u2014 "),
        rendered.replace("\u2013", "\u2212"),
    ]
    for variant in variants:
        assert Period.parse(variant) == period, variant


@hyp
@given(periods_st.filter(lambda p: not p.annual))
def test_numeric_forms_agree(period: Period) -> None:
    start, end, year = period.start_month, period.end_month, period.year
    assert Period.parse(f"{start}–{end}/{year}") == period
    assert Period.parse(f"{start}-{end} {year}") == period
    if start == end:
        assert Period.parse(f"{end}/{year}") == period


@hyp
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_date_form_is_cumulative(day: dt.date) -> None:
    parsed = Period.parse(f"{day.day}.{day.month}.{day.year}")
    assert parsed == Period(day.year, 1, day.month)
    assert Period.parse(f"{day.day:02}.{day.month:02}.{day.year}") == parsed


# --------------------------------------------------------------------------- ordering


def test_ordering_examples() -> None:
    rounds = [
        Period.parse("TP 2025"),
        Period.parse("tammi–elokuu 2025"),
        Period.parse("tammi–huhtikuu 2026"),
        Period.parse("tammi–joulukuu 2025"),
        Period.parse("tammi–huhtikuu 2025"),
        Period.parse("TP 2024"),
    ]
    assert sorted(rounds) == [
        Period(2024, annual=True),
        Period(2025, 1, 4),
        Period(2025, 1, 8),
        Period(2025, 1, 12),
        Period(2025, annual=True),
        Period(2026, 1, 4),
    ]
    full_2025, annual_2025, jan_2026 = Period(2025, 1, 12), ANNUAL_2025, Period(2026, 1, 1)
    assert full_2025 < annual_2025
    assert annual_2025 > full_2025
    assert annual_2025 < jan_2026
    assert Period(2025, 7, 7) < Period(2025, 1, 8)
    assert Period(2025, 1, 7) < Period(2025, 7, 7)
    assert Period(2025, 1, 7) <= Period(2025, 1, 7)
    assert Period(2025, 1, 7) >= Period(2025, 1, 7)
    assert not Period(2025, 1, 7) < Period(2025, 1, 7)
    assert not Period(2025, 1, 7) > Period(2025, 1, 7)


def test_sort_key() -> None:
    assert ANNUAL_2025.sort_key() == (2025, 12, True, 1)
    assert JAN_JUL_2025.sort_key() == (2025, 7, False, 1)
    assert Period(2024, 3, 5).sort_key() == (2024, 5, False, 3)


@pytest.mark.parametrize("other", [2025, "tammi–heinäkuu 2025", None, (2025, 7, 1, False)])
def test_comparison_with_non_period(other: object) -> None:
    assert JAN_JUL_2025.__lt__(other) is NotImplemented
    assert JAN_JUL_2025.__le__(other) is NotImplemented
    assert JAN_JUL_2025.__gt__(other) is NotImplemented
    assert JAN_JUL_2025.__ge__(other) is NotImplemented
    assert operator.ne(JAN_JUL_2025, other)
    for compare in (operator.lt, operator.le, operator.gt, operator.ge):
        with pytest.raises(TypeError):
            compare(JAN_JUL_2025, other)  # type: ignore[arg-type]


def test_period_and_year_span_do_not_compare() -> None:
    span = YearSpan.single(2025)
    with pytest.raises(TypeError):
        operator.lt(JAN_JUL_2025, span)
    with pytest.raises(TypeError):
        operator.ge(span, JAN_JUL_2025)
    assert operator.ne(JAN_JUL_2025, span)


@hyp
@given(periods_st, periods_st)
def test_trichotomy(a: Period, b: Period) -> None:
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a < b) == (b > a)
    assert (a == b) == (a.sort_key() == b.sort_key())
    assert (a < b) == (a.sort_key() < b.sort_key())


@hyp
@given(periods_st, periods_st, periods_st)
def test_transitivity(a: Period, b: Period, c: Period) -> None:
    if a <= b and b <= c:
        assert a <= c
    if a < b and b < c:
        assert a < c


@hyp
@given(st.lists(periods_st, max_size=20))
def test_sorted_agrees_with_sort_key(items: list[Period]) -> None:
    by_order = sorted(items)
    by_key = sorted(items, key=Period.sort_key)
    assert by_order == by_key
    assert all(x <= y for x, y in itertools.pairwise(by_order))


@hyp
@given(st.integers(1900, 2199), periods_st)
def test_annual_sorts_after_full_year_and_before_next_year(year: int, other: Period) -> None:
    annual = Period(year, annual=True)
    assert Period(year, 1, 12) < annual
    assert Period(year + 1, 1, 1) > annual
    if other.year > year:
        assert annual < other
    if other.year < year:
        assert other < annual
    if other.year == year and not other.annual:
        assert other < annual


# --------------------------------------------------------------------------- YearSpan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (2025, YearSpan(2025, 2025)),
        ("2025", YearSpan(2025, 2025)),
        (" 2025 ", YearSpan(2025, 2025)),
        ("2025–2026", YearSpan(2025, 2026)),
        ("2025-2026", YearSpan(2025, 2026)),
        ("2025 – 2026", YearSpan(2025, 2026)),
        ("2025 - 2026", YearSpan(2025, 2026)),
        ("2025—2027", YearSpan(2025, 2027)),
        ("2025−2026", YearSpan(2025, 2026)),
        ("2025–2025", YearSpan(2025, 2025)),
    ],
)
def test_year_span_parse(text: str | int, expected: YearSpan) -> None:
    assert YearSpan.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not a year or span of years"),
        ("25", "not a year or span of years"),
        ("2025/2026", "not a year or span of years"),
        ("2025–26", "not a year or span of years"),
        ("2025–2026–2027", "not a year or span of years"),
        ("vuosi 2025", "not a year or span of years"),
        ("2026–2025", r"end \(2025\) must not be before start \(2026\)"),
        ("1899", "start must be between 1900 and 2200, got 1899"),
        ("2025–2201", "end must be between 1900 and 2200, got 2201"),
        (1899, "start must be between 1900 and 2200, got 1899"),
    ],
)
def test_year_span_parse_rejects(text: str | int, reason: str) -> None:
    pattern = f"^cannot parse year span {re.escape(repr(text))}: {reason}; accepted forms: "
    with pytest.raises(ValueError, match=pattern):
        YearSpan.parse(text)


@pytest.mark.parametrize("value", [True, 2025.0, None, [2025]])
def test_year_span_parse_rejects_other_types(value: object) -> None:
    with pytest.raises(TypeError, match=r"YearSpan\.parse\(\) expects a str or int"):
        YearSpan.parse(value)  # type: ignore[arg-type]


def test_year_span_constructor_validation() -> None:
    with pytest.raises(ValueError, match=r"end \(2025\) must not be before start \(2026\)"):
        YearSpan(2026, 2025)
    with pytest.raises(ValueError, match="start must be between 1900 and 2200"):
        YearSpan(1800, 2025)
    with pytest.raises(TypeError, match="end must be an int, not str"):
        YearSpan(2025, "2026")  # type: ignore[arg-type]


def test_year_span_single_render_str() -> None:
    assert YearSpan.single(2025) == YearSpan(2025, 2025)
    assert YearSpan.single(2025).render() == "2025"
    assert YearSpan(2025, 2026).render() == "2025\u20132026"
    assert str(YearSpan(2025, 2026)) == "2025–2026"
    assert str(YearSpan.single(2030)) == "2030"


def test_year_span_contains() -> None:
    span = YearSpan(2025, 2026)
    assert 2025 in span
    assert 2026 in span
    assert 2024 not in span
    assert 2027 not in span
    assert "2025" not in span
    assert 2025.0 not in span
    assert True not in span


def test_year_span_ordering_examples() -> None:
    spans = [YearSpan(2026, 2026), YearSpan(2025, 2026), YearSpan(2025, 2025)]
    assert sorted(spans) == [YearSpan(2025, 2025), YearSpan(2025, 2026), YearSpan(2026, 2026)]
    assert YearSpan(2025, 2025) < YearSpan(2025, 2026) <= YearSpan(2025, 2026)
    assert YearSpan(2026, 2026) > YearSpan(2025, 2030) >= YearSpan(2025, 2030)
    assert YearSpan.single(2025).__lt__(2025) is NotImplemented
    assert YearSpan.single(2025).__ge__(JAN_JUL_2025) is NotImplemented
    with pytest.raises(TypeError):
        operator.le(YearSpan.single(2025), 2025)


@hyp
@given(spans_st)
def test_year_span_round_trip(span: YearSpan) -> None:
    assert YearSpan.parse(span.render()) == span
    assert YearSpan.parse(str(span)) == span
    assert YearSpan.parse(span.render().replace("\u2013", " - ")) == span
    if span.start == span.end:
        assert YearSpan.parse(span.start) == span
        assert span.render() == str(span.start)


@hyp
@given(spans_st, st.integers(1800, 2300))
def test_year_span_containment(span: YearSpan, year: int) -> None:
    assert (year in span) == (span.start <= year <= span.end)
    assert span.start in span
    assert span.end in span
    assert span.start - 1 not in span
    assert span.end + 1 not in span


@hyp
@given(spans_st, spans_st, spans_st)
def test_year_span_order_laws(a: YearSpan, b: YearSpan, c: YearSpan) -> None:
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a < b) == ((a.start, a.end) < (b.start, b.end))
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (b <= a)
    if a <= b and b <= c:
        assert a <= c
    assert sorted([a, b, c]) == sorted([a, b, c], key=YearSpan.sort_key)
