from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def label_from_method(apps, schema_editor):
    CaseDiscussion = apps.get_model("cases", "CaseDiscussion")
    CustomMethod = apps.get_model("cases", "CustomMethod")
    CaseDiscussion.objects.exclude(custom_method=None).update(method_label=Subquery(
        CustomMethod.objects.filter(pk=OuterRef("custom_method_id")).values("name")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="casediscussion",
            name="method_label",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.RunPython(label_from_method, migrations.RunPython.noop),
    ]
