"""The accessibility statement (BITV 2.0 § 7) and its feedback form, which reaches the municipality's admins."""

import pytest
from django.core import mail

from dialogwerk.guide.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


def test_the_statement_says_partly_compliant_and_names_the_arbitration_body(client):
    html = client.get("/barrierefreiheit/").content.decode()
    assert "teilweise vereinbar" in html and "Schlichtungs" in html and "PDF/UA" in html


def test_feedback_is_stored_and_mailed_to_the_admins(
    client, municipality, admin_user, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/barrierefreiheit/",
            {"municipality": municipality.pk, "message": "Der Knopf ist zu klein.", "page_url": "/j/"},
        )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.municipality == municipality and feedback.page_url == "/j/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [admin_user.email]
    assert "Der Knopf ist zu klein." in mail.outbox[0].body


@pytest.mark.parametrize(
    "data", [{"message": "x"}, {"municipality": "", "message": "x"}, {"municipality": "999999", "message": "x"}]
)
def test_bad_input_answers_422_and_stores_nothing(client, municipality, data):
    assert client.post("/barrierefreiheit/", data).status_code == 422
    assert not AccessibilityFeedback.objects.exists()


def test_an_empty_message_is_refused(client, municipality):
    assert client.post("/barrierefreiheit/", {"municipality": municipality.pk, "message": " "}).status_code == 422


def test_feedback_is_rate_limited_per_address(client, municipality):
    for _ in range(5):
        assert (
            client.post("/barrierefreiheit/", {"municipality": municipality.pk, "message": "Barriere"}).status_code
            == 302
        )
    response = client.post("/barrierefreiheit/", {"municipality": municipality.pk, "message": "Barriere"})
    assert response.status_code == 429
    assert AccessibilityFeedback.objects.count() == 5
