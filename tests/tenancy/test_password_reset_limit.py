"""Password-reset mails are limited per address and per IP address: a script cannot flood a mailbox, and the
answer still does not tell whether an account has the address."""

from django.core import mail


def ask(client, email, ip="203.0.113.7"):
    return client.post("/konto/passwort/vergessen/", {"email": email}, REMOTE_ADDR=ip)


def test_a_mailbox_gets_at_most_three_reset_mails_an_hour(client, consultant):
    for _ in range(3):
        assert ask(client, consultant.email).status_code == 302
    assert len(mail.outbox) == 3
    refused = ask(client, consultant.email.upper())
    assert refused.status_code == 429 and "Zu viele Versuche" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0 and len(mail.outbox) == 3


def test_an_unknown_address_is_limited_alike_and_one_ip_cannot_walk_a_list(client, consultant):
    for _ in range(3):
        assert ask(client, "niemand@example.org").status_code == 302
    assert ask(client, "niemand@example.org").status_code == 429  # the same answer as for a real account
    for n in range(20):
        ask(client, f"person{n}@example.org", ip="198.51.100.9")
    assert ask(client, consultant.email, ip="198.51.100.9").status_code == 429
    assert ask(client, consultant.email, ip="192.0.2.1").status_code == 302  # another office is not affected
