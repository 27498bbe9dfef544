"""The report files ``check`` and ``gate`` write, through the same renderers.

Each written file is named on stderr, so a CI log shows where the reports went.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from dupcheck.cli.common import is_discarded, write_output

if TYPE_CHECKING:
    from dupcheck.gate.pipeline import GateResult


def write_reports(result: GateResult, inputs: list[Path], paths: Mapping[str, Path | None]) -> None:
    """Write each report whose path is given, keyed by its option (``--sarif``, ``--junit``,
    ``--html``, ``--markdown``, ``--json``, ``--tmx``): the mapping ``check_outputs``
    judged before the check."""
    from dupcheck.render.html import render_html
    from dupcheck.render.junit import render_junit
    from dupcheck.render.sarif import render_sarif
    from dupcheck.render.summary import render_gate_json, render_gate_markdown
    from dupcheck.render.tmx import render_tmx

    renderers = {
        "--sarif": (render_sarif, "SARIF log"),
        "--junit": (render_junit, "JUnit XML"),
        "--html": (render_html, "HTML report"),
        "--markdown": (render_gate_markdown, "Markdown summary"),
        "--json": (render_gate_json, "JSON report"),
        "--tmx": (render_tmx, "TMX of the clean aligned pairs"),
    }
    for name, path in paths.items():
        if path is not None:
            render, what = renderers[name]
            write_output(path, render(result), protect=inputs)
            if not is_discarded(path):
                print(f"wrote the {what} to {path}", file=sys.stderr)
