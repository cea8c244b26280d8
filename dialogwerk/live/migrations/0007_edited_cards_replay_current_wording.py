"""Cards edited before edits rewrote the event log: their earlier events say what the card says now.

Until now only hiding a card blanked its earlier events; an edit left the earlier wording replayable to
anyone with the join code. Earlier events of every edited, visible card take its current text (their
translations were of the old text: a later event carries the current ones).
"""

from django.db import migrations


def replay_current_wording(apps, schema_editor):
    Contribution = apps.get_model("live", "Contribution")
    LiveEvent = apps.get_model("live", "LiveEvent")
    edited = Contribution.objects.filter(revisions__isnull=False, hidden=False, merged_into__isnull=True).distinct()
    for card in edited.only("pk", "session_id", "text").iterator():
        for event in LiveEvent.objects.filter(session_id=card.session_id, kind="card", payload__id=card.pk):
            payload = event.payload or {}
            if payload.get("text") not in (None, card.text):
                LiveEvent.objects.filter(pk=event.pk).update(payload={**payload, "text": card.text, "translations": []})


class Migration(migrations.Migration):
    dependencies = [("live", "0006_phone_events")]

    operations = [migrations.RunPython(replay_current_wording, migrations.RunPython.noop)]
