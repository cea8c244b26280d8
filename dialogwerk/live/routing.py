"""WebSocket routes of the live event."""

from django.urls import path

from .consumers import LiveConsumer

websocket_urlpatterns: list = [path("ws/live/<str:code>/", LiveConsumer.as_asgi())]
