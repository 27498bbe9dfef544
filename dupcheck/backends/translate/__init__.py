"""``Translator`` backends: the interface (``base``), the offline ``lexical`` default, and
transformers (``hf``) and CTranslate2 (``ct2``) models."""
