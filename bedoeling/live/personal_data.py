"""An invited member's part in asynchronous sessions (see bedoeling/privacy/registry.py):
the sessions she was invited to, her role and the cards she wrote there. Phones that
joined with a code belong to no account and are not hers to find."""

from django.utils.translation import gettext_lazy as _

from bedoeling.live.models import Card, Participant
from bedoeling.privacy.registry import PersonalData, register


def _participations(user) -> list[dict]:
    people = (Participant.objects.filter(membership__user=user)
              .select_related("session__organisation").order_by("session__created_at"))
    return [{"organisation": p.session.organisation.name, "session": p.session.title,
             "role": p.role,
             "cards": list(Card.objects.filter(participant=p).order_by("created_at", "pk")
                           .values_list("text", flat=True))} for p in people]


def _erase(user) -> None:
    # Her cards stay in the discussion, as any phone's do when it leaves: without her name
    # and without the link to her.
    Participant.objects.filter(membership__user=user).update(name="", membership=None)


register(PersonalData(
    key="live_invitations", label=_("Je deelname aan asynchrone werksessies"),
    export=_participations, order=40, erase=_erase,
    on_delete=_("Je bijdragen blijven in het gesprek staan, zonder je naam en zonder "
                "koppeling aan jou.")))
