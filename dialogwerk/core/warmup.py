"""Readying an app process before its first request."""

import gc

from django.urls import get_resolver


def warm_up_and_freeze_heap() -> None:
    """Import every view now and take what stays for good out of the garbage collector's full passes.

    Otherwise the first request imports the views (the URLconf, django-ninja's schemas: some 250,000
    objects), and every full collection afterwards walks them all: a pause of ~280 ms in the middle of a
    request, a few times a minute under load, which was most of the results pages' p95 (docs/performance.md).
    Frozen objects are never collected, which is right for modules that live as long as the process.
    """
    get_resolver().reverse_dict  # noqa: B018 - imports every URLconf and view and builds the reverse lookup
    gc.collect()
    gc.freeze()
