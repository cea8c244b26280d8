from django.db import migrations, models


def number_existing_measures(apps, schema_editor):
    """Each dialogue's measures numbered 1, 2, 3 … in the order they were made."""
    Measure = apps.get_model("measures", "Measure")
    dialogue_id, number = None, 0
    for measure in Measure.objects.order_by("dialogue_id", "created_at", "id").only("pk", "dialogue_id").iterator():
        if measure.dialogue_id != dialogue_id:
            dialogue_id, number = measure.dialogue_id, 0
        number += 1
        Measure.objects.filter(pk=measure.pk).update(number=number)


class Migration(migrations.Migration):

    dependencies = [
        ("measures", "0005_results_subscriptions"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="number"),
        ),
        migrations.RunPython(number_existing_measures, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="measure",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, verbose_name="number"),
        ),
        migrations.AddConstraint(
            model_name="measure",
            constraint=models.UniqueConstraint(fields=("dialogue", "number"), name="measures_one_number_per_dialogue"),
        ),
    ]
