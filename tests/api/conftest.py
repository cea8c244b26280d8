"""Fixtures for the REST API: personal access tokens and a client that sends them."""

import json
import uuid

import pytest

from dialogwerk.apitokens.models import Scope
from dialogwerk.apitokens.services import token_create


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Users are made per test (and per fuzzed operation); the real hasher would spend most of the time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Fresh counters without flushing the cache (with REDIS_URL it is shared with the channel layer)."""
    settings.RATE_LIMIT_NAMESPACE = f"rl-test-{uuid.uuid4().hex}"


@pytest.fixture
def token_for():
    """token_for(user, scope="read_write") -> the secret."""

    def make(user, scope=Scope.READ_WRITE, **kwargs):
        _token, secret = token_create(user=user, name=f"Test {scope}", scope=scope, **kwargs)
        return secret

    return make


class ApiClient:
    def __init__(self, client, secret: str | None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}

    def get(self, path, **params):
        return self.client.get(path, params, **self.headers)

    def _send(self, method, path, body):
        data = json.dumps(body) if body is not None else ""
        return getattr(self.client, method)(path, data=data, content_type="application/json", **self.headers)

    def post(self, path, body=None):
        return self._send("post", path, body)

    def patch(self, path, body=None):
        return self._send("patch", path, body)

    def put(self, path, body=None):
        return self._send("put", path, body)

    def delete(self, path):
        return self._send("delete", path, None)


@pytest.fixture
def api_as(client, token_for):
    """api_as(user, scope=...) -> a client that authenticates with a new token of that user; api_as(None): anonymous."""

    def make(user, scope=Scope.READ_WRITE):
        return ApiClient(client, token_for(user, scope) if user is not None else None)

    return make


@pytest.fixture(autouse=True)
def _live_writes_in_the_test_thread(monkeypatch):
    """The live API runs its database work on a small thread pool; in tests it must see the test's own
    (uncommitted) transaction, so it runs in the request's thread (as in tests/live/conftest.py)."""
    from dialogwerk.live import db_threads

    monkeypatch.setattr(db_threads, "DB_THREADS", None)
