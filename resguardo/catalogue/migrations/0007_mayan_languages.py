"""Guatemala's four most spoken Mayan languages, named as their speakers write them: a
K'iche' radio workshop need not be filed as Spanish. (Any other living language is added
from ISO 639-3 when first used: catalogue/world_languages.py.)"""

from django.db import migrations

MAYAN = [("quc", "K'iche'"), ("kek", "Q'eqchi'"), ("cak", "Kaqchikel"), ("mam", "Mam")]


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    Language = apps.get_model("catalogue", "Language")
    for code, name in MAYAN:
        Language.objects.get_or_create(code=code, defaults={
            "name": name, "native_name": name, "direction": "ltr", "stemmer": ""})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_default_term_translations")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
