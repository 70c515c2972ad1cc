"""Keep PySide6 6.12 from crashing CPython 3.11 by releasing `None` once per Qt call.

PySide6 6.12.0 returns `None` from every void Qt method (`setText`, `setVisible`, ...) without
taking a reference to it. From Python 3.12 on `None` is immortal and nothing happens; on 3.11
each call lowers its reference count by one, and the player makes about 300 such calls a second,
so within a minute of a session CPython aborts with "none_dealloc: deallocating None".

The singletons `None`, `True` and `False` are never freed anyway, so giving them a very large
reference count up front (once per process) makes the leak harmless for any realistic session
length. Nothing happens on Python 3.12+ or other interpreters. Remove this when PySide6 is fixed
or the project requires Python 3.12.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # a trillion calls: centuries at the player's rate


def needed() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def protect_singletons() -> bool:
    """Raise the reference counts of None, True and False once; True if it did so now."""
    if not needed() or sys.getrefcount(None) > HEADROOM // 2:
        return False  # not affected, or already done in this process
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Py_ssize_t)
        ctypes.c_ssize_t.from_address(id(obj)).value += HEADROOM
    return True
