"""``dupcheck scan``: related documents across a collection. Inputs (``collection``),
candidate pairs from tf-idf and MinHash indexes (``candidates``), verification and
classification of a pair (``relate``, with ``spin`` for synonym-spun copies), the local and
Ray engines (``engines``), and the pipeline (``pipeline``)."""
