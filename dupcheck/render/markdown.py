"""Markdown report: a summary for a pull-request comment or a CI step summary."""

from __future__ import annotations

from dupcheck.excerpt import excerpt
from dupcheck.numbering import label
from dupcheck.records import Report

#: what Markdown would read in a table cell: a pipe ends the cell, and GitHub renders
#: HTML, so a story's "<b>" or "<script>" must show as written
_ESCAPES = str.maketrans({"|": "\\|", "&": "&amp;", "<": "&lt;", ">": "&gt;"})


def cell(text: str, limit: int | None = 120) -> str:
    """``text`` on one line, escaped for a Markdown table cell or list item, cut to
    ``limit`` characters (None: whole)."""
    text = " ".join(text.split())
    if limit is not None:
        text = excerpt(text, limit)
    return text.translate(_ESCAPES)


def _where(sentences: str, text: str) -> str:
    """A finding's side: its sentence numbers, and its words where it has any."""
    return f"{sentences}: {cell(text, 80)}" if text else sentences


def render_markdown(report: Report) -> str:
    s = report.scores
    icon = "❌" if report.verdict == "fail" else "✅"
    lines = [
        f"## {icon} dupcheck: `{report.target.name}` against `{report.source.name}`",
        "",
        (
            f"**Verdict: {report.verdict}** (fails on {report.fail_on.value} or worse) · "
            f"fidelity {s.fidelity:.2f} · coverage {s.coverage:.2f} · pivot chrF {s.pivot_chrf:.1f} · pivot BLEU {s.pivot_bleu:.1f} · "
            f"{len(report.source.sentences)} source / {len(report.target.sentences)} target sentences"
        ),
        "",
    ]
    lines += [f"> ⚠️ {cell(w, 300)}" for w in report.warnings] + ([""] if report.warnings else [])
    if report.alternatives:
        lines += ["| candidate source | coverage | fidelity | followed |", "|---|---:|---:|:-:|"]
        lines += [
            f"| `{a.path}` | {a.coverage:.2f} | {a.fidelity:.2f} | {'✔' if a.chosen else ''} |"
            for a in report.alternatives
        ]
        lines.append("")
    if report.findings:
        lines += ["| severity | type | code | source | target | message |", "|---|---|---|---|---|---|"]
        for f in report.findings:
            lines.append(
                f"| {f.severity.value} | {f.type.value} | `{f.code}` | {_where(label(f.source), f.source_text)} "
                f"| {_where(label(f.target), f.target_text)} | {cell(f.message)} |"
            )
    else:
        lines.append("No findings.")
    lines += ["", f"<sub>`{report.signature}`</sub>", ""]
    return "\n".join(lines)
