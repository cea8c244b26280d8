"""URL parameters of the translations pages, for the walk as another municipality's member."""

from tests.tenant_walk import url_kwarg


@url_kwarg("fmt")
def fmt(context: dict) -> str:
    return "xlsx"
