"""E-mails to staff users."""

from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_welcome(*, request, user) -> None:
    """Send a new member the link to set a first password (Django's reset token, so it expires).

    Django's PasswordResetForm skips accounts without a usable password, which new accounts are.
    """
    site = get_current_site(request)
    context = {
        "protocol": "https" if request.is_secure() else "http",
        "domain": site.domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "user": user,
    }
    subject = "".join(render_to_string("tenancy/welcome_subject.txt", context).splitlines())
    body = render_to_string("tenancy/welcome_email.txt", context)
    send_mail(subject, body, None, [user.email])
