"""URL parameters of the token pages, filled with a token of the other municipality's user."""

from dialogwerk.apitokens.services import token_create
from tests.tenant_walk import url_kwarg

# The token list shows only the logged-in person's own tokens (no tenant object in its URL): a personal page,
# walked as public because the walk has no list of personal pages from apps. Its scoping is tested in
# tests/apitokens/test_token_pages.py (a foreign token's revoke URL is 404 for everyone else).
PUBLIC_URL_NAMES = {"apitokens:list"}


@url_kwarg("token_id")
def token_id(context: dict) -> int:
    token, _secret = token_create(user=context["user"], name="Token B")
    return token.pk
