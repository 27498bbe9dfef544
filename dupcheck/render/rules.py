"""What each reason code means, for reports that describe their rules (SARIF's rule metadata).

One entry per code that dupcheck emits: a short description (a rule's title), a full one
(what was seen), and help (what an editor does about it). A code missing here (a detector
added later) is still described, from its type, so that no result lacks metadata.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    short: str
    full: str
    help: str


_RULES = (
    Rule("omission.sentence", "Source sentence not translated",
         "A source sentence has no counterpart in the translation.",
         "Translate the sentence, or confirm that the desk dropped it on purpose and baseline the finding."),
    Rule("omission.clause", "Clause of a source sentence not translated",
         "Part of a source sentence (a clause) finds no counterpart in its aligned translation, while the rest does.",
         "Compare the two sentences and add the missing clause to the translation."),
    Rule("omission.headline", "Headline not translated",
         "The source's headline has no counterpart in the translation.",
         "Translate the headline."),
    Rule("addition.sentence", "Translation sentence with no source",
         "A translation sentence corresponds to no source sentence.",
         "Remove the sentence, or check that the translation is of this source."),
    Rule("addition.phrase", "Phrase of a translation sentence with no source",
         "Part of a translation sentence finds no counterpart in its aligned source, in context or in the lexicon.",
         "Compare the two sentences and remove the phrase, unless it makes explicit what the source implies."),
    Rule("number.changed", "Number changed",
         "A number in the source is written with another value in the aligned translation.",
         "Correct the number in the translation (units and scale words such as million count)."),
    Rule("number.missing", "Number missing",
         "A number in the source has no counterpart in the aligned translation.",
         "Add the number to the translation."),
    Rule("number.added", "Number added",
         "The translation has a number that its aligned source lacks.",
         "Remove the number, or check it against the source."),
    Rule("entity.missing", "Name missing",
         "A name in the source (a person, place or organisation) has no counterpart in the aligned translation.",
         "Add the name, in its usual spelling in the translation's language."),
    Rule("untranslated.run", "Text left untranslated",
         "Source-language text is left as it was in the translation.",
         "Translate the text, unless it is a name or a quotation kept on purpose."),
    Rule("mistranslation.word", "Word mistranslated",
         "A translation word means something the source does not say: its meanings are absent from the source and no source word is like it in context (or, in a quotation, the word it faces is unlike it); critical inside a quotation.",
         "Check the word against the source; a misquote must be corrected."),
    Rule("misalignment.segment", "Segment's two sides do not correspond",
         "In a file of paired segments (XLIFF, TMX, TSV, PO), the translation of a segment does not correspond to its source.",
         "Check that the segment's target translates its own source and not a neighbour's."),
    Rule("misalignment.moved", "Sentence translated out of its place",
         "A source sentence is translated, but elsewhere in the translation: the two sentences translate each other across other beads.",
         "Check that the order of the translation is the one the desk intends."),
    Rule("glossary.forbidden", "Forbidden rendering used",
         "The translation uses a rendering of a term that the desk's termbase forbids.",
         "Use the termbase's required rendering."),
    Rule("glossary.missing", "Required rendering missing",
         "A termbase term is in the source, and its required rendering is not in the aligned translation.",
         "Use the termbase's required rendering."),
    Rule("threshold.fidelity", "Document fidelity below the minimum",
         "The translation's document fidelity is below the configured min-fidelity.",
         "Review the translation as a whole; the findings show where it departs from the source."),
    Rule("threshold.omitted-share", "Too many source sentences omitted",
         "More of the source sentences have no translation than the configured max-omitted-share allows.",
         "Translate the omitted sentences."),
)
RULES = {r.code: r for r in _RULES}


def rule(code: str) -> Rule:
    """The rule of a reason code; a code not catalogued is described from its type."""
    if code in RULES:
        return RULES[code]
    kind = code.split(".", 1)[0]
    return Rule(code, f"{kind.capitalize()} problem ({code})", f"A finding of type {kind} ({code}).",
                "See the finding's message for what was seen.")
