"""Gate-level Markdown and JSON: a summary table over the per-pair reports of ``render.markdown``/``render.json``."""

from __future__ import annotations

import json
from typing import Any

from dupcheck.gate.pipeline import GateResult
from dupcheck.render.counts import counted
from dupcheck.render.json import report_to_dict
from dupcheck.render.markdown import render_markdown

SCHEMA = "dupcheck.gate/1"


def render_gate_markdown(result: GateResult) -> str:
    icon = "❌" if result.verdict == "fail" else "✅"
    lines = [
        f"# {icon} dupcheck gate: {result.verdict}",
        "",
        (
            f"{counted(len(result.documents), 'translation')} · {counted(len(result.new_findings), 'new finding')} · "
            f"fails on new {result.fail_on.value} or worse"
        ),
        "",
        *([stale_line(result), ""] if result.stale else []),
        "| translation | source | verdict | fidelity | coverage | findings | new | failing |",
        "|---|---|:-:|---:|---:|---:|---:|---:|",
    ]
    for d in result.documents:
        s = d.report.scores
        lines.append(
            f"| `{d.pair.target}` | `{d.pair.source}` | {d.verdict} | {s.fidelity:.2f} | {s.coverage:.2f} "
            f"| {len(d.report.findings)} | {len(d.new)} | {len(d.failing)} |"
        )
    lines.append("")
    for d in result.documents:
        if d.failing:
            lines += [
                "<details><summary>" + f"<code>{d.pair.target}</code></summary>",
                "",
                render_markdown(d.report),
                "</details>",
                "",
            ]
    return "\n".join(lines)


def stale_line(result: GateResult) -> str:
    """What the console and Markdown say of accepted findings that no longer occur."""
    return (
        f"{counted(len(result.stale), 'accepted finding')} of the baseline no longer "
        f"{'occurs' if len(result.stale) == 1 else 'occur'} (fixed or reworded): "
        "`dupcheck gate --write-baseline` drops them"
    )


def gate_to_dict(result: GateResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "verdict": result.verdict,
        "fail_on": result.fail_on.value,
        "documents": [
            {
                "source": d.pair.source,
                "target": d.pair.target,
                "lang": d.pair.lang,
                "verdict": d.verdict,
                "fingerprints": list(d.fingerprints),
                "new": [d.fingerprints[k] for k, f in enumerate(d.report.findings) if d.is_new(f)],
                "report": report_to_dict(d.report),
            }
            for d in result.documents
        ],
        "stale_baseline": [
            {"fingerprint": e.fingerprint, "path": e.path, "code": e.code, "message": e.message}
            for e in result.stale
        ],
    }


def render_gate_json(result: GateResult) -> str:
    return json.dumps(gate_to_dict(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
