"""The standalone HTML report and the Markdown memo (formats/html.py, formats/markdown.py)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from markdown_it import MarkdownIt

import strategiaseuranta as ss
from strategiaseuranta.cli import main
from strategiaseuranta.formats.html import _overview, render_html
from strategiaseuranta.formats.markdown import render_markdown
from strategiaseuranta.testing import reports

JOENSUU = "examples/joensuu/2025-07.yaml"
ACCOUNTS = "examples/joensuu/2025-12.yaml"
SCHEMAS = ["joensuu", "kunta", "kommun", "seinajoki"]

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "section", "h1", "h2", "h3", "h4",
    "h5", "h6", "p", "dl", "dt", "dd", "div", "span", "strong", "table", "colgroup", "col", "thead",
    "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRS = {"lang", "charset", "name", "content", "class", "style", "scope", "colspan", "data-label"}
ALLOWED_ATTRS |= {"aria-hidden"}
SAFE_STYLE = re.compile(
    r"(width:\d+(\.\d+)?%)?;?(background-color:#[0-9a-f]{6})?;?(color:#(000000|ffffff))?", re.ASCII
)


class Page(HTMLParser):
    """Everything a browser would build from the page: elements, attributes, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.data: list[str] = []
        self.styles: list[str] = []
        self.badges: list[str] = []
        self._in_badge = False
        self._badge_style = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        found = dict(attrs)
        if found.get("style"):
            self.styles.append(found["style"] or "")
        if "badge" in (found.get("class") or "").split():
            self._in_badge, self._badge_style = True, found.get("style") or ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.data.append(data)
        if self._in_badge:
            self.badges.append(self._badge_style)
            self._in_badge = False

    def contains(self, text: str) -> bool:
        return any(text in chunk for chunk in self.data)


def shown_word(forecast: ss.Forecast | None) -> str:
    """A forecast word as shown; a blank one is shown as "(blank)"."""
    return forecast.word if forecast is not None and forecast.word.strip() else ""


def user_texts(report: ss.Report) -> list[str]:
    """Every text of the city's that the pages show."""
    out = [report.organisation.municipality, report.organisation.body, report.title or ""]
    for _, node in report.iter_nodes():
        out += [node.title, node.text or ""]
    for goal in report.goals:
        out += [goal.title, goal.realisation or "", *goal.responsible]
        out += [shown_word(goal.forecast)]
        out += [v for v in goal.attributes.values() if isinstance(v, str)]
        for m in goal.metrics:
            out += [m.name or "", m.target or "", m.baseline or "", m.value or ""]
            out += [shown_word(m.status)]
    return out


def contrast(background: str, ink: str) -> float:
    def lum(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((lum(background), lum(ink)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def badge_contrasts(page: Page) -> list[float]:
    out = []
    for style in page.badges:
        found = re.fullmatch(r"background-color:(#[0-9a-f]{6});color:(#[0-9a-f]{6})", style)
        if found:
            out.append(contrast(*found.groups()))
    return out


def unescaped_pipes(line: str) -> int:
    count, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        count += line[i] == "|"
        i += 1
    return count


def seinajoki_report() -> ss.Report:
    schema = ss.get_schema("seinajoki")
    status = schema.forecast

    def metric(mid: str, name: str, word: str | None) -> ss.Metric:
        return ss.Metric(
            mid,
            name,
            target="vähintään 80 %",
            baseline="75 %",
            value="78 %",
            status=status(word) if word else None,
        )

    goals = [
        ss.Goal(
            "g1",
            "Asiakastyytyväisyys paranee",
            ss.YearSpan(2025, 2025),
            ("Sosiaalipalvelut",),
            [metric("m1", "Asiakaspalaute", "1"), metric("m2", "Jonotusaika", "2")],
            ss.Status("Palaute kerätty\nkahdesti vuodessa."),
            attributes={"sivu": 83},
        ),
        ss.Goal(
            "g2",
            "Käyttöaste nousee",
            ss.YearSpan(2024, 2026),
            ("Liikuntapalvelut",),
            [metric("m3", "Käyttöaste", "3")],
            binding=True,
        ),
        ss.Goal("g3", "Kirjaston lainaus", ss.YearSpan(2025, 2025), (), [metric("m4", "Lainat", "1")]),
    ]
    tree = ss.Node(
        "pk",
        "palvelukeskus",
        "Hyvinvointipalvelut",
        children=[
            ss.Node(
                "ta",
                "tulosalue",
                "Vapaa-aika",
                children=[
                    ss.Node(
                        "va",
                        "valinta",
                        "Hyvinvoiva seinäjokelainen",
                        children=[ss.Node("st", "strateginen-tavoite", "Aktiiviset asukkaat", goals=goals)],
                    )
                ],
            )
        ],
    )
    return ss.Report(
        ss.Organisation("Seinäjoki", "Kaupunginvaltuusto"),
        ss.Period(2025, annual=True),
        [tree],
        schema="seinajoki",
        title="Toteutumisvertailu 2025",
    )


@pytest.fixture(scope="module")
def july() -> ss.Report:
    return ss.load(JOENSUU)


# --- The founding example -------------------------------------------------------------------


@pytest.mark.parametrize("path", [JOENSUU, ACCOUNTS])
def test_every_text_of_the_example_is_in_both(path: str) -> None:
    report = ss.load(path)
    page, memo = Page(render_html(report)), render_markdown(report)
    texts = [n.title for _, n in report.iter_nodes()] + [n.text or "" for _, n in report.iter_nodes()]
    for goal in report.goals:
        assert goal.forecast is not None
        texts += [goal.title, goal.realisation or "", goal.forecast.word, *goal.responsible]
        texts += [m.target or "" for m in goal.metrics]
    for text in texts:
        assert page.contains(text), text
        assert not set(text) & set("\\`*_[]<>|~&$#"), "the check below assumes no Markdown specials"
        assert text.replace("\n", "<br>") in memo, text


def test_the_summary_counts_and_shares(july: ss.Report) -> None:
    page = render_html(july)
    assert "<strong>7 tavoitetta</strong>" in page
    assert "Toteutunut tai toteutuu: 100\u00a0% arvioiduista tavoitteista (7/7)" in page
    assert '>Toteutuu</span></td><td class="num">7</td><td class="num">100\u00a0%</td>' in page
    assert '>Toteutunut</span></td><td class="num">0</td><td class="num">0\u00a0%</td>' in page

    accounts = ss.load(ACCOUNTS)
    page = render_html(accounts, lang="en")
    assert "Achieved or on track: 86% of the assessed goals (6/7)" in page
    assert '>Toteutuu</span></td><td class="num">5</td><td class="num">71%</td>' in page
    assert '>Toteutuu osittain</span></td><td class="num">1</td><td class="num">14%</td>' in page
    memo = render_markdown(accounts)
    assert (
        "**7 tavoitetta** – Toteutunut: 1 (14\u00a0%) · Toteutuu: 5 (71\u00a0%) · "
        "Toteutuu osittain: 1 (14\u00a0%)"
    ) in memo.splitlines()
    assert "Toteutunut tai toteutuu: 86\u00a0% arvioiduista tavoitteista (6/7)" in memo.splitlines()


def test_forecasts_in_the_schemas_colours_with_readable_text(july: ss.Report) -> None:
    schema = ss.get_schema("joensuu")
    page = render_html(ss.load(ACCOUNTS))
    for step in schema.scale:
        assert step.colour is not None
        assert step.colour in page  # every word of the scale is in the summary, in its colour
    assert 'style="background-color:#66bb6a;color:#000000">Toteutuu<' in page
    assert 'style="background-color:#c62828;color:#ffffff">Ei toteudu<' in page
    parsed = Page(page)
    assert len(parsed.badges) == 5 + 7  # the summary's scale, then one badge per goal
    assert min(badge_contrasts(parsed)) >= 4.5  # WCAG AA for normal text


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        (
            "fi",
            ["Toiminnallinen tavoite", "Mittari ja tavoitetaso", "Vastuutaho", "Toteuma", "Toteutumaennuste"],
        ),
        ("sv", ["Verksamhetsmål", "Mätare och målnivå", "Ansvarig", "Utfall", "Prognos"]),
        (
            "en",
            ["Operational goal", "Metric and target level", "Responsible party", "Realisation", "Forecast"],
        ),
    ],
)
def test_labels_follow_the_language_and_the_city_words_do_not(
    july: ss.Report, lang: str, labels: list[str]
) -> None:
    page, memo = render_html(july, lang=lang), render_markdown(july, lang=lang)
    assert f'<html lang="{lang}">' in page
    header = "".join(f'<th scope="col">{label}</th>' for label in labels)
    assert header in page
    assert "| " + " | ".join(labels) + " |" in memo.splitlines()
    assert july.period.render(lang) in page
    assert july.period.render(lang) in memo
    assert page.count(">Toteutuu</span>") == 8 and memo.count("| Toteutuu |") == 7
    assert ss.get_schema("joensuu").level("painopiste").name.get(lang) in page
    # The city's Finnish is marked as Finnish when the labels are in another language.
    assert ('<div class="goal-title" lang="fi">' in page) == (lang != "fi")


def test_default_language_is_the_schemas() -> None:
    report = attrs.evolve(ss.load(JOENSUU), schema="kommun")
    assert '<html lang="sv">' in render_html(report)
    assert "| Verksamhetsmål |" in render_markdown(report)


@pytest.mark.parametrize("lang", ["de", "", "FI", "suomi"])
def test_unknown_language_is_refused(july: ss.Report, lang: str) -> None:
    for render in (render_html, render_markdown):
        with pytest.raises(ValueError, match=r"unknown language .* use one of fi, sv, en"):
            render(july, lang=lang)


def test_unknown_language_writes_nothing(july: ss.Report, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("vanha", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown language"):
        ss.dump(july, target, lang="de")
    assert target.read_text(encoding="utf-8") == "vanha"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


# --- Standalone, printable -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("report", [JOENSUU, ACCOUNTS, "seinajoki"])
def test_nothing_is_loaded_from_the_network(report: str, lang: str) -> None:
    page = render_html(seinajoki_report() if report == "seinajoki" else ss.load(report), lang=lang)
    parsed = Page(page)
    for banned in ("http://", "https://", "<script", "@import", "url(", "<link", "@font-face"):
        assert banned not in page.lower()
    names = {name for name, _ in parsed.attrs}
    assert not names & {"src", "href", "srcset", "action", "data", "poster", "xlink:href"}
    assert not re.search(r"=\s*[\"']?//", page)
    assert "<script" not in parsed.tags and "link" not in parsed.tags
    assert '<meta charset="utf-8">' in page
    assert parsed.tags.count("style") == 1


def test_printing_keeps_colours_header_and_goals_together(july: ss.Report) -> None:
    page = render_html(july)
    css = page[page.index("<style>") : page.index("</style>")]
    media = css[css.index("@media print") :]
    assert "thead{display:table-header-group}" in media
    assert "print-color-adjust:exact" in media and "-webkit-print-color-adjust:exact" in media
    assert re.search(r"tbody\.goal[^{]*\{[^}]*page-break-inside:avoid", media)
    assert "white-space:pre-line" in css
    assert page.count('<tbody class="goal">') == 7  # one per goal: a goal never splits across pages
    assert "asukkaita osallistaen.\nKäyttäjäkokemuksia on kartoitettu</div>" in page  # the line break kept


def test_years_and_binding_goals_are_marked_discreetly(july: ss.Report) -> None:
    last = july.goals[-1]
    page = render_html(july.replace_goal(last.id, binding=True))
    assert '<span class="tag">Vuodet 2025–2026</span><span class="tag">Sitova tavoite</span>' in page
    assert page.count('class="tag"') == 2  # goals of the report's year carry no tag
    memo = render_markdown(july.replace_goal(last.id, binding=True), lang="en")
    assert "<br>*Years 2025–2026*<br>*Binding goal* |" in memo


# --- Status per metric: Seinäjoki ------------------------------------------------------------


def test_seinajoki_shows_metric_statuses_in_their_colours() -> None:
    report = seinajoki_report()
    assert not [i for i in ss.validate(report) if i.severity is ss.Severity.ERROR]
    page = render_html(report)
    parsed = Page(page)
    assert '<th scope="col">Mittari</th><th scope="col">Nykyarvo</th><th scope="col">Tavoitearvo</th>' in page
    for word, colour, ink in (
        ("1", "#2e7d32", "#ffffff"),
        ("2", "#ef6c00", "#000000"),
        ("3", "#c62828", "#ffffff"),
    ):
        assert f'<span class="badge" style="background-color:{colour};color:{ink}">{word}</span>' in page
    assert page.count('<table class="metric-table">') == 3
    assert min(badge_contrasts(parsed)) >= 4.5
    # Four levels, each a heading one deeper, named by the schema.
    for h, name in zip(
        (3, 4, 5, 6),
        ("Palvelukeskus", "Tulosalue", "Strateginen valinta", "Strateginen tavoite"),
        strict=True,
    ):
        assert f'<h{h}><span class="level">{name}</span>' in page
    # Goals count at their weakest metric: 2, 3 and 1; metrics 1, 2, 3, 1.
    assert "<strong>3 tavoitetta</strong> · <strong>4 mittaria</strong>" in page
    assert "Toteutunut tai toteutuu: 33\u00a0% arvioiduista tavoitteista (1/3)" in page
    row = '>{}</span></td><td class="num">{}</td><td class="num">{}\u00a0%</td><td class="num">{}</td>'
    assert row.format("1", 1, 33, 2) in page
    assert row.format("2", 1, 33, 1) in page
    assert row.format("3", 1, 33, 1) in page
    assert "heikoimman mittarinsa mukaan" in page
    assert "PDF-sivu:</span> <span>83</span>" in page
    assert '<span class="tag">Vuodet 2024–2026</span><span class="tag">Sitova tavoite</span>' in page
    assert "Palaute kerätty\nkahdesti vuodessa." in page
    assert "Toteutumaennuste" not in page.split("</section>", 1)[1]  # no goal has a forecast of its own


def test_seinajoki_memo() -> None:
    memo = render_markdown(seinajoki_report(), lang="en")
    lines = memo.splitlines()
    assert "**3 goals** – 1: 1 (33%) · 2: 1 (33%) · 3: 1 (33%)" in lines
    assert "**4 metrics** – 1: 2 (50%) · 2: 1 (25%) · 3: 1 (25%)" in lines
    assert "###### Strategic goal: Aktiiviset asukkaat" in lines
    assert (
        "• Asiakaspalaute – vähintään 80 % · Current value: 75 % · Realised value: 78 % · Status: **1**"
        in memo
    )
    assert "Palaute kerätty<br>kahdesti vuodessa." in memo
    assert "*PDF page: 83*" in memo


# --- Escaping ----------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "a | b \\| c\\",
    "# otsikko ###",
    "- lista\n1. lista\n> lainaus\n    koodi",
    "**lihava** _kursiivi_ `koodi` [linkki](http://example.com) ![kuva](x.png)",
    "&lt;b&gt; &amp; &#60;i>",
    "</td></tr></table><p>",
    "rivi\r\nrivi\u2028rivi\x85rivi\x0b",
    "$x$ ~~yli~~ <br> <!-- kommentti -->",
    "",
    "   ",
]


def hostile_report() -> ss.Report:
    schema = ss.get_schema("joensuu")
    goals = [
        ss.Goal(
            f"g{i}",
            text,
            ss.YearSpan(2025, 2025),
            (text, "Osallisuus"),
            [ss.Metric("m", text, text, text, text, ss.Forecast(text))],
            ss.Status(text, schema.forecast(text) if text else ss.Forecast("Toteutuu")),
            attributes={"lisätieto": text},
        )
        for i, text in enumerate(HOSTILE)
    ]
    return ss.Report(
        ss.Organisation(HOSTILE[0], HOSTILE[1]),
        ss.Period(2025, 1, 7),
        [ss.Node("n", "painopiste", HOSTILE[3], HOSTILE[4], goals, [ss.Node("c", "painopiste", HOSTILE[1])])],
        title=HOSTILE[7],
    )


def test_hostile_texts_stay_text_in_html() -> None:
    report = hostile_report()
    page = render_html(report)
    parsed = Page(page)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert {name for name, _ in parsed.attrs} <= ALLOWED_ATTRS
    assert "<script" not in page and "<img" not in page
    for text in user_texts(report):
        assert parsed.contains(text), text


def test_hostile_texts_cannot_break_the_memo() -> None:
    memo = render_markdown(hostile_report())
    rows = [line for line in memo.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + len(HOSTILE)
    assert all(unescaped_pipes(row) == 6 for row in rows)
    assert not re.search(r"(?<!\\)<(script|img)", memo)
    assert "\\<script\\>alert(1)\\</script\\>" in memo
    assert "\\# otsikko \\###" in memo  # a closing sequence would be eaten by the heading
    assert "rivi<br>rivi<br>rivi<br>rivi" in memo


def markdown_to_html(text: str) -> str:
    return str(MarkdownIt("commonmark").enable("table").render(text))


MEMO_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "em", "br", "table", "thead", "tbody"}
MEMO_TAGS |= {"tr", "th", "td"}


def check_memo_renders(report: ss.Report, memo: str) -> None:
    """Rendered as CommonMark with GFM tables, the memo has only the expected elements."""
    parsed = Page(markdown_to_html(memo))
    assert set(parsed.tags) <= MEMO_TAGS, set(parsed.tags) - MEMO_TAGS
    nodes = list(report.iter_nodes())
    tables = sum(1 for _, node in nodes if node.goals)
    assert parsed.tags.count("table") == tables
    assert parsed.tags.count("tr") == tables + len(report.goals)
    assert parsed.tags.count("td") == 5 * len(report.goals)
    headings = sum(parsed.tags.count(f"h{i}") for i in range(1, 7))
    assert headings == 3 + len(nodes)  # title, summary, goals, one per node
    text = "".join(parsed.data)
    for value in user_texts(report):
        for line in value.splitlines():
            assert line.strip() in text, line


def test_hostile_memo_renders_as_text() -> None:
    report = hostile_report()
    check_memo_renders(report, render_markdown(report))


# --- Properties over the built-in schemas ----------------------------------------------------


def check_html(report: ss.Report) -> None:
    """No user text becomes an element or an attribute; every one is shown as text."""
    page = render_html(report, lang="en")
    parsed = Page(page)
    assert set(parsed.tags) <= ALLOWED_TAGS, set(parsed.tags) - ALLOWED_TAGS
    assert {name for name, _ in parsed.attrs} <= ALLOWED_ATTRS
    assert all(SAFE_STYLE.fullmatch(style) for style in parsed.styles), parsed.styles
    assert parsed.tags.count("tbody") >= len(report.goals)
    for text in user_texts(report):
        assert parsed.contains(text), text
    assert min(badge_contrasts(parsed), default=21) >= 4.5
    (summary,) = ss.summarise([report])
    assessed = sum(n for level, n in summary.counts.items() if level is not None and level.assessed)
    if assessed:
        assert f"({summary.on_track}/{assessed})" in page


def check_memo(report: ss.Report) -> None:
    """Every table row has its six pipes; rendered, the memo has only its own elements."""
    memo = render_markdown(report)
    rows = [line for line in memo.splitlines() if line.startswith("|")]
    with_goals = [node for _, node in report.iter_nodes() if node.goals]
    assert len(rows) == 2 * len(with_goals) + len(report.goals)
    assert all(unescaped_pipes(row) == 6 for row in rows), rows
    check_memo_renders(report, memo)


def check_counts(report: ss.Report) -> None:
    """The summary counts every goal once, and agrees with summarise()."""
    schema = ss.get_schema(report.schema)
    ov = _overview(report, schema)
    (summary,) = ss.summarise([report])
    assert sum(r.goals for r in ov.rows) == len(report.goals) == summary.goals
    assert (ov.on_track, ov.goals) == (summary.on_track, summary.goals)
    if ov.with_metrics:
        assert sum(r.metrics for r in ov.rows) == ov.metrics == sum(len(g.metrics) for g in report.goals)
    assert [r.key for r in ov.rows][: len(schema.scale)] == [s.word for s in schema.scale]


@pytest.mark.parametrize("schema", SCHEMAS)
def test_any_report(schema: str) -> None:
    @given(reports(schema))
    def check(report: ss.Report) -> None:
        check_html(report)
        check_memo(report)
        check_counts(report)

    check()


# --- Colours a schema may give ----------------------------------------------------------------


def test_only_checked_colours_reach_the_css(july: ss.Report) -> None:
    base = ss.get_schema("joensuu")
    colours = ["red", "#abc", "rgb(10, 20, 30)", "url(http://example.com/x.png)", "red;background:url(x)"]
    scale = [attrs.evolve(step, colour=colour) for step, colour in zip(base.scale, colours, strict=True)]
    ss.register_schema(attrs.evolve(base, name="html-testivarit", scale=scale), replace=True)
    report = attrs.evolve(july, schema="html-testivarit")
    page = render_html(report)
    assert "background-color:#ff0000;color:#000000" in page  # red, named: black reads better on it
    assert "background-color:#66bb6a;color" not in page
    assert "background-color:#aabbcc;color:#000000" in page
    assert "background-color:#0a141e;color:#ffffff" in page
    assert "url(" not in page and "example.com" not in page
    assert '<span class="badge plain">Ei toteudu</span>' in page  # an unusable colour: no colour
    assert all(SAFE_STYLE.fullmatch(style) for style in Page(page).styles)


# --- Writing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["r.html", "r.htm", "r.md", "r.markdown"])
def test_dump_by_extension(july: ss.Report, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    ss.dump(july, target, lang="en")
    render = render_markdown if name.endswith(("md", "markdown")) else render_html
    assert target.read_text(encoding="utf-8") == render(july, lang="en")
    ss.dump(july, target, lang="sv")
    assert "Prognos" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["out.html", "out.md"])
def test_cli_convert(july: ss.Report, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    assert main(["convert", JOENSUU, str(out)]) == 0
    render = render_markdown if name.endswith(".md") else render_html
    assert out.read_text(encoding="utf-8") == render(july)


@pytest.mark.parametrize(
    ("name", "label"), [("out.html", '<th scope="col">Prognos</th>'), ("out.md", "| Prognos |")]
)
def test_cli_convert_with_a_language(tmp_path: Path, name: str, label: str) -> None:
    out = tmp_path / name
    assert main(["convert", JOENSUU, str(out), "--lang", "sv"]) == 0
    assert label in out.read_text(encoding="utf-8")


def test_writing_into_a_missing_directory(july: ss.Report, tmp_path: Path) -> None:
    for name in ("r.html", "r.md"):
        with pytest.raises(ss.WriteError):
            ss.dump(july, tmp_path / "puuttuu" / name)
    assert list(tmp_path.iterdir()) == []


def test_escape_helper_is_html_escape(july: ss.Report) -> None:
    # Every user text goes through html.escape: quotes too, so attributes could never be closed.
    report = july.replace_goal(july.goals[0].id, title="\"'<>&")
    assert html.escape("\"'<>&") in render_html(report)


def test_no_empty_responsible_column_when_no_goal_names_one() -> None:
    report = seinajoki_report()
    has_any = any(goal.responsible for goal in report.goals)
    page = render_html(report)
    header = page.split('<table class="goals-table">', 1)[1].split("</thead>", 1)[0]
    assert ("Vastuutaho" in header) is has_any
    stripped = report
    for goal in report.goals:
        stripped = stripped.replace_goal(goal.id, responsible=())
    page = render_html(stripped)
    header = page.split('<table class="goals-table">', 1)[1].split("</thead>", 1)[0]
    assert "Vastuutaho" not in header
    assert header.count("<th scope") == 2  # Talousarviotavoite | Tilannekuvaus ja riskiarvio
    assert '<col style="width:30%"><col style="width:70%">' in page
