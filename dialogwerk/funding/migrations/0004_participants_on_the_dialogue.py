"""The report's own participant figure becomes the dialogue's `people_counted`, the one attendance figure of
every document; the report keeps no figure of its own."""

from django.db import migrations


def move_to_dialogue(apps, schema_editor):
    FundingReport = apps.get_model("funding", "FundingReport")
    Dialogue = apps.get_model("dialogues", "Dialogue")
    for report in FundingReport.objects.filter(actual_participants__isnull=False).select_related("application"):
        Dialogue.objects.filter(pk=report.application.dialogue_id, people_counted__isnull=True).update(
            people_counted=report.actual_participants
        )


def move_back(apps, schema_editor):
    FundingReport = apps.get_model("funding", "FundingReport")
    for report in FundingReport.objects.select_related("application__dialogue"):
        if report.application.dialogue.people_counted is not None:
            report.actual_participants = report.application.dialogue.people_counted
            report.save(update_fields=["actual_participants"])


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0003_review_workflow"),
        ("dialogues", "0005_people_counted"),
    ]

    operations = [
        migrations.RunPython(move_to_dialogue, move_back),
        migrations.RemoveField(model_name="fundingreport", name="actual_participants"),
    ]
