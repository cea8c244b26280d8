"""A mail backend whose server refuses the connection: what a reminder run meets when SMTP is down."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("smtp.example.de:587 refused the connection")
