"""Errors a user can cause. The CLI turns them into one line and exit code 2."""

from __future__ import annotations


class DupcheckError(Exception):
    """Base class for errors caused by input, configuration or environment, not by a bug."""


class InputError(DupcheckError):
    """A file that cannot be used: missing, empty, binary, not UTF-8, wrong language, ..."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


class BackendError(DupcheckError):
    """A backend that cannot be loaded or does not cover the requested languages."""


class ConfigError(DupcheckError):
    """A configuration file or option that is not valid."""
