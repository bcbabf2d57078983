"""Quantities parsed out of Finnish "mittari ja tavoitetaso" texts.

Municipal strategy-monitoring reports state targets and measured values as
free text: ``"vähintään 70 %"``, ``"70–100 %"``, ``"enintään 12 vrk"``,
``"yli 80 % (lähtötaso 65 % vuonna 2023)"``.  The library always keeps that
text verbatim; this module *additionally* reads a :class:`Quantity` out of it
when it can do so without guessing.

The parser works on a token stream (numbers, dates, words, symbols) and uses
these heuristics:

* Numbers are written the Finnish way: decimal comma, thousands grouped with
  spaces (also NBSP and narrow NBSP) or with dots when every group after a dot
  has exactly three digits and there is no comma.  A single dot followed by
  anything else is a decimal point.  Signs are ``-``, ``+`` and ``−`` (U+2212).
* Years (1900–2100 next to words such as *vuonna*, *vuosille*, *v.*, before
  *mennessä* or a colon, in year ranges, or standing without unit or
  comparator), dates, list numbers (``"1. "``, ``"2) "``), ordinals
  (``"2. asteen"``) and numbers glued into words (``"18-vuotiaat"``,
  ``"Covid-19"``, ``"CO2"``) are not quantities.
* A baseline is the number after *lähtötaso*, *lähtötilanne*, *nykytaso*,
  *nykytila* (and similar words), a parenthesised ``"(2023: 65 %)"``, the
  number in an elative ``"65 %:sta"`` (from 65 %), or the number before an
  arrow ``"65 % → 80 %"``.  Its year is taken when given.
* Exactly one other number (or one range) is the target.  Two unrelated
  numbers, a malformed number, a change amount (``"kasvaa 5 %"``,
  ``"5 %:lla"``: level or change cannot be told apart) or units that disagree
  make the text ambiguous, and the parser returns ``None`` instead of guessing.
* Words such as *kasvaa* or *laskee* without a target number give a *trend*:
  comparator ``>``/``<`` relative to the baseline, ``value`` ``None``.  A text
  with only a baseline gives comparator ``=`` with ``value`` ``None``.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
from decimal import Decimal
from typing import Final

import attrs

from strategiaseuranta._lazy import lazy_compile

__all__ = [
    "Comparator",
    "Direction",
    "Quantity",
    "looks_quantitative",
    "parse_number",
    "parse_quantity",
]


class Comparator(enum.Enum):
    """How a target relates to its number; the value is the symbol.

    Examples:
        >>> Comparator.GE.value
        '≥'
        >>> Comparator("<") is Comparator.LT
        True
    """

    EQ = "="
    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    RANGE = "–"


class Direction(enum.Enum):
    """Which way is better for a metric.

    Examples:
        >>> parse_quantity("enintään 12 vrk").direction
        <Direction.LOWER: 'lower'>
        >>> Direction("higher") is Direction.HIGHER
        True
    """

    HIGHER = "higher"
    LOWER = "lower"
    UNKNOWN = "unknown"


_HIGHER_COMPARATORS: Final = frozenset({Comparator.GE, Comparator.GT})
_LOWER_COMPARATORS: Final = frozenset({Comparator.LE, Comparator.LT})


@attrs.frozen
class Quantity:
    """A quantity read out of a target or measured-value text.

    ``value`` holds the single number; it is ``None`` for a range (see ``low``
    and ``high``, both inclusive), for a trend such as ``"kasvaa"`` (comparator
    ``>`` or ``<`` relative to ``baseline``) and for a text that gives only a
    baseline (comparator ``=``).  ``unit`` is shared by the target and the
    baseline.  Inconsistent field combinations raise :class:`ValueError`.

    Attributes:
        text: The input text, verbatim.
        comparator: How the target relates to ``value`` (or to ``low``/``high``).
        value: The single number, or ``None`` (see above).
        low: Lower bound of a range, inclusive; ``None`` unless ``RANGE``.
        high: Upper bound of a range, inclusive; ``None`` unless ``RANGE``.
        unit: Normalised unit such as ``"%"``, ``"kpl"``, ``"€"``,
            ``"/lukuvuosi"`` or ``"/5"``; ``None`` when the text gives none.
        baseline: The baseline (lähtötaso) number, if the text states one.
        baseline_year: The year of the baseline, if stated.
        direction: Which way is better, when the text tells.

    Examples:
        >>> q = parse_quantity("yli 80 % (lähtötaso 65 % vuonna 2023)")
        >>> q.comparator, q.value, q.unit, q.baseline, q.baseline_year
        (<Comparator.GT: '>'>, Decimal('80'), '%', Decimal('65'), 2023)
        >>> str(Quantity("1 200 kpl", Comparator.EQ, Decimal(1200), None, None, "kpl"))
        '1 200 kpl'
    """

    text: str
    comparator: Comparator
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str | None
    baseline: Decimal | None = None
    baseline_year: int | None = None
    direction: Direction = Direction.UNKNOWN

    def __attrs_post_init__(self) -> None:
        for number in (self.value, self.low, self.high, self.baseline):
            if number is not None and not number.is_finite():
                msg = f"numbers must be finite, got {number!r}"
                raise ValueError(msg)
        if self.comparator is Comparator.RANGE:
            if self.low is None or self.high is None or self.value is not None:
                msg = "a RANGE needs low and high and no value"
                raise ValueError(msg)
            if self.low > self.high:
                msg = f"range bounds are reversed: {self.low} > {self.high}"
                raise ValueError(msg)
        elif self.low is not None or self.high is not None:
            msg = "low and high are only for RANGE"
            raise ValueError(msg)
        elif self.value is None and self.comparator is Comparator.EQ and self.baseline is None:
            msg = "an EQ quantity needs a value or a baseline"
            raise ValueError(msg)
        if self.baseline_year is not None and self.baseline is None:
            msg = "baseline_year needs a baseline"
            raise ValueError(msg)

    def satisfied_by(self, measured: Quantity | Decimal) -> bool | None:
        """Tell whether a measured value meets this target.

        ``EQ`` means ``>= value`` when the direction is ``HIGHER``, ``<= value``
        when it is ``LOWER`` and ``== value`` otherwise.  A trend (``value``
        ``None``) is compared with the baseline.

        Args:
            measured: The measured value, as a number or as a parsed
                :class:`Quantity` with comparator ``EQ`` and a value.

        Returns:
            ``True`` or ``False`` when the two are comparable (units equal, or
            either unit ``None``), ``None`` when they are not, or when this
            target has no number to compare with.

        Examples:
            >>> target = parse_quantity("vähintään 70 %")
            >>> target.satisfied_by(parse_quantity("72,5 %"))
            True
            >>> target.satisfied_by(Decimal("69.9"))
            False
            >>> target.satisfied_by(parse_quantity("72 kpl")) is None
            True
        """
        if isinstance(measured, Quantity):
            if measured.comparator is not Comparator.EQ or measured.value is None:
                return None
            if self.unit is not None and measured.unit is not None and self.unit != measured.unit:
                return None
            number = measured.value
        else:
            number = measured
        if not number.is_finite():
            return None
        if self.comparator is Comparator.RANGE:
            assert self.low is not None
            assert self.high is not None
            return self.low <= number <= self.high
        target = self.value
        if target is None:
            if self.comparator is Comparator.EQ or self.baseline is None:
                return None
            target = self.baseline
        if self.comparator is Comparator.GE:
            return number >= target
        if self.comparator is Comparator.GT:
            return number > target
        if self.comparator is Comparator.LE:
            return number <= target
        if self.comparator is Comparator.LT:
            return number < target
        if self.direction is Direction.HIGHER:
            return number >= target
        if self.direction is Direction.LOWER:
            return number <= target
        return number == target

    def __str__(self) -> str:
        """Render the quantity in a normalised Finnish form.

        Numbers use a decimal comma and space-grouped thousands; the rendering
        parses back to the same comparator, numbers and unit.

        Returns:
            The normalised text, e.g. ``"≥ 70 %"`` or ``"70–100 %"``.

        Examples:
            >>> str(parse_quantity("vähintään 70%"))
            '≥ 70 %'
            >>> str(parse_quantity("70-100 %"))
            '70–100 %'
            >>> str(parse_quantity("Kasvaa (nykytaso 2023: 1.200 kävijää)"))
            'kasvaa (lähtötaso 1 200 kävijää vuonna 2023)'
        """
        if self.comparator is Comparator.RANGE:
            assert self.low is not None
            assert self.high is not None
            core = _with_unit(f"{_format_number(self.low)}–{_format_number(self.high)}", self.unit)
        elif self.value is not None:
            core = _with_unit(_format_number(self.value), self.unit)
            if self.comparator is not Comparator.EQ:
                core = f"{self.comparator.value} {core}"
        elif self.comparator in _HIGHER_COMPARATORS:
            core = "kasvaa"
        elif self.comparator in _LOWER_COMPARATORS:
            core = "laskee"
        else:
            core = ""
        if self.baseline is None:
            return core
        base = f"lähtötaso {_with_unit(_format_number(self.baseline), self.unit)}"
        if self.baseline_year is not None:
            base = f"{base} vuonna {self.baseline_year}"
        return f"{core} ({base})" if core else base


def _format_number(number: Decimal) -> str:
    text = format(number, "f")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _, fraction = text.partition(".")
    if len(whole) > 3:
        head = len(whole) % 3 or 3
        groups = [whole[:head]] + [whole[k : k + 3] for k in range(head, len(whole), 3)]
        whole = " ".join(groups)
    return sign + whole + ("," + fraction if fraction else "")


def _with_unit(number: str, unit: str | None) -> str:
    if unit is None:
        return number
    if unit.startswith("/"):
        return number + unit
    return f"{number} {unit}"


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------

_SPACES: Final = " \u00a0\u202f\u2009"
_SPACE_GROUPED: Final = r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:,[0-9]+)?"
_DOT_GROUPED: Final = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
_PLAIN: Final = r"[0-9]+(?:[.,][0-9]+)?"
_NUMBER_BODY: Final = f"(?:{_SPACE_GROUPED}|{_DOT_GROUPED}|{_PLAIN})"

_NUMBER_RE: Final = lazy_compile(rf"\s*(?P<sign>[-−+]?)(?P<body>{_NUMBER_BODY})\s*")
_DOT_GROUPED_RE: Final = lazy_compile(_DOT_GROUPED)
_MINUS_SIGNS: Final = frozenset({"-", "−"})


def _body_to_decimal(body: str) -> Decimal:
    for space in _SPACES:
        body = body.replace(space, "")
    if "," in body:
        body = body.replace(",", ".")
    elif _DOT_GROUPED_RE.fullmatch(body):
        body = body.replace(".", "")
    return Decimal(body)


def parse_number(text: str) -> Decimal | None:
    """Read one number written in Finnish notation.

    Accepts a decimal comma, thousands grouped with spaces (also NBSP and
    narrow NBSP) or with dots (``"1.200"``: every group after a dot has three
    digits and there is no comma), and a sign ``-``, ``+`` or ``−`` (U+2212).
    A single dot followed by anything other than three digits is a decimal
    point.  Surrounding whitespace is ignored.

    Args:
        text: The text to read.

    Returns:
        The number, exactly, or ``None`` if the text is not exactly one number.

    Examples:
        >>> parse_number("1 234 567,89")
        Decimal('1234567.89')
        >>> parse_number("1.200"), parse_number("1.5"), parse_number("−2,5")
        (Decimal('1200'), Decimal('1.5'), Decimal('-2.5'))
        >>> parse_number("70 %") is None
        True
    """
    match = _NUMBER_RE.fullmatch(text)
    if match is None:
        return None
    number = _body_to_decimal(match["body"])
    return number.copy_negate() if match["sign"] in _MINUS_SIGNS else number


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------

_DAY: Final = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH: Final = r"(?:0?[1-9]|1[0-2])"
_YEAR4: Final = r"(?:19|20)[0-9]{2}"
_DATE: Final = (
    f"{_YEAR4}-{_MONTH}-{_DAY}(?![0-9])"
    rf"|{_DAY}\.{_MONTH}\.(?:{_YEAR4}|[0-9]{{2}})?(?![0-9])"
    f"|{_MONTH}[./]{_YEAR4}(?![0-9])"
    f"|{_YEAR4}/(?:{_YEAR4}|[0-9]{{2}})(?![0-9])"
)

_TOKEN_RE: Final = lazy_compile(
    "|".join(
        (
            r"(?P<nl>[\n\r\u2028\u2029])",
            r"(?P<ws>[^\S\n\r\u2028\u2029]+)",
            f"(?P<date>{_DATE})",
            rf"(?P<num>{_NUMBER_BODY}(?![0-9]|[.,][0-9]))",
            r"(?P<bad>[0-9]+(?:[.,][0-9]+)*)",
            r"(?P<unit>%-?yks[^\W\d_]*\.?|[%‰€$£])",
            r"(?P<case>:[^\W\d_]+)",
            r"(?P<arrow>→|->|⇒)",
            r"(?P<cmp>>=|<=|=<|[≥≤≧≦<>=])",
            r"(?P<dash>\.\.\.|[…\-–—‒−])",
            r"(?P<word>[^\W\d_]\w*(?:-\w+|[:'’][^\W\d_]+)*)",
            r"(?P<open>[(\[{])",
            r"(?P<close>[)\]}])",
            r"(?P<punct>.)",
        )
    )
)


@dataclasses.dataclass(slots=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int
    value: Decimal = Decimal(0)
    # "" (a candidate), "year", "list", "ignored", "compound" or "used".
    role: str = ""

    @property
    def lower(self) -> str:
        return self.text.lower()


# Abbreviations that take their trailing dot along ("v.", "max.", "kpl.").
_ABBREVIATIONS: Final = frozenset(
    {
        "v", "vv", "max", "maks", "min", "väh", "enint", "kpl", "milj", "mrd", "as", "n",
        "ca", "esim", "ns", "mm", "klo", "pv", "vrk", "vko", "krt", "hlö", "tp", "ta", "kk",
        "pros", "s", "t", "h", "yks", "lk", "os", "vk",
    }
)  # fmt: skip
_SIGN_BLOCKERS: Final = frozenset({"num", "bad", "unit", "case", "close", "date"})
_RANGE_DASHES: Final = frozenset({"-", "–", "—", "‒", "...", "…"})


def _tokenize(text: str) -> list[_Tok]:
    raw: list[_Tok] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        if kind == "ws":
            continue
        tok = _Tok(kind, match.group(), match.start(), match.end())
        if kind == "num":
            tok.value = _body_to_decimal(tok.text)
        raw.append(tok)
    toks: list[_Tok] = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if (
            nxt is not None
            and tok.kind == "word"
            and nxt.text == "."
            and nxt.start == tok.end
            and tok.lower in _ABBREVIATIONS
        ):
            tok.text += "."
            tok.end = nxt.end
            toks.append(tok)
            i += 2
            continue
        if (
            nxt is not None
            and nxt.kind == "num"
            and nxt.start == tok.end
            and tok.text in {"-", "−", "+"}
            and (not toks or toks[-1].kind not in _SIGN_BLOCKERS)
        ):
            nxt.text = tok.text + nxt.text
            nxt.start = tok.start
            if tok.text != "+":
                nxt.value = nxt.value.copy_negate()
            i += 1
            continue
        toks.append(tok)
        i += 1
    return toks


def _get(toks: list[_Tok], index: int) -> _Tok | None:
    return toks[index] if 0 <= index < len(toks) else None


def _is(tok: _Tok | None, kind: str, texts: frozenset[str] | None = None) -> bool:
    return tok is not None and tok.kind == kind and (texts is None or tok.lower in texts)


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

_CMP_SYMBOLS: Final = {
    ">=": Comparator.GE, "≥": Comparator.GE, "≧": Comparator.GE, ">": Comparator.GT,
    "<=": Comparator.LE, "=<": Comparator.LE, "≤": Comparator.LE, "≦": Comparator.LE,
    "<": Comparator.LT, "=": Comparator.EQ,
}  # fmt: skip
_CMP_WORDS: Final = {
    "vähintään": Comparator.GE, "väh.": Comparator.GE, "ainakin": Comparator.GE,
    "min.": Comparator.GE, "min": Comparator.GE, "minimi": Comparator.GE,
    "yli": Comparator.GT,
    "enintään": Comparator.LE, "enint.": Comparator.LE, "korkeintaan": Comparator.LE,
    "max": Comparator.LE, "max.": Comparator.LE, "maks.": Comparator.LE,
    "maks": Comparator.LE, "maksimi": Comparator.LE,
    "alle": Comparator.LT,
    # Swedish-language reports
    "minst": Comparator.GE, "åtminstone": Comparator.GE, "över": Comparator.GT,
    "högst": Comparator.LE, "maximalt": Comparator.LE, "under": Comparator.LT,
}  # fmt: skip
_GT_BEFORE_KUIN: Final = frozenset({"enemmän", "suurempi", "korkeampi", "parempi", "yli"})
_LT_BEFORE_KUIN: Final = frozenset({"vähemmän", "pienempi", "matalampi", "alempi", "alle"})
_POSTFIX_GE: Final = frozenset({"enemmän", "yli", "suurempi", "korkeampi", "parempi"})
_POSTFIX_LE: Final = frozenset({"vähemmän", "alle", "pienempi", "matalampi", "lyhyempi"})
_APPROX: Final = frozenset(
    {
        "noin",
        "n.",
        "n",
        "ca",
        "ca.",
        "arviolta",
        "likimain",
        "suunnilleen",
        "tavoite",
        "tavoitteena",
    }
)
_TARGET_MARKERS: Final = frozenset(
    {"tavoite", "tavoitteena", "tavoitetaso", "tavoitearvo", "tavoitteet", "tavoitetila"}
)
_BASELINE_RE: Final = lazy_compile(
    r"(?:lähtö(?:taso|tila|arvo)|nyky(?:taso|tila|arvo)|perustaso|vertailu(?:taso|arvo)"
    r"|baseline)\w*"
)
_SCALE_RE: Final = lazy_compile(r"(?:asteiko|asteikk|skaala)\w*")
_VALI: Final = frozenset({"välillä", "välille", "väliin", "välissä"})
_LEVEL_AFTER: Final = frozenset({"tasolle", "tasoon", "tasolla", "asti", "saakka"})
_IGNORE_NEXT: Final = frozenset(
    {"klo", "klo.", "kello", "liite", "liitteen", "liitteessä", "kohta", "kohdan", "kohdassa",
     "§", "pykälä", "pykälän", "sivu", "sivulla", "s.", "nro", "n:o"}
)  # fmt: skip
_YEAR_BEFORE: Final = frozenset(
    {"vuonna", "vuosi", "vuoden", "vuodesta", "vuoteen", "vuodelle", "vuodelta", "vuosina",
     "vuosille", "vuosien", "vuosiksi", "vuosilta", "vuosista", "vuosiin", "vuodet", "v", "v.",
     "vv", "vv.", "year", "years", "år", "året", "åren", "tp", "tp.", "ta", "ta.", "tae",
     "kausi", "kaudella", "kaudelle", "lukuvuosi", "lukuvuonna", "lukuvuodelle", "talvi",
     "talvella", "kevät", "keväällä", "kevään", "syksy", "syksyllä", "syksyn", "kesä", "kesällä",
     "kesän"}
)  # fmt: skip
_YEAR_BEFORE_RE: Final = lazy_compile(
    r"(?:tilinpäätö|talousarvi|budjet|strategia|(?:tammi|helmi|maalis|huhti|touko|kesä|heinä"
    r"|elo|syys|loka|marras|joulu)kuu)\w*"
)
_YEAR_AFTER: Final = frozenset(
    {"mennessä", "asti", "saakka", "alkaen", "lähtien", "aikana", "loppuun", "lopussa",
     "lopulla", "lopulle", "alussa", "alkuun", "alusta", "jälkeen", "aikaan", "tasolla",
     "tasolle", "tasoon", "tasosta", "tason", "verrattuna", "tilanne", "tilanteessa",
     "tilanteeseen", "tilanteesta"}
)  # fmt: skip
_HIGHER_RE: Final = lazy_compile(
    r"kasva(?:a|vat|nut|neet|maan)?|kasvu|kasvat(?:taa|tavat|etaan)"
    r"|nous(?:ee|evat|i|sut|seet|u)|nost(?:aa|avat|etaan)"
    r"|lisäänty(?:y|vät|nyt|neet)|lisäänny|parane(?:e|vat)|parani|paranna"
    r"|parantu(?:u|vat|nut|neet)|parann(?:etaan)|suurene(?:e|vat)|vahvistu(?:u|vat|nut)"
)
_LOWER_RE: Final = lazy_compile(
    r"lask(?:ee|evat|i|enut|eneet|e)|vähene(?:e|vät)|väheni|vähentyy|vähentyvät|vähenny"
    r"|vähen(?:tää|tävät|netään)|pienene(?:e|vät)|pieneni|pienen(?:tää|netään)"
    r"|lyhene(?:e|vät)|lyheni|lyhentyy|lyhen(?:tää|netään)|alene(?:e|vat)|aleni"
    r"|supistu(?:u|vat)|puolittu(?:u|vat)"
)
_NEGATIONS: Final = frozenset({"ei", "eivät", "en", "emme", "ette", "et", "älä", "eikä"})

_UNIT_MAP: Final = {
    "%": "%", "pros.": "%", "‰": "‰", "promillea": "‰", "€": "€", "eur": "€", "euroa": "€",
    "$": "$", "£": "£", "kpl": "kpl", "kpl.": "kpl", "kappaletta": "kpl", "vrk": "vrk",
    "vrk.": "vrk", "vuorokautta": "vrk", "pv": "pv", "pv.": "pv", "pvä": "pv", "päivää": "pv",
    "h": "h", "h.": "h", "tuntia": "h", "min": "min", "min.": "min", "minuuttia": "min",
    "kk": "kk", "kk.": "kk", "kuukautta": "kk", "vko": "vko", "vko.": "vko", "vk": "vko",
    "vk.": "vko", "viikkoa": "vko", "v": "v", "v.": "v", "vuotta": "v", "hlö": "hlö",
    "hlö.": "hlö", "hlöä": "hlö", "henkilöä": "hlö", "henkeä": "hlö", "krt": "krt",
    "krt.": "krt", "kertaa": "krt", "milj.": "milj.", "mrd.": "mrd.", "s": "s", "s.": "s",
    "t": "t", "t.": "t", "km": "km", "m": "m", "m2": "m²", "m²": "m²", "m3": "m³", "m³": "m³",
    "ha": "ha", "kg": "kg", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "tco2": "tCO2",
    "tco2e": "tCO2e", "op": "op", "as.": "as.", "lk": "lk", "lk.": "lk",
}  # fmt: skip
_THOUSANDS: Final = frozenset({"t", "t.", "k", "tuhatta", "teur"})
_MILLIONS: Final = frozenset({"m", "milj", "milj.", "miljoonaa", "meur"})
_EUROS: Final = frozenset({"€", "eur", "euroa"})
_NOT_UNITS: Final = frozenset(
    {"ja", "tai", "sekä", "eli", "kuin", "joka", "jota", "mikä", "mitä", "kautta", "avulla",
     "verran", "osalta", "kohdalla", "vuonna", "vuosina", "mennessä", "aikana", "kuluessa",
     "sisällä", "yhteensä", "ennalta", "luokkaa", "tasoa", "kasvaa", "vähintään", "tavoite",
     "tavoitteena", "vuosittain", "ollessa", "mukaisesti", "verrattuna"}
)  # fmt: skip
_NOT_UNIT_ENDINGS: Final = ("ssa", "ssä", "lla", "llä", "lta", "ltä")
_CHANGE_ENDINGS: Final = ("lla", "llä")
_ELATIVE_CASES: Final = frozenset({":sta", ":stä"})
_NON_LEVEL_CASES: Final = frozenset({":sta", ":stä", ":lla", ":llä", ":lta", ":ltä"})


def _is_direction_word(word: str) -> bool:
    return bool(_HIGHER_RE.fullmatch(word) or _LOWER_RE.fullmatch(word))


def _is_unit_word(tok: _Tok) -> bool:
    word = tok.lower
    if word in _UNIT_MAP:
        return True
    if (
        word in _NOT_UNITS
        or word in _CMP_WORDS
        or word in _YEAR_AFTER
        or word in _VALI
        or _BASELINE_RE.fullmatch(word)
        or _is_direction_word(word)
    ):
        return False
    return len(word) >= 3 and word[-1] in "aä" and not word.endswith(_NOT_UNIT_ENDINGS)


def _unit_at(toks: list[_Tok], j: int) -> tuple[str | None, int, bool]:
    """Read a unit starting at ``toks[j]``: (unit, index after it, is a change amount)."""
    unit: str | None = None
    change = False
    tok = _get(toks, j)
    if tok is not None and tok.kind == "unit":
        if tok.text.startswith("%") and len(tok.text) > 1:  # %-yks., %-yksikköä
            unit = "%-yks."
            change = tok.lower.endswith(_CHANGE_ENDINGS)
        else:
            unit = tok.text
        j += 1
    elif tok is not None and tok.kind == "word":
        word = tok.lower
        nxt = _get(toks, j + 1)
        euro_next = nxt is not None and nxt.lower in _EUROS
        if word in _THOUSANDS and euro_next:
            unit, j = "t€", j + 2
        elif word in _MILLIONS and euro_next:
            unit, j = "M€", j + 2
        elif word.startswith(("prosenttiyksik", "prosenttiyksikö")):
            unit, j = "%-yks.", j + 1
            change = word.endswith(_CHANGE_ENDINGS)
        elif word.startswith("prosent"):
            unit, j = "%", j + 1
            change = word.endswith(_CHANGE_ENDINGS)
        elif word in _UNIT_MAP:
            unit, j = _UNIT_MAP[word], j + 1
        elif _is_unit_word(tok):
            capitalised = tok.text[:1].isupper() and tok.text[1:].islower()
            unit, j = (word if capitalised else tok.text), j + 1
    slash = _get(toks, j)
    per = _get(toks, j + 1)
    if (
        slash is not None
        and slash.text == "/"
        and per is not None
        and (per.kind == "word" or (per.kind == "num" and per.role == "" and per.text.isdigit()))
    ):
        unit = f"{unit or ''}/{per.text}"
        j += 2
    return unit, j, change


def _unit_follows(toks: list[_Tok], j: int) -> bool:
    return _unit_at(toks, j)[1] != j


def _skip_approx_back(toks: list[_Tok], k: int) -> int:
    while _is(_get(toks, k), "word", _APPROX):
        k -= 1
    return k


def _comparator_before(toks: list[_Tok], i: int) -> tuple[Comparator | None, int]:
    """Find a comparator right before ``toks[i]``: (comparator, index before it)."""
    k = _skip_approx_back(toks, i - 1)
    tok = _get(toks, k)
    if tok is None:
        return None, k
    if tok.kind == "cmp" and tok.text in _CMP_SYMBOLS:
        return _CMP_SYMBOLS[tok.text], _skip_approx_back(toks, k - 1)
    if tok.kind == "word":
        if tok.lower in _CMP_WORDS:
            return _CMP_WORDS[tok.lower], _skip_approx_back(toks, k - 1)
        if tok.lower == "kuin":
            before = _get(toks, k - 1)
            if _is(before, "word", _GT_BEFORE_KUIN):
                return Comparator.GT, _skip_approx_back(toks, k - 2)
            if _is(before, "word", _LT_BEFORE_KUIN):
                return Comparator.LT, _skip_approx_back(toks, k - 2)
    return None, k


# --------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------


def _is_plain_year(tok: _Tok | None) -> bool:
    return (
        tok is not None
        and tok.kind == "num"
        and tok.role == ""
        and tok.text.isdigit()
        and len(tok.text) == 4
        and 1900 <= int(tok.text) <= 2100
    )


def _year_word_before(toks: list[_Tok], i: int) -> bool:
    tok = _get(toks, i - 1)
    return (
        tok is not None
        and tok.kind == "word"
        and (tok.lower in _YEAR_BEFORE or bool(_YEAR_BEFORE_RE.match(tok.lower)))
    )


def _mark_years(toks: list[_Tok]) -> None:
    decided: set[int] = set()
    for i, tok in enumerate(toks):
        if not _is_plain_year(tok) or i in decided:
            continue
        dash = _get(toks, i + 1)
        second = _get(toks, i + 2)
        if (
            dash is not None
            and dash.text in _RANGE_DASHES
            and second is not None
            and second.kind == "num"
            and second.role == ""
            and (_is_plain_year(second) or (second.text.isdigit() and len(second.text) == 2))
        ):
            decided.update((i, i + 2))
            if _year_word_before(toks, i) or (
                not _unit_follows(toks, i + 3) and _comparator_before(toks, i)[0] is None
            ):
                tok.role = second.role = "year"
    for i, tok in enumerate(toks):
        if not _is_plain_year(tok) or i in decided:
            continue
        nxt = _get(toks, i + 1)
        if (
            _year_word_before(toks, i)
            or _is(nxt, "case")
            or (nxt is not None and nxt.text == ":")
            or _is(nxt, "word", _YEAR_AFTER)
        ):
            tok.role = "year"
        elif nxt is not None and nxt.text in _RANGE_DASHES and _is(_get(toks, i + 2), "num"):
            continue  # the start of a range of other numbers
        elif _comparator_before(toks, i)[0] is None and not _unit_follows(toks, i + 1):
            tok.role = "year"


def _mark_roles(toks: list[_Tok]) -> None:
    """Mark list numbers, ordinals, ignored numbers, glued numbers and years."""
    for i, tok in enumerate(toks):
        if tok.kind not in {"num", "bad"}:
            continue
        prev = _get(toks, i - 1)
        nxt = _get(toks, i + 1)
        after = _get(toks, i + 2)
        adjacent = nxt is not None and nxt.start == tok.end
        if adjacent and nxt is not None and nxt.text == "-" and _is(after, "word"):
            assert after is not None
            if after.start == nxt.end:
                tok.role = "compound"  # 18-vuotiaat, 2020-luvulla
                continue
        if tok.kind == "num" and tok.text.isdigit() and adjacent and nxt is not None:
            line_start = prev is None or prev.kind == "nl"
            if line_start and nxt.text in {".", ")"} and after is not None:
                tok.role = "list"
                continue
            lowercase_next = _is(after, "word") and after is not None and after.text[0].islower()
            if nxt.text == "." and lowercase_next:
                tok.role = "list"  # an ordinal: "2. asteen"
                continue
        if prev is not None and (
            prev.lower in _IGNORE_NEXT
            or (prev.text == "=" and _is(_get(toks, i - 2), "word", frozenset({"n"})))
        ):
            tok.role = "ignored"
            if nxt is not None and nxt.text in _RANGE_DASHES and _is(after, "num"):
                assert after is not None
                after.role = "ignored"
    _mark_years(toks)


def _analyse(text: str) -> list[_Tok]:
    toks = _tokenize(text)
    _mark_roles(toks)
    return toks


@dataclasses.dataclass(slots=True)
class _Expr:
    first: int
    last: int
    value: Decimal
    high: Decimal | None
    unit: str | None
    comparator: Comparator | None
    units_conflict: bool
    change: bool
    elative: bool


def _expr_at(toks: list[_Tok], i: int) -> _Expr:
    """Read the number (or range) starting at ``toks[i]`` with its unit and comparator."""
    start = toks[i]
    value = start.value
    unit, j, change = _unit_at(toks, i + 1)
    high: Decimal | None = None
    units_conflict = False
    sep = _get(toks, j)
    second = _get(toks, j + 1)
    if sep is not None and second is not None and second.kind == "num" and second.role == "":
        before = _get(toks, i - 1)
        joined = sep.kind == "word" and sep.lower == "ja"
        if sep.text in _RANGE_DASHES or joined:
            unit2, k, change2 = _unit_at(toks, j + 2)
            if _is(_get(toks, k), "case"):
                k += 1
            vali_after = _is(_get(toks, k), "word", _VALI)
            if not joined or vali_after or _is(before, "word", _VALI):
                high = second.value
                if unit is not None and unit2 is not None and unit != unit2:
                    units_conflict = True
                unit = unit2 or unit
                change = change or change2
                j = k + 1 if vali_after else k
    case = _get(toks, j)
    case_text = ""
    if case is not None and case.kind == "case":
        case_text = case.lower
        j += 1
    comparator: Comparator | None = None
    tai = _get(toks, j)
    postfix = _get(toks, j + 1)
    if _is(tai, "word", frozenset({"tai"})) and postfix is not None:
        if postfix.lower in _POSTFIX_GE:
            comparator, j = Comparator.GE, j + 2
        elif postfix.lower in _POSTFIX_LE:
            comparator, j = Comparator.LE, j + 2
    before_cmp, k = _comparator_before(toks, i)
    if comparator is None:
        comparator = before_cmp
    elif before_cmp is not None:
        units_conflict = True  # two comparators: not a reading we trust
    verb = _get(toks, k)
    verb_adjacent = verb is not None and verb.kind == "word" and _is_direction_word(verb.lower)
    level = (case_text != "" and case_text not in _NON_LEVEL_CASES) or _is(
        _get(toks, j), "word", _LEVEL_AFTER
    )
    elative = case_text in _ELATIVE_CASES
    by_amount = case_text in {":lla", ":llä"}
    change = change or by_amount or (verb_adjacent and not (level or elative))
    return _Expr(
        first=i,
        last=j - 1,
        value=value,
        high=high,
        unit=unit,
        comparator=comparator,
        units_conflict=units_conflict,
        change=change,
        elative=elative,
    )


def _use(toks: list[_Tok], expr: _Expr) -> None:
    for tok in toks[expr.first : expr.last + 1]:
        if tok.kind == "num":
            tok.role = "used"


@dataclasses.dataclass(slots=True)
class _Baseline:
    expr: _Expr
    year: int | None


def _year_of(tok: _Tok | None) -> int | None:
    if tok is not None and tok.kind == "num" and tok.role == "year" and len(tok.text) == 4:
        return int(tok.text)
    return None


def _trailing_year(toks: list[_Tok], j: int) -> int | None:
    """Find a year right after a baseline number: "65 % vuonna 2023", "65 % (2023)"."""
    for k in range(j, min(j + 4, len(toks))):
        tok = toks[k]
        year = _year_of(tok)
        if year is not None:
            return year
        if not (tok.kind == "open" or tok.text in {":", ","} or _is(tok, "word", _YEAR_BEFORE)):
            return None
    return None


def _marker_baselines(toks: list[_Tok]) -> list[_Baseline]:
    found: list[_Baseline] = []
    for m, marker in enumerate(toks):
        if marker.kind != "word" or not _BASELINE_RE.fullmatch(marker.lower):
            continue
        year: int | None = None
        depth = 0
        for k in range(m + 1, len(toks)):
            tok = toks[k]
            if tok.kind == "num":
                if tok.role == "year":
                    year = year or _year_of(tok)
                elif tok.role == "":
                    expr = _expr_at(toks, k)
                    _use(toks, expr)
                    found.append(_Baseline(expr, year or _trailing_year(toks, expr.last + 1)))
                    break
                continue
            if tok.kind == "open":
                depth += 1
            elif tok.kind == "close":
                if depth == 0:
                    break
                depth -= 1
            elif (
                tok.kind in {"nl", "cmp", "arrow", "bad"}
                or tok.text in {";", ".", ","}
                or (
                    tok.kind == "word"
                    and (
                        tok.lower in _CMP_WORDS
                        or tok.lower in _TARGET_MARKERS
                        or _BASELINE_RE.fullmatch(tok.lower)
                    )
                )
            ):
                break
    return found


def _parenthesised_baselines(toks: list[_Tok]) -> list[_Baseline]:
    """Find "(2023: 65 %)" and "(65 % vuonna 2023)" groups."""
    found: list[_Baseline] = []
    parens = [k for k, tok in enumerate(toks) if tok.kind in {"open", "close"}]
    for o, close in itertools.pairwise(parens):
        if toks[o].kind != "open" or toks[close].kind != "close":
            continue
        nums = [k for k in range(o + 1, close) if toks[k].kind == "num"]
        years = [k for k in nums if toks[k].role == "year"]
        candidates = [k for k in nums if toks[k].role == ""]
        if not years or len(candidates) != 1:
            continue
        expr = _expr_at(toks, candidates[0])
        if expr.first < o or expr.last >= close:
            continue
        inside = set(range(expr.first, expr.last + 1)) | set(years)
        if all(
            k in inside or toks[k].text in {":", "=", ","} or _is(toks[k], "word", _YEAR_BEFORE)
            for k in range(o + 1, close)
        ):
            _use(toks, expr)
            found.append(_Baseline(expr, _year_of(toks[years[0]])))
    return found


def _scale_unit(toks: list[_Tok]) -> str | None:
    """Consume "asteikolla 1–5" and return its unit ("/5")."""
    for s, tok in enumerate(toks):
        if tok.kind != "word" or not _SCALE_RE.fullmatch(tok.lower):
            continue
        k = s + 1
        if _get(toks, k) is not None and toks[k].text == ":":
            k += 1
        low, dash, high = _get(toks, k), _get(toks, k + 1), _get(toks, k + 2)
        if (
            _is(low, "num")
            and dash is not None
            and dash.text in _RANGE_DASHES
            and _is(high, "num")
            and low is not None
            and high is not None
            and high.text.isdigit()
        ):
            low.role = high.role = "used"
            return f"/{high.text}"
    return None


def _word_direction(toks: list[_Tok]) -> Direction | None:
    """Direction from verbs such as "kasvaa" and "laskee"; UNKNOWN when they disagree."""
    found: set[Direction] = set()
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        if _HIGHER_RE.fullmatch(tok.lower):
            found.add(Direction.HIGHER)
        elif _LOWER_RE.fullmatch(tok.lower):
            found.add(Direction.LOWER)
        else:
            continue
        if _is(_get(toks, i - 1), "word", _NEGATIONS):
            found.add(Direction.UNKNOWN)
    if not found:
        return None
    return found.pop() if len(found) == 1 else Direction.UNKNOWN


def _direction_of(comparator: Comparator) -> Direction | None:
    if comparator in _HIGHER_COMPARATORS:
        return Direction.HIGHER
    if comparator in _LOWER_COMPARATORS:
        return Direction.LOWER
    return None


def parse_quantity(text: str) -> Quantity | None:
    """Read a quantity out of a target or measured-value text.

    The text is kept verbatim in :attr:`Quantity.text`.  See the module
    documentation for the heuristics; in short: one target number or range,
    optionally with a comparator, a unit and a baseline.

    Args:
        text: A "mittari ja tavoitetaso" text or a reported value.

    Returns:
        The quantity, or ``None`` when the text holds no quantity (qualitative
        text, only years or dates) or is ambiguous (two unrelated numbers, a
        change amount, a malformed number, disagreeing units).

    Examples:
        >>> q = parse_quantity("vähintään 70 %")
        >>> q.comparator, q.value, q.unit, q.direction
        (<Comparator.GE: '≥'>, Decimal('70'), '%', <Direction.HIGHER: 'higher'>)
        >>> q = parse_quantity("10–15/ lukuvuosi")
        >>> q.comparator, q.low, q.high, q.unit
        (<Comparator.RANGE: '–'>, Decimal('10'), Decimal('15'), '/lukuvuosi')
        >>> parse_quantity("Toimintasuunnitelma vuosille 2025–2026") is None
        True
    """
    toks = _analyse(text)
    scale = _scale_unit(toks)
    baselines = _marker_baselines(toks)
    baselines += _parenthesised_baselines(toks)
    targets: list[_Expr] = []
    for i, tok in enumerate(toks):
        if tok.kind == "bad" and tok.role == "":
            return None
        if tok.kind != "num" or tok.role != "":
            continue
        expr = _expr_at(toks, i)
        _use(toks, expr)
        arrow = _get(toks, expr.last + 1)
        if expr.elative or (
            arrow is not None and arrow.kind == "arrow" and _is(_get(toks, expr.last + 2), "num")
        ):
            baselines.append(_Baseline(expr, None))
        else:
            targets.append(expr)
    if len(targets) > 1 or len(baselines) > 1:
        return None
    exprs = targets + [b.expr for b in baselines]
    if any(e.change or e.units_conflict for e in exprs):
        return None
    baseline = baselines[0] if baselines else None
    if baseline is not None and (baseline.expr.high is not None or baseline.expr.comparator):
        return None
    units = {e.unit for e in exprs} | {scale}
    units.discard(None)
    if len(units) > 1:
        return None
    unit = units.pop() if units else None
    words = _word_direction(toks)
    base_value = baseline.expr.value if baseline is not None else None
    base_year = baseline.year if baseline is not None else None
    if not targets:
        if words is None or words is Direction.UNKNOWN:
            if baseline is None:
                return None
            comparator, direction = Comparator.EQ, Direction.UNKNOWN
        else:
            higher = words is Direction.HIGHER
            comparator = Comparator.GT if higher else Comparator.LT
            direction = words
        return Quantity(text, comparator, None, None, None, unit, base_value, base_year, direction)
    target = targets[0]
    value: Decimal | None = target.value
    low: Decimal | None = None
    high: Decimal | None = None
    if target.high is not None:
        if target.comparator is not None or target.value > target.high:
            return None
        comparator = Comparator.RANGE
        value, low, high = None, target.value, target.high
    else:
        comparator = target.comparator or Comparator.EQ
    found = {d for d in (_direction_of(comparator), words) if d is not None}
    if len(found) == 1:
        direction = found.pop()
    elif found:
        direction = Direction.UNKNOWN
    else:
        direction = _direction_from_baseline(value, low, high, base_value)
    return Quantity(text, comparator, value, low, high, unit, base_value, base_year, direction)


def _direction_from_baseline(
    value: Decimal | None, low: Decimal | None, high: Decimal | None, baseline: Decimal | None
) -> Direction:
    if baseline is None:
        return Direction.UNKNOWN
    lowest = value if value is not None else low
    highest = value if value is not None else high
    if lowest is not None and lowest > baseline:
        return Direction.HIGHER
    if highest is not None and highest < baseline:
        return Direction.LOWER
    return Direction.UNKNOWN


def looks_quantitative(text: str) -> bool:
    """Tell whether a text contains a number that is more than a year or a date.

    Years (1900–2100 next to words such as *vuonna*, *vuosille*, *v.*, or
    standing alone), dates, list numbers, ordinals and numbers glued into words
    (``"18-vuotiaat"``, ``"CO2"``) do not count.  Use it to warn when
    :func:`parse_quantity` returns ``None`` for a text that seems to hold a
    target.

    Args:
        text: The text to inspect.

    Returns:
        ``True`` when the text contains such a number.

    Examples:
        >>> looks_quantitative("Toimintasuunnitelma vuosille 2025–2026")
        False
        >>> looks_quantitative("kasvaa 5 % ja 10 kpl")
        True
    """
    return any(tok.kind in {"num", "bad"} and tok.role == "" for tok in _analyse(text))
