"""dupcheck: cross-lingual duplicate and translation-quality checker."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dupcheck")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
