"""``python -m strategiaseuranta``."""

from strategiaseuranta.cli import run

run()
