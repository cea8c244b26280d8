"""The session's door: a ceiling near the expected size, pausing joins, and removing a flood of fake joins in
one step — what stops a script with the join code without punishing a town hall behind one NAT address."""

import datetime
import json

from django.utils import timezone

from dialogwerk.live.models import Contribution, Participant
from dialogwerk.tenancy.models import AuditLogEntry


def join_by_api(client, session, name="Gast", language="de"):
    body = {"display_name": name, "language": language, "consent": True}
    return client.post(f"/api/v1/live/{session.code}/participants", json.dumps(body), content_type="application/json")


def write_by_api(client, session, token, text, theme):
    return client.post(
        f"/api/v1/live/{session.code}/contributions",
        json.dumps({"kind": "idea", "theme": theme.pk, "text": text}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=text,
    )


def test_the_ceiling_follows_the_expected_size_and_the_moderator_raises_it(
    client, client_for, moderator, session, join
):
    assert session.join_ceiling == 120  # twice the 60 the dialogue expects
    staff = client_for(moderator)
    staff.post(f"/veranstaltungen/{session.pk}/beitritt/grenze/", {"limit": 2})
    for name in ("Amal", "Olena"):
        join(session, name)
    refused = join_by_api(client, session, "Dritte", "ar")
    assert refused.status_code == 409 and "ممتلئة" in refused.json()["detail"]  # "full", in Arabic
    assert Participant.objects.count() == 2

    console = staff.get(f"/veranstaltungen/{session.pk}/").content.decode()
    assert "2 von höchstens 2 Personen sind beigetreten." in console
    staff.post(f"/veranstaltungen/{session.pk}/beitritt/grenze/", {"limit": 3})
    assert join_by_api(client, session).status_code == 201


def test_a_limit_that_is_no_number_is_refused_and_the_ceiling_stays(client_for, moderator, session):
    for bad in ("", "viele", "0", "100000"):
        response = client_for(moderator).post(
            f"/veranstaltungen/{session.pk}/beitritt/grenze/", {"limit": bad}, follow=True
        )
        assert "Zahl" in response.content.decode()
    session.refresh_from_db()
    assert session.join_limit is None and session.join_ceiling == 120


def test_the_moderator_pauses_joining_and_people_who_joined_carry_on(
    client, client_for, moderator, session, join, theme
):
    _amal, token = join(session, "Amal")
    staff = client_for(moderator)
    staff.post(f"/veranstaltungen/{session.pk}/beitritt/", {"door": "pause"})
    refused = join_by_api(client, session)
    assert refused.status_code == 409 and "pausiert" in refused.json()["detail"]
    page = client.post(f"/j/{session.code}/", {"display_name": "Karin", "language": "de", "consent": "on"})
    assert "pausiert" in page.content.decode() and Participant.objects.count() == 1
    assert write_by_api(client, session, token, "Sprachcafé", theme).status_code == 201

    staff.post(f"/veranstaltungen/{session.pk}/beitritt/", {"door": "open"})
    assert join_by_api(client, session).status_code == 201


def test_a_flood_of_fake_joins_is_removed_in_one_step_and_real_guests_stay(
    client, client_for, moderator, session, join, theme
):
    guest, guest_token = join(session, "Amal")
    assert write_by_api(client, session, guest_token, "Mehr Sprachkurse", theme).status_code == 201
    Participant.objects.filter(pk=guest.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=40))
    bots = [join_by_api(client, session, f"bot{n}").json()["participant_token"] for n in range(12)]
    for n, token in enumerate(bots):
        assert write_by_api(client, session, token, f"SPAM {n}", theme).status_code == 201

    response = client_for(moderator).post(
        f"/veranstaltungen/{session.pk}/beitritt/flut/", {"minutes": 10, "reason": "Automatische Einträge"}, follow=True
    )
    assert "12 Teilnehmende entfernt und 12 ihrer Karten ausgeblendet" in response.content.decode()
    assert write_by_api(client, session, bots[0], "SPAM again", theme).status_code == 401
    assert write_by_api(client, session, guest_token, "Begegnungscafé", theme).status_code == 201
    replay = client.get(f"/api/v1/live/{session.code}/events?since=0").content.decode()
    assert "SPAM" not in replay and "Mehr Sprachkurse" in replay
    assert Contribution.objects.filter(hidden=True).count() == 12
    assert join_by_api(client, session).status_code == 409  # paused until the moderator opens again
    entry = AuditLogEntry.objects.filter(changes__has_key="removed_participants").get()
    assert entry.changes["removed_participants"] == ["", "12"] and entry.actor == moderator


def test_a_flood_removal_needs_a_reason_and_a_known_period(client_for, moderator, session, join):
    join(session, "Amal")
    for data in ({"minutes": 10, "reason": ""}, {"minutes": 7, "reason": "Spam"}):
        client_for(moderator).post(f"/veranstaltungen/{session.pk}/beitritt/flut/", data)
    session.refresh_from_db()
    assert not session.joining_paused and not Participant.objects.filter(token_hash__startswith="removed:").exists()


def test_only_who_runs_the_session_works_the_door(client_for, steering_member, session):
    client = client_for(steering_member)
    assert client.post(f"/veranstaltungen/{session.pk}/beitritt/", {"door": "pause"}).status_code == 403
    assert client.post(f"/veranstaltungen/{session.pk}/beitritt/grenze/", {"limit": 5}).status_code == 403
    assert (
        client.post(f"/veranstaltungen/{session.pk}/beitritt/flut/", {"minutes": 10, "reason": "x"}).status_code == 403
    )
    session.refresh_from_db()
    assert not session.joining_paused and session.join_limit is None
