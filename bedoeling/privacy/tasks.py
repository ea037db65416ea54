"""The scheduled deletion of an organisation (docs/tasks.md): it checks, when it runs,
that the request still stands, so cancelling needs nothing from the task queue."""

from django.utils import timezone
from django_tasks import task

from bedoeling.orgs.data import organisation_delete
from bedoeling.privacy.models import OrganisationDeletion


@task()
def organisation_delete_when_due(deletion_id: int) -> str:
    deletion = (OrganisationDeletion.objects.select_related("organisation", "requested_by")
                .filter(pk=deletion_id).first())
    if deletion is None:
        return "gone"
    if deletion.cancelled_at is not None:
        return "cancelled"
    if deletion.due_at > timezone.now():
        return "not yet"
    organisation_delete(deletion.organisation, deletion.requested_by)
    return "deleted"
