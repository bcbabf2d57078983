"""``python -m strategiaseuranta``."""

from strategiaseuranta.cli import run

if __name__ == "__main__":
    run()
