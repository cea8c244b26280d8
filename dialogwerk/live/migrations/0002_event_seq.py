"""Events get a number per session (contiguous), so screens can tell that they missed one."""

from django.db import migrations, models


def number_existing_events(apps, schema_editor):
    Session = apps.get_model("live", "Session")
    LiveEvent = apps.get_model("live", "LiveEvent")
    for session in Session.objects.all():
        seq = 0
        for event in LiveEvent.objects.filter(session=session).order_by("id"):
            seq += 1
            LiveEvent.objects.filter(pk=event.pk).update(seq=seq)
        Session.objects.filter(pk=session.pk).update(event_seq=seq)


class Migration(migrations.Migration):
    dependencies = [("live", "0001_initial")]

    operations = [
        migrations.AddField(model_name="session", name="event_seq", field=models.PositiveBigIntegerField(default=0)),
        migrations.AddField(model_name="liveevent", name="seq", field=models.PositiveBigIntegerField(default=0), preserve_default=False),
        migrations.RunPython(number_existing_events, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="liveevent", name="live_liveev_session_2f3fe5_idx"),
        migrations.AlterModelOptions(name="liveevent", options={"ordering": ["session", "seq"]}),
        migrations.AddConstraint(
            model_name="liveevent", constraint=models.UniqueConstraint(fields=("session", "seq"), name="live_event_seq_unique")
        ),
    ]
