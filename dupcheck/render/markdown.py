"""Markdown report: a summary for a pull-request comment or a CI step summary."""

from __future__ import annotations

from dupcheck.numbering import label
from dupcheck.records import Report


def _cell(text: str, limit: int = 120) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    lines += [f"> ⚠️ {_cell(w, 300)}" for w in report.warnings] + ([""] if report.warnings else [])
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
            where_src, where_tgt = label(f.source), label(f.target)
            lines.append(
                f"| {f.severity.value} | {f.type.value} | `{f.code}` | {where_src}: {_cell(f.source_text, 80)} "
                f"| {where_tgt}: {_cell(f.target_text, 80)} | {_cell(f.message)} |"
            )
    else:
        lines.append("No findings.")
    lines += ["", f"<sub>`{report.signature}`</sub>", ""]
    return "\n".join(lines)
