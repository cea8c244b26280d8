"""The public status page keeps its content in the cache, yet shows every change on the next visit: the key
is a fingerprint of its measures, progress reports, responses and summaries, read in one query."""

import datetime

from dialogwerk.measures import services


def test_a_progress_report_shows_on_the_next_visit(client, dialogue, make_measure, consultant):
    measure = make_measure("Sprachcafé", public=True)
    url = f"/status/{dialogue.pk}/"
    assert "Treffen jeden Mittwoch" not in client.get(url).content.decode()  # now cached
    services.progress_update_create(
        actor=consultant,
        measure=measure,
        reported_on=datetime.date(2027, 3, 1),
        text="Treffen jeden Mittwoch",
        status="in_progress",
        progress=40,
    )
    assert "Treffen jeden Mittwoch" in client.get(url).content.decode()


def test_a_changed_summary_shows_on_the_next_visit(client, dialogue, consultant):
    services.summary_save(
        actor=consultant, dialogue=dialogue, language="de", text="Wir haben 12 Maßnahmen beschlossen."
    )
    url = f"/status/{dialogue.pk}/"
    assert "Wir haben 12 Maßnahmen beschlossen." in client.get(url).content.decode()
    services.summary_save(
        actor=consultant, dialogue=dialogue, language="de", text="Wir haben 13 Maßnahmen beschlossen."
    )
    html = client.get(url).content.decode()
    assert "Wir haben 13 Maßnahmen beschlossen." in html and "12 Maßnahmen" not in html


def test_a_withdrawn_measure_disappears_and_without_anything_public_the_page_is_gone(
    client, dialogue, make_measure, consultant
):
    kept, withdrawn = make_measure("Sprachcafé", public=True), make_measure("Fahrradwerkstatt", public=True)
    url = f"/status/{dialogue.pk}/"
    assert "Fahrradwerkstatt" in client.get(url).content.decode()
    services.measure_update(actor=consultant, measure=withdrawn, public=False)
    html = client.get(url).content.decode()
    assert "Fahrradwerkstatt" not in html and "Sprachcafé" in html
    services.measure_update(actor=consultant, measure=kept, public=False)
    assert client.get(url).status_code == 404
