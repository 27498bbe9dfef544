"""Detectors on real sentences from the seeds, with the alignment given, so each
expectation is about the detector alone."""

from __future__ import annotations

import pytest

from dupcheck.backends.translate.lexical import LexicalTranslator
from dupcheck.fidelity.findings import CheckedPair, find_problems
from dupcheck.fidelity.findings.names import (
    TRANSLATED_WORD_SPELLING,
    _run_on_tail,
    nearest_spelling,
)
from dupcheck.lexical.lexicon import load_lexicon
from dupcheck.lexical.pivot import pivot_source, pivot_target
from dupcheck.records import Bead, FindingType, Severity
from dupcheck.text.load import document_from_text
from dupcheck.text.segment import segment

EN_QUOTE = ('Xi hailed the "ironclad friendship" between China and Serbia, saying the countries '
            'enjoy "high-level political mutual trust."')
HI_QUOTE = ('शी ने चीन और सर्बिया के बीच "परेशान दोस्ती" की सराहना करते हुए कहा कि दोनों देश '
            '"उच्च-स्तरीय राजनीतिक आपसी विश्वास" का आनंद लेते हैं।')
HI_QUOTE_FIXED = HI_QUOTE.replace("परेशान", "अटूट")
EN_JAIL = ("Since taking power, el-Sissi has overseen a widespread crackdown on dissent and "
           "opposition, jailing tens of thousands and drawing international criticism.")
HI_JAIL = ("सत्ता संभालने के बाद से, अल-सिसी ने असंतोष और विरोध पर व्यापक कार्रवाई की, हजारों को "
           "जेल में डाल दिया और अंतरराष्ट्रीय आलोचना की।")
EN_OTHER = "In 2017, the government arrested dozens of Uyghur students studying at Cairo's Al-Azhar University."
HI_OTHER = "2017 में, सरकार ने काहिरा के अल-अजहर विश्वविद्यालय में पढ़ने वाले दर्जनों उइगर छात्रों को गिरफ्तार किया।"


def checked(src_lines, tgt_lines, beads) -> CheckedPair:
    source = segment(document_from_text("\n".join(src_lines), lang="en", input_format="lines"), input_format="lines")
    target = segment(document_from_text("\n".join(tgt_lines), lang="hi", input_format="lines"), input_format="lines")
    lexicon = load_lexicon("hi")
    return CheckedPair(
        source, target, pivot_source(source, lexicon), pivot_target(target, LexicalTranslator()),
        tuple(Bead(s, t, 1.0 if s and t else 0.0) for s, t in beads), lexicon,
    )


def codes(findings):
    return sorted({f.code for f in findings})


def test_a_misquoted_word_on_the_lexicon_alone_is_reported_below_the_gate():
    # a quotation's word order and the lexicon's silence are all the evidence there is
    # without an encoder (tests/fidelity/test_confidence.py has the encoder's cases)
    findings = find_problems(checked([EN_QUOTE], [HI_QUOTE], [((0,), (0,))]))
    hits = [f for f in findings if f.type is FindingType.MISTRANSLATION]
    assert [(f.source_text, f.target_text, f.severity, f.confidence) for f in hits] == [
        ("ironclad", "परेशान", Severity.MINOR, 0.4)
    ]
    assert "trouble" in hits[0].message and "not critical" in hits[0].message


def test_the_right_word_in_the_quotation_is_no_finding():
    findings = find_problems(checked([EN_QUOTE], [HI_QUOTE_FIXED], [((0,), (0,))]))
    assert not [f for f in findings if f.type is FindingType.MISTRANSLATION]


def test_a_magnitude_that_shrinks_is_a_number_error_with_spans():
    pair = checked([EN_JAIL], [HI_JAIL], [((0,), (0,))])
    hits = [f for f in find_problems(pair) if f.type is FindingType.NUMBER]
    assert [(f.code, f.source_text, f.target_text) for f in hits] == [("number.changed", "tens of thousands", "हजारों")]
    start, end = hits[0].target_span
    assert pair.target.text[start:end] == "हजारों"


@pytest.mark.parametrize(("english", "hindi", "says"), [
    # four-digit whole numbers are mostly years: written as they are
    ("Prices rose between 2009 and 2011.", "कीमतें 2099 से 2011 के बीच बढ़ीं।", "(2009) is rendered as \"2099\" (2099)"),
    ("The law dates from 1966.", "यह कानून 1996 का है।", "(1966)"),
    # larger ones are grouped
    ("About 25,000 people came.", "लगभग 35,000 लोग आए।", "(25,000)"),
])
def test_number_messages_print_years_as_written(english, hindi, says):
    hits = [f for f in find_problems(checked([english], [hindi], [((0,), (0,))])) if f.code == "number.changed"]
    assert len(hits) == 1 and says in hits[0].message, [f.message for f in hits]


@pytest.mark.parametrize("beads,expected", [
    ([((0,), (0,)), ((1,), (1,))], []),
    ([((0,), ()), ((1,), (1,)), ((), (0,))], ["addition.sentence", "omission.sentence"]),
])
def test_unaligned_sentences_are_omissions_and_additions(beads, expected):
    pair = checked([EN_OTHER, EN_QUOTE], [HI_OTHER, HI_QUOTE_FIXED], beads)
    found = [f for f in find_problems(pair) if f.type in (FindingType.OMISSION, FindingType.ADDITION)]
    assert codes(found) == expected
    assert all(f.severity is Severity.MAJOR for f in found)


def test_findings_follow_the_alignment_order():
    pair = checked([EN_OTHER, EN_JAIL, EN_QUOTE], [HI_JAIL, HI_QUOTE], [((0,), ()), ((1,), (0,)), ((2,), (1,))])
    findings = find_problems(pair)
    order = [f.source[0] for f in findings]
    assert order == sorted(order)
    assert codes(findings) == ["mistranslation.word", "number.changed", "omission.sentence"]


def test_latin_words_left_in_the_translation_are_untranslated():
    hi = "सरकार ने कहा कि the talks were productive and friendly आज।"
    pair = checked(["The government said the talks were productive and friendly today."], [hi], [((0,), (0,))])
    hits = [f for f in find_problems(pair) if f.type is FindingType.UNTRANSLATED]
    assert len(hits) == 1 and "talks were productive" in hits[0].target_text


def test_names_kept_in_latin_script_are_not_untranslated():
    hi = "JAS 39C Gripen स्थानीय समय के अनुसार सुबह 9:30 बजे रनवे पर दुर्घटनाग्रस्त हो गया।"
    pair = checked(["The JAS 39C Gripen crashed onto a runway at around 9:30 am local time."], [hi], [((0,), (0,))])
    assert not [f for f in find_problems(pair) if f.type is FindingType.UNTRANSLATED]


@pytest.mark.parametrize(
    ("hindi", "expected"),
    [
        ("CD4+ और CD1+ T कोशिकाएं संक्रमित कोशिकाओं को मारती हैं।",
         [("number.changed", Severity.MAJOR, 0.9, "CD8 → CD1")]),
        # written out, its digits nowhere: reported below the gate
        ("CD4+ और साइटोटॉक्सिक T कोशिकाएं संक्रमित कोशिकाओं को मारती हैं।",
         [("number.missing", Severity.MINOR, 0.45, "CD8")]),
        ("CD4+ और CD8+ T कोशिकाएं संक्रमित कोशिकाओं को मारती हैं।", []),
    ],
)
def test_an_identifier_whose_digits_change_is_a_changed_number(hindi, expected):
    pair = checked(["CD4+ and CD8+ T cells kill infected cells."], [hindi], [((0,), (0,))])
    found = [(f.code, f.severity, f.confidence, f.source_text + (f" → {f.target_text}" if f.code == "number.changed" else ""))
             for f in find_problems(pair) if f.type is FindingType.NUMBER]
    assert found == expected


@pytest.mark.parametrize(
    ("hindi", "missing"),
    [
        # WMT14 writes "Mr Ströbele" as one word with the title, split in two
        ("श्रीस्ट्रॉ बेले ने श्री स्नो डेन के साथ खुद की तस्वीर प्रकाशित की।", []),
        ("श्री बेकर ने श्री स्नो डेन के साथ खुद की तस्वीर प्रकाशित की।", ["Ströbele"]),
    ],
)
def test_a_title_written_onto_a_name_is_left_off_when_the_name_is_looked_for(hindi, missing):
    pair = checked(["Mr Ströbele published a picture of himself with Mr Snowden."], [hindi], [((0,), (0,))])
    assert [f.source_text for f in find_problems(pair) if f.code == "entity.missing"] == missing


@pytest.mark.parametrize(
    ("hindi", "missing"),
    [
        # WMT14 line 487 types "and" onto Guebuza's name
        ('"यह दो बड़े आदमी ( जीबुझांऔर ढाकामा) हैं," हैनलोन ने कहा।', []),
        ('"यह दो बड़े आदमी ( जीबुझां और ढाकामा) हैं," हैनलोन ने कहा।', []),
        ('"यह दो बड़े आदमी ( ओबामाऔर ढाकामा) हैं," हैनलोन ने कहा।', ["Guebuza"]),
    ],
)
def test_a_conjunction_typed_onto_a_name_is_left_off_when_the_name_is_looked_for(hindi, missing):
    pair = checked(['"It\'s two big men (Guebuza and Dhlakama)," said Hanlon.'], [hindi], [((0,), (0,))])
    assert [f.source_text for f in find_problems(pair) if f.code == "entity.missing"] == missing


@pytest.mark.parametrize(
    ("hindi", "missing"),
    [
        # WMT14 line 496 runs "most" (अधिकांश) onto Sofala and splits the name
        ("झड़पों के अधिकांशसोफा ला प्रांत में हुई हैं।", []),
        ("झड़पों के अधिकांश सोफा ला प्रांत में हुई हैं।", []),
        # the word run on is left off, not the name taken for written by what is left
        ("झड़पों के अधिकांशगाज़ा प्रांत में हुई हैं।", ["Sofala"]),
    ],
)
def test_a_word_run_onto_a_name_is_left_off_when_the_name_is_looked_for(hindi, missing):
    pair = checked(["Most of the skirmishes have taken place in Sofala province."], [hindi], [((0,), (0,))])
    assert [f.source_text for f in find_problems(pair) if f.code == "entity.missing"] == missing


@pytest.mark.parametrize(
    ("word", "tail"),
    [
        ("अधिकांशसोफा", "सोफा"),  # अधिकांश "most", known, runs onto a name
        ("जोमापुटो", "जोमापुटो"),  # जो "who" is shorter than a run-on head may be
        ("ओबामा", "ओबामा"),  # no known word at its front
        # ट्रैक "track" is known, but the cut would leave a vowel sign (ि) at the front
        ("ट्रैकिंग", "ट्रैकिंग"),
    ],
)
def test_the_tail_of_a_word_run_on_cuts_after_the_longest_known_word(word, tail):
    assert _run_on_tail(word, load_lexicon("hi")) == tail


@pytest.mark.parametrize(
    ("english", "hindi", "missing"),
    [
        # FLORES dev line 259: the source's typo, its word rendered (परिवहन "transport")
        ("The Maryland Transportaion Authority made the closure.",
         "मैरीलैंड परिवहन प्राधिकरण ने इसे बंद कर दिया।", []),
        ("The Maryland Transportaion Authority made the closure.",
         "मैरीलैंड प्राधिकरण ने इसे बंद कर दिया।", ["Transportaion"]),
        ("Police said the Distrct court would rule.", "पुलिस ने कहा कि जिला अदालत फैसला करेगी।", []),
        # a real name a letter from a long word ("jodhpurs") is still looked for
        ("The fort in Jodhpur was closed.", "किला बंद था।", ["Jodhpur"]),
    ],
)
def test_a_source_typo_of_a_word_the_translation_renders_is_no_missing_name(english, hindi, missing):
    pair = checked([english], [hindi], [((0,), (0,))])
    assert [f.source_text for f in find_problems(pair) if f.code == "entity.missing"] == missing


def test_a_name_that_begins_like_a_title_is_still_matched_whole():
    pair = checked(["Sri Lanka won the match in Colombo."], ["श्रीलंका ने कोलंबो में मैच जीता।"], [((0,), (0,))])
    assert not [f for f in find_problems(pair) if f.code == "entity.missing"]


@pytest.mark.parametrize(
    ("english", "hindi", "missing"),
    [
        # Hindi news writes a state by its words' initial sounds (WMT14: मप्र)
        ("The company appointed agents in Rajasthan, Madhya Pradesh and Maharashtra.",
         "कंपनी ने राजस्थान, मप्र और महाराष्ट्र में एजेंट नियुक्त किए।", []),
        ("The company appointed agents in Rajasthan, Madhya Pradesh and Maharashtra.",
         "कंपनी ने राजस्थान और महाराष्ट्र में एजेंट नियुक्त किए।", ["Madhya", "Pradesh"]),
        # a name shortening a word of its own sentence may be written out (TICO-19: Ang)
        ("It lowers angiotensin-II and raises Ang(1-7) in the heart.",
         "यह हृदय में एंजियोटेंसिन-II को घटाता है और एंजियोटेंसिन (1-7) को बढ़ाता है।", []),
        ("It lowers renin and raises Ang(1-7) in the heart.",
         "यह हृदय में रेनिन को घटाता है और एंजियोटेंसिन (1-7) को बढ़ाता है।", ["Ang"]),
    ],
)
def test_a_name_written_by_its_initials_or_shortening_a_word_beside_it_is_not_missing(english, hindi, missing):
    pair = checked([english], [hindi], [((0,), (0,))])
    assert [f.source_text for f in find_problems(pair) if f.code == "entity.missing"] == missing


@pytest.mark.parametrize(
    ("hindi", "expected"),
    [
        ("मंत्री ने सोमवार को प्रतिनिधिमंडल से मुलाकात की।", []),
        ("मंत्री ने मंगलवार को प्रतिनिधिमंडल से मुलाकात की।",
         [("number.changed", Severity.MAJOR, "Monday → मंगलवार")]),
        # a dropped day is reported below the gate: translations move or drop it
        ("मंत्री ने प्रतिनिधिमंडल से मुलाकात की।", [("number.missing", Severity.MINOR, "Monday")]),
    ],
)
def test_a_weekday_the_translation_changes_is_a_changed_number(hindi, expected):
    pair = checked(["The minister met the delegation on Monday."], [hindi], [((0,), (0,))])
    found = [(f.code, f.severity, f.source_text + (f" → {f.target_text}" if f.code == "number.changed" else ""))
             for f in find_problems(pair) if f.type is FindingType.NUMBER]
    assert found == expected


@pytest.mark.parametrize(
    ("hindi", "missing"),
    [
        ("उनके नेताओं ने शनिवार को बीजिंग में मुलाकात की।", []),
        # a place the English dictionary knows is still a name to look for
        ("उनके नेताओं ने शनिवार को मास्को में मुलाकात की।", ["Beijing"]),
        ("उनके नेताओं ने शनिवार को जापान में मुलाकात की।", ["Beijing"]),
    ],
)
def test_a_place_the_dictionary_knows_is_a_name_to_look_for(hindi, missing):
    pair = checked(["Their leaders met in Beijing on Saturday."], [hindi], [((0,), (0,))])
    found = [f.source_text for f in find_problems(pair) if f.code == "entity.missing" and f.severity is Severity.MAJOR]
    assert found == missing


@pytest.mark.parametrize(("hindi", "missing"), [
    ("चीन ने जवाब दिया।", []),
    ("रूस ने जवाब दिया।", ["China"]),
    # the place's adjective writes it ("of China" → चीनी, TICO-19 ar 483's الصينية)
    ("चीनी सरकार ने जवाब दिया।", []),
])
def test_a_place_the_lexicon_renders_is_looked_for_where_it_is_not_linked(hindi, missing):
    pair = checked(["China responded."], [hindi], [((0,), (0,))])
    found = [f.source_text for f in find_problems(pair) if f.code == "entity.missing" and f.severity is Severity.MAJOR]
    assert found == missing


def test_a_month_left_out_is_the_calendar_checks_not_a_missing_name():
    # WMT14 hi 1012: the lexicon spells November by sound (नवंबर), as it spells names
    pair = checked(["Record orders are expected at the November 17-21 event."],
                   ["17-21 की घटना में रिकॉर्ड ऑर्डर अपेक्षित हैं।"], [((0,), (0,))])
    assert [f.source_text for f in find_problems(pair) if f.code == "entity.missing"] == []


def test_a_capitalised_dictionary_word_that_is_no_place_is_not_looked_for():
    pair = checked(["The Geological Survey said the Moon was visible."],
                   ["भूवैज्ञानिक सर्वेक्षण ने कहा कि चांद दिखाई दे रहा था।"], [((0,), (0,))])
    assert not [f for f in find_problems(pair) if f.code == "entity.missing"]


def test_a_short_place_the_lexicon_renders_is_not_written_by_a_word_that_sounds_like_it():
    # China and तीन ("three") are 0.54 alike, past a variant's 0.5: a rendered place asks 0.75
    pair = checked(["Three people returned from China."], ["तीन लोग लौटे।"], [((0,), (0,))])
    found = [f.source_text for f in find_problems(pair) if f.code == "entity.missing" and f.severity is Severity.MAJOR]
    assert found == ["China"]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # an abbreviation the run ends in is kept whole
        ("the order dominated by the U.S. today", ("dominated", "U"), "dominated by the U.S."),
        ("the order dominated by the U.S.", ("dominated", "U"), "dominated by the U.S."),
        # a quotation the run opens or closes is balanced by the mark beside it
        ('Xi hailed the "ironclad friendship" between', ("Xi", "friendship"), 'Xi hailed the "ironclad friendship"'),
        ('said "stronger than" ever', ("stronger", "ever"), '"stronger than" ever'),
        ("nothing to widen here", ("nothing", "widen"), "nothing to widen"),
    ],
)
def test_a_flagged_phrase_is_whole_for_its_reader(text, words, expected):
    from dupcheck.fidelity.findings.omissions import _phrase_span

    first, last = words
    start, end = text.index(first), text.index(last) + len(last)
    a, b = _phrase_span(text, start, end)
    assert text[a:b] == expected


@pytest.mark.parametrize(
    ("words", "translated", "bar", "expected"),
    [
        # भुगतान ("payment") sounds 0.54 like Putin: a variant, were it no word of its own
        (["भुगतान"], set(), 0.5, (0.54, 0.5)),
        (["भुगतान"], {"भुगतान"}, 0.5, (0.54, TRANSLATED_WORD_SPELLING)),
        # the word nearest its own bar is reported, not the most alike
        (["भुगतान", "बुतिन"], {"भुगतान"}, 0.5, (0.7, 0.5)),
        # a place's bar above that stays as it is
        (["भुगतान"], {"भुगतान"}, 0.75, (0.54, 0.75)),
        ([], set(), 0.5, (0.0, 0.5)),
    ],
)
def test_a_word_with_a_meaning_must_sound_closer_to_write_a_name(words, translated, bar, expected):
    nearest, its_bar = nearest_spelling("Putin", words, translated, "hi", bar)
    assert (round(nearest, 2), its_bar) == expected
