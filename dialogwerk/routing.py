"""WebSocket routes of all apps (the live wall joins here)."""

websocket_urlpatterns: list = []
