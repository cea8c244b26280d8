"""A date that is over while the dialogue is still being prepared is named on the overview (issue #19
item 4): either the date is wrong or the phase is behind."""

import datetime

from dialogwerk.dialogues.services import dialogue_set_phase, dialogue_update


def test_the_overview_warns_of_an_event_day_that_is_over_while_preparing(client_for, consultant, dialogue):
    url = f"/dialoge/{dialogue.pk}/"
    assert (
        "ist vorbei, der Dialog ist aber noch in Vorbereitung" not in client_for(consultant).get(url).content.decode()
    )
    dialogue_update(
        actor=consultant, dialogue=dialogue, starts_on=datetime.date(2020, 5, 4), ends_on=datetime.date(2020, 5, 4)
    )
    html = client_for(consultant).get(url).content.decode()
    assert "Der Veranstaltungstag (4. Mai 2020) ist vorbei, der Dialog ist aber noch in Vorbereitung." in html
    dialogue_set_phase(actor=consultant, dialogue=dialogue, phase="follow_up")
    assert (
        "ist vorbei, der Dialog ist aber noch in Vorbereitung" not in client_for(consultant).get(url).content.decode()
    )
