"""What a table (CSV, Excel) carries of a report: the expected result of a round trip."""

from __future__ import annotations

import attrs

import strategiaseuranta as ss
from strategiaseuranta.formats._table import _number


def _text(value):
    return value or None


def as_table_carries(report: ss.Report, *, csv: bool) -> ss.Report:
    """The report as a table reads it back: empty texts become missing, empty parties and
    custom fields set to nothing are dropped; in CSV (untyped cells) an undeclared custom
    field that reads as a number or true/false becomes one, as in YAML."""
    schema = ss.get_schema(report.schema)

    def attr(name, value):
        if csv and isinstance(value, str):
            declared = schema.field(name)
            if declared is None or declared.type == "number":
                return _number(value, declared is not None)
        if isinstance(value, float) and not isinstance(value, bool) and not csv:
            return float(f"{value:.16g}")  # Excel keeps 15-16 significant digits; openpyxl writes 16
        return value

    def said(f):
        return f if f is not None and f.word else None

    def metric(m):
        return attrs.evolve(
            m,
            name=_text(m.name),
            target=_text(m.target),
            baseline=_text(m.baseline),
            value=_text(m.value),
            status=said(m.status),
        )

    def goal(g):
        status = g.status
        if status is not None:
            status = ss.Status(_text(status.realisation), said(status.forecast))
        return attrs.evolve(
            g,
            responsible=tuple(p for p in g.responsible if p),
            metrics=[metric(m) for m in g.metrics],
            status=status,
            attributes={k: attr(k, v) for k, v in g.attributes.items() if v is not None and v != ""},
        )

    def node(n):
        return attrs.evolve(
            n, text=_text(n.text), goals=[goal(g) for g in n.goals], children=[node(c) for c in n.children]
        )

    return attrs.evolve(report, title=_text(report.title), nodes=[node(n) for n in report.nodes])
