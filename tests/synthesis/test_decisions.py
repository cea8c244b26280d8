"""Decisions on clusters, single ideas and working-group proposals: adopted, rejected with a reason, delegated."""

import datetime

from dialogwerk.synthesis import services
from dialogwerk.synthesis.models import Decision, WorkingGroup
from dialogwerk.tenancy.models import AuditLogEntry


def url(dialogue):
    return f"/dialoge/{dialogue.pk}/entscheidungen/"


def test_a_consultant_adopts_a_cluster_and_it_is_audited(client_for, consultant, dialogue, make_card):
    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Kita-Plätze", cards=[make_card("Kita fehlt")]
    )
    response = client_for(consultant).post(
        url(dialogue), {"subject": f"c{cluster.pk}", "outcome": "adopted", "title": ""}
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.title == "Kita-Plätze" and decision.cluster == cluster and decision.decided_by == consultant
    entry = AuditLogEntry.objects.get(target_id=str(decision.pk), action="create", target_type="Entscheidung")
    assert entry.changes["outcome"] == ["", "adopted"]


def test_a_rejection_needs_a_reason(client_for, consultant, dialogue, make_card):
    card = make_card("Eine Mauer um das Heim bauen")
    client = client_for(consultant)
    response = client.post(url(dialogue), {"subject": f"k{card.pk}", "outcome": "rejected", "reason": ""})
    assert response.status_code == 422 and not Decision.objects.exists()
    client.post(
        url(dialogue),
        {"subject": f"k{card.pk}", "outcome": "rejected", "reason": "Widerspricht dem Ziel der Begegnung."},
    )
    assert Decision.objects.get().contribution == card


def test_delegating_to_a_new_working_group_sets_it_up(client_for, consultant, dialogue, make_card):
    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Wohnraum", cards=[make_card("Wohnungen fehlen")]
    )
    response = client_for(consultant).post(
        url(dialogue),
        {
            "subject": f"c{cluster.pk}",
            "outcome": "delegated",
            "new_group_name": "AG Wohnen",
            "new_group_mandate": "Vorschlag für Wohnraum erarbeiten",
            "new_group_due": "2027-03-31",
        },
    )
    assert response.status_code == 302
    group = WorkingGroup.objects.get()
    assert group.name == "AG Wohnen" and group.proposal_due_on == datetime.date(2027, 3, 31)
    assert Decision.objects.get().working_group == group


def test_delegating_without_a_group_or_deadline_changes_nothing(client_for, consultant, dialogue, make_card):
    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Wohnraum", cards=[make_card("Wohnungen fehlen")]
    )
    response = client_for(consultant).post(
        url(dialogue), {"subject": f"c{cluster.pk}", "outcome": "delegated", "new_group_name": "AG Wohnen"}
    )
    assert response.status_code == 422
    assert not WorkingGroup.objects.exists() and not Decision.objects.exists()


def test_an_adopted_decision_offers_to_become_a_measure(client_for, consultant, dialogue, make_card):
    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Kita-Plätze", cards=[make_card("Kita fehlt")]
    )
    decision = services.decision_create(
        actor=consultant, dialogue=dialogue, outcome="adopted", title="Kita", cluster=cluster
    )
    html = client_for(consultant).get(url(dialogue)).content.decode()
    assert f"/massnahmen/neu/?decision={decision.pk}" in html


def test_a_steering_member_sees_decisions_but_may_not_decide(
    client_for, steering_member, dialogue, make_card, consultant
):
    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Kita", cards=[make_card("Kita fehlt")]
    )
    client = client_for(steering_member)
    assert client.get(url(dialogue)).status_code == 200
    assert client.post(url(dialogue), {"subject": f"c{cluster.pk}", "outcome": "adopted"}).status_code == 403
    assert not Decision.objects.exists()


def test_an_outsider_gets_404(client_for, outsider, dialogue):
    assert client_for(outsider).get(url(dialogue)).status_code == 404


def test_a_cluster_of_another_dialogue_cannot_be_decided_here(
    client_for, consultant, dialogue, municipality, make_card
):
    from dialogwerk.dialogues.services import dialogue_create

    cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="Kita", cards=[make_card("Kita fehlt")]
    )
    other = dialogue_create(actor=consultant, municipality=municipality, title="Zweiter Dialog")
    response = client_for(consultant).post(
        f"/dialoge/{other.pk}/entscheidungen/", {"subject": f"c{cluster.pk}", "outcome": "adopted"}
    )
    assert response.status_code in {404, 422} and not Decision.objects.exists()


def test_the_subject_list_offers_only_what_is_still_open(client_for, consultant, dialogue, make_card):
    bundled = make_card("Kita fehlt")
    open_cluster = services.cluster_create(
        actor=consultant, dialogue=dialogue, title="<b>Kita</b>-Plätze", cards=[bundled]
    )
    decided_cluster = services.cluster_create(actor=consultant, dialogue=dialogue, title="Wohnraum")
    loose_idea, decided_idea = make_card("Sprachcafé im Rathaus"), make_card("Eine Mauer bauen")
    situation = make_card("Der Bus fährt selten", kind="situation")
    client = client_for(consultant)
    client.post(url(dialogue), {"subject": f"c{decided_cluster.pk}", "outcome": "adopted"})
    client.post(
        url(dialogue), {"subject": f"k{decided_idea.pk}", "outcome": "rejected", "reason": "Trennt statt verbindet."}
    )
    html = client.get(url(dialogue) + f"?cluster={open_cluster.pk}").content.decode()
    subjects = html.split('<select name="subject"')[1].split("</select>")[0]
    assert f'<option value="c{open_cluster.pk}" selected>&lt;b&gt;Kita&lt;/b&gt;-Plätze</option>' in subjects
    assert f'<option value="k{loose_idea.pk}">Sprachcafé im Rathaus</option>' in subjects
    assert '<optgroup label="Bündel">' in subjects and '<optgroup label="Einzelne Ideen">' in subjects
    for gone in (f"c{decided_cluster.pk}", f"k{decided_idea.pk}", f"k{bundled.pk}", f"k{situation.pk}"):
        assert f'value="{gone}"' not in subjects
