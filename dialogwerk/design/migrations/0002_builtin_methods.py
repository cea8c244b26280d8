from django.db import migrations

# A frozen copy of the library at the time of this migration; later changes need their own migration.
from dialogwerk.design.library import BUILTIN_METHODS


def add_methods(apps, schema_editor):
    Method = apps.get_model("design", "Method")
    for data in BUILTIN_METHODS:
        if not Method.objects.filter(municipality__isnull=True, key=data["key"]).exists():
            Method.objects.create(municipality=None, **data)


class Migration(migrations.Migration):
    dependencies = [("design", "0001_initial")]
    operations = [migrations.RunPython(add_methods, migrations.RunPython.noop)]
