"""`python -m dupcheck`."""

from dupcheck.cli import app

app(prog_name="dupcheck")
