"""Command-line interface (typer). Commands parse options and call the library API."""
