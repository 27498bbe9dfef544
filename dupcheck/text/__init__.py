"""Reading documents: bytes to normalised text (``load``), sentences (``segment``), and the
language of a text and of the foreign runs inside it (``langid``)."""
