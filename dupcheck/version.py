"""dupcheck's version, in a module of its own: the modules that put it in their reports
import it from here rather than from the package, which imports the pipeline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dupcheck")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
