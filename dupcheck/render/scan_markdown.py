"""Markdown scan report: a table of related pairs, shared passages, spinning, clusters."""

from __future__ import annotations

from dupcheck.numbering import label, passage
from dupcheck.records import Relation, ScanReport
from dupcheck.render.counts import counted
from dupcheck.render.markdown import cell
from dupcheck.render.scan_json import passage_text


def render_scan_markdown(report: ScanReport) -> str:
    by_id = {d.id: d for d in report.documents}
    lines = [
        "# dupcheck scan",
        "",
        (
            f"{counted(len(report.documents), 'document')}, {counted(report.candidates, 'candidate pair')}, "
            f"{len(report.pairs)} related, {counted(len(report.clusters), 'cluster')}, {len(report.skipped)} skipped."
        ),
        "",
    ]
    if report.skipped:
        lines += ["## Skipped", ""] + [f"- `{s.path}`: {cell(s.cause, None)}" for s in report.skipped] + [""]
    if report.pairs:
        lines += ["## Related pairs", "", "| a | b | relation | score |", "| --- | --- | --- | --- |"]
        lines += [f"| `{p.a}` | `{p.b}` | {p.relation.value} | {p.score:.2f} |" for p in report.pairs]
        lines.append("")
    for p in report.pairs:
        if p.relation is Relation.PARTIAL_OVERLAP:
            lines += [f"### Shared passages: `{p.a}` ↔ `{p.b}`", ""]
            lines += [f"- a {passage(x.a)} ↔ b {passage(x.b)}: {cell(passage_text(x, by_id[p.a]), None)}"
                      for x in p.passages]
            lines.append("")
        spun = [s for s in p.substitutions if s.spin]
        if spun:
            lines += [f"### Spinning: `{p.a}` → `{p.b}`", "", "| sentence | before | after |", "| --- | --- | --- |"]
            lines += [f"| {label((s.a_sentence,))}↔{label((s.b_sentence,))} | {cell(s.before, None)} | {cell(s.after, None)} |" for s in spun]
            lines.append("")
    if report.clusters:
        lines += ["## Clusters", ""] + [f"{k}. " + ", ".join(f"`{i}`" for i in c)
                                        for k, c in enumerate(report.clusters, start=1)] + [""]
    return "\n".join(lines)
