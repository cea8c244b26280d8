"""Decisions with the body that made them binding, and corrections with a visible history: who changed
what, when and why."""

from dialogwerk.synthesis import services
from dialogwerk.synthesis.models import Decision, DecisionCorrection
from dialogwerk.tenancy.models import AuditLogEntry
from tests.synthesis.test_decisions import url


def correct(client, dialogue, decision, **data):
    form = {
        "title": decision.title,
        "reason": decision.reason,
        "body": decision.body,
        "body_decided_on": decision.body_decided_on.isoformat() if decision.body_decided_on else "",
        **data,
    }
    return client.post(f"{url(dialogue)}{decision.pk}/korrigieren/", form)


def test_a_decision_names_the_body_that_resolved_it(client_for, consultant, dialogue, decision):
    assert decision.body == "Gemeinderat, Sitzung vom 12. März 2027, TOP 7"
    html = client_for(consultant).get(url(dialogue)).content.decode()
    assert "Beschlossen: Gemeinderat, Sitzung vom 12. März 2027, TOP 7, am 12. März 2027" in html


def test_a_correction_says_why_and_shows_in_the_history(client_for, consultant, dialogue, decision):
    client = client_for(consultant)
    response = correct(
        client,
        dialogue,
        decision,
        body="Gemeinderat, Sitzung vom 12. März 2027, TOP 8",
        note="Falscher Tagesordnungspunkt im Protokoll.",
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.body.endswith("TOP 8") and decision.outcome == "adopted"
    correction = DecisionCorrection.objects.get()
    assert correction.changes == {
        "body": ["Gemeinderat, Sitzung vom 12. März 2027, TOP 7", "Gemeinderat, Sitzung vom 12. März 2027, TOP 8"]
    }
    html = client.get(url(dialogue)).content.decode()
    assert "Korrigiert (1)" in html and "Falscher Tagesordnungspunkt im Protokoll." in html and str(consultant) in html
    page = client.get(f"{url(dialogue)}{decision.pk}/korrigieren/").content.decode()
    assert "Beschließendes Gremium" in page and "<del>Gemeinderat, Sitzung vom 12. März 2027, TOP 7</del>" in page
    assert AuditLogEntry.objects.filter(
        target_id=str(decision.pk), action="update", target_type="Entscheidung"
    ).exists()


def test_a_correction_without_a_reason_or_change_stores_nothing(client_for, consultant, dialogue, decision):
    client = client_for(consultant)
    response = correct(client, dialogue, decision, title="Anders", note="")
    assert (
        response.status_code == 422
        and "Bitte sagen Sie, warum die Entscheidung korrigiert wird" in response.content.decode()
    )
    assert correct(client, dialogue, decision, note="Nur geschaut.").status_code == 302  # nothing changed
    assert not DecisionCorrection.objects.exists()
    decision.refresh_from_db()
    assert decision.title == "Mehr Kita-Plätze schaffen"


def test_a_rejection_keeps_its_reason(client_for, consultant, dialogue, make_card):
    card = make_card("Eine Mauer um das Heim bauen")
    client = client_for(consultant)
    client.post(
        url(dialogue),
        {"subject": f"k{card.pk}", "outcome": "rejected", "reason": "Widerspricht dem Ziel der Begegnung."},
    )
    decision = Decision.objects.get()
    response = correct(client, dialogue, decision, reason="", note="Begründung war doppelt.")
    assert response.status_code == 422
    decision.refresh_from_db()
    assert decision.reason == "Widerspricht dem Ziel der Begegnung." and not DecisionCorrection.objects.exists()


def test_only_deciders_of_this_dialogue_correct(client_for, moderator, outsider, consultant, dialogue, decision):
    for user in (moderator, outsider):
        assert correct(client_for(user), dialogue, decision, title="X", note="Weil").status_code in (403, 404)
    assert client_for(consultant).post(f"{url(dialogue)}999999/korrigieren/", {"note": "x"}).status_code == 404
    decision.refresh_from_db()
    assert decision.title == "Mehr Kita-Plätze schaffen"


def test_the_api_records_and_returns_the_deciding_body(client_for, consultant, dialogue, make_card):
    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Wohnraum", cards=[make_card("Wohnungen fehlen")]
    )
    response = client_for(consultant).post(
        f"/api/v1/dialogues/{dialogue.pk}/decisions/",
        {
            "cluster": cluster.pk,
            "outcome": "adopted",
            "body": "Sozialausschuss, TOP 3",
            "body_decided_on": "2027-04-02",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["body"], response.json()["body_decided_on"]) == ("Sozialausschuss, TOP 3", "2027-04-02")
