"""Tests for strategiaseuranta.quantities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategiaseuranta.quantities import (
    Comparator,
    Direction,
    Quantity,
    looks_quantitative,
    parse_number,
    parse_quantity,
)

EQ, GE, GT, LE, LT, RANGE = (
    Comparator.EQ,
    Comparator.GE,
    Comparator.GT,
    Comparator.LE,
    Comparator.LT,
    Comparator.RANGE,
)
HIGHER, LOWER, UNKNOWN = Direction.HIGHER, Direction.LOWER, Direction.UNKNOWN
D = Decimal

# text -> (comparator, value, low, high, unit, baseline, baseline_year, direction)
Expected = tuple[
    Comparator, Decimal | None, Decimal | None, Decimal | None, str | None,
    Decimal | None, int | None, Direction,
]  # fmt: skip

UNICEF = " ".join(
    [
        "Unicef:n Lapsiystävällinen kunta –malliin tehdään uusi",
        "toimintasuunnitelma vuosille 2025–2026",
    ]
)
REPORT_EXAMPLES: dict[str, Expected | None] = {
    "vähintään 70 %": (GE, D(70), None, None, "%", None, None, HIGHER),
    "alle 5 %": (LT, D(5), None, None, "%", None, None, LOWER),
    "enintään 12 vrk": (LE, D(12), None, None, "vrk", None, None, LOWER),
    "70–100 %": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "10–15/ lukuvuosi": (RANGE, None, D(10), D(15), "/lukuvuosi", None, None, UNKNOWN),
    "1 200 kpl": (EQ, D(1200), None, None, "kpl", None, None, UNKNOWN),
    "1.200 kävijää": (EQ, D(1200), None, None, "kävijää", None, None, UNKNOWN),
    "3,5": (EQ, D("3.5"), None, None, None, None, None, UNKNOWN),
    "kyllä": None,
    "…": None,
    "yli 80 % (lähtötaso 65 % vuonna 2023)": (GT, D(80), None, None, "%", D(65), 2023, HIGHER),
    "Lähtötaso 2023: 4,2": (EQ, None, None, None, None, D("4.2"), 2023, UNKNOWN),
    "≥ 90 %": (GE, D(90), None, None, "%", None, None, HIGHER),
    "< 3": (LT, D(3), None, None, None, None, None, LOWER),
    "-2,5 %": (EQ, D("-2.5"), None, None, "%", None, None, UNKNOWN),
    "−2,5 %": (EQ, D("-2.5"), None, None, "%", None, None, UNKNOWN),
    "12 000 €": (EQ, D(12000), None, None, "€", None, None, UNKNOWN),
    "1 234 567,89 €": (EQ, D("1234567.89"), None, None, "€", None, None, UNKNOWN),
    "Asiakastyytyväisyys vähintään 4/5": (GE, D(4), None, None, "/5", None, None, HIGHER),
    "kasvaa": (GT, None, None, None, None, None, None, HIGHER),
    "laskee": (LT, None, None, None, None, None, None, LOWER),
    "Toimintasuunnitelma on tehty ja hyväksytty": None,
    UNICEF: None,
    "Unicef:n ... toimintasuunnitelma vuosille 2025–2026": None,
}

MORE_EXAMPLES: dict[str, Expected | None] = {
    # comparator words and symbols
    "Ainakin 3 tapahtumaa": (GE, D(3), None, None, "tapahtumaa", None, None, HIGHER),
    "korkeintaan 2 h": (LE, D(2), None, None, "h", None, None, LOWER),
    "max. 14 pv": (LE, D(14), None, None, "pv", None, None, LOWER),
    "maks. 14 vrk": (LE, D(14), None, None, "vrk", None, None, LOWER),
    "enemmän kuin 50 %": (GT, D(50), None, None, "%", None, None, HIGHER),
    "vähemmän kuin 10 kpl": (LT, D(10), None, None, "kpl", None, None, LOWER),
    ">= 4": (GE, D(4), None, None, None, None, None, HIGHER),
    "<= 4": (LE, D(4), None, None, None, None, None, LOWER),
    "> 4": (GT, D(4), None, None, None, None, None, HIGHER),
    "≤ 7 vrk": (LE, D(7), None, None, "vrk", None, None, LOWER),
    "5 % tai alle": (LE, D(5), None, None, "%", None, None, LOWER),
    "noin 50 %": (EQ, D(50), None, None, "%", None, None, UNKNOWN),
    # ranges
    "70-100 %": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "70 – 100 %": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "70—100 %": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "70...100 %": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "70 % – 100 %": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "välillä 70 ja 100 %": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "70 ja 100 %:n välillä": (RANGE, None, D(70), D(100), "%", None, None, UNKNOWN),
    "-5–-2 %": (RANGE, None, D(-5), D(-2), "%", None, None, UNKNOWN),
    "10 000–15 000 €": (RANGE, None, D(10000), D(15000), "€", None, None, UNKNOWN),
    "1950–2000 kävijää": (RANGE, None, D(1950), D(2000), "kävijää", None, None, UNKNOWN),
    # units
    "70%": (EQ, D(70), None, None, "%", None, None, UNKNOWN),
    "5 prosenttia": (EQ, D(5), None, None, "%", None, None, UNKNOWN),
    "3 %-yks.": (EQ, D(3), None, None, "%-yks.", None, None, UNKNOWN),
    "1,2 milj. €": (EQ, D("1.2"), None, None, "M€", None, None, UNKNOWN),
    "250 t€": (EQ, D(250), None, None, "t€", None, None, UNKNOWN),
    "120 €/as.": (EQ, D(120), None, None, "€/as.", None, None, UNKNOWN),
    "2000 kävijää": (EQ, D(2000), None, None, "kävijää", None, None, UNKNOWN),
    "12 Kävijää": (EQ, D(12), None, None, "kävijää", None, None, UNKNOWN),
    "vähintään 4 (asteikolla 1–5)": (GE, D(4), None, None, "/5", None, None, HIGHER),
    # baselines
    "vähintään 70 % (2023: 65 %)": (GE, D(70), None, None, "%", D(65), 2023, HIGHER),
    "vähintään 70 % (65 % vuonna 2023)": (GE, D(70), None, None, "%", D(65), 2023, HIGHER),
    "Lähtötaso 65 %, tavoite vähintään 80 %": (GE, D(80), None, None, "%", D(65), None, HIGHER),
    "alle 5 % (nykytaso 7,5 %)": (LT, D(5), None, None, "%", D("7.5"), None, LOWER),
    "80 % (lähtötaso 65 %)": (EQ, D(80), None, None, "%", D(65), None, HIGHER),
    "5 vrk (lähtötilanne 9 vrk v. 2022)": (EQ, D(5), None, None, "vrk", D(9), 2022, LOWER),
    "vähintään 70 (lähtötaso 65 %)": (GE, D(70), None, None, "%", D(65), None, HIGHER),
    "nousee 65 %:sta 80 %:iin": (EQ, D(80), None, None, "%", D(65), None, HIGHER),
    "65 % → 80 %": (EQ, D(80), None, None, "%", D(65), None, HIGHER),
    "kasvaa (lähtötaso 1 200 kävijää)": (GT, None, None, None, "kävijää", D(1200), None, HIGHER),
    "laskee 12 %:sta": (LT, None, None, None, "%", D(12), None, LOWER),
    # years, dates, list numbers and glued numbers are not the target
    "vuoteen 2030 mennessä alle 5 %": (LT, D(5), None, None, "%", None, None, LOWER),
    "vähintään 70 % (2025)": (GE, D(70), None, None, "%", None, None, HIGHER),
    "31.12.2025 mennessä 5 kpl": (EQ, D(5), None, None, "kpl", None, None, UNKNOWN),
    "1. Toimenpide: vähintään 3 kpl": (GE, D(3), None, None, "kpl", None, None, HIGHER),
    "2. asteen tutkinto vähintään 90 %": (GE, D(90), None, None, "%", None, None, HIGHER),
    "alle 18-vuotiaiden osuus vähintään 20 %": (GE, D(20), None, None, "%", None, None, HIGHER),
    "vähintään 70 % (n=120)": (GE, D(70), None, None, "%", None, None, HIGHER),
    "vähintään 2000": (GE, D(2000), None, None, None, None, None, HIGHER),
    "Kävijämäärä 2024: 1 950": (EQ, D(1950), None, None, None, None, None, UNKNOWN),
    # direction words next to a target
    "Asiakastyytyväisyys paranee, vähintään 4/5": (GE, D(4), None, None, "/5", None, None, HIGHER),
    "Jonotusaika lyhenee: 14 vrk": (EQ, D(14), None, None, "vrk", None, None, LOWER),
    "laskee alle 5 %:n": (LT, D(5), None, None, "%", None, None, LOWER),
    "vähenee, vähintään 3": (GE, D(3), None, None, None, None, None, UNKNOWN),
    # no quantity, or ambiguous: None rather than a guess
    "": None,
    "-": None,
    "...": None,
    "2025": None,
    "Strategia 2030": None,
    "Covid-19 -pandemian jälkeen": None,
    "70 % (65 %)": None,
    "vähintään 70 % ja 80 %": None,
    "2025: 70 %, 2030: 80 %": None,
    "kasvaa 5 %": None,
    "kasvaa vähintään 5 %": None,
    "5 %:lla": None,
    "kasvaa 3 %-yksiköllä": None,
    "1.234,56 €": None,
    "1.2.3": None,
    "100–70 %": None,
    "70 %–100 kpl": None,
    "yli 80 % (lähtötaso 1 200 kpl)": None,
    "kasvaa ja laskee": None,
    "ei kasva": None,
    "vähintään 70–100 %": None,
}


def _fields(q: Quantity) -> Expected:
    return (q.comparator, q.value, q.low, q.high, q.unit, q.baseline, q.baseline_year, q.direction)


@pytest.mark.parametrize(("text", "expected"), [*REPORT_EXAMPLES.items(), *MORE_EXAMPLES.items()])
def test_parse_quantity_examples(text: str, expected: Expected | None) -> None:
    q = parse_quantity(text)
    if expected is None:
        assert q is None
    else:
        assert q is not None
        assert _fields(q) == expected
        assert q.text == text


def test_decimal_values_keep_their_digits() -> None:
    q = parse_quantity("3,50 %")
    assert q is not None
    assert str(q.value) == "3.50"


# --------------------------------------------------------------------------
# parse_number
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", D(0)),
        ("42", D(42)),
        ("1,5", D("1.5")),
        ("0,05", D("0.05")),
        ("1.5", D("1.5")),
        ("3.14159", D("3.14159")),
        ("1.200", D(1200)),
        ("12.345.678", D(12345678)),
        ("0.500", D("0.5")),
        ("1234.567", D("1234.567")),
        ("1 200", D(1200)),
        ("1\u00a0200", D(1200)),
        ("1\u202f200", D(1200)),
        ("12 000", D(12000)),
        ("1 234 567,89", D("1234567.89")),
        ("1\u00a0234\u202f567,5", D("1234567.5")),
        ("-2,5", D("-2.5")),
        ("−2,5", D("-2.5")),
        ("+3", D(3)),
        ("-1 200", D(-1200)),
        ("  7,25 ", D("7.25")),
        ("2023", D(2023)),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "70 %",
        "1,",
        ",5",
        "1.234,56",
        "1,2,3",
        "1.2.3",
        "12 34",
        "1 2000",
        "0 500",
        "1 200 kpl",
        "- 5",
        "--5",
        "5-",
        "1–2",
        "٣",
        "1e5",
        "NaN",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_is_exact() -> None:
    assert parse_number("0,1") == D("0.1")
    assert parse_number("123 456 789 012 345 678 901 234 567 890,123") == D(
        "123456789012345678901234567890.123"
    )


# --------------------------------------------------------------------------
# satisfied_by
# --------------------------------------------------------------------------


def _q(text: str) -> Quantity:
    q = parse_quantity(text)
    assert q is not None
    return q


@pytest.mark.parametrize(
    ("target", "measured", "expected"),
    [
        ("vähintään 70 %", "72 %", True),
        ("vähintään 70 %", "70 %", True),
        ("vähintään 70 %", "69,9 %", False),
        ("yli 70 %", "70 %", False),
        ("yli 70 %", "70,1 %", True),
        ("enintään 12 vrk", "12 vrk", True),
        ("enintään 12 vrk", "13 vrk", False),
        ("alle 5 %", "5 %", False),
        ("alle 5 %", "4,99 %", True),
        ("70–100 %", "70 %", True),
        ("70–100 %", "100 %", True),
        ("70–100 %", "85 %", True),
        ("70–100 %", "69,99 %", False),
        ("70–100 %", "100,01 %", False),
        ("vähintään 70 %", "72 kpl", None),
        ("70–100 %", "85 kpl", None),
        ("vähintään 70 %", "72", True),
        ("vähintään 70", "72 %", True),
        ("vähintään 4/5", "4,2/5", True),
        ("1 200 kävijää", "1.200 kävijää", True),
        ("1 200 kävijää", "1 201 kävijää", False),
        ("80 % (lähtötaso 65 %)", "85 %", True),  # EQ, direction HIGHER: >= 80
        ("80 % (lähtötaso 65 %)", "80 %", True),
        ("80 % (lähtötaso 65 %)", "79 %", False),
        ("Jonotusaika lyhenee: 14 vrk", "10 vrk", True),  # EQ, direction LOWER: <= 14
        ("Jonotusaika lyhenee: 14 vrk", "14 vrk", True),
        ("Jonotusaika lyhenee: 14 vrk", "15 vrk", False),
        ("kasvaa (lähtötaso 65 %)", "66 %", True),
        ("kasvaa (lähtötaso 65 %)", "65 %", False),
        ("laskee 12 %:sta", "11 %", True),
        ("laskee 12 %:sta", "12 %", False),
        ("kasvaa", "66 %", None),
        ("Lähtötaso 2023: 4,2", "4,5", None),
        ("vähintään 70 %", "70–80 %", None),
        ("vähintään 70 %", "yli 80 %", None),
    ],
)
def test_satisfied_by(target: str, measured: str, expected: bool | None) -> None:
    assert _q(target).satisfied_by(_q(measured)) is expected


def test_satisfied_by_eq_without_direction_needs_equality() -> None:
    target = _q("3,5")
    assert target.direction is UNKNOWN
    assert target.satisfied_by(D("3.50")) is True
    assert target.satisfied_by(D("3.6")) is False
    assert target.satisfied_by(D("3.4")) is False


def test_satisfied_by_decimal() -> None:
    target = _q("enintään 12 vrk")
    assert target.satisfied_by(D(12)) is True
    assert target.satisfied_by(D("12.5")) is False
    assert target.satisfied_by(D("NaN")) is None
    assert target.satisfied_by(D("Infinity")) is None


def test_satisfied_by_unit_none_on_either_side() -> None:
    assert _q("vähintään 70").satisfied_by(_q("80 kpl")) is True
    assert _q("vähintään 70 %").satisfied_by(_q("60")) is False


# --------------------------------------------------------------------------
# __str__ and Quantity construction
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("vähintään 70 %", "≥ 70 %"),
        ("yli 80%", "> 80 %"),
        ("enintään 12 vrk", "≤ 12 vrk"),
        ("< 3", "< 3"),
        ("70-100 %", "70–100 %"),
        ("10–15/ lukuvuosi", "10–15/lukuvuosi"),
        ("1.200 kävijää", "1 200 kävijää"),
        ("1234567,89 €", "1 234 567,89 €"),
        ("−2,5 %", "-2,5 %"),
        ("Asiakastyytyväisyys vähintään 4/5", "≥ 4/5"),
        ("yli 80 % (lähtötaso 65 % vuonna 2023)", "> 80 % (lähtötaso 65 % vuonna 2023)"),
        ("Lähtötaso 2023: 4,2", "lähtötaso 4,2 vuonna 2023"),
        ("kasvaa", "kasvaa"),
        ("laskee 12 %:sta", "laskee (lähtötaso 12 %)"),
    ],
)
def test_str(text: str, rendered: str) -> None:
    assert str(_q(text)) == rendered


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"comparator": RANGE, "value": None, "low": D(1), "high": None}, "needs low and high"),
        ({"comparator": RANGE, "value": D(1), "low": D(1), "high": D(2)}, "needs low and high"),
        ({"comparator": RANGE, "value": None, "low": D(3), "high": D(2)}, "reversed"),
        ({"comparator": GE, "value": D(1), "low": D(1), "high": None}, "only for RANGE"),
        ({"comparator": EQ, "value": None, "low": None, "high": None}, "needs a value"),
        ({"comparator": EQ, "value": D("NaN"), "low": None, "high": None}, "finite"),
        ({"comparator": LT, "value": None, "low": None, "high": D("Infinity")}, "finite"),
        (
            {"comparator": EQ, "value": D(1), "low": None, "high": None, "baseline_year": 2023},
            "baseline_year needs a baseline",
        ),
    ],
)
def test_quantity_rejects_inconsistent_fields(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Quantity(text="x", unit=None, **kwargs)


def test_quantity_accepts_consistent_fields() -> None:
    trend = Quantity("kasvaa", GT, None, None, None, None, direction=HIGHER)
    assert trend.satisfied_by(D(1)) is None
    assert str(trend) == "kasvaa"
    only_baseline = Quantity("x", EQ, None, None, None, "%", D(5), 2020)
    assert str(only_baseline) == "lähtötaso 5 % vuonna 2020"
    point_range = Quantity("x", RANGE, None, D(2), D(2), None)
    assert point_range.satisfied_by(D(2)) is True
    assert point_range.satisfied_by(D("2.01")) is False


def test_quantity_is_frozen_and_hashable() -> None:
    q = _q("vähintään 70 %")
    assert q == _q("vähintään 70 %")
    assert hash(q) == hash(_q("vähintään 70 %"))
    with pytest.raises(AttributeError):
        q.value = D(1)  # type: ignore[misc]


# --------------------------------------------------------------------------
# looks_quantitative
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vähintään 70 %", True),
        ("3,5", True),
        ("kasvaa 5 %", True),
        ("70 % (65 %)", True),
        ("1.234,56 €", True),
        ("2000 kävijää", True),
        ("Lähtötaso 2023: 4,2", True),
        ("Toimintasuunnitelma vuosille 2025–2026", False),
        ("Unicef:n ... toimintasuunnitelma vuosille 2025–2026", False),
        ("Toteutuu vuonna 2025", False),
        ("v. 2024 loppuun mennessä", False),
        ("2025", False),
        ("Valmis 31.12.2025", False),
        ("Valmis 2025-06-30", False),
        ("1. Selvitys tehdään", False),
        ("2) Selvitys tehdään", False),
        ("Covid-19", False),
        ("alle 18-vuotiaat", False),
        ("CO2-päästöt vähenevät", False),
        ("kyllä", False),
        ("kasvaa", False),
        ("", False),
    ],
)
def test_looks_quantitative(text: str, expected: bool) -> None:
    assert looks_quantitative(text) is expected


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

SEPARATORS = st.sampled_from([None, " ", "\u00a0", "\u202f"])
MINUS = st.sampled_from(["-", "−"])
DECIMALS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**18), max_value=10**18),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.integers(min_value=-(10**30), max_value=10**30).map(Decimal),
)


def finnish(number: Decimal, separator: str | None, minus: str) -> str:
    """Format a Decimal the Finnish way: decimal comma, optional thousands grouping."""
    text = format(number, "f")
    negative = text.startswith("-")
    whole, _, fraction = text.removeprefix("-").partition(".")
    if separator is not None:
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = separator.join([whole, *groups])
    return (minus if negative else "") + whole + ("," + fraction if fraction else "")


def test_finnish_helper() -> None:
    assert finnish(D("-1234567.891"), " ", "−") == "−1 234 567,891"
    assert finnish(D(12), "\u00a0", "-") == "12"


@given(DECIMALS, SEPARATORS, MINUS)
def test_finnish_number_round_trip(number: Decimal, separator: str | None, minus: str) -> None:
    parsed = parse_number(finnish(number, separator, minus))
    assert parsed == number
    assert parsed is not None
    assert parsed.is_signed() == number.is_signed()


@given(st.integers(min_value=1000, max_value=10**15))
def test_dot_grouped_integers(number: int) -> None:
    assert parse_number(f"{number:,}".replace(",", ".")) == number


@given(DECIMALS, SEPARATORS, MINUS, st.sampled_from(["%", "kpl", "€", "vrk", "/5"]))
def test_number_with_unit_parses_as_quantity(
    number: Decimal, separator: str | None, minus: str, unit: str
) -> None:
    written = finnish(number, separator, minus)
    text = written + unit if unit.startswith("/") else f"{written} {unit}"
    q = parse_quantity(text)
    assert q is not None
    assert (q.comparator, q.value, q.unit) == (EQ, number, unit)


FRAGMENTS = [
    "vähintään", "alle", "yli", "enintään", "max.", "≥", "<", ">=", "=", "→", "->", "noin",
    "70", "1 200", "1.200", "3,5", "-2,5", "−", "–", "-", "...", "…", "/", "%", "%:sta", "%:iin",
    "%:lla", "€", "kpl", "vrk", "kävijää", "lukuvuosi", "(", ")", "[", ":", ";", ",", ".", "\n",
    "2023", "2025–2026", "vuonna", "vuosille", "v.", "mennessä", "lähtötaso", "nykytaso",
    "kasvaa", "laskee", "ei", "ja", "tai", "välillä", "asteikolla", "1–5", "31.12.2025",
    "1.", "2)", "n=", "klo", "18-vuotiaat", "Covid-19", "milj.", "t", "M", "4/5", "1.234,56",
    "0", "00", "9999999999999999999999",
]  # fmt: skip
FRAGMENT_TEXT = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(["", " ", "\u00a0"])), max_size=12
).map(lambda parts: "".join(f + s for f, s in parts))


def _check_parse(text: str) -> None:
    q = parse_quantity(text)
    if q is None:
        return
    assert isinstance(q, Quantity)
    assert q.text == text
    assert isinstance(str(q), str)
    numbers = (q.value, q.low, q.high, q.baseline)
    if any(n is not None for n in numbers):
        assert looks_quantitative(text)
    if q.comparator is RANGE:
        assert q.low is not None
        assert q.high is not None
        assert q.low <= q.high
        assert q.satisfied_by(q.low) is True


@given(st.text())
def test_parse_quantity_never_raises_on_any_text(text: str) -> None:
    _check_parse(text)
    assert isinstance(looks_quantitative(text), bool)


@given(FRAGMENT_TEXT)
def test_parse_quantity_never_raises_on_report_like_text(text: str) -> None:
    _check_parse(text)
    assert isinstance(looks_quantitative(text), bool)


UNITS = st.sampled_from(
    [None, "%", "kpl", "€", "vrk", "/lukuvuosi", "/5", "kävijää", "%-yks.", "M€", "t€", "km"]
)
SMALL = st.decimals(min_value=-5000, max_value=5000, places=2)


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    comparator = draw(st.sampled_from(list(Comparator)))
    unit = draw(UNITS)
    baseline = draw(st.none() | SMALL)
    year = draw(st.none() | st.integers(1900, 2100)) if baseline is not None else None
    value = low = high = None
    if comparator is RANGE:
        low, high = sorted((draw(SMALL), draw(SMALL)))
    elif comparator in {GT, LT} and baseline is not None and draw(st.booleans()):
        pass  # a trend, relative to the baseline
    elif comparator is EQ and baseline is not None and draw(st.booleans()):
        pass  # only a baseline
    else:
        value = draw(SMALL)
    if value is None and low is None and baseline is None:
        unit = None
    return Quantity("", comparator, value, low, high, unit, baseline, year)


@given(quantities())
def test_str_parses_back(q: Quantity) -> None:
    rendered = str(q)
    back = parse_quantity(rendered)
    assert back is not None, rendered
    assert back.text == rendered
    assert _fields(back)[:7] == _fields(q)[:7], rendered


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        ("minst 90 %", Comparator.GE, "90"),
        ("åtminstone 3", Comparator.GE, "3"),
        ("över 80 %", Comparator.GT, "80"),
        ("högst 5", Comparator.LE, "5"),
        ("under 30", Comparator.LT, "30"),
    ],
)
def test_swedish_comparators(text: str, comparator: Comparator, value: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.comparator is comparator
    assert quantity.value == Decimal(value)
    assert quantity.text == text
