from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("live", "0003_session_door_closed"),
    ]

    operations = [
        migrations.AddField(
            model_name="phase",
            name="texts",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
