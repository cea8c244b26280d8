"""One way to paginate list pages, so every list behaves the same."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def paginate(request, queryset, per_page: int = PAGE_SIZE, *, param: str = "page") -> Page:
    """A page of `queryset`; `param` names the page number in the query string (two lists on one page need two).

    The page carries what `_pagination.html` needs to keep the other query parameters (filters, the other
    list's page) in its links.
    """
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    others = request.GET.copy()
    others.pop(param, None)
    page.param = param
    page.query_prefix = f"{others.urlencode()}&" if others else ""
    return page
