"""Demo of the system world: the municipality's register of rules, signals from staff and
from a citizen through the public link, a finished dit-kan-niet-waar-zijn session whose
situations became signals and whose decisions became actions, actions in every state, and
anonymous reporters whose receipt pages show a closed loop. A few rules and signals at the
school.

Everything goes through the services, then gets backdated so the story spans months."""

from contextlib import contextmanager
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from bedoeling.live import services as live_services
from bedoeling.systemworld import receipts, services
from bedoeling.systemworld import session as sw_session
from bedoeling.systemworld.models import (
    Action,
    ActionUpdate,
    Notification,
    PublicLink,
    Rule,
    RuleEvent,
    SessionDecision,
    Signal,
    SignalResponse,
)
from bedoeling.systemworld.notifications import without_email
from bedoeling.systemworld.session_format import FORMAT

# The citizen's receipt code, fixed so that README and the demo logins can mention it.
# Enter it at /mijn-melding/ to see a closed loop.
DEMO_RECEIPT_CODE = "DEM0-2026-KTGS-8WKN-BWYS-ST3M-9H7Q"
# The municipality's public signal link: /meld/gemeente-lindeveld/
DEMO_PUBLIC_LINK = "gemeente-lindeveld"

LEAD = "teamleider@lindeveld.test"
FACILITATOR = "begeleider@bedoeling.test"

# key: (title, kind, owner e-mail or None, owner label, source, reference, purpose, part)
LINDEVELD_RULES = {
    "bewijs": (
        "Bewijsstukken bij elke aanvraag opnieuw opvragen", "procedure", LEAD,
        "Team Rechtmatigheid", "agreement", "Werkinstructie rechtmatigheid 2021, §3",
        "We willen besluiten op actuele gegevens, zodat niemand te veel of te weinig krijgt "
        "en we fraude op tijd zien.", "statement",
    ),
    "termijn": (
        "De 8-wekentermijn voor een besluit", "rule", LEAD, "",
        "law", "Algemene wet bestuursrecht, art. 4:13; Jeugdwet art. 2.3",
        "Een inwoner hoeft niet eindeloos te wachten: de termijn beschermt de inwoner tegen "
        "een trage overheid.", "for_client",
    ),
    "keukentafel": (
        "Keukentafelgesprek-formulier met 46 verplichte velden", "form", None,
        "Functioneel beheer Sociaal Domein", "agreement", "Gespreksverslag Wmo, versie 4",
        "", "",
    ),
    "huishoudelijk": (
        "Maximaal 3 uur huishoudelijke hulp per week", "rule", LEAD, "",
        "regulation", "Verordening maatschappelijke ondersteuning Lindeveld 2020, art. 7",
        "Binnen het budget kan iedereen die het nodig heeft in een schoon en leefbaar huis "
        "wonen.", "for_client",
    ),
    "doorlooptijd": (
        "KPI doorlooptijd: 80% van de aanvragen binnen 4 weken afgehandeld", "kpi", LEAD,
        "Afdelingshoofd Sociaal Domein", "policy", "Jaarplan Sociaal Domein 2025, bijlage 2",
        "Zicht houden op wachttijden, zodat we bijsturen voordat inwoners te lang wachten.",
        "for_client",
    ),
    "dossiers": (
        "KPI: afgehandelde dossiers per consulent per week", "kpi", LEAD, "",
        "policy", "Teamdashboard Sociaal Domein", "", "",
    ),
    "fraude": (
        "Geen schuldhulp zolang er een fraudevordering loopt", "rule", "kees@lindeveld.test",
        "Team Schuldhulpverlening", "policy", "Beleidsregels schuldhulpverlening 2022, art. 4",
        "Voorkomen dat schuldhulp fraude beloont.", "statement",
    ),
    "suite": (
        "Elk contact binnen 24 uur vastleggen in het zaaksysteem", "system", None,
        "Informatiemanagement", "agreement", "Registratieprotocol zaaksysteem", "", "",
    ),
    "digid": (
        "Inkomensverklaring alleen uploaden met DigiD", "system", None,
        "Team Werk en inkomen", "policy", "Informatiebeveiligingsbeleid 2023",
        "Gegevens van inwoners veilig en betrouwbaar ontvangen.", "for_us",
    ),
    "vierogen": (
        "Vier-ogenprincipe bij elke aanvraag bijzondere bijstand", "procedure", None,
        "Team Werk en inkomen", "agreement", "Werkinstructie bijzondere bijstand",
        "Zorgvuldig en gelijk behandelen: twee mensen zien meer dan één.", "statement",
    ),
    "afspraak": (
        "Uitkering opschorten na één gemiste afspraak", "rule", LEAD, "",
        "law", "Participatiewet art. 18 en 54",
        "Meewerken aan werk of re-integratie is een plicht die bij de uitkering hoort.",
        "elaboration",
    ),
    "spreekuur": (
        "Telefonisch spreekuur alleen van 9 tot 11 uur", "procedure", None,
        "Klantcontactcentrum", "agreement", "", "", "",
    ),
}

# (rule key, reporter e-mail, days ago, severity, what happened, effect, sensible); see _signals
NAMED = {"?spreekuur": "het telefonische spreekuur"}
LINDEVELD_SIGNALS = [
    ("bewijs", "fatma@lindeveld.test", 120, 2,
     "Mevrouw vraagt voor de derde keer in twee jaar een voorziening aan. Ik moest opnieuw "
     "haar bankafschriften, huurcontract en de brief van de huisarts opvragen, terwijl die "
     "gewoon in het dossier zitten.",
     "Ze moest twee weken wachten op een kopie van de huisarts en betaalde daar ook nog "
     "voor. Intussen bleef de aanvraag liggen.",
     "Kijken wat we al hebben, en alleen vragen wat echt veranderd is."),
    ("bewijs", "joost@lindeveld.test", 95, 2,
     "Bij een herbeoordeling van de bijstand weer alle loonstroken van het afgelopen jaar "
     "opgevraagd. De man werkt niet en heeft dat al drie keer laten weten.",
     "Hij voelde zich niet geloofd en kwam boos aan de balie.",
     "Een telefoontje: is er iets veranderd? Zo nee, klaar."),
    ("bewijs", "~anouk@lindeveld.test", 80, 3,
     "Een vrouw met een uitkering die net een gezin herbouwt na huiselijk geweld moest al haar "
     "papieren opnieuw aanleveren. Een deel lag nog in het huis waar ze niet meer kan komen.",
     "Haar aanvraag werd buiten behandeling gesteld. Twee maanden geen geld.",
     "Ruimte om af te wijken als iemand echt niet bij de stukken kan."),
    ("termijn", "anouk@lindeveld.test", 60, 3,
     "De termijn voor het besluit over jeugdhulp liep af. Omdat het onderzoek nog niet klaar "
     "was, is het verzoek afgewezen ‘om de termijn te halen’, met het advies opnieuw aan te "
     "vragen.",
     "Het gezin begon weer bij af en de wachttijd voor de hulp begon opnieuw te lopen.",
     "Met het gezin afspreken dat we de termijn verlengen, en dat vastleggen."),
    ("termijn", "nadia@lindeveld.test", 21, 2,
     "Om binnen acht weken te beslissen heb ik een keukentafelgesprek ingepland terwijl de "
     "dochter, die alles regelt, pas een week later kon.",
     "Meneer kon zelf niet goed vertellen wat hij nodig had. De indicatie klopt niet.",
     "Een week later het gesprek, met de dochter erbij."),
    ("keukentafel", "wendy@lindeveld.test", 150, 2,
     "Het formulier van het keukentafelgesprek heeft 46 verplichte velden. Ik zit meer naar "
     "mijn laptop te kijken dan naar de inwoner.",
     "Het gesprek voelt als een verhoor; mensen vertellen minder.",
     "Eerst het gesprek, daarna het verslag. En alleen de velden die we echt gebruiken."),
    ("keukentafel", "~fatma@lindeveld.test", 70, 1,
     "Veld 31 (‘sociale netwerkanalyse, score 1–5’) moet ingevuld, ook als iemand net vertelt "
     "dat zijn vrouw is overleden.",
     "Pijnlijk moment aan tafel.",
     ""),
    ("keukentafel", "gertjan@lindeveld.test", 40, 1,
     "Het formulier loopt vast als je een veld leeg laat, dus vul ik ‘n.v.t.’ in bij dingen "
     "die wél van toepassing zijn, om verder te kunnen.",
     "Het verslag klopt niet meer met wat er besproken is.",
     "Velden niet verplicht maken die er niet toe doen."),
    ("huishoudelijk", "pieter@lindeveld.test", 45, 3,
     "Een echtpaar van in de tachtig: de dochter die mantelzorg gaf ligt in het ziekenhuis. "
     "Drie uur hulp per week is niet genoeg om het huis bewoonbaar te houden.",
     "Mevrouw viel in de badkamer die niet schoongemaakt was.",
     "Tijdelijk meer uren, tot de dochter weer thuis is."),
    ("huishoudelijk", "~fatma@lindeveld.test", 12, 2,
     "Meneer heeft COPD en kan niet stofzuigen. De verordening zegt maximaal drie uur, dus "
     "kreeg hij drie uur, terwijl zijn longarts om een stofvrij huis vraagt.",
     "Benauwder, twee keer naar de huisartsenpost.",
     "De bedoeling van de regel volgen: een leefbaar huis."),
    ("doorlooptijd", "joost@lindeveld.test", 85, 2,
     "Een dossier is gesloten en de volgende dag opnieuw geopend, zodat het binnen de vier "
     "weken ‘afgehandeld’ telt.",
     "De inwoner kreeg een brief dat zijn aanvraag was afgehandeld, terwijl er nog niets "
     "geregeld was.",
     "Een dossier open laten als dat nodig is, en uitleggen waarom."),
    ("doorlooptijd", "remco@lindeveld.test", 30, 1,
     "Op het teamoverleg ging het een half uur over de doorlooptijd en geen minuut over de "
     "mensen achter de cijfers.",
     "", ""),
    ("dossiers", "~joost@lindeveld.test", 160, 2,
     "Omdat we op het aantal dossiers per week worden afgerekend, pak ik de makkelijke "
     "aanvragen eerst. De ingewikkelde blijven liggen.",
     "Juist de mensen die het zwaarst hebben wachten het langst.",
     "Stoppen met tellen per consulent."),
    ("fraude", "kees@lindeveld.test", 200, 3,
     "Een jonge moeder met een fraudevordering van € 1.200 (te laat doorgegeven "
     "samenwonen) kwam niet in aanmerking voor schuldhulp. Haar schulden liepen op tot "
     "€ 14.000.",
     "Afsluiting van gas en licht dreigde; de kinderen zaten in de kou.",
     "Eerst een gesprek, ook als er een vordering loopt."),
    ("digid", "joost@lindeveld.test", 35, 2,
     "Een man van 78 zonder DigiD kon zijn inkomensverklaring niet uploaden. Op papier "
     "insturen mag niet meer.",
     "Zijn bijzondere bijstand werd stopgezet omdat de verklaring ontbrak.",
     "Een papieren of balie-alternatief."),
    ("afspraak", "~remco@lindeveld.test", 15, 3,
     "Uitkering opgeschort omdat een man niet op zijn afspraak kwam. Hij lag die dag in het "
     "ziekenhuis en had geen telefoon bij zich.",
     "Geen geld voor de huur die maand.",
     "Eerst bellen en vragen wat er is, dan pas maatregelen."),
    ("?spreekuur", "kees@lindeveld.test", 5, 1,
     "Mantelzorgers die werken kunnen ons tussen 9 en 11 niet bereiken.", "", ""),
]

SCHOOL_RULES = {
    "groepsplan": (
        "Groepsplan per vak, elk half jaar", "procedure", "directeur@wilgenhoek.test",
        "Intern begeleiding", "agreement", "Zorgplan De Wilgenhoek 2022",
        "Zicht houden op wat elk kind nodig heeft, zodat niemand tussen wal en schip valt.",
        "for_client",
    ),
    "methodetoets": (
        "Elke week een methodetoets in alle vakken", "rule", None, "Bouwcoördinatoren",
        "unknown", "", "", "",
    ),
    "parnassys": (
        "Elk oudergesprek binnen 24 uur vastleggen in het leerlingvolgsysteem", "system",
        None, "Intern begeleiding", "agreement", "Afspraken leerlingdossier", "", "",
    ),
    "referentie": (
        "Doel: 85% van de leerlingen haalt 1F rekenen in groep 8", "kpi",
        "directeur@wilgenhoek.test", "", "policy", "Schoolplan 2023–2027, hoofdstuk 4",
        "Elk kind verlaat de school met de basis die het nodig heeft.", "statement",
    ),
}

SCHOOL_SIGNALS = [
    ("groepsplan", "lotte@wilgenhoek.test", 50, 2,
     "Twee middagen bezig geweest met het groepsplan rekenen. Ondertussen zat Noor, die thuis "
     "een zware tijd heeft, twee dagen stil in de klas zonder dat ik tijd had om met haar te "
     "praten.",
     "Noor trok zich verder terug.", "Eerst met Noor praten, het plan kon wachten."),
    ("groepsplan", "~youssef@wilgenhoek.test", 20, 1,
     "Het groepsplan wordt nooit meer gelezen nadat het is ingeleverd.", "", ""),
    ("methodetoets", "youssef@wilgenhoek.test", 33, 2,
     "Groep 7 heeft deze week vier toetsen. Een jongen met faalangst meldde zich twee dagen "
     "ziek.",
     "Hij miste juist de lessen waar hij het meest aan had.",
     "Toetsen spreiden, en niet alles toetsen wat we al weten."),
    ("methodetoets", "priya@wilgenhoek.test", 9, 1,
     "De kleuters ‘oefenen’ voor de toets in plaats van spelen.", "", ""),
    ("parnassys", "daan@wilgenhoek.test", 14, 1,
     "Na een emotioneel gesprek met een moeder moest ik eerst het verslag typen voordat ik "
     "naar huis kon. Het verslag is kort en nietszeggend geworden.",
     "", "Een paar dagen de tijd, en een korter format."),
]


@contextmanager
def _at(days_ago: float, action: Action | None = None):
    """Backdate everything the services create inside the block to `days_ago`."""
    models = (Signal, SignalResponse, Action, ActionUpdate, RuleEvent, Notification)
    last = {m: m.objects.aggregate(n=Max("pk"))["n"] or 0 for m in models}
    started = timezone.now()
    yield
    when = timezone.now() - timedelta(days=days_ago)
    for model in models:
        model.objects.filter(pk__gt=last[model]).update(created_at=when)
    Signal.objects.filter(answered_at__gte=started).update(answered_at=when)
    Action.objects.filter(pk__gt=last[Action]).update(updated_at=when)
    if action is not None:
        Action.objects.filter(pk=action.pk).update(updated_at=when)
        action.refresh_from_db()


def _rules(org, actor, table, users, days_ago):
    rules = {}
    with _at(days_ago):
        for key, (title, kind, owner, label, source, reference, purpose, part) in table.items():
            rules[key] = services.rule_create(
                org, actor, title=title, kind=kind, owner_user=users.get(owner),
                owner_label=label, source_type=source, source_reference=reference,
                purpose_text=purpose, purpose_part=part,
            )
    Rule.objects.filter(pk__in=[r.pk for r in rules.values()]).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    return rules


def _signals(org, rules, table, users):
    """`who` is a reporter's e-mail; with a ~ in front the signal is anonymous (only the
    team is kept). A rule key with a ? in front is named by the reporter, not linked."""
    signals = []
    for key, who, days_ago, severity, what, effect, sensible in table:
        named_only = key.startswith("?")
        rule = rules[key.lstrip("?")]
        with _at(days_ago):
            signals.append(services.signal_report(
                org, what_happened=what, client_effect=effect, sensible_action=sensible,
                severity=severity, rule=None if named_only else rule,
                rule_named=NAMED.get(key, "") if named_only else "",
                reporter=users[who.lstrip("~")], anonymous=who.startswith("~"),
            ).signal)
    return signals


def _step(org, actor, action, days_ago, status, progress=None, note=""):
    with _at(days_ago, action):
        services.action_status_change(org, actor, action, status=status, progress=progress,
                                      note=note)


def _action(org, actor, days_ago, **fields):
    with _at(days_ago):
        action = services.action_create(org, actor, **fields)
    action.refresh_from_db()
    return action


def _respond(org, author, signal, days_ago, text):
    with _at(days_ago):
        services.signal_respond(org, author, signal, text=text)


def _lindeveld(org, users):
    lead, facilitator = users[LEAD], users[FACILITATOR]
    fatma, kees = users["fatma@lindeveld.test"], users["kees@lindeveld.test"]
    today = timezone.localdate()
    rules = _rules(org, facilitator, LINDEVELD_RULES, users, 400)
    services.rule_follow(org, fatma, rules["bewijs"])
    services.rule_follow(org, fatma, rules["keukentafel"])
    services.rule_follow(org, users["joost@lindeveld.test"], rules["doorlooptijd"])
    signals = _signals(org, rules, LINDEVELD_SIGNALS, users)
    by_rule: dict[int, list] = {}
    for signal in signals:
        by_rule.setdefault(signal.rule_id, []).append(signal)

    # A citizen reports through the public link; the receipt code is the demo's fixed one.
    link = PublicLink.objects.create(organisation=org, token=DEMO_PUBLIC_LINK, enabled=True)
    with _at(75):
        citizen = services.signal_report(
            org, source=Signal.Source.PUBLIC, severity=Signal.Severity.NOTABLE,
            what_happened="Voor de bijzondere bijstand voor een wasmachine moest ik opnieuw mijn "
                          "huurcontract, drie maanden bankafschriften en mijn paspoort opsturen. "
                          "Dat had ik in het voorjaar ook al allemaal gedaan voor de "
                          "individuele inkomenstoeslag, bij dezelfde afdeling.",
            client_effect="Ik moest een dag vrij nemen om alles te zoeken en te kopiëren. Drie "
                          "weken zonder wasmachine, met twee kleine kinderen.",
            sensible_action="Gewoon kijken wat jullie al van me hebben.",
            rule_named="bewijsstukken opnieuw aanleveren",
        ).signal
    Signal.objects.filter(pk=citizen.pk).update(
        receipt_hash=receipts.code_hash(DEMO_RECEIPT_CODE))
    with _at(72):
        services.signal_rule_link(org, facilitator, citizen, rules["bewijs"])
    _respond(org, lead, citizen, 70,
             "Dank voor uw melding, en excuses: u heeft gelijk. Wat we al van u hebben, hoort u "
             "niet opnieuw te hoeven sturen. We passen onze werkwijze aan; op deze pagina ziet "
             "u hoe dat gaat.")

    # Actions in every state, and of every kind.
    change = _action(org, lead, 68, kind="change",
                     title="Bewijsstukken die we al hebben niet opnieuw opvragen",
                     description="We vragen alleen nog stukken die ouder zijn dan een jaar, of "
                                 "die we echt niet hebben. Eerst kijken, dan pas vragen.",
                     owner=lead, due_date=today + timedelta(days=1), rule=rules["bewijs"],
                     signals=[citizen, *by_rule[rules["bewijs"].pk]])
    Action.objects.filter(pk=change.pk).update(due_date=today - timedelta(days=12))
    _step(org, lead, change, 50, "in_progress", 30,
          "Werkinstructie herschreven, samen met Team Rechtmatigheid. De accountant kijkt mee.")
    _step(org, lead, change, 30, "in_progress", 70,
          "Twee weken geproefd met het Wmo-team: niemand miste iets.")
    _step(org, lead, change, 12, "done", note=(
        "Vanaf 1 november vragen we alleen nog wat ouder is dan een jaar of wat ontbreekt. De "
        "werkinstructie is aangepast en iedereen is bijgepraat."))

    experiment = _action(org, facilitator, 90, kind="experiment",
                         title="Keukentafelgesprek met een vrij verslag in plaats van 46 velden",
                         description="Het Wmo-team werkt drie maanden met een verslag in eigen "
                                     "woorden en vijf vaste vragen.",
                         owner=fatma, due_date=today + timedelta(days=20),
                         rule=rules["keukentafel"], signals=by_rule[rules["keukentafel"].pk],
                         review_date=today + timedelta(days=1))
    Action.objects.filter(pk=experiment.pk).update(review_date=today - timedelta(days=5))
    _step(org, fatma, experiment, 80, "in_progress", 50,
          "Gestart met vijf consulenten. Eerste reactie van inwoners: ‘eindelijk een gesprek’.")

    allow = _action(org, lead, 44, kind="allow",
                    title="Tijdelijk meer uren huishoudelijke hulp bij uitval van de mantelzorger",
                    owner=lead, due_date=today + timedelta(days=30),
                    rule=rules["huishoudelijk"], signals=by_rule[rules["huishoudelijk"].pk][:1],
                    timeout_case="Echtpaar van 80+, dochter (mantelzorger) opgenomen",
                    timeout_until=today + timedelta(days=30))
    _step(org, lead, allow, 40, "in_progress", 40,
          "Zes uur per week toegekend tot de dochter weer thuis is.")

    escalate = _action(org, lead, 55, kind="escalate",
                       title="Knellende termijnen in de Jeugdwet agenderen bij de VNG",
                       owner=lead, due_date=today + timedelta(days=1), rule=rules["termijn"],
                       signals=by_rule[rules["termijn"].pk][:1], escalate_to="outside",
                       escalate_detail="VNG-commissie Zorg, Jeugd en Onderwijs")
    Action.objects.filter(pk=escalate.pk).update(due_date=today - timedelta(days=6))

    remove = _action(org, lead, 150, kind="remove",
                     title="Tellen van dossiers per consulent schrappen uit het teamdashboard",
                     owner=lead, due_date=today + timedelta(days=1), rule=rules["dossiers"],
                     signals=by_rule[rules["dossiers"].pk])
    Action.objects.filter(pk=remove.pk).update(due_date=today - timedelta(days=100))
    _step(org, lead, remove, 110, "done",
          note="Het dashboard toont alleen nog wachttijden per team, niet per persoon.")
    Rule.objects.filter(pk=rules["dossiers"].pk).update(
        retired_at=timezone.now() - timedelta(days=110))

    explain = _action(org, lead, 28, kind="explain",
                      title="Uitleggen: een dossier mag open blijven als de inwoner dat nodig "
                            "heeft",
                      owner=lead, due_date=today + timedelta(days=10),
                      rule=rules["doorlooptijd"], signals=by_rule[rules["doorlooptijd"].pk])
    _step(org, lead, explain, 20, "in_progress", 60,
          "Besproken in het teamoverleg. De KPI telt voortaan de wachttijd tot het eerste "
          "gesprek, niet tot het sluiten van het dossier.")

    judged = _action(org, facilitator, 190, kind="experiment",
                     title="Schuldhulp: eerst een gesprek, ook als er een fraudevordering loopt",
                     owner=kees, due_date=today + timedelta(days=1), rule=rules["fraude"],
                     signals=by_rule[rules["fraude"].pk], review_date=today + timedelta(days=1))
    Action.objects.filter(pk=judged.pk).update(due_date=today - timedelta(days=60),
                                               review_date=today - timedelta(days=65))
    _step(org, kees, judged, 150, "in_progress", 50,
          "Twaalf gezinnen gesproken; bij negen is een regeling getroffen.")
    with _at(60, judged):
        services.experiment_verdict_record(
            org, lead, judged, verdict="adopt",
            text="Het werkt: schulden lopen minder op en de vordering wordt vaker terugbetaald. "
                 "De beleidsregel wordt aangepast.")

    # The teamdag's dit-kan-niet-waar-zijn session decided on DigiD and the phone hours.
    _escalate, dropped = _session(org, users, rules, SESSION_DAYS_AGO)
    _step(org, lead, dropped, 3, "dropped", note="Niet meer nodig: sinds deze maand bellen we "
                                                 "terug op een tijd die de inwoner kiest.")
    _respond(org, lead, by_rule[rules["digid"].pk][0], SESSION_DAYS_AGO - 1,
             "Op de teamdag kwamen nog drie van zulke situaties op tafel. We leggen een "
             "alternatief voor DigiD voor aan het MT; je hoort hoe het afloopt.")

    _respond(org, lead, by_rule[rules["afspraak"].pk][0], 10,
             "Dit had niet mogen gebeuren. We bellen voortaan eerst voordat we een uitkering "
             "opschorten; ik neem het op in het teamoverleg.")
    return link, change


# The teamdag: (text, effect on the client, kind of thing in the way, group or None).
SESSION_DAYS_AGO = 32
SESSION_TITLE = "Teamdag Sociaal Domein: dit kan niet waar zijn"
SESSION_GROUPS = ("Alleen digitaal", "Niet te bereiken", "Cijfers boven mensen")
SESSION_SITUATIONS = [
    ("Een man van 81 moest zijn inkomensverklaring uploaden met DigiD. Hij heeft geen "
     "computer en zijn zoon woont in Canada.", "Zijn aanvraag bleef zes weken liggen.",
     "system", 0),
    ("Een inwoner zonder vast adres kan geen DigiD aanvragen: de activeringscode gaat per "
     "post.", "Geen uitkering, dus ook geen kamer.", "system", 0),
    ("Aan de balie mogen we geen papieren formulier meer aannemen. Ik stuur mensen naar huis "
     "om het online te doen.", "Een deel komt nooit meer terug.", "procedure", 0),
    ("Telefonisch spreekuur alleen van 9 tot 11. Een mantelzorger die werkt belt in haar "
     "lunchpauze en krijgt een bandje.", "Ze nam een vrije dag om ons te kunnen bellen.",
     "procedure", 1),
    ("Een moeder belde om vijf over elf over een crisis thuis. Na elven verbindt de "
     "telefooncentrale niet meer door.", "Ze belde uiteindelijk de politie.", "system", 1),
    ("Terugbellen mag alleen binnen het spreekuur, dus bel ik mensen terug terwijl zij op hun "
     "werk zitten.", "", "procedure", 1),
    ("In het teamoverleg staat de doorlooptijd bovenaan. Over wat de inwoner eraan had gaat "
     "het nooit.", "", "kpi", 2),
    ("Ik sluit een dossier liever te vroeg dan dat het de KPI verpest.",
     "Mensen moeten opnieuw beginnen met hun aanvraag.", "kpi", 2),
    ("Het formulier voor het keukentafelgesprek vraagt het BSN van de mantelzorger, "
     "verplicht.", "Mantelzorgers haken af.", "form", None),
]
# Written with a name and an address in it: the facilitator hid it, so it is no signal.
SESSION_HIDDEN = "Mevrouw De Vries van de Lindelaan 12 kreeg drie keer dezelfde brief."
# Dots per phone over the three groups.
SESSION_DOTS = [(3, 0, 0), (2, 1, 0), (1, 2, 0), (2, 0, 1), (1, 1, 1), (0, 3, 0), (2, 0, 1),
                (1, 1, 1), (0, 1, 2)]
# The participant who wrote the first situation kept her code; it opens her receipt page.
DEMO_SESSION_RECEIPT_CODE = "DEM0-2026-TEAM-DAG0-SESS-1E00-K0DE"


def _session(org, users, rules, days_ago):
    """The finished dit-kan-niet-waar-zijn session, run through the live services as a room
    of phones would: situations, groups, dots, two decisions that became actions (the
    escalation about DigiD, the phone hours), codes, the end; then back to its day."""
    facilitator, lead = users[FACILITATOR], users[LEAD]
    today = timezone.localdate()
    with _at(days_ago):
        session = live_services.session_create(org, facilitator, title=SESSION_TITLE,
                                               format_key=FORMAT)
        live_services.session_open(session, facilitator)
        phases = list(session.phases.all())
        welcome, situations, grouping, voting, *rest = phases
        deciding, receipts_phase = rest[:-1], rest[-1]
        phones = [live_services.participant_join(session)[0] for _ in SESSION_DOTS]

        live_services.phase_activate(session, situations)
        cards = []
        for index, (text, effect, kind, _group) in enumerate(SESSION_SITUATIONS):
            cards.append(sw_session.situation_add(situations, phones[index], text=text,
                                                client_effect=effect, rule_kind=kind))
        hidden = sw_session.situation_add(situations, phones[-1], text=SESSION_HIDDEN)
        live_services.card_hide(hidden)

        live_services.phase_activate(session, grouping)
        clusters = [live_services.cluster_create(
            grouping, name, [c for c, row in zip(cards, SESSION_SITUATIONS, strict=True)
                             if row[3] == index]) for index, name in enumerate(SESSION_GROUPS)]
        live_services.phase_activate(session, voting)
        for phone, dots in zip(phones, SESSION_DOTS, strict=True):
            for cluster, n in zip(clusters, dots, strict=True):
                if n:
                    live_services.dots_set(voting, phone, target=f"k{cluster.pk}", dots=n)
        live_services.phase_set_flags(voting, revealed=True)

        live_services.phase_activate(session, deciding[0])
        sw_session.decision_rule_choose(deciding[0], rule=rules["digid"])
        escalate = sw_session.decision_record(
            deciding[0], lead, rule=rules["digid"], kind="escalate",
            title="Een alternatief voor DigiD voorleggen aan het MT",
            purpose_text="Gegevens van inwoners veilig ontvangen — niet: iedereen moet "
                         "digitaal kunnen.",
            owner=lead, due_date=today + timedelta(days=14), escalate_to="management",
            escalate_detail="MT Sociaal Domein, vergadering van de 14e").action
        live_services.phase_activate(session, deciding[1])
        sw_session.decision_rule_choose(deciding[1], rule=rules["spreekuur"])
        change = sw_session.decision_record(
            deciding[1], facilitator, rule=rules["spreekuur"], kind="change",
            title="Telefonisch spreekuur verruimen tot 17 uur",
            purpose_text="Inwoners weten wanneer ze ons zeker te spreken krijgen, en "
                         "consulenten houden de rest van de dag tijd voor hun dossiers.",
            owner=users["remco@lindeveld.test"], due_date=today + timedelta(days=30)).action
        # The third group did not get its turn: time was up.
        live_services.phase_activate(session, receipts_phase)
        sw_session.session_receipts_issue(receipts_phase, phones[0])
        live_services.session_end(session, facilitator)
    Signal.objects.filter(session_card__card=cards[0]).update(
        receipt_hash=receipts.code_hash(DEMO_SESSION_RECEIPT_CODE))

    when = timezone.localtime(timezone.now() - timedelta(days=days_ago)).replace(
        hour=13, minute=30, second=0, microsecond=0)
    live_services.session_backdate(
        session, created_at=when - timedelta(days=10), opened_at=when,
        ended_at=when + timedelta(hours=2), participants_at=when,
        cards_at=when + timedelta(minutes=10),
        votes_at={voting: when + timedelta(minutes=50)})
    SessionDecision.objects.filter(session=session).update(
        created_at=when + timedelta(hours=1, minutes=30))
    # Anonymous signals keep only their day.
    Signal.objects.filter(live_session=session).update(
        created_at=when.replace(hour=0, minute=0))
    escalate.refresh_from_db()
    change.refresh_from_db()
    return escalate, change


def _wilgenhoek(org, users):
    director = users["directeur@wilgenhoek.test"]
    today = timezone.localdate()
    rules = _rules(org, users[FACILITATOR], SCHOOL_RULES, users, 300)
    signals = _signals(org, rules, SCHOOL_SIGNALS, users)
    plan = _action(org, director, 40, kind="change",
                   title="Groepsplan vervangen door een groepsoverzicht van één pagina",
                   owner=director, due_date=today + timedelta(days=25), rule=rules["groepsplan"],
                   signals=[s for s in signals if s.rule_id == rules["groepsplan"].pk])
    _step(org, director, plan, 25, "in_progress", 40,
          "Het model is klaar; de middenbouw probeert het dit kwartaal.")
    _action(org, director, 8, kind="experiment", title="Zes weken geen methodetoetsen in groep 5",
            owner=users["lotte@wilgenhoek.test"], due_date=today + timedelta(days=45),
            rule=rules["methodetoets"],
            signals=[s for s in signals if s.rule_id == rules["methodetoets"].pk],
            review_date=today + timedelta(days=42))


def load(ctx: dict) -> None:
    orgs, users = ctx["orgs"], ctx["users"]
    with without_email():
        _lindeveld(orgs["lindeveld"], users)
        _wilgenhoek(orgs["wilgenhoek"], users)
    # History is read; only the news of the last two weeks is not.
    Notification.objects.filter(created_at__lt=timezone.now() - timedelta(days=14)).update(
        read_at=timezone.now())


def notes() -> list[str]:
    """Printed with the demo logins on every `make run`."""
    return [
        f"Openbare meldlink van Gemeente Lindeveld: /meld/{DEMO_PUBLIC_LINK}/",
        f"Bon van een inwoner, met een gesloten lus: {DEMO_RECEIPT_CODE} "
        "(in te vullen op /mijn-melding/)",
        f"Bon van een deelnemer aan de teamdag (dit kan niet waar zijn): "
        f"{DEMO_SESSION_RECEIPT_CODE}",
    ]
