"""WebSocket routes of the live event."""

websocket_urlpatterns: list = []
