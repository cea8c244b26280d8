"""WebSocket routes of all apps."""

from dialogwerk.live.routing import websocket_urlpatterns as live_routes

websocket_urlpatterns: list = [*live_routes]
