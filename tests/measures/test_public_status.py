"""The public status page and its feed: anyone may read them; they show only opted-in measures and no
personal data."""

import datetime

from dialogwerk.measures import services
from tests.synthesis.conftest import live_session, make_card  # noqa: F401 - fixtures


def test_anyone_reads_the_opted_in_measures_without_logging_in(client, dialogue, make_measure, consultant):
    measure = make_measure(
        "Sprachcafé",
        public=True,
        responsible_person="Frau Kaya",
        responsible_email="kaya@a.example",
        responsible_organisation="Bürgerverein",
        status="in_progress",
        progress=40,
    )
    make_measure("Interne Prüfung", public=False)
    services.progress_update_create(
        actor=consultant,
        measure=measure,
        reported_on=datetime.date(2027, 3, 1),
        text="Treffen jeden Mittwoch",
        status="in_progress",
        progress=40,
    )
    html = client.get(f"/status/{dialogue.pk}/").content.decode()
    assert "Sprachcafé" in html and "Bürgerverein" in html and "Treffen jeden Mittwoch" in html and "40 %" in html
    assert "Interne Prüfung" not in html
    assert "Frau Kaya" not in html and "kaya@a.example" not in html and "consultant@a.example" not in html


def test_a_published_response_appears_a_draft_does_not(client, dialogue, make_measure, consultant):
    measure = make_measure("Sprachcafé", public=True)
    services.statement_save(
        actor=consultant, measure=measure, speaker="council", text="Der Gemeinderat unterstützt das.", published=False
    )
    assert "Der Gemeinderat unterstützt das." not in client.get(f"/status/{dialogue.pk}/").content.decode()
    services.statement_save(
        actor=consultant, measure=measure, speaker="council", text="Der Gemeinderat unterstützt das.", published=True
    )
    assert "Der Gemeinderat unterstützt das." in client.get(f"/status/{dialogue.pk}/").content.decode()


def test_the_summary_shows_with_its_translations(client, dialogue, make_measure, consultant):
    services.summary_save(
        actor=consultant, dialogue=dialogue, language="de", text="Wir haben 12 Maßnahmen beschlossen."
    )
    services.summary_save(
        actor=consultant, dialogue=dialogue, language="ar", text="قررنا 12 إجراءً.", translator="Herr Haddad"
    )
    html = client.get(f"/status/{dialogue.pk}/").content.decode()
    assert "Wir haben 12 Maßnahmen beschlossen." in html and "قررنا 12 إجراءً." in html


def test_the_feed_lists_the_public_measures(client, dialogue, make_measure):
    make_measure("Sprachcafé", public=True, status="in_progress", progress=40)
    make_measure("Interne Prüfung")
    response = client.get(f"/status/{dialogue.pk}/feed/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Sprachcafé" in body and "Interne Prüfung" not in body


def test_a_dialogue_without_anything_published_has_no_status_page(client, dialogue, make_measure):
    make_measure("Interne Prüfung")
    assert client.get(f"/status/{dialogue.pk}/").status_code == 404
    assert client.get(f"/status/{dialogue.pk}/feed/").status_code == 404
    assert client.get("/status/999999/").status_code == 404


def test_a_measure_without_a_report_says_so_instead_of_a_bare_date(client, dialogue, make_measure):
    make_measure("Sprachcafé", public=True)
    html = client.get(f"/status/{dialogue.pk}/").content.decode()
    assert "Letzter Sachstand</dt><dd>Noch kein Sachstand.</dd>" in html.replace("\n", "")
    client.cookies["dialogwerk_language"] = "ar"
    assert "لا يوجد تقرير عن سير العمل بعد." in client.get(f"/status/{dialogue.pk}/").content.decode()


def test_the_status_page_lists_what_was_decided_adopted_rejected_and_delegated(
    client, dialogue, make_measure, consultant, make_card
):
    from dialogwerk.synthesis import services as synthesis_services

    adopted = synthesis_services.decision_create(
        actor=consultant,
        dialogue=dialogue,
        outcome="adopted",
        title="Mehr Kita-Plätze",
        contribution=make_card("Kita fehlt"),
        body="Gemeinderat, TOP 7",
    )
    make_measure("Kita am Markt erweitern", public=True, decision=adopted)
    make_measure("Interne Planung", public=False, decision=adopted)
    synthesis_services.decision_create(
        actor=consultant,
        dialogue=dialogue,
        outcome="rejected",
        title="Eine Mauer bauen",
        contribution=make_card("Mauer"),
        reason="Widerspricht dem Ziel der Begegnung.",
    )
    group = synthesis_services.working_group_create(
        actor=consultant,
        dialogue=dialogue,
        name="AG Wohnen",
        mandate="Wohnraum finden",
        proposal_due_on=datetime.date(2027, 6, 30),
    )
    synthesis_services.decision_create(
        actor=consultant,
        dialogue=dialogue,
        outcome="delegated",
        title="Wohnraum",
        contribution=make_card("Wohnungen"),
        working_group=group,
    )
    html = client.get(f"/status/{dialogue.pk}/").content.decode()
    assert "Was entschieden wurde" in html
    assert "Mehr Kita-Plätze" in html and "Gemeinderat, TOP 7" in html and "Kita am Markt erweitern" in html
    assert "Interne Planung" not in html
    assert "Eine Mauer bauen" in html and "Widerspricht dem Ziel der Begegnung." in html
    assert "AG Wohnen" in html and "Vorschlag bis 30. Juni 2027" in html and "Sie arbeitet noch daran." in html
    synthesis_services.working_group_report(
        actor=consultant, working_group=group, report="Drei Wohnungen gefunden", reported_on=datetime.date(2027, 5, 2)
    )
    assert (
        "Sie hat am 2. Mai 2027 berichtet." in client.get(f"/status/{dialogue.pk}/").content.decode()
    )  # not cached stale
    client.cookies["dialogwerk_language"] = "ar"
    arabic = client.get(f"/status/{dialogue.pk}/").content.decode()
    assert "ما تقرر" in arabic and '<span lang="de" dir="auto">AG Wohnen</span>' in arabic


def test_each_published_measure_has_its_own_page_with_its_whole_history(
    client, dialogue, make_measure, consultant, make_card
):
    from dialogwerk.synthesis import services as synthesis_services

    decision = synthesis_services.decision_create(
        actor=consultant,
        dialogue=dialogue,
        outcome="adopted",
        title="Mehr Begegnung",
        contribution=make_card("Begegnung"),
        body="Gemeinderat, TOP 4",
    )
    measure = make_measure(
        "Sprachcafé",
        public=True,
        responsible_person="Frau Kaya",
        responsible_organisation="Bürgerverein",
        decision=decision,
    )
    for day, text, progress in ((1, "Raum gefunden", 20), (15, "Erstes Treffen mit 14 Gästen", 40)):
        services.progress_update_create(
            actor=consultant,
            measure=measure,
            reported_on=datetime.date(2027, 3, day),
            text=text,
            status="in_progress",
            progress=progress,
        )
    status_page = client.get(f"/status/{dialogue.pk}/").content.decode()
    assert f'href="/status/{dialogue.pk}/massnahmen/{measure.pk}/"' in status_page

    page = client.get(f"/status/{dialogue.pk}/massnahmen/{measure.pk}/").content.decode()
    assert page.index("Erstes Treffen mit 14 Gästen") < page.index("Raum gefunden")  # newest first, both kept
    assert (
        "15. März 2027" in page and "Bürgerverein" in page and "Mehr Begegnung" in page and "Gemeinderat, TOP 4" in page
    )
    assert "Frau Kaya" not in page and "consultant@a.example" not in page
    client.cookies["dialogwerk_language"] = "ar"
    arabic = client.get(f"/status/{dialogue.pk}/massnahmen/{measure.pk}/").content.decode()
    assert 'dir="rtl"' in arabic and '<span lang="de" dir="auto">Raum gefunden</span>' in arabic


def test_a_measure_page_exists_only_for_a_published_measure_of_that_dialogue(
    client, dialogue, make_measure, consultant
):
    from dialogwerk.dialogues.services import dialogue_create

    public = make_measure("Sprachcafé", public=True)
    internal = make_measure("Interne Prüfung")
    other = dialogue_create(actor=consultant, municipality=dialogue.municipality, title="Herbstdialog")
    services.measure_create(actor=consultant, dialogue=other, title="Anderswo", public=True)
    assert client.get(f"/status/{dialogue.pk}/massnahmen/{public.pk}/").status_code == 200
    assert client.get(f"/status/{dialogue.pk}/massnahmen/{internal.pk}/").status_code == 404
    assert client.get(f"/status/{other.pk}/massnahmen/{public.pk}/").status_code == 404
    assert client.get(f"/status/{dialogue.pk}/massnahmen/999999/").status_code == 404


def test_the_feed_covers_decisions_too_and_links_each_measure_to_its_page(
    client, dialogue, make_measure, consultant, make_card
):
    from dialogwerk.synthesis import services as synthesis_services

    measure = make_measure("Sprachcafé", public=True)
    synthesis_services.decision_create(
        actor=consultant,
        dialogue=dialogue,
        outcome="rejected",
        title="Eine Mauer bauen",
        contribution=make_card("Mauer"),
        reason="Widerspricht dem Ziel der Begegnung.",
    )
    body = client.get(f"/status/{dialogue.pk}/feed/").content.decode()
    assert "Abgelehnt: Eine Mauer bauen" in body and "Widerspricht dem Ziel der Begegnung." in body
    assert f"/status/{dialogue.pk}/massnahmen/{measure.pk}/" in body
