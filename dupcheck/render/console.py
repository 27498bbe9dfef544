"""Console report: scores, findings, and the alignment at a glance.

Tables are laid out by ``render.cells`` (widths measured with wcwidth, long cells wrapped at
word boundaries to the console's width) and printed as they are, so rich neither re-wraps
nor crops them. Source and translation columns take their language's direction; ``bidi``
(``render.bidi``: auto, visual, logical) says whether lines are put in display order.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from dupcheck.languages import direction
from dupcheck.numbering import file_lines, label
from dupcheck.records import Report
from dupcheck.render.bidi import console_is_visual
from dupcheck.render.cells import Column, table
from dupcheck.render.counts import counted


def _print_table(console: Console, title: str, columns: Sequence[Column],
                 rows: list[tuple[str, ...]], visual: bool) -> None:
    console.print(Text(title, style="bold"))
    for line in table(columns, rows, console.width, visual=visual):
        console.print(Text(line), soft_wrap=True, highlight=False)


def render_console(report: Report, console: Console, *, show_alignment: bool = False,
                   bidi: str = "auto") -> None:
    """``bidi``: visual puts each table line in display order (for a terminal that does not
    reorder right-to-left text), logical leaves it; auto is visual on such a terminal only."""
    visual = console_is_visual(bidi, console)
    s = report.scores
    verdict = Text(report.verdict.upper(), style="bold red" if report.verdict == "fail" else "bold green")
    console.print(
        Text.assemble(
            verdict, f"  {report.target.name} ({report.target.lang}) against ",
            f"{report.source.name} ({report.source.lang})",
        )
    )
    console.print(
        f"fidelity {s.fidelity:.2f} · coverage {s.coverage:.2f} · pivot chrF {s.pivot_chrf:.1f} · pivot BLEU {s.pivot_bleu:.1f} · "
        f"{len(report.source.sentences)}/{len(report.target.sentences)} sentences · "
        f"{counted(len(report.findings), 'finding')}, {len(report.failing)} at or above {report.fail_on.value}"
    )
    for warning in report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    if report.alternatives:
        _print_table(
            console, "Sources",
            [Column("candidate source", wraps=True), Column("coverage", right=True),
             Column("fidelity", right=True), Column("followed")],
            [(a.path, f"{a.coverage:.2f}", f"{a.fidelity:.2f}", "✔" if a.chosen else "")
             for a in report.alternatives],
            visual,
        )
    if report.findings:
        _print_table(
            console, "Findings",
            [Column("sev"), Column("type"), Column("src", right=True), Column("tgt", right=True),
             Column("lines", right=True), Column("message", wraps=True)],
            [(f.severity.value, f.type.value, label(f.source), label(f.target), file_lines(f), f.message)
             for f in report.findings],
            visual,
        )
    if show_alignment:
        _print_table(
            console, "Alignment",
            [Column("src", right=True), Column("tgt", right=True), Column("score", right=True),
             Column("source", wraps=True, direction=direction(report.source.lang)),
             Column("translation", wraps=True, direction=direction(report.target.lang))],
            [(label(b.source), label(b.target), f"{b.score:.2f}",
              " ".join(report.source.sentences[i].text for i in b.source),
              " ".join(report.target.sentences[j].text for j in b.target))
             for b in report.alignment],
            visual,
        )
    console.print(Text(report.signature, style="dim"))
