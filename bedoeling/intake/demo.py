"""Demo of the sparsessie inbox: Sanne runs this instance (a staff user), one request waits
for an answer, and one became an organisation whose first lead is invited."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.accounts.models import Invitation, Role
from bedoeling.intake.models import SparringRequest
from bedoeling.orgs.models import Organisation
from bedoeling.orgs.services import organisation_create

FACILITATOR = "begeleider@bedoeling.test"


def load(ctx: dict) -> None:
    sanne = ctx["users"][FACILITATOR]
    sanne.is_staff = True
    sanne.save(update_fields=["is_staff"])
    now = timezone.now()

    SparringRequest.objects.create(
        name="Anna de Vries", email="anna.devries@horizon.test",
        organisation_name="Kindcentrum De Horizon", role="directeur",
        situation=(
            "Sinds de fusie met de kinderopvang hebben we twee keer zoveel protocollen. "
            "Mijn pedagogisch medewerkers en leerkrachten zeggen dat ze meer tijd kwijt zijn "
            "aan registreren dan aan de kinderen. Ik wil graag met het team terug naar de "
            "vraag waarom we dit werk doen, maar weet niet goed hoe ik dat gesprek begin "
            "zonder dat het weer een heidag wordt waar niets uit komt."),
        moments="dinsdag- of donderdagochtend, liefst na 9 uur",
        consent=True, language="nl", created_at=now - timedelta(days=2))

    converted = now - timedelta(days=9)
    org = organisation_create(sanne, name="Zorggroep Vechtstreek — wijkverpleging",
                              description="Wijkverpleging in zes kernen langs de Vecht.")
    Organisation.objects.filter(pk=org.pk).update(created_at=converted)
    invitation, _token = Invitation.new(
        organisation=org, email="ruud.hermans@vechtstreek.test", role=Role.LEAD,
        invited_by=sanne, language="nl")
    invitation.save()
    Invitation.objects.filter(pk=invitation.pk).update(created_at=converted)
    planned = timezone.localtime(now - timedelta(days=12)).replace(
        hour=10, minute=0, second=0, microsecond=0)
    SparringRequest.objects.create(
        name="Ruud Hermans", email="ruud.hermans@vechtstreek.test",
        organisation_name="Zorggroep Vechtstreek — wijkverpleging", role="manager zorg",
        situation=(
            "Onze wijkverpleegkundigen indiceren volgens het boekje, maar cliënten en "
            "mantelzorgers zeggen dat ze zich niet gehoord voelen. Het team wil meer "
            "maatwerk leveren, maar de registratie-eisen van de zorgverzekeraar lijken dat "
            "in de weg te zitten. Klopt dat eigenlijk wel?"),
        moments="maandagmiddag",
        consent=True, language="nl", created_at=now - timedelta(days=24),
        status=SparringRequest.Status.CONVERTED, handled_by=sanne,
        answer=("Dag Ruud, wat herkenbaar. Laten we een uur afspreken om te horen wat er "
                "speelt; dan kijken we samen of een 'dit kan niet waar zijn'-sessie met het "
                "team past. Groet, Sanne"),
        answered_at=now - timedelta(days=23), planned_start=planned, planned_minutes=60,
        planned_place="Kantoor Maarssen, Bisonspoor 12", organisation=org,
        converted_at=converted)
    ctx["orgs"]["vechtstreek"] = org


def notes() -> list[str]:
    """Printed with the demo logins on every `make run`."""
    return ["Sparsessie-aanvragen (begeleider@bedoeling.test beheert deze omgeving): "
            "/sparsessies/"]
