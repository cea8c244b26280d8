"""Joining records what the person agreed to; the phone shows where to sit in each round."""

from dialogwerk.live.models import Participant
from dialogwerk.live.notice import notice_text
from dialogwerk.privacy.models import ConsentRecord
from dialogwerk.privacy.services import notice_sha256
from dialogwerk.seating.services import plan_create


def test_joining_keeps_a_consent_record_of_the_notice_shown_in_the_chosen_language(client, session):
    client.post(f"/j/{session.code}/", {"display_name": "Olena", "language": "uk", "consent": "on"})
    participant = Participant.objects.get()
    record = ConsentRecord.objects.get(participant=participant)
    assert record.notice_version == participant.notice_version
    assert record.accepted_at == participant.consented_at
    assert record.notice_sha256 == notice_sha256(notice_text(session=session, language="uk"))
    assert record.notice_sha256 != notice_sha256(notice_text(session=session, language="de"))


def test_the_join_page_explains_in_plain_words_and_links_the_privacy_notice(client, session, municipality):
    html = client.get(f"/j/{session.code}/").content.decode()
    assert "In einfachen Worten" in html
    assert f"/datenschutz/{municipality.pk}/" in html


def test_the_participant_page_shows_the_route_from_the_table_plan(client, session, moderator):
    client.post(f"/j/{session.code}/", {"display_name": "Amal", "language": "de", "consent": "on"})
    plan_create(
        actor=moderator, session=session, rounds=2, table_size=2, people_text="Bernd\nCem\nDana", max_iterations=50
    )
    html = client.get(f"/j/{session.code}/live/").content.decode()
    assert "Ihre Tische" in html
    assert "Runde 1: Tisch" in html and "Runde 2: Tisch" in html
