import uuid

import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Fresh counters without flushing the cache (with REDIS_URL it is shared with the channel layer)."""
    settings.RATE_LIMIT_NAMESPACE = f"rl-test-{uuid.uuid4().hex}"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
