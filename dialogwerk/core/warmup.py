"""Readying an app process before its first request, and keeping what it loads later out of the way."""

import gc
import sys

from django.urls import get_resolver

_modules_when_frozen = 0  # len(sys.modules) at the last freeze; 0: the heap was never frozen (tests, commands)


def warm_up_and_freeze_heap() -> None:
    """Import every view now and take what stays for good out of the garbage collector's full passes.

    Otherwise the first request imports the views (the URLconf, django-ninja's schemas: some 250,000
    objects), and every full collection afterwards walks them all: a pause of ~280 ms in the middle of a
    request, a few times a minute under load, which was most of the results pages' p95 (docs/performance.md).
    Frozen objects are never collected, which is right for modules that live as long as the process.
    """
    get_resolver().reverse_dict  # noqa: B018 - imports every URLconf and view and builds the reverse lookup
    _freeze()


def freeze_what_a_request_imported() -> None:
    """After a page: if it imported modules, freeze the heap again.

    The heavy libraries (clustering, charts, PDF, spreadsheets) are imported by the first request that needs
    them, not at start (they held ~170 MB in every process; docs/performance.md). Left in the collector's
    passes, the clustering and chart libraries alone (~130,000 objects) would add ~50 ms to every full pass
    from then on. This happens once per library and process; the live objects of requests in flight at that
    moment are frozen too, so cyclic garbage among them is never collected: a bounded, one-off cost."""
    if _modules_when_frozen and len(sys.modules) != _modules_when_frozen:
        _freeze()


def _freeze() -> None:
    global _modules_when_frozen
    gc.collect()
    gc.freeze()
    _modules_when_frozen = len(sys.modules)
