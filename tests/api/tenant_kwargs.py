"""The REST API in the URL walk: parameters of API paths, and the API's personal lists.

The lists below show only the caller's own municipalities, dialogues and account (no tenant object in the
URL), so the page walk cannot expect 404 from them; tests/api/test_api_isolation.py walks every operation
of the OpenAPI schema as a token of another municipality and checks what those lists contain.
"""

from tests.tenant_walk import url_kwarg  # noqa: F401  (the API's path parameters reuse the apps' factories)

PUBLIC_URL_NAMES = {"api:municipality_list", "api:dialogue_list", "api:me"}
