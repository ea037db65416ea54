from bedoeling.accounts.models import Membership


def current_organisation(request):
    org = getattr(request, "org", None)
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"current_org": org}
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("organisation")
    )
    return {
        "current_org": org,
        "current_membership": getattr(request, "membership", None),
        "my_memberships": memberships,
    }
