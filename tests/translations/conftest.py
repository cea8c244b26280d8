"""Local HTTP servers for the machine translation backends, and a live session whose notice names the service."""

import pytest

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method

from .servers import LocalServer


@pytest.fixture
def serve():
    """serve(answer) -> a LocalServer answering with `answer`; stopped after the test."""
    servers = []

    def start(answer):
        server = LocalServer(answer)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )
