"""A participant sees, downloads and erases their own data from the phone (/j/<code>/meine-daten/), known only
by the token cookie of joining; and the RSVP page links to the municipality's privacy notice."""

import json

import pytest

from dialogwerk.live import services as live_services
from dialogwerk.live.models import Contribution, Participant
from dialogwerk.live.views import token_cookie
from dialogwerk.preparation.models import Actor, Invitation
from dialogwerk.privacy.models import ErasureRecord
from tests.preparation.helpers import ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone(client, session, person):
    """The participant's phone: the token cookie of joining and their language (Turkish)."""
    _participant, token = person
    client.cookies[token_cookie(session)] = token
    client.cookies["dialogwerk_language"] = "tr"
    return client


def url(session) -> str:
    return f"/j/{session.code}/meine-daten/"


def test_the_participant_page_links_to_my_data(phone, session):
    html = phone.get(f"/j/{session.code}/live/").content.decode()
    assert f'href="{url(session)}"' in html
    assert "Verileriniz: görüntüleyin, indirin veya silin" in html


def test_a_participant_sees_what_is_stored_about_them_in_their_language(phone, session):
    response = phone.get(url(session))
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    assert "Zeynep Kaya" in html and "Nachbarschaft" in html
    assert "Mehr Sprachkurse am Abend" in html and "Ein Begegnungscafé" in html
    assert "Bu etkinliğin sizinle ilgili sakladığı her şey budur." in html and "Verilerimi sil" in html


def test_a_participant_downloads_their_data_as_json(phone, session):
    response = phone.get(url(session), {"format": "json"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["participant"]["display_name"] == "Zeynep Kaya"
    assert [card["text"] for card in data["cards"]] == ["Mehr Sprachkurse am Abend", "Ein Begegnungscafé"]


def test_erasing_without_the_confirmation_changes_nothing(phone, session, person):
    response = phone.post(url(session), {})
    assert response.status_code == 422
    assert "Onaylamak için lütfen kutuyu işaretleyin." in response.content.decode()
    assert Participant.objects.get(pk=person[0].pk).display_name == "Zeynep Kaya" and not ErasureRecord.objects.exists()


def test_a_participant_erases_their_data_and_their_cards_stay(phone, session, person):
    participant, token = person
    response = phone.post(url(session), {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/j/{session.code}/"
    assert "Adınız, diliniz ve bakış açınız silindi." in response.content.decode()
    participant.refresh_from_db()
    assert (participant.display_name, participant.perspective) == ("", "")
    assert Contribution.objects.filter(participant=participant).count() == 2
    assert ErasureRecord.objects.get().reason == "self_service"
    # The phone is not recognised any more: the page sends it to the join page, the old token is dead.
    assert phone.get(url(session)).status_code == 302
    phone.cookies[token_cookie(session)] = token
    assert phone.get(url(session))["Location"] == f"/j/{session.code}/"


def test_without_having_joined_there_is_nothing_to_see(client, session, person):
    response = client.get(url(session))
    assert response.status_code == 302 and response["Location"] == f"/j/{session.code}/"
    assert client.post(url(session), {"confirm": "on"}).status_code == 302
    assert Participant.objects.get(pk=person[0].pk).display_name == "Zeynep Kaya"


def test_the_token_of_another_event_shows_nothing_and_erases_nothing(client, dialogue, moderator, session, person):
    other = live_services.session_create(actor=moderator, dialogue=dialogue, title="Zweiter Abend")
    client.cookies[token_cookie(other)] = person[1]  # a copied cookie under the other event's name
    response = client.post(url(other), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == f"/j/{other.code}/"
    assert "Zeynep" not in client.get(url(other), follow=True).content.decode()
    assert Participant.objects.get(pk=person[0].pk).display_name == "Zeynep Kaya"


def test_an_unknown_code_is_404(client):
    assert client.get("/j/ZZZZZZ/meine-daten/").status_code == 404


def test_the_rsvp_page_links_to_the_privacy_notice(client, dialogue):
    ready(dialogue)
    actor = Actor.objects.create(
        dialogue=dialogue,
        name="Geflüchtetenrat",
        perspective=dialogue.perspectives.first(),
        email="rat@example.org",
        consent=True,
    )
    invitation = Invitation.objects.create(dialogue=dialogue, actor=actor, expires_on=dialogue.ends_on)
    html = client.get(f"/antwort/{invitation.token}/").content.decode()
    assert f'href="/datenschutz/{dialogue.municipality_id}/"' in html and "Datenschutzhinweise der Kommune" in html


@pytest.mark.parametrize(
    ("language", "heading", "self_service"),
    [
        ("ar", "حقوقك", "«بياناتك»"),
        ("tr", "Haklarınız", "“Verileriniz”"),
        ("uk", "Ваші права", "«Ваші дані»"),
        ("de", "Ihre Rechte", "„Ihre Daten“"),
    ],
)
def test_the_privacy_notice_speaks_the_participants_language_and_names_the_self_service(
    client, municipality, language, heading, self_service
):
    client.cookies["dialogwerk_language"] = language
    html = client.get(f"/datenschutz/{municipality.pk}/").content.decode()
    assert heading in html and self_service in html
    assert "Your rights" not in html
