"""Who sees which case. The group of a case: its author, the members of its team,
colleagues she invited, the organisation's facilitators and whoever started a discussion
of it. A case its author
shared is readable by everyone in the organisation, without her name."""

from django.db.models import Q

from bedoeling.accounts.models import Membership, Role
from bedoeling.cases.models import Case, CaseDiscussion, CustomMethod
from bedoeling.purpose.models import Purpose


def _group_filter(membership) -> Q:
    mine = (Q(author=membership.user) | Q(discussions__started_by=membership.user)
            | Q(invited=membership.user))
    if membership.team_id:
        mine |= Q(team_id=membership.team_id)
    return mine


def in_group(case: Case, membership) -> bool:
    """She belongs to the group of the case: she sees it with its author's name and may
    write learnings and start a discussion."""
    if membership is None or membership.organisation_id != case.organisation_id:
        return False
    if membership.is_facilitator:
        return True
    return Case.objects.filter(pk=case.pk).filter(_group_filter(membership)).exists()


def visible_cases(org, membership):
    cases = Case.objects.filter(organisation=org).select_related("team", "author")
    if membership.is_facilitator:
        return cases
    return cases.filter(_group_filter(membership) | Q(shared=True)).distinct()


def case_for(org, membership, pk) -> Case | None:
    """A case she may read, or None (a case of another organisation or group is a 404)."""
    return visible_cases(org, membership).filter(pk=pk).first()


def discussions_of(case: Case):
    return (CaseDiscussion.objects.filter(case=case)
            .select_related("session", "custom_method").order_by("-created_at"))


def discussion_of_session(session) -> CaseDiscussion | None:
    return CaseDiscussion.objects.filter(session=session).select_related("case").first()


def custom_methods(org):
    return CustomMethod.objects.filter(organisation=org)


def running_with(method: CustomMethod):
    """Discussions of a custom method not ended yet: prepared or running sessions keep
    the steps they were made with, whatever happens to the method."""
    return (CaseDiscussion.objects.filter(custom_method=method)
            .exclude(session__status="ended").select_related("session", "case"))


def current_purpose_version(org):
    purpose = Purpose.objects.filter(organisation=org).first()
    return purpose.current if purpose is not None else None


def invitable(case: Case):
    """Colleagues the author can ask into the group: members not in it yet."""
    from_team = Q(team_id=case.team_id) if case.team_id else Q(pk__in=[])
    return (Membership.objects.filter(organisation_id=case.organisation_id)
            .exclude(from_team).exclude(user_id=case.author_id)
            .exclude(user__in=case.invited.all()).exclude(role=Role.FACILITATOR)
            .select_related("user", "team").order_by("user__name"))
