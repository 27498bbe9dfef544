"""Console report (rich): scores, findings, and the alignment at a glance."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dupcheck.numbering import label
from dupcheck.records import Report, Severity

_STYLE = {Severity.CRITICAL: "bold red", Severity.MAJOR: "red", Severity.MINOR: "yellow"}


def render_console(report: Report, console: Console, *, show_alignment: bool = False) -> None:
    s = report.scores
    verdict = Text(report.verdict.upper(), style="bold red" if report.verdict == "fail" else "bold green")
    console.print(
        Text.assemble(
            verdict, f"  {report.target.name} ({report.target.lang}) against ",
            f"{report.source.name} ({report.source.lang})",
        )
    )
    console.print(
        f"fidelity {s.fidelity:.2f} · coverage {s.coverage:.2f} · chrF {s.chrf:.1f} · BLEU {s.bleu:.1f} · "
        f"{len(report.source.sentences)}/{len(report.target.sentences)} sentences · "
        f"{len(report.findings)} findings, {len(report.failing)} at or above {report.fail_on.value}"
    )
    if report.alternatives:
        table = Table("candidate source", "coverage", "fidelity", "followed", title="Sources")
        for a in report.alternatives:
            table.add_row(a.path, f"{a.coverage:.2f}", f"{a.fidelity:.2f}", "✔" if a.chosen else "")
        console.print(table)
    if report.findings:
        table = Table("sev", "type", "src", "tgt", "message", title="Findings", show_lines=False)
        for f in report.findings:
            table.add_row(
                Text(f.severity.value, style=_STYLE[f.severity]), f.type.value,
                label(f.source), label(f.target),
                f.message,
            )
        console.print(table)
    if show_alignment:
        table = Table("src", "tgt", "score", "source", "translation", title="Alignment")
        for bead in report.alignment:
            table.add_row(
                label(bead.source), label(bead.target),
                f"{bead.score:.2f}",
                " ".join(report.source.sentences[i].text for i in bead.source)[:70],
                " ".join(report.target.sentences[j].text for j in bead.target)[:70],
            )
        console.print(table)
    console.print(Text(report.signature, style="dim"))
