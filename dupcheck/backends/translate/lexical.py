"""The offline default pivot: word-by-word glossing through the FreeDict lexicons.

Far from fluent, but it needs no model and puts the same English lemmas on both sides of
a comparison: one sense per content word, numbers kept, and unknown words (names,
loans) romanised rather than guessed, so a name still matches the source by sound and
is never replaced by a sound-alike English word (ओवेचकिन is not "awaken").
"""

from __future__ import annotations

from dupcheck.backends.translate.base import Translator
from dupcheck.errors import BackendError
from dupcheck.lexical.lexicon import LANGS, english_glosses, lexicon_version, load_lexicon, tokens


class LexicalTranslator(Translator):
    name = "lexical"
    batch_size = 256

    def covers(self, src_lang: str, tgt_lang: str) -> bool:
        return (src_lang in LANGS and tgt_lang == "en") or (src_lang == "en" and tgt_lang in LANGS)

    def signature(self) -> str:
        packages = lexicon_version()
        parts = [
            f"{name.removeprefix('dict-freedict-')}-{version}"
            for name, version in sorted(packages.items())
        ]
        return "lexical:freedict-" + "+".join(parts)

    def _translate_batch(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        if not self.covers(src_lang, tgt_lang):
            raise BackendError(f"lexical translator does not cover {src_lang}->{tgt_lang}")
        if tgt_lang == "en":
            return [self._to_english(text, src_lang) for text in texts]
        return [self._from_english(text, tgt_lang) for text in texts]

    @staticmethod
    def _to_english(text: str, lang: str) -> str:
        lookup = load_lexicon(lang).lookup
        words = []
        # each word's gloss at offset 0: a pivot sentence needs no offsets
        for gloss in map(lookup, (match.group() for match in tokens(text))):
            if gloss.meanings:
                words.append(gloss.meanings[0])
            elif not gloss.stopword:
                words.append(gloss.romanized)
        return " ".join(words)

    @staticmethod
    def _from_english(text: str, lang: str) -> str:
        lexicon = load_lexicon(lang)
        words = []
        for gloss in english_glosses(text):
            if gloss.stopword:
                continue
            words.append(lexicon.render(gloss.stem) or gloss.text)
        return " ".join(words)
