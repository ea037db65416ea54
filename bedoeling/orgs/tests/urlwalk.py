"""What the URL walk needs from this app: public URL names, and how to make an object of
the victim organisation for each URL argument name."""

from bedoeling.accounts.models import Invitation, Membership

PUBLIC = {"root", "set_language", "orgs:index", "healthz"}


def _invitation(org, cast):
    invitation, _token = Invitation.new(organisation=org, email="nieuw@example.org")
    invitation.save()
    return invitation.pk


ARGUMENTS = {
    "org": lambda org, cast: org.slug,
    "member": lambda org, cast: Membership.objects.filter(organisation=org).first().pk,
    "invitation": _invitation,
}
