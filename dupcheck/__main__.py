"""`python -m dupcheck`."""

from dupcheck.cli import run

run()
