"""The ``seinajoki`` PDF layout: Seinäjoki's annual accounts (*Toteutumisvertailu*).

The part "II Toteutumisvertailu" of Seinäjoki's *Tilinpäätös* holds, for every result
area (``Tulosalue 120 Tarkastustoimi``) of every service centre (``Palvelukeskus
KONSERNIPALVELUT``), ruled tables of this shape::

    | Strateginen valinta | <choice>      | Strateginen tavoite | <strategic goal> |
    | Talousarviotavoite                  | Tilannekuvaus ja riskiarvio            |
    | <budget goal>                       | <situation and risk assessment>        |
    | Mittari/mittarit    | Nykyarvo  | Tavoitearvo | Toteuma-arvo  | (dot) | status |
    | <metric>            | <current> | <target>    | <realised>    |  ●    | 1/2/3  |

Each block becomes a goal (its budget goal the title, its situation text the realisation,
one metric per metric row with the printed digit as its status, the custom field
``sivu`` the PDF page where the block starts) under service centre › result area ›
choice › strategic goal; an empty choice or strategic-goal cell leaves its level out.
The report is ``Organisation("Seinäjoki", "Seinäjoen kaupunki")`` (the accounts are the
city's as a whole; the document names no single body) in the round ``tilinpäätös
<year>``, the year read from the metadata, the first page or the pages read.

How the pages are read (all by position, never from the page's plain text, where the
columns are interleaved line by line):

* **Cells.** The table rulings (thin filled rectangles, drawn lines and the edges of
  stroked rectangles) give the row bands: between two consecutive horizontal rulings,
  the vertical rulings crossing the band's middle are the column boundaries. A word
  belongs to the cell its centre lies in. The coloured header fills are not rulings.
* **Rows.** A band is classified by its first cell, compared with the schema's labels
  (every spelling of ``Labels.spellings()``, letters only, case folded): the choice
  row (the levels' names), the ``Talousarviotavoite`` header (its neighbour is the
  situation column under whatever heading it has, e.g. "Merkittävimmät riskit"), the
  metric header (columns found by the labels of ``metric``, ``baseline``, ``target``
  and ``value``, else by position when there are exactly four) and content rows, which
  belong to the last header above them. Cells right of the value column hold the
  coloured dot and the status digit. One ruled metric row holding several metrics as
  paragraphs is split where a new paragraph of the metric column starts level with a
  new paragraph of a value column, or where a second status digit starts; a part
  without a digit of its own gets no status.
* **Pages.** A table continues on the next page when nothing but the running header
  stands between: a repeated header is skipped, a first row without a status and
  without a coloured dot continues the last metric row, text rows continue the goal
  or situation. A gap between tables, body text or a heading ends a table. A block the
  last chosen page leaves open is finished from the pages after it (at most
  :data:`TRAIL_PAGES`), so choosing a page gives the whole of every block starting there.
* **Headings.** A free line (outside every table) whose first word is a spelling of the
  first or second level's name (``Palvelukeskus``, ``Tulosalue``) and which has bold
  type sets the service centre or result area. When a block comes before any heading
  in the chosen pages, earlier pages are searched for the headings (at most
  :data:`LOOKBACK_PAGES`).
* **Running header and footer.** Free text in the top 8 % or bottom 7 % of the page
  (the page number, "Toteutumisvertailu") is ignored; words inside a table always count.
* **Text.** Lines are joined with one space and every run of whitespace (paragraph
  breaks too) becomes one space. A line-end hyphen is dropped when it only splits a
  word ("vaikutusmahdollisuu-" + "det"); it is kept, without a space, after a digit or
  an abbreviation ("EU-", "APIP-"), after one or two letters ("Eu-", "yo-"), before a
  capital or a digit ("Etelä-" + "Pohjanmaan"), between two equal vowels (Finnish
  spelling: "tilavuokra-asiakkaiden"), after a capitalised word the block's pages also
  print whole ("Seinäjoki-"), and when the block's pages spell the joined word with a
  hyphen inside a line ("toimintakate-kasvu"); before "ja", "tai", "sekä" it is a
  suspended hyphen and keeps its space ("sosiaali- ja"). A lone "-" at a line end joins
  the next word ("ja -" + "raportoinnin"), an en dash between digits joins them ("6–" +
  "12/2024"). Dashes, "…", "%", decimal commas and spaces inside numbers stay as
  printed; an empty cell is ``None``. Only the pages a block spans are evidence, so a
  block reads the same whichever pages are chosen.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence, Set
from itertools import pairwise
from typing import Any, Final

import attrs

from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.formats.pdf import MAX_CHARS_PER_PAGE, PdfInput
from strategiaseuranta.ids import IdSequence, normalise_text
from strategiaseuranta.issues import Issue
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Status
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.schema import Schema

__all__ = ["LOOKBACK_PAGES", "TRAIL_PAGES", "read"]

LOOKBACK_PAGES: Final = 40
"""How many pages before the chosen ones are searched for the headings of the first block."""

TRAIL_PAGES: Final = 3
"""How many pages after the chosen ones are read to finish a block the last chosen page leaves open."""

MUNICIPALITY: Final = "Seinäjoki"
BODY: Final = "Seinäjoen kaupunki"

_RULE: Final = 1.5
"""A rectangle thinner than this (pt) is a ruling."""
_SAME: Final = 1.0
"""Rulings closer than this (pt) are one."""
_MIN_BAND: Final = 3.0
_MIN_CELL: Final = 2.0
_TOP_MARGIN: Final = 0.08
_BOTTOM_MARGIN: Final = 0.07
_LINE_TOLERANCE: Final = 2.5
_PARAGRAPH_GAP: Final = 0.8
"""A gap between lines larger than this many line heights starts a paragraph."""
_HEADER_WORDS: Final = 6
"""A free line this short starting with the budget-goal label is a header row whose rulings are missing."""
_LEVEL: Final = 3.0
"""Lines whose tops differ by less than this (pt) are level with each other."""

_HYPHENS: Final = ("-", "\u2010", "\u00ad")
_CONJUNCTIONS: Final = frozenset({"ja", "tai", "sekä", "eli", "tahi", "ynnä", "och", "eller"})
_VOWELS: Final = frozenset("aeiouyäöå")
_YEAR = re.compile(r"tilinpäätös\s*(\d{4})\b", re.IGNORECASE)
_INNER_HYPHEN = re.compile(r"\w-\w")
_EDGE_PUNCT: Final = ".,;:!?()[]\"'”’«»"

_FIELDS: Final = ("name", "baseline", "target", "value")


# -- geometry --------------------------------------------------------------------------------


@attrs.frozen
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@attrs.frozen
class _Line:
    words: tuple[_Word, ...]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@attrs.frozen
class _Cell:
    x0: float
    x1: float
    lines: tuple[_Line, ...]

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@attrs.frozen
class _Band:
    """One row of a ruled table: the space between two horizontal rulings."""

    page: int
    top: float
    bottom: float
    cells: tuple[_Cell, ...]
    dot: bool
    """A coloured status dot stands in the row."""


@attrs.frozen
class _Heading:
    """A service-centre (level 0) or result-area (level 1) heading."""

    top: float
    level: int
    title: str


@attrs.frozen
class _Prose:
    """A free line of body text: it ends any table above it."""

    top: float


_Event = _Band | _Heading | _Prose


@attrs.frozen
class _Page:
    number: int
    events: tuple[_Event, ...]
    hyphenated: frozenset[str]
    """Words printed with a hyphen inside a line, case folded ("toimintakate-kasvu")."""
    names: frozenset[str]
    """Capitalised words printed whole ("Seinäjoki"): a line-end hyphen after one is kept."""
    text: str
    stray_title: bool
    """A budget-goal header stands on the page outside any ruled table."""


def _key(text: str) -> str:
    """Letters only, case folded: header spellings compare by this."""
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _line(text: str) -> _Line:
    """A line of words at no particular place (for examples)."""
    return _Line(tuple(_Word(word, 0, 0, 0, 0, bold=False) for word in text.split()))


def _cluster(values: Iterable[float], tolerance: float = _SAME) -> list[float]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _rulings(page: Any) -> tuple[list[float], list[tuple[float, float, float]]]:
    """The y of horizontal rulings, and vertical rulings as (x, top, bottom)."""
    horizontal: list[float] = []
    vertical: list[tuple[float, float, float]] = []

    def add(x0: float, top: float, x1: float, bottom: float) -> None:
        width, height = x1 - x0, bottom - top
        if height <= _RULE < width:
            horizontal.append((top + bottom) / 2)
        elif width <= _RULE < height:
            vertical.append(((x0 + x1) / 2, top, bottom))

    for rect in page.rects:
        x0, top, x1, bottom = (float(rect[k]) for k in ("x0", "top", "x1", "bottom"))
        if x1 - x0 <= _RULE or bottom - top <= _RULE:
            add(x0, top, x1, bottom)
        elif rect.get("stroke"):
            add(x0, top, x1, top)
            add(x0, bottom, x1, bottom)
            add(x0, top, x0, bottom)
            add(x1, top, x1, bottom)
    for line in page.lines:
        add(*(float(line[k]) for k in ("x0", "top", "x1", "bottom")))
    return horizontal, vertical


def _lines(words: Iterable[_Word]) -> tuple[_Line, ...]:
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        if rows and abs(word.cy - rows[-1][0].cy) <= _LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    return tuple(_Line(tuple(sorted(row, key=lambda w: w.x0))) for row in rows)


def _read_page(page: Any, labels: _Labels) -> _Page:
    """The rows of the ruled tables, the headings and the body text of one page, top down."""
    number = int(page.page_number)
    height = float(page.height)
    words = [
        _Word(
            str(w["text"]),
            float(w["x0"]),
            float(w["x1"]),
            float(w["top"]),
            float(w["bottom"]),
            "bold" in str(w.get("fontname", "")).lower(),
        )
        for w in page.extract_words(
            keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname", "size"]
        )
    ]
    horizontal, vertical = _rulings(page)
    boxes: list[tuple[float, float, list[tuple[float, float]]]] = []
    for top, bottom in pairwise(_cluster(horizontal)):
        if bottom - top < _MIN_BAND:
            continue
        middle = (top + bottom) / 2
        xs = _cluster(x for x, v_top, v_bottom in vertical if v_top <= middle <= v_bottom)
        spans = [(a, b) for a, b in pairwise(xs) if b - a >= _MIN_CELL]
        if spans:
            boxes.append((top, bottom, spans))
    tops = [box[0] for box in boxes]
    in_cells: list[list[list[_Word]]] = [[[] for _ in box[2]] for box in boxes]
    free: list[_Word] = []
    for word in words:
        i = bisect.bisect_right(tops, word.cy) - 1
        if i >= 0 and word.cy <= boxes[i][1]:
            j = next((j for j, (a, b) in enumerate(boxes[i][2]) if a <= word.cx <= b), None)
            if j is not None:
                in_cells[i][j].append(word)
                continue
        free.append(word)
    dots = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in page.curves]
    events: list[_Event] = []
    for (top, bottom, spans), cell_words in zip(boxes, in_cells, strict=True):
        cells = tuple(_Cell(a, b, _lines(ws)) for (a, b), ws in zip(spans, cell_words, strict=True))
        dot = any(top <= y <= bottom and spans[0][0] <= x <= spans[-1][1] for x, y in dots)
        events.append(_Band(number, top, bottom, cells, dot))
    stray_title = False
    for line in _lines(free):
        if line.bottom < height * _TOP_MARGIN or line.top > height * (1 - _BOTTOM_MARGIN):
            continue  # the running header (page number, "Toteutumisvertailu") or footer
        first = _key(line.words[0].text)
        level = next((i for i, keys in enumerate(labels.headings) if first in keys), None)
        if level is not None and len(line.words) > 1 and any(w.bold for w in line.words):
            title = " ".join(w.text for w in line.words[1:])
            events.append(_Heading(line.top, level, title))
            continue
        if first in labels.title and len(line.words) <= _HEADER_WORDS:
            stray_title = True  # "Talousarviotavoite  Tilannekuvaus ja riskiarvio" without rulings
        events.append(_Prose(line.top))
    events.sort(key=lambda e: e.top)
    hyphenated = frozenset(
        w.text.strip(_EDGE_PUNCT).casefold()
        for cell_words in in_cells
        for ws in cell_words
        for w in ws
        if _INNER_HYPHEN.search(w.text)
    )
    names = frozenset(
        core
        for cell_words in in_cells
        for ws in cell_words
        for w in ws
        if (core := w.text.strip(_EDGE_PUNCT)).isalpha() and core[0].isupper()
    )
    return _Page(number, tuple(events), hyphenated, names, " ".join(w.text for w in words), stray_title)


# -- labels ----------------------------------------------------------------------------------


def _keys(spellings: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (_key(s) for s in spellings) if k)


@attrs.frozen
class _Labels:
    headings: tuple[frozenset[str], frozenset[str]]
    choice: frozenset[str]
    strategic: frozenset[str]
    title: frozenset[str]
    columns: tuple[tuple[str, frozenset[str]], ...]
    names: tuple[str, ...]
    """The Finnish labels of the metric columns, for messages."""
    levels: tuple[str, str, str, str]

    @classmethod
    def of(cls, schema: Schema) -> _Labels:
        lv = schema.levels
        fields = ("metric", "baseline", "target", "value")

        def spellings(field: str) -> tuple[str, ...]:
            label = schema.labels.get(field)
            return label.spellings() if label else ()

        return cls(
            headings=(_keys(lv[0].name.spellings()), _keys(lv[1].name.spellings())),
            choice=_keys(lv[2].name.spellings()),
            strategic=_keys(lv[3].name.spellings()),
            title=_keys(spellings("title")),
            columns=tuple((name, _keys(spellings(f))) for name, f in zip(_FIELDS, fields, strict=True)),
            names=tuple((spellings(f) or (f,))[0] for f in fields),
            levels=(lv[0].key, lv[1].key, lv[2].key, lv[3].key),
        )


# -- drafts ----------------------------------------------------------------------------------


@attrs.define
class _Row:
    """One metric: the lines of each column, and the status text."""

    lines: dict[str, list[_Line]] = attrs.field(factory=lambda: {f: [] for f in _FIELDS})
    status: list[_Line] = attrs.field(factory=list)


@attrs.define
class _Choice:
    """A strategic-choice row, waiting for its budget goal."""

    page: int
    choice: list[_Line]
    strategic: list[_Line]
    spans: list[tuple[float, str]]
    """Cell centres and what they hold ("choice", "strategic" or "label")."""
    pages: set[int]


@attrs.define
class _Draft:
    """A Talousarviotavoite block as read so far."""

    page: int
    centre: str | None
    area: str | None
    choice: list[_Line]
    strategic: list[_Line]
    split: float
    """The x where the situation column begins."""
    pages: set[int]
    """The pages the block spans: its words are joined with their spelling evidence."""
    title: list[_Line] = attrs.field(factory=list)
    situation: list[_Line] = attrs.field(factory=list)
    rows: list[_Row] = attrs.field(factory=list)
    columns: list[tuple[float, float, str]] = attrs.field(factory=list)
    """The metric header's columns: x range and field."""


# -- the reader ------------------------------------------------------------------------------


class _Reader:
    """A state machine over the rows of the pages: idle › choice › text › metrics."""

    def __init__(self, source: PdfInput) -> None:
        self.source = source
        self.schema = source.schema
        self.labels = _Labels.of(source.schema)
        self.problems: list[Issue] = []
        self.drafts: list[_Draft] = []
        self.pages: dict[int, _Page] = {}
        self.state = "idle"  # idle | choice | text | metrics
        self.choice: _Choice | None = None
        self.draft: _Draft | None = None
        self.open = False  # the last table may continue
        self.bottom = -1.0  # where the last table row ended on this page
        self.fresh = True  # no body text, heading or table row above on this page yet
        self.context: list[str | None] = [None, None]  # service centre, result area
        self.centre_in_run = False  # a service-centre heading stands in the pages read so far
        self.looked_back = False
        self.run_start = 0
        self.last_page = -1

    # -- pages ---------------------------------------------------------------------------
    def page(self, number: int, pdf_page: Any = None, *, chosen: bool = False) -> _Page | None:
        """The page's rows and headings (read once); ``None`` when it cannot be read."""
        if number not in self.pages:
            try:
                page = pdf_page if pdf_page is not None else self.source.pdf.pages[number - 1]
                if len(page.chars) > MAX_CHARS_PER_PAGE:
                    return None
                self.pages[number] = _read_page(page, self.labels)
            except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds; all mean "cannot read"
                if chosen:
                    detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
                    message = f"cannot read the page ({detail or type(error).__name__})"
                    self.problems.append(self.source.problem("L110", message, number))
                return None
        return self.pages[number]

    def read(self) -> None:
        """Read the chosen pages, then finish a block the last of them leaves open."""
        for pdf_page in self.source.pages:
            number = int(pdf_page.page_number)
            if number != self.last_page + 1:  # a new run of pages: nothing carries over
                self.trail()
                self.reset()
                self.context, self.centre_in_run, self.looked_back = [None, None], False, False
                self.run_start = number
            self.last_page = number
            page = self.page(number, pdf_page, chosen=True)
            if page is None:
                self.reset()
                continue
            if page.stray_title:
                self.problems.append(
                    self.source.problem(
                        "L208",
                        "a 'Talousarviotavoite' header stands outside any ruled table; "
                        "the table's rulings were not found",
                        number,
                    )
                )
            self.fresh, self.bottom = True, -1.0
            for event in page.events:
                if isinstance(event, _Heading):
                    self.heading(event)
                elif isinstance(event, _Prose):
                    self.end_table()
                else:
                    self.band(event)
        self.trail()
        self.reset()

    def reset(self) -> None:
        """Keep the block read so far and forget the table."""
        self.commit()
        self.state, self.choice, self.open = "idle", None, False

    def trail(self) -> None:
        """Finish a block that the last page read leaves open, from the pages after it."""
        if self.last_page < 0:
            return
        total = len(self.source.pdf.pages)
        for number in range(self.last_page + 1, min(self.last_page + 1 + TRAIL_PAGES, total + 1)):
            if not self.open or self.state == "idle":
                return
            page = self.page(number)
            if page is None:
                return
            self.fresh, self.bottom = True, -1.0
            for event in page.events:
                if not isinstance(event, _Band):
                    return
                kind = self.kind(event)
                if kind == "choice" or (
                    kind == "goal" and self.state != "choice" and not self.repeat(kind, continues=True)
                ):
                    return  # the next block
                before = self.draft
                self.band(event)
                if before is not None and self.draft is not before:
                    return  # the block has ended

    # -- events --------------------------------------------------------------------------
    def heading(self, event: _Heading) -> None:
        self.end_table()
        self.context[event.level] = event.title
        if event.level == 0:
            self.context[1] = None
            self.centre_in_run = True

    def end_table(self) -> None:
        """Body text, a heading or a gap: the table above has ended."""
        if self.state == "metrics":
            self.commit()
        self.open = False
        self.fresh = False

    def kind(self, band: _Band) -> str:
        """``"choice"``, ``"goal"`` or ``"metrics"`` for the three header rows, else ``"content"``."""
        keys = [_key(cell.text) for cell in band.cells]
        if keys and keys[0] in self.labels.choice:
            return "choice"
        if len(keys) >= 2 and keys[0] in self.labels.title:
            return "goal"
        if len(keys) >= 2 and keys[0] in self.labels.columns[0][1]:
            return "metrics"
        return "content"

    def repeat(self, kind: str, *, continues: bool) -> bool:
        """Whether a header row repeats the one above it at the top of a new page."""
        return continues and self.fresh and (kind, self.state) in (("goal", "text"), ("metrics", "metrics"))

    def band(self, band: _Band) -> None:
        kind = self.kind(band)
        follows = abs(band.top - self.bottom) <= _MIN_BAND  # shares a ruling with the row above
        continues = self.open and (self.fresh or follows)
        repeat = self.repeat(kind, continues=continues)
        if kind == "choice":
            self.start_choice(band)
        elif kind == "goal":
            if not repeat:
                self.start_goal(band)
        elif kind == "metrics":
            if not repeat:
                self.start_metrics(band)
        elif self.state == "choice" and continues and self.choice is not None:
            self.choice.pages.add(band.page)  # the choice row runs over a page break
            for cell in band.cells:
                part = min(self.choice.spans, key=lambda span: abs(span[0] - cell.cx))[1]
                if part == "choice":
                    self.choice.choice.extend(cell.lines)
                elif part == "strategic":
                    self.choice.strategic.extend(cell.lines)
        elif self.state == "text" and continues and self.draft is not None:
            self.draft.pages.add(band.page)
            for cell in band.cells:
                (self.draft.title if cell.cx < self.draft.split else self.draft.situation).extend(cell.lines)
        elif self.state == "metrics" and continues and self.draft is not None:
            self.draft.pages.add(band.page)
            self.metric_rows(self.draft, band, first=self.fresh)
        else:  # a table of another kind (the financial tables), or a row that belongs nowhere
            self.commit()
            self.choice = None
            self.state = "idle"
        self.bottom = band.bottom
        self.open = True
        self.fresh = self.fresh and repeat

    def start_choice(self, band: _Band) -> None:
        self.commit()
        spans: list[tuple[float, str]] = []
        choice: list[_Line] = []
        strategic: list[_Line] = []
        part = "label"
        for cell in band.cells:
            key = _key(cell.text)
            if key in self.labels.choice or key in self.labels.strategic:
                part = "choice" if key in self.labels.choice else "strategic"
                spans.append((cell.cx, "label"))
                continue
            spans.append((cell.cx, part))
            if part != "label":
                (choice if part == "choice" else strategic).extend(cell.lines)
        self.choice = _Choice(band.page, choice, strategic, spans, {band.page})
        self.state = "choice"

    def start_goal(self, band: _Band) -> None:
        choice = self.choice if self.state == "choice" else None
        self.commit()
        self.choice = None
        centre, area = self.where(band.page)
        self.draft = _Draft(
            choice.page if choice else band.page,
            centre,
            area,
            choice.choice if choice else [],
            choice.strategic if choice else [],
            band.cells[1].x0,
            (choice.pages if choice else set()) | {band.page},
        )
        self.state = "text"

    def start_metrics(self, band: _Band) -> None:
        if self.state not in ("text", "metrics") or self.draft is None:
            self.commit()  # a metric table whose block began before the pages read
            self.state = "idle"
            return
        keys = [_key(cell.text) for cell in band.cells]
        names = [
            next((name for name, spellings in self.labels.columns if key in spellings), None) for key in keys
        ]
        if len(keys) == 4 and None in names and all(keys):
            names = list(_FIELDS)  # unknown spellings: the four columns in their usual order
        missing = [field for field in _FIELDS if field not in names]
        if missing:
            wanted = ", ".join(
                repr(label)
                for field, label in zip(_FIELDS, self.labels.names, strict=True)
                if field in missing
            )
            found = " | ".join(cell.text for cell in band.cells)
            self.problems.append(
                self.source.problem(
                    "L208", f"the metric table's header ({found}) has no column {wanted}", band.page
                )
            )
            self.draft = None
            self.state = "idle"
            return
        self.draft.columns = [
            (cell.x0, cell.x1, name) for cell, name in zip(band.cells, names, strict=True) if name
        ]
        self.state = "metrics"

    @staticmethod
    def metric_rows(draft: _Draft, band: _Band, *, first: bool) -> None:
        """Add the metrics of one ruled row (or continue the last one across a page break)."""
        fields: dict[str, list[_Line]] = {f: [] for f in _FIELDS}
        status: list[_Line] = []
        taken: set[str] = set()
        for cell in band.cells:
            name = next((n for a, b, n in draft.columns if a - _LEVEL <= cell.cx <= b + _LEVEL), None)
            if name is None and cell.cx < draft.columns[0][0]:
                name = "name"
            if name is None or name in taken:
                status.extend(cell.lines)  # the dot and status columns right of the value
                continue
            taken.add(name)
            fields[name].extend(cell.lines)
        if first and not status and not band.dot and draft.rows:
            last = draft.rows[-1]  # no status, no dot: the row began on the previous page
            for name in _FIELDS:
                last.lines[name].extend(fields[name])
            return
        for lines, row_status in _split_rows(fields, status):
            draft.rows.append(_Row(lines, row_status))

    # -- where a block belongs -----------------------------------------------------------
    def where(self, page: int) -> tuple[str | None, str | None]:
        """The service centre and result area of a block starting now."""
        centre, area = self.context
        if not self.looked_back and (centre is None or (area is None and not self.centre_in_run)):
            self.looked_back = True
            found_centre, found_area = self.look_back(self.run_start - 1, need_area=area is None)
            centre = centre or found_centre
            area = area or found_area
            self.context = [centre, area]
        missing = [self.schema.levels[i].name.fi for i, value in enumerate((centre, area)) if value is None]
        if missing:
            self.problems.append(
                self.source.problem(
                    "L208",
                    "no " + " or ".join(repr(m) for m in missing) + " heading above the "
                    f"'Talousarviotavoite' block (searched back {LOOKBACK_PAGES} pages)",
                    page,
                )
            )
        return centre, area

    def look_back(self, start: int, *, need_area: bool) -> tuple[str | None, str | None]:
        """The last service-centre heading before a page, and the last result-area heading after it."""
        area: str | None = None
        for number in range(start, max(0, start - LOOKBACK_PAGES), -1):
            page = self.page(number)
            for event in reversed(page.events if page else ()):
                if not isinstance(event, _Heading):
                    continue
                if event.level == 1 and area is None:
                    area = event.title
                if event.level == 0:
                    return event.title, area if need_area else None
        return None, area if need_area else None

    # -- output --------------------------------------------------------------------------
    def commit(self) -> None:
        if self.draft is not None:
            self.drafts.append(self.draft)
        self.draft = None
        if self.state in ("text", "metrics"):
            self.state = "idle"

    def report(self) -> Report:
        year = self.year()
        read_pages = [int(p.page_number) for p in self.source.pages]
        if not self.drafts and not self.problems:
            self.problems.append(
                self.source.problem(
                    "L208",
                    "no 'Talousarviotavoite' block (the seinajoki layout) on pages " + _ranges(read_pages),
                    read_pages[0] if len(read_pages) == 1 else None,
                )
            )
        if year is None:
            self.problems.append(
                self.source.problem(
                    "L208",
                    "no year found: neither the document's metadata nor its first page nor the pages "
                    "read say 'Tilinpäätös <year>'",
                )
            )
        texts = [self.vocabulary(draft.pages) for draft in self.drafts]
        for draft, words in zip(self.drafts, texts, strict=True):
            if _join(draft.title, *words) is None:
                self.problems.append(
                    self.source.problem("L208", "a 'Talousarviotavoite' cell is empty", draft.page)
                )
        if self.problems or year is None:
            raise LoadError(self.problems)
        tree = _Tree()
        for draft, words in zip(self.drafts, texts, strict=True):
            path = [
                (self.labels.levels[0], draft.centre),
                (self.labels.levels[1], draft.area),
                (self.labels.levels[2], _join(draft.choice, *words)),
                (self.labels.levels[3], _join(draft.strategic, *words)),
            ]
            tree.add([(level, title) for level, title in path if title], self.goal(draft, year, words))
        return Report(
            Organisation(MUNICIPALITY, BODY),
            Period.parse(f"tilinpäätös {year}"),
            tree.nodes(),
            schema=self.schema.name,
        )

    def vocabulary(self, pages: Iterable[int]) -> tuple[frozenset[str], frozenset[str]]:
        """The hyphenated words and the names printed on the pages a block spans."""
        found = [self.pages[n] for n in pages if n in self.pages]
        return (
            frozenset().union(*(p.hyphenated for p in found)),
            frozenset().union(*(p.names for p in found)),
        )

    def goal(self, draft: _Draft, year: int, words: tuple[frozenset[str], frozenset[str]]) -> Goal:
        title = _join(draft.title, *words)
        assert title is not None  # checked before
        metrics: list[Metric] = []
        ids = IdSequence()
        for row in draft.rows:
            name, baseline, target, value = (_join(row.lines[f], *words) for f in _FIELDS)
            status = _join(row.status, *words)
            if name is None and baseline is None and target is None and value is None and status is None:
                continue
            metric_id = ids.next(name or target or "mittari")
            forecast = self.schema.forecast(status) if status else None
            metrics.append(Metric(metric_id, name, target, baseline, value, forecast))
        return Goal(
            "tavoite",  # derived in the readers' order when the tree is built
            title,
            YearSpan.single(year),
            (),
            metrics,
            Status(_join(draft.situation, *words), None),
            attributes={"sivu": draft.page},
        )

    def year(self) -> int | None:
        """The year of the accounts: from the metadata, the first page, else the pages read."""
        metadata = getattr(self.source.pdf, "metadata", None) or {}
        texts = [str(v) for k, v in metadata.items() if k in ("Title", "Subject", "Keywords")]
        first = self.page(1)
        texts.extend([first.text] if first else [])
        texts.extend(self.pages[n].text for n in sorted(self.pages))
        for text in texts:
            match = _YEAR.search(text)
            if match:
                return int(match.group(1))
        return None


def _split_rows(
    fields: dict[str, list[_Line]], status: list[_Line]
) -> list[tuple[dict[str, list[_Line]], list[_Line]]]:
    """Split one ruled metric row holding several metrics (one per paragraph)."""
    cuts: list[float] = []
    for i, line in enumerate(fields["name"]):
        if i == 0 or not _paragraph(fields["name"], i):
            continue
        for other in ("baseline", "target", "value"):
            lines = fields[other]
            if any(
                abs(candidate.top - line.top) < _LEVEL and j > 0 and _paragraph(lines, j)
                for j, candidate in enumerate(lines)
            ):
                cuts.append(line.top - _LEVEL)
                break
    cuts.extend(line.top - _LEVEL for line in status[1:])
    if not cuts:
        return [(fields, status)]
    bounds = [-1.0, *sorted(set(cuts)), float("inf")]
    out: list[tuple[dict[str, list[_Line]], list[_Line]]] = []
    for low, high in pairwise(bounds):
        part = {f: [ln for ln in fields[f] if low <= ln.top < high] for f in _FIELDS}
        part_status = [ln for ln in status if low <= ln.top < high]
        if any(part.values()) or part_status:
            out.append((part, part_status))
    return out


def _paragraph(lines: Sequence[_Line], i: int) -> bool:
    """Whether ``lines[i]`` starts a new paragraph (a blank line's height above it)."""
    return lines[i].top - lines[i - 1].bottom > _PARAGRAPH_GAP * max(lines[i].height, 1.0)


# -- text ------------------------------------------------------------------------------------


def _join(
    lines: Sequence[_Line], hyphenated: Set[str] = frozenset(), names: Set[str] = frozenset()
) -> str | None:
    """The lines of a cell as one text (see the module's rules), or ``None`` when it is empty.

    Example:
        >>> _join([_line("Eu-"), _line("parlamenttivaalien ja vaikutusmahdollisuu-"), _line("det")])
        'Eu-parlamenttivaalien ja vaikutusmahdollisuudet'
    """
    text = ""
    for line in lines:
        part = line.text.strip()
        if not part:
            continue
        text = _glue(text, part, hyphenated, names) if text else part
    text = " ".join(text.split())
    return text or None


def _glue(before: str, after: str, hyphenated: Set[str], names: Set[str]) -> str:
    """Join two lines of a cell, undoing line-end hyphenation but keeping real hyphens.

    Example:
        >>> [_glue(a, b, {"toimintakate-kasvu"}, {"Seinäjoki"}) for a, b in [
        ...     ("vaikutusmahdollisuu-", "det"), ("sosiaali-", "ja terveys"), ("Etelä-", "Pohjanmaan"),
        ...     ("APIP-", "toiminta"), ("yo-", "tutkinto"), ("tilavuokra-", "asiakkaat"),
        ...     ("toimintakate-", "kasvu"), ("Seinäjoki-", "liikunta"), ("ja -", "raportoinnin"),
        ...     ("6–", "12/2024"), ("10–15/", "lukuvuosi")]]
        ... # doctest: +NORMALIZE_WHITESPACE
        ['vaikutusmahdollisuudet', 'sosiaali- ja terveys', 'Etelä-Pohjanmaan', 'APIP-toiminta',
         'yo-tutkinto', 'tilavuokra-asiakkaat', 'toimintakate-kasvu', 'Seinäjoki-liikunta',
         'ja -raportoinnin', '6–12/2024', '10–15/ lukuvuosi']
    """
    if before.endswith(_HYPHENS):
        stem = before[:-1].rsplit(" ", 1)[-1] if not before[:-1].endswith(" ") else ""
        head = after.split(" ", 1)[0]
        core = head.strip(_EDGE_PUNCT)
        if not stem:
            return before + after  # "ja -" + "raportoinnin": a prefix hyphen
        if core.casefold() in _CONJUNCTIONS:
            return f"{before} {after}"  # "sosiaali- ja terveys...": a suspended hyphen
        letters = [ch for ch in stem if ch.isalpha()]
        keep = (
            not stem[-1].isalpha()  # "2024-", "KL+T+TY-"
            or sum(ch.isupper() for ch in letters) >= 2  # "APIP-", "EU-", "PowerBI-"
            or len(letters) <= 2  # "Eu-", "yo-": too short to be a split word
            or stem.strip(_EDGE_PUNCT) in names  # "Seinäjoki-": a name printed whole elsewhere
            or not head[:1].islower()  # "Etelä-" + "Pohjanmaan", "Kv-" + "2024"
            or (stem[-1].casefold() in _VOWELS and stem[-1].casefold() == head[0].casefold())
            or f"{stem.strip(_EDGE_PUNCT)}-{core}".casefold() in hyphenated
        )
        return before + after if keep else before[:-1] + after
    if before.endswith("–") and before[-2:-1].isdigit() and after[:1].isdigit():
        return before + after  # "6–" + "12/2024": a range
    return f"{before} {after}"


def _ranges(pages: Sequence[int]) -> str:
    parts: list[str] = []
    start = prev = pages[0]
    for number in [*pages[1:], -1]:
        if number == prev + 1:
            prev = number
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = number
    return ", ".join(parts)


# -- the hierarchy ---------------------------------------------------------------------------


@attrs.define
class _NodeDraft:
    level: str
    title: str
    goals: list[Goal] = attrs.field(factory=list)
    children: dict[str, _NodeDraft] = attrs.field(factory=dict)


@attrs.define
class _Tree:
    top: dict[str, _NodeDraft] = attrs.field(factory=dict)

    def add(self, path: Sequence[tuple[str, str]], goal: Goal) -> None:
        level = self.top
        node: _NodeDraft | None = None
        for key, title in path:
            node = level.setdefault(f"{key}\0{normalise_text(title)}", _NodeDraft(key, title))
            level = node.children
        assert node is not None
        node.goals.append(goal)

    def nodes(self) -> list[Node]:
        """Frozen nodes with ids derived in the order the YAML and JSON readers derive them."""
        node_ids, goal_ids = IdSequence(), IdSequence()

        def build(draft: _NodeDraft) -> Node:
            node_id = node_ids.next(f"{draft.level} {draft.title}")
            goals = [attrs.evolve(goal, id=goal_ids.next(goal.title)) for goal in draft.goals]
            children = [build(child) for child in draft.children.values()]
            return Node(node_id, draft.level, draft.title, None, goals, children)

        return [build(draft) for draft in self.top.values()]


# -- entry point -----------------------------------------------------------------------------


def read(source: PdfInput) -> Report:
    """Read the budget goals of Seinäjoki's annual accounts (*Toteutumisvertailu*).

    Every ``Talousarviotavoite`` block on the chosen pages becomes a goal under its
    service centre › result area › strategic choice › strategic goal (an empty choice or
    strategic goal cell leaves that level out), with the situation text as its
    realisation, one metric per row of its metric table (status 1/2/3 per metric) and the
    custom field ``sivu``: the PDF page where the block starts. Pages without such blocks
    (the financial tables, the rest of the book) add nothing.

    Args:
        source: The open PDF, the chosen pages and the schema (``seinajoki``).

    Returns:
        The report of the round ``tilinpäätös <year>``, the year read from the document.

    Raises:
        LoadError: L208 when no block is found on the pages, when a block cannot be read
            (a header without its columns, no heading above it, an empty budget goal
            cell), or when the document names no year; L110 when a page cannot be read.

    Example:
        From the repository root, with the corpus beside the checkout::

            import strategiaseuranta as ss

            report = ss.load("../shared/corpus/seinajoki-tilinpaatos-2024.pdf", schema="seinajoki",
                             pages="79-127")
            len(report.goals)  # 96
    """
    if len(source.schema.levels) < 4:
        raise LoadError(
            [
                source.problem(
                    "L208",
                    f"the seinajoki layout needs a schema with four levels (service centre, result "
                    f"area, strategic choice, strategic goal); {source.schema.name!r} has "
                    f"{len(source.schema.levels)}",
                )
            ]
        )
    reader = _Reader(source)
    reader.read()
    return reader.report()
