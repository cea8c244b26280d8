"""The participant API of the live event (django-ninja router, mounted at /api/v1/live/)."""

from ninja import Router

router = Router(tags=["live"])
