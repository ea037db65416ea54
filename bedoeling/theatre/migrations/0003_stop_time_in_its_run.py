"""A stop's time counts from the start of the run it interrupted (its own `started_at`),
no longer from the scene's first play: the stops frozen before are counted again from the
times they kept. Reversible: backwards it counts from the scene's first play again."""

from django.db import migrations


def _recount(apps, *, from_first_play: bool) -> None:
    Stop = apps.get_model("theatre", "Stop")
    first_play = {}
    if from_first_play:
        first_play = dict(Stop.objects.filter(number=1).values_list("phase_id", "started_at"))
    stops = Stop.objects.filter(stopped_at__isnull=False).only(
        "phase_id", "started_at", "stopped_at", "at_seconds")
    for stop in stops.iterator():
        start = first_play.get(stop.phase_id, stop.started_at) if from_first_play \
            else stop.started_at
        seconds = max(0, round((stop.stopped_at - start).total_seconds()))
        if seconds != stop.at_seconds:
            Stop.objects.filter(pk=stop.pk).update(at_seconds=seconds)


def forwards(apps, schema_editor):
    _recount(apps, from_first_play=False)


def backwards(apps, schema_editor):
    _recount(apps, from_first_play=True)


class Migration(migrations.Migration):

    dependencies = [
        ("theatre", "0002_scene_case"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
