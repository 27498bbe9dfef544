"""Self-contained HTML report of a gate run or a ``check``, for an editor's browser.

Per pair: scores, an inline SVG alignment plot, and source and translation side by side
bead by bead, flagged words in ``<mark>``, omitted sentences facing a gap. Article text
only ever reaches the page through jinja2's autoescaping. Source and translation cells
carry their language's ``dir`` (``render.bidi``: rtl ones are right-aligned, so a sentence's
full stop and quotes sit at its left end); in messages, quoted text and runs of another
script are in ``<bdi>``.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from dupcheck.gate.pipeline import DocumentResult, GateResult
from dupcheck.numbering import label
from dupcheck.records import Bead, Document, Finding
from dupcheck.render.bidi import Message, direction, isolate
from dupcheck.text.coords import as_written

_PLOT = 260  # px, side of the alignment plot


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    #: the message of the finding that flags this text, or None for plain text
    flag: str | None = None
    severity: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    source: tuple[tuple[Piece, ...], ...]
    target: tuple[tuple[Piece, ...], ...]
    source_numbers: str
    target_numbers: str
    #: the bead's fidelity (its pivot against its source) where scored, else its alignment score
    score: float | None
    #: (severity, message) of the findings on this row
    messages: tuple[tuple[str, Message], ...]


def _pieces(doc: Document, index: int, spans: list[tuple[int, int, Finding]]) -> tuple[Piece, ...]:
    """A sentence cut into plain and flagged runs by the finding spans inside it."""
    sentence = doc.sentences[index]
    inside = sorted(
        ((s, e, f) for s, e, f in spans if sentence.start <= s < e <= sentence.end),
        key=lambda span: span[:2],
    )
    # shown as the file writes it (its own digits and quotes): ``as_written`` differs from
    # the check's text only one character for one, so the finding spans still cut it
    written = as_written(doc, sentence.start, sentence.end)

    def text(a: int, b: int) -> str:
        return written[a - sentence.start : b - sentence.start]

    out, at = [], sentence.start
    for start, end, finding in inside:
        if start < at:
            continue  # overlapping marks: the first one wins
        if start > at:
            out.append(Piece(text(at, start)))
        out.append(Piece(text(start, end), finding.message, finding.severity.value))
        at = end
    if at < sentence.end:
        out.append(Piece(text(at, sentence.end)))
    return tuple(out)


def _rows(result: DocumentResult) -> list[Row]:
    report = result.report
    src_spans = [(*f.source_span, f) for f in report.findings if f.source_span]
    tgt_spans = [(*f.target_span, f) for f in report.findings if f.target_span]
    # with no alignment, the whole texts face each other in one row
    whole = Bead(
        tuple(range(len(report.source.sentences))), tuple(range(len(report.target.sentences))), 0.0
    )
    fidelity = {(p.bead.source, p.bead.target): p.fidelity for p in report.pairs}
    rows = []
    for bead in report.alignment or (whole,):
        messages = tuple(
            (f.severity.value, isolate(f"{f.code}: {f.message}"))
            for f in report.findings
            if (set(f.source) & set(bead.source)) or (set(f.target) & set(bead.target))
        )
        rows.append(
            Row(
                source=tuple(_pieces(report.source, i, src_spans) for i in bead.source),
                target=tuple(_pieces(report.target, j, tgt_spans) for j in bead.target),
                source_numbers=label(bead.source, none=""),
                target_numbers=label(bead.target, none=""),
                score=(
                    fidelity.get((bead.source, bead.target), bead.score)
                    if report.alignment and bead.source and bead.target
                    else None
                ),
                messages=tuple(dict.fromkeys(messages)),
            )
        )
    return rows


def _plot(result: DocumentResult) -> dict[str, object]:
    """Points of the alignment plot: beads as dots, omissions on the source axis, additions on
    the target axis."""
    report = result.report
    n, m = max(len(report.source.sentences), 1), max(len(report.target.sentences), 1)
    pad, size = 24, _PLOT - 36

    def x(i: float) -> float:
        return round(pad + size * (i + 0.5) / n, 1)

    def y(j: float) -> float:
        return round(pad + size * (j + 0.5) / m, 1)

    dots, gaps = [], []
    for bead in report.alignment:
        if bead.source and bead.target:
            cx = x(sum(bead.source) / len(bead.source))
            cy = y(sum(bead.target) / len(bead.target))
            dots.append(
                {
                    "x": cx,
                    "y": cy,
                    "score": round(bead.score, 2),
                    "label": f"{bead.kind} source {label(bead.source)}",
                }
            )
        elif bead.source:
            gaps.extend(
                {"x": x(i), "y": pad - 8, "label": f"source {label((i,))} omitted"} for i in bead.source
            )
        else:
            gaps.extend(
                {"x": pad - 8, "y": y(j), "label": f"translation {label((j,))} added"}
                for j in bead.target
            )
    return {
        "size": _PLOT,
        "pad": pad,
        "inner": size,
        "dots": dots,
        "gaps": gaps,
        "path": " ".join(f"{d['x']},{d['y']}" for d in dots),
    }


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% if checked %}dupcheck check: {{ checked.source }} → {{ checked.target }}{% else %}dupcheck gate{% endif %}: {{ verdict }}</title>
<style>
body { font: 15px/1.5 "Noto Sans", "Noto Sans Devanagari", "Noto Sans Arabic", sans-serif; margin: 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; border-top: 2px solid #ddd; padding-top: 1rem; }
.pass { color: #17803d; } .fail { color: #b3261e; }
.signature code { color: #666; overflow-wrap: anywhere; }
table.scores td, table.scores th { padding: .1rem .8rem .1rem 0; text-align: left; }
.head { display: flex; gap: 2rem; align-items: flex-start; flex-wrap: wrap; }
table.aligned { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 1rem; }
table.aligned td, table.aligned th { border: 1px solid #ddd; padding: .35rem .5rem; vertical-align: top; }
table.aligned th.n, table.aligned td.n { width: 3.2rem; color: #777; font-size: .8rem; text-align: right; }
span.score { font-size: .75rem; color: #1565c0; }
td.gap { background: repeating-linear-gradient(45deg, #fff4f2, #fff4f2 8px, #fde3df 8px, #fde3df 16px); color: #b3261e; font-style: italic; }
tr.omitted td.src { background: #fff4f2; }
mark { background: #ffd54f; padding: 0 .15em; border-bottom: 2px solid #b3261e; }
mark.minor { background: #fff3c4; border-bottom-color: #c98a00; }
td[dir="rtl"] { text-align: right; }
td[dir="rtl"] ul.msgs { text-align: left; }
ul.msgs { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .85rem; color: #5f2120; }
.msgs .minor { color: #7a5a00; }
p.sent { margin: 0 0 .3rem; }
table.findings { border-collapse: collapse; margin-top: 1rem; font-size: .9rem; }
table.findings td, table.findings th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
</style>
</head>
<body>
{% macro message(pieces) %}{% for text, isolated in pieces %}{% if isolated %}<bdi>{{ text }}</bdi>{% else %}{{ text }}{% endif %}{% endfor %}{% endmacro %}
<h1>{% if checked %}dupcheck check: <bdi>{{ checked.source }}</bdi> → <bdi>{{ checked.target }}</bdi>{% else %}dupcheck gate{% endif %}: <span class="{{ verdict }}">{{ verdict | upper }}</span></h1>
<p>{% if checked %}fails on {{ fail_on }} or worse · {{ documents[0].finding_count }} findings{% else %}{{ documents | length }} translations checked · fails on {{ fail_on }} or worse · {{ new_count }} new findings{% endif %}</p>
{% for doc in documents %}
<section id="doc-{{ loop.index }}">
<h2><span class="{{ doc.verdict }}">{{ doc.verdict | upper }}</span> <bdi>{{ doc.target }}</bdi> <small>({{ doc.lang }}) against <bdi>{{ doc.source }}</bdi></small></h2>
<div class="head">
<table class="scores">
<tr><th>fidelity</th><td>{{ "%.2f" | format(doc.scores.fidelity) }}</td></tr>
<tr><th>coverage</th><td>{{ "%.2f" | format(doc.scores.coverage) }}</td></tr>
<tr><th>pivot chrF</th><td>{{ "%.1f" | format(doc.scores.pivot_chrf) }}</td></tr>
<tr><th>pivot BLEU</th><td>{{ "%.1f" | format(doc.scores.pivot_bleu) }}</td></tr>
<tr><th>sentences</th><td>{{ doc.source_count }} source / {{ doc.target_count }} translation</td></tr>
<tr><th>findings</th><td>{{ doc.finding_count }} ({{ doc.new_count }} new, {{ doc.failing_count }} failing)</td></tr>
</table>
<svg xmlns="http://www.w3.org/2000/svg" width="{{ doc.plot.size }}" height="{{ doc.plot.size }}" role="img" aria-label="alignment plot">
<rect x="{{ doc.plot.pad }}" y="{{ doc.plot.pad }}" width="{{ doc.plot.inner }}" height="{{ doc.plot.inner }}" fill="#fafafa" stroke="#bbb"/>
<text x="{{ doc.plot.pad }}" y="{{ doc.plot.size - 4 }}" font-size="11" fill="#555">source sentence →</text>
<text x="10" y="{{ doc.plot.pad + doc.plot.inner }}" font-size="11" fill="#555" transform="rotate(-90 10 {{ doc.plot.pad + doc.plot.inner }})">translation sentence →</text>
<polyline points="{{ doc.plot.path }}" fill="none" stroke="#90a4ae" stroke-width="1"/>
{% for d in doc.plot.dots %}<circle cx="{{ d.x }}" cy="{{ d.y }}" r="3.5" fill="#1565c0" fill-opacity="{{ [0.25, d.score] | max }}"><title>{{ d.label }} score {{ d.score }}</title></circle>
{% endfor %}{% for g in doc.plot.gaps %}<rect x="{{ g.x - 3 }}" y="{{ g.y - 3 }}" width="6" height="6" fill="#b3261e"><title>{{ g.label }}</title></rect>
{% endfor %}{% if not doc.plot.dots and not doc.plot.gaps %}<text x="{{ doc.plot.pad + 10 }}" y="{{ doc.plot.pad + doc.plot.inner / 2 }}" font-size="12" fill="#777">no sentence alignment</text>
{% endif %}</svg>
</div>
<table class="aligned">
<thead><tr><th class="n">#</th><th>source ({{ doc.source_lang }})</th><th class="n">#</th><th>translation ({{ doc.lang }})</th></tr></thead>
<tbody>
{% for row in doc.rows %}
<tr class="{{ 'omitted' if not row.target else ('added' if not row.source else 'aligned') }}">
<td class="n">{{ row.source_numbers }}</td>
<td class="src{{ ' gap' if not row.source }}" lang="{{ doc.source_lang }}" dir="{{ doc.source_dir }}">{% if row.source %}{% for sentence in row.source %}<p class="sent">{% for p in sentence %}{% if p.flag %}<mark class="{{ p.severity }}" title="{{ p.flag }}">{{ p.text }}</mark>{% else %}{{ p.text }}{% endif %}{% endfor %}</p>{% endfor %}{% else %}— no source sentence —{% endif %}</td>
<td class="n">{{ row.target_numbers }}{% if row.score is not none %}<br><span class="score" title="fidelity of this pair">{{ "%.2f" | format(row.score) }}</span>{% endif %}</td>
<td class="tgt{{ ' gap' if not row.target }}" lang="{{ doc.lang }}" dir="{{ doc.target_dir }}">{% if row.target %}{% for sentence in row.target %}<p class="sent">{% for p in sentence %}{% if p.flag %}<mark class="{{ p.severity }}" title="{{ p.flag }}">{{ p.text }}</mark>{% else %}{{ p.text }}{% endif %}{% endfor %}</p>{% endfor %}{% else %}— not translated —{% endif %}
{% if row.messages %}<ul class="msgs" dir="ltr" lang="en">{% for sev, m in row.messages %}<li class="{{ sev }}">{{ message(m) }}</li>{% endfor %}</ul>{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% if doc.findings %}
<table class="findings">
<thead><tr><th>state</th><th>severity</th><th>code</th><th>source</th><th>translation</th><th>message</th></tr></thead>
<tbody>
{% for f in doc.findings %}<tr><td>{{ f.state }}</td><td>{{ f.severity }}</td><td><code>{{ f.code }}</code></td><td>{{ f.source }}</td><td>{{ f.target }}</td><td dir="ltr">{{ message(f.message) }}</td></tr>
{% endfor %}</tbody>
</table>
{% endif %}
<p class="signature"><small><code>{{ doc.signature }}</code></small></p>
</section>
{% endfor %}
</body>
</html>
"""

_ENV = jinja2.Environment(
    autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
)


def _document(doc: DocumentResult) -> dict[str, object]:
    report = doc.report
    return {
        "verdict": doc.verdict,
        "source": doc.pair.source,
        "target": doc.pair.target,
        "lang": report.target.lang,
        "source_lang": report.source.lang,
        "source_dir": direction(report.source.lang),
        "target_dir": direction(report.target.lang),
        "scores": report.scores,
        "signature": report.signature,
        "source_count": len(report.source.sentences),
        "target_count": len(report.target.sentences),
        "finding_count": len(report.findings),
        "new_count": len(doc.new),
        "failing_count": len(doc.failing),
        "plot": _plot(doc),
        "rows": _rows(doc),
        "findings": [
            {
                "state": "new" if doc.is_new(f) else "baselined",
                "severity": f.severity.value,
                "code": f.code,
                "source": label(f.source),
                "target": label(f.target),
                "message": isolate(f.message),
            }
            for f in report.findings
        ],
    }


def render_html(result: GateResult) -> str:
    """The page of a gate run, or of a ``check``: headed with its source and translation."""
    return _ENV.from_string(_TEMPLATE).render(
        checked=result.documents[0].pair if result.command == "check" else None,
        verdict=result.verdict,
        fail_on=result.fail_on.value,
        new_count=len(result.new_findings),
        documents=[_document(d) for d in result.documents],
    )
