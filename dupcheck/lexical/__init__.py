"""The offline translation model: FreeDict lexicons with stemming (``lexicon``),
cross-script romanisation and name keys (``translit``), quantities in every desk language
(``numbers``), and both sides of a pair in one English term space (``pivot``)."""
