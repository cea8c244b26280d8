"""The survey's pages use the live event's URL parameters (session_id, code: tests/live/tenant_kwargs.py).
The participant's survey page is public, scoped by the join code and the participant's token cookie."""

PUBLIC_URL_NAMES = {"survey:participant"}
