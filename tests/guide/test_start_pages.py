"""Start pages by role (issue #19 item 5): the funding body lands on its overview, a moderator sees their
events, a Begleitkreis member their measures, and the checklist's next step is one the reader's role takes."""

import datetime

from dialogwerk.funding.models import FundingBody, FundingBodyMembership
from dialogwerk.live import services as live_services
from dialogwerk.measures import services as measure_services
from dialogwerk.measures.models import SteeringGroup, SteeringMember
from dialogwerk.tenancy.models import Membership, Role
from tests.conftest import make_user


def test_the_funding_body_lands_on_its_overview(client_for, municipality):
    body = FundingBody.objects.create(name="Landeszentrale")
    body.municipalities.add(municipality)
    staff = make_user("foerderung@lpb.example")
    FundingBodyMembership.objects.create(user=staff, funding_body=body)
    response = client_for(staff).get("/", follow=True)
    assert response.redirect_chain[-1][0] == f"/foerderstelle/{body.pk}/"
    assert "Sie sind noch in keiner Kommune Mitglied" not in response.content.decode()


def test_a_member_of_a_municipality_and_a_funding_body_sees_both(client_for, consultant, municipality):
    body = FundingBody.objects.create(name="Landeszentrale")
    FundingBodyMembership.objects.create(user=consultant, funding_body=body)
    html = client_for(consultant).get("/").content.decode()
    assert "Förderstelle: Übersicht der Anträge" in html and "Meine Dialoge" in html


def test_a_moderator_starts_with_their_events(client_for, consultant, moderator, dialogue):
    session = live_services.session_create(actor=consultant, dialogue=dialogue, title="Abend im Rathaus")
    html = client_for(moderator).get("/").content.decode()
    assert "Meine Veranstaltungen" in html and f'href="/veranstaltungen/{session.pk}/">Abend im Rathaus</a>' in html
    assert "Meine Veranstaltungen" not in client_for(consultant).get("/").content.decode()


def test_a_steering_member_starts_with_their_measures(client_for, consultant, steering_member, dialogue):
    mine = measure_services.measure_create(
        actor=consultant,
        dialogue=dialogue,
        title="Sprachcafé im Jugendhaus",
        responsible_email=steering_member.email,
        due_on=datetime.date(2027, 3, 1),
    )
    measure_services.measure_create(
        actor=consultant, dialogue=dialogue, title="Wohnraumbörse", responsible_email="other@example.org"
    )
    group = SteeringGroup.objects.create(dialogue=dialogue)
    SteeringMember.objects.create(steering_group=group, user=steering_member, name="Frau Berg")
    html = client_for(steering_member).get("/").content.decode()
    assert "Meine Maßnahmen" in html and f'/massnahmen/{mine.pk}/">Sprachcafé im Jugendhaus</a>' in html
    assert "Wohnraumbörse" not in html
    assert f'href="/dialoge/{dialogue.pk}/begleitkreis/">Begleitkreis: {dialogue.title}</a>' in html


def test_the_next_step_is_one_the_readers_role_takes(
    client_for, consultant, moderator, steering_member, municipality, dialogue
):
    def next_step(user) -> str:
        html = client_for(user).get(f"/dialoge/{dialogue.pk}/").content.decode()
        start = html.index('class="guide-next"')
        return html[start : html.index("</p>", start)]

    assert "Die fünf Leitfragen beantworten" in next_step(consultant)
    assert "Live-Veranstaltung vorbereiten" in next_step(moderator)
    assert "Sachstände zu den Maßnahmen berichten" in next_step(steering_member)
    interpreter = make_user("sprachmittlung@example.org", municipality, Role.INTERPRETER)
    assert "Ihr Teil ist vorerst erledigt" in next_step(interpreter)
    assert Membership.objects.filter(user=interpreter).exists()
