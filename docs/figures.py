"""Draws the figures of docs/analysis.md into docs/_generated/, with the calls the page shows.

Sphinx runs :func:`draw` before it reads the pages (``builder-inited``, see conf.py), so the
images are made from the committed examples in every build, on a clean clone too, and
never go stale. By hand: ``python docs/figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import strategiaseuranta as ss
from strategiaseuranta import figures

DOCS = Path(__file__).resolve().parent
EXAMPLES = DOCS.parent / "examples"
OUT = DOCS / "_generated"

DPI = 110
"""Sharp on the page; the five files are about 300 kB together."""


def draw(out: Path = OUT) -> list[Path]:
    """Draw every figure of the page into ``out`` and return the files written."""
    series = ss.load_series(EXAMPLES / "joensuu")
    july, accounts = series.reports
    seinajoki = ss.load(EXAMPLES / "seinajoki" / "tilinpaatos-2024.json")
    drawn = {
        "seinajoki-bars.png": figures.forecast_bars(seinajoki),
        "seinajoki-targets.png": figures.target_chart(seinajoki, limit=20),
        "joensuu-rounds.png": figures.forecast_bars(series),
        "joensuu-transitions.png": figures.transition_chart(ss.diff(july, accounts)),
        "joensuu-bars-en.png": figures.forecast_bars(accounts, lang="en"),
    }
    out.mkdir(exist_ok=True)
    written = []
    for name, fig in drawn.items():
        # no software version in the file: the same examples give the same bytes
        fig.savefig(out / name, dpi=DPI, metadata={"Software": None})
        written.append(out / name)
    return written


if __name__ == "__main__":
    draw()
