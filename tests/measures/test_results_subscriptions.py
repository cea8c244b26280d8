"""The loop back to the participants: an address left on the phone (its own consent), confirmed from a first
mail (double opt-in), told in the participant's language when the status page shows something new, and
deleted when they stop it."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Method
from dialogwerk.measures import subscriptions
from dialogwerk.measures.models import ResultsSubscription
from dialogwerk.privacy import services as privacy

pytestmark = pytest.mark.django_db

ADDRESS = "samira@example.org"


@pytest.fixture
def session(dialogue, moderator):
    return live_services.session_create(
        actor=moderator, dialogue=dialogue, title="Abend im Rathaus", method=Method.WORLD_CAFE
    )


@pytest.fixture
def phone(client):
    """A participant's phone, set to Arabic."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    return client


def subscribe(phone, session, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return phone.post(f"/j/{session.code}/ergebnisse-per-mail/", {"email": ADDRESS, "consent": "on", **data})


def link_in(message) -> str:
    return (
        re.search(r"http://\S+/benachrichtigung/\S+/", message.body).group(0).replace(settings.SITE_URL.rstrip("/"), "")
    )


def test_the_participant_page_offers_it_in_the_participants_language(client, session):
    client.post(f"/j/{session.code}/", {"display_name": "Amal", "language": "ar", "consent": "on"})
    html = client.get(f"/j/{session.code}/live/").content.decode()
    assert f'<a href="/j/{session.code}/ergebnisse-per-mail/">أخبرني بالبريد الإلكتروني عندما تتوفر نتائج</a>' in html


def test_an_address_needs_its_own_consent_and_a_valid_form(phone, session):
    page = phone.get(f"/j/{session.code}/ergebnisse-per-mail/")
    assert page.status_code == 200 and '<html lang="ar" dir="rtl">' in page.content.decode()
    refused = phone.post(f"/j/{session.code}/ergebnisse-per-mail/", {"email": ADDRESS})
    assert refused.status_code == 422 and "يرجى وضع علامة في المربع للموافقة" in refused.content.decode()
    refused = phone.post(f"/j/{session.code}/ergebnisse-per-mail/", {"email": "kein Mail", "consent": "on"})
    assert refused.status_code == 422 and "يرجى إدخال عنوان بريد إلكتروني صالح" in refused.content.decode()
    assert not ResultsSubscription.objects.exists() and not mail.outbox


def test_double_opt_in_then_news_in_arabic_at_most_daily_then_stopped(
    phone, session, dialogue, make_measure, django_capture_on_commit_callbacks
):
    response = subscribe(phone, session, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and f"أرسلنا رسالة إلى {ADDRESS}" in response.content.decode()
    (confirmation,) = mail.outbox
    assert confirmation.to == [ADDRESS] and "يرجى التأكيد" in confirmation.subject
    manage = link_in(confirmation)

    # Unconfirmed, nothing is told; opening the link (as a mail scanner would) confirms nothing.
    make_measure("Sprachcafé", public=True)
    assert subscriptions.results_notices_send() == 0
    page = phone.get(manage).content.decode()
    assert "تأكيد عنواني" in page and ResultsSubscription.objects.get().confirmed_at is None
    assert phone.post(manage, {"action": "confirm"}).status_code == 200
    subscription = ResultsSubscription.objects.get()
    assert subscription.confirmed_at is not None and subscription.language == "ar"

    # What was public at confirmation counts as told; something new is told once, in Arabic, with both links.
    assert subscriptions.results_notices_send() == 0
    make_measure("Wohnungsbörse", public=True)
    mail.outbox.clear()
    assert subscriptions.results_notices_send() == 1
    (notice,) = mail.outbox
    assert "أخبار" in notice.subject and f"/status/{dialogue.pk}/?lang=ar" in notice.body and manage in notice.body
    make_measure("Patenschaften", public=True)
    assert subscriptions.results_notices_send() == 0  # the same day: not again
    assert subscriptions.results_notices_send(now=timezone.now() + datetime.timedelta(days=1)) == 1

    page = phone.post(manage, {"action": "stop"})
    assert page.status_code == 200 and "لن تصلك رسائل بعد الآن" in page.content.decode()
    assert not ResultsSubscription.objects.exists()
    assert phone.get(manage).status_code == 404


def test_a_confirmed_address_gets_no_second_mail_and_the_page_does_not_tell(
    phone, session, django_capture_on_commit_callbacks
):
    subscribe(phone, session, django_capture_on_commit_callbacks)
    phone.post(link_in(mail.outbox[0]), {"action": "confirm"})
    mail.outbox.clear()
    again = subscribe(phone, session, django_capture_on_commit_callbacks)
    assert again.status_code == 200 and f"أرسلنا رسالة إلى {ADDRESS}" in again.content.decode()
    assert not mail.outbox and ResultsSubscription.objects.count() == 1


def test_addresses_never_confirmed_are_forgotten_after_a_week(phone, session, django_capture_on_commit_callbacks):
    subscribe(phone, session, django_capture_on_commit_callbacks)
    subscriptions.results_notices_send(now=timezone.now() + datetime.timedelta(days=6))
    assert ResultsSubscription.objects.exists()
    subscriptions.results_notices_send(now=timezone.now() + datetime.timedelta(days=8))
    assert not ResultsSubscription.objects.exists()


def test_nobody_floods_a_mailbox_with_confirmations(phone, session, django_capture_on_commit_callbacks):
    for _attempt in range(3):
        assert subscribe(phone, session, django_capture_on_commit_callbacks).status_code == 200
    refused = subscribe(phone, session, django_capture_on_commit_callbacks)
    assert refused.status_code == 429 and len(mail.outbox) == 3


def test_a_link_that_is_not_one_and_an_unknown_action(phone, session, django_capture_on_commit_callbacks):
    assert phone.get("/benachrichtigung/nicht-echt/").status_code == 404
    subscribe(phone, session, django_capture_on_commit_callbacks)
    assert phone.post(link_in(mail.outbox[0]), {"action": "alles"}).status_code == 400
    assert ResultsSubscription.objects.get().confirmed_at is None


def test_an_administrator_finds_exports_and_erases_it(
    client_for, admin_user, municipality, phone, session, django_capture_on_commit_callbacks
):
    subscribe(phone, session, django_capture_on_commit_callbacks)
    base = f"/kommunen/{municipality.pk}/datenschutz/"
    page = client_for(admin_user).get(f"{base}kontakte/", {"email": ADDRESS}).content.decode()
    assert "Benachrichtigung über Ergebnisse per E-Mail" in page and "nicht bestätigt" in page
    assert privacy.contact_export(municipality=municipality, email=ADDRESS)["results_notices"][0]["language"] == "ar"
    privacy.contact_erase(actor=admin_user, municipality=municipality, email=ADDRESS)
    assert not ResultsSubscription.objects.exists()


def test_the_link_opened_on_another_device_speaks_the_subscribers_language(
    phone, session, django_capture_on_commit_callbacks
):
    subscribe(phone, session, django_capture_on_commit_callbacks)
    manage = link_in(mail.outbox[0])
    phone.cookies.clear()  # as on a laptop that never chose a language
    assert '<html lang="ar" dir="rtl">' in phone.get(manage).content.decode()
