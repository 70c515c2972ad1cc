"""The errors of the history's files, shared by the store, its recovery and the exchange formats.

Each names the file and what the user can do; bad arguments (programming errors) stay ValueError.
"""

from __future__ import annotations


class StoreError(Exception):
    """A history file cannot be used for a reason the user can fix; the message names the file."""


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only (an imported profile, a viewer)."""


class HistoryFileError(StoreError):
    """An export could not be written or an import file is unusable; the message says why."""


class StoreBusyError(StoreError):
    """Another program holds the history's write lock: nothing was written; try again later."""
