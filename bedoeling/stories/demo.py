"""Demo stories for the school (wilgenhoek) and the municipality (lindeveld).

The stories themselves are in ``demo_stories``, each written by hand with its teller's
signification; this module builds the two story forms, tells the stories on their days,
curates the library and replays a storytelling session at the school."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.live import services as live_services
from bedoeling.live.models import Participant
from bedoeling.stories import session as storytelling
from bedoeling.stories.demo_stories import BLOCKED, MUNICIPALITY, OFTEN, SCHOOL, WHO
from bedoeling.stories.models import (
    Consent,
    LibraryEntry,
    PurposePart,
    SessionContribution,
    SignifierKind,
    Story,
    StoryGroup,
)
from bedoeling.stories.services import (
    NOT_APPLICABLE,
    signifier_add,
    story_curate,
    story_form_create,
    story_tell,
)

SCHOOL_FORM = {
    "title": "Verhalen uit De Wilgenhoek",
    "intro": "Vertel over iets wat je zelf meemaakte op school. Een paar zinnen is genoeg. "
             "Samen laten de verhalen zien of we doen wat we bedoelen.",
    "prompts": [
        "Vertel over een moment waarop je merkte dat het werkte zoals bedoeld — of juist niet.",
        "Vertel over een keer dat een regel, een toets of een systeem in de weg zat — of "
        "juist hielp.",
    ],
    "triad": ("Wat stuurde wat er gebeurde?",
              ["regels en protocollen", "toetsen en cijfers", "wat het kind nodig had"]),
    "room": ("Hoeveel ruimte had je om zelf te kiezen?", ["geen, het lag vast", "alle ruimte"]),
    "outcome": ("Hoe liep het af voor het kind?", ["slechter dan ervoor", "beter dan ervoor"]),
    "who": ("Wie speelden een rol?", ["een leerling", "ouders", "collega's",
                                      "de intern begeleider", "de directie", "externe hulp"]),
}
MUNICIPALITY_FORM = {
    "title": "Verhalen uit het Sociaal Domein",
    "intro": "Vertel over een moment uit je werk, of als inwoner over jouw ervaring met de "
             "gemeente. Je verhaal helpt ons te zien waar regels helpen en waar ze in de weg "
             "zitten.",
    "prompts": [
        "Vertel over een moment waarop je merkte dat we deden waarvoor we er zijn — of juist "
        "niet.",
        "Vertel over een keer dat een regel, formulier of systeem in de weg zat bij het helpen "
        "van een inwoner.",
    ],
    "triad": ("Wat stuurde wat er gebeurde?",
              ["regels en procedures", "targets en KPI's", "wat de inwoner nodig had"]),
    "room": ("Hoeveel ruimte was er voor maatwerk?", ["geen", "alle ruimte die nodig was"]),
    "outcome": ("Kreeg de inwoner wat nodig was?", ["helemaal niet", "helemaal wel"]),
    "blocked": ("Wat zat in de weg?", ["een formulier of systeem", "een regel of wet",
                                       "tijdsdruk of werkdruk", "een target of cijfer",
                                       "niets, het liep goed"]),
    "often": ("Hoe vaak gebeurt zoiets?", ["eenmalig", "soms", "vaak", "elke week"]),
}

def _build_form(org, facilitator, spec):
    form = story_form_create(org, facilitator, title=spec["title"], intro=spec["intro"],
                             is_public=True, prompts=spec["prompts"])
    sig = {}
    question, labels = spec["triad"]
    sig["triad"] = signifier_add(form, facilitator, kind=SignifierKind.TRIAD, question=question,
                                 labels=labels)
    for key in ("room", "outcome"):
        question, labels = spec[key]
        sig[key] = signifier_add(form, facilitator, kind=SignifierKind.SLIDER,
                                 question=question, labels=labels)
    if "who" in spec:
        question, options = spec["who"]
        sig["who"] = signifier_add(form, facilitator, kind=SignifierKind.MULTIPLE,
                                   question=question, options=options)
    if "blocked" in spec:
        question, options = spec["blocked"]
        sig["blocked"] = signifier_add(form, facilitator, kind=SignifierKind.MULTIPLE,
                                       question=question, options=options)
    if "often" in spec:
        question, options = spec["often"]
        sig["often"] = signifier_add(form, facilitator, kind=SignifierKind.SINGLE,
                                     question=question, options=options)
    sig["feeling"] = signifier_add(form, facilitator, kind=SignifierKind.FEELING,
                                   question="Hoe voelde het voor jou?")
    return form, sig


def _options(sig) -> dict[str, dict[str, int]]:
    """Option ids by label, per choice signifier, looked up once."""
    return {key: {o.label: o.pk for o in s.options.all()} for key, s in sig.items()
            if s.is_choice}


def _answers(sig, options_of, told) -> dict:
    answers = {}
    if told.triad is None:
        answers[sig["triad"].pk] = NOT_APPLICABLE
    else:
        total = sum(told.triad)
        weights = [w / total for w in told.triad[:2]]
        # Stored as the services store them: three weights that sum to one.
        answers[sig["triad"].pk] = [*weights, 1.0 - sum(weights)]
    for key in ("room", "outcome"):
        value = getattr(told, key)
        answers[sig[key].pk] = NOT_APPLICABLE if value is None else value / 10
    for key, labels in (("who", WHO), ("blocked", BLOCKED)):
        if key in sig and getattr(told, key):
            answers[sig[key].pk] = [options_of[key][labels[k]] for k in getattr(told, key)]
    if "often" in sig and told.often:
        answers[sig["often"].pk] = options_of["often"][OFTEN[told.often]]
    if told.feeling is not None:
        answers[sig["feeling"].pk] = list(options_of["feeling"].values())[told.feeling - 1]
    return answers


def _load_org(ctx, slug, spec, stories):
    org = ctx["orgs"][slug]
    users = ctx["users"]
    facilitator = users["begeleider@bedoeling.test"]
    teams = {name: team for (s, name), team in ctx["teams"].items() if s == slug}
    form, sig = _build_form(org, facilitator, spec)
    prompts = list(form.prompts.all())
    options_of = _options(sig)
    today = timezone.localdate()
    for told in stories:
        story = story_tell(
            form, text=told.text, title=told.title, prompt=prompts[told.prompt],
            answers=_answers(sig, options_of, told), teller_role=told.role,
            team=teams[told.team] if told.team else None, consent=told.consent,
            author=users[told.author] if told.author else None,
            channel="public" if told.public else "app",
            told_on=today - timedelta(days=told.days),
        )
        if told.curate:
            title, part, note = told.curate
            story_curate(story, facilitator, title=title, purpose_part=part, note=note)
    return form


# ---------------------------------------------------------------- a storytelling session
#
# Three weeks ago De Wilgenhoek held a study afternoon with stories: 24 phones, six stories
# told (one for analysis only), a few brought from the library, four groups that each
# crafted one into a story arc, dots, and the two the room liked best into the library.

SESSION_TITLE = "Studiemiddag: verhalen die laten zien waar we voor staan"
SESSION_DAYS_AGO = 21
SESSION_PEOPLE = 24

# (title, text, consent): told on the phones.
SESSION_TOLD = [
    ("De leenbril",
     "Mila uit groep 4 kon de leesles niet volgen: haar bril was al twee weken kapot. Het "
     "protocol zegt dat je de ouders belt en het noteert in het dossier. Ik heb haar naast "
     "me gezet, de tekst groot afgedrukt en 's middags met haar moeder en de opticien "
     "gebeld. Twee dagen later had ze een leenbril.", Consent.LIBRARY),
    ("Een half uur met een tolk",
     "Bij de rapportgesprekken hadden we dit jaar tien minuten per kind, volgens het "
     "schema. Met de vader van Joep liep het na vijf minuten vast: hij verstond ons niet "
     "goed. We hebben een nieuwe afspraak gemaakt, met een tolk en een half uur. Het schema "
     "liep uit, maar Joep zit nu beter in zijn vel.", Consent.LIBRARY),
    ("Rood in het systeem",
     "De toetskalender zegt dat groep 8 in januari drie toetsen in één week maakt. Ik zag "
     "de kinderen zenuwachtig worden. Na overleg met de intern begeleider hebben we er één "
     "naar februari geschoven. Niemand vond dat erg, behalve het systeem, dat rood kleurde.",
     Consent.LIBRARY),
    ("",
     "Ik ben moe. Elke week komen er formulieren bij en gaat er tijd voor de klas af. Ik "
     "weet niet hoe lang ik dit nog volhoud.", Consent.ANALYSIS),
    ("Pleindienst",
     "Een collega nam mijn pleindienst over, zodat ik een moeder kon opvangen die huilend "
     "bij het hek stond. Zo hoort het, maar het staat nergens.", Consent.ORGANISATION),
    ("Thee in de teamkamer",
     "Sem was ziek en zijn moeder kon pas om drie uur komen. Volgens de afspraken had hij "
     "in de klas moeten blijven. We hebben hem met thee en een deken op de bank in de "
     "teamkamer gelegd en zijn oma gebeld.", Consent.LIBRARY),
]
# Library stories brought in from the screen's list, by their title.
SESSION_PICKS = ["Binnenlopen mag", "Eerst thee, dan de toets", "Binnenlopen mag",
                 "De juf belde gewoon"]
# Per group: the source (a told title, or a library title), the crafted story, its part of
# the Bedoeling, its consent, the arc, and the dots the room gave it.
SESSION_CRAFTED = [
    {"source": "De leenbril", "title": "Eerst zien, dan lezen", "part": PurposePart.FOR_CLIENT,
     "consent": Consent.LIBRARY, "dots": 26, "arc": [
         "Groep 4, de leesles op dinsdag. Mila zit achterin en knijpt haar ogen tot "
         "spleetjes: haar bril is al twee weken kapot.",
         "Het protocol zegt: ouders bellen, noteren in het dossier en afwachten. Intussen "
         "mist Mila elke dag de leesles, en vrijdag is de toets.",
         "De juf zet Mila naast zich, drukt de tekst groot af en belt dezelfde middag met "
         "haar moeder en de opticien in het dorp. Het dossier komt later.",
         "Twee dagen later heeft Mila een leenbril en leest ze gewoon mee. Er ligt nu een "
         "leenbril in de kast van de intern begeleider, voor het volgende kind."]},
    {"source": "Een half uur met een tolk", "title": "Tien minuten werden een half uur",
     "part": PurposePart.FOR_US, "consent": Consent.LIBRARY, "dots": 21, "arc": [
         "Rapportgesprekken in november: tien minuten per kind, een strak schema op de deur "
         "van het lokaal.",
         "De vader van Joep verstaat ons maar half. Na vijf minuten knikt hij nog wel, maar "
         "we weten allebei dat het gesprek niet aankomt.",
         "We stoppen, maken een nieuwe afspraak van een half uur en vragen een tolk. Niemand "
         "hoefde daar vooraf toestemming voor te geven.",
         "Joeps vader weet nu wat er speelt en helpt thuis met lezen. Het schema liep uit; "
         "de collega na ons vond het prima."]},
    {"source": "Binnenlopen mag", "title": "De deur stond open",
     "part": PurposePart.STATEMENT, "consent": Consent.LIBRARY, "dots": 15, "arc": [
         "Een moeder staat om half negen in de gang, met haar jas nog aan. Ze wil iets "
         "vertellen, maar er is geen afspraak.",
         "De les begint, en ‘ouders maken een afspraak via de app’. Terugsturen is het "
         "makkelijkst.",
         "De leerkracht vraagt een collega om de klas te beginnen en neemt vijf minuten. "
         "Thuis is opa overleden; haar zoon weet het sinds gisteren.",
         "De hele dag weet de klas waarom Tim stil is. Zijn moeder zegt later: ‘Ik wist dat "
         "ik gewoon binnen kon lopen.’"]},
    {"source": "Rood in het systeem", "title": "Drie toetsen in één week",
     "part": PurposePart.STOP_DOING, "consent": Consent.ORGANISATION, "dots": 10, "arc": [
         "Januari in groep 8. De toetskalender plant drie toetsen in één week.",
         "De kinderen slapen slecht en vragen elke ochtend welke toets er komt. Het systeem "
         "kent geen uitzondering.",
         "De leerkracht schuift, na overleg met de intern begeleider, één toets naar "
         "februari.",
         "De kinderen maken de toetsen rustiger. Het systeem kleurt rood, en dat bespreken "
         "we nu in het team in plaats van het weg te werken."]},
]
SESSION_CHOSEN = 2


def _storytelling_session(ctx) -> None:
    org = ctx["orgs"]["wilgenhoek"]
    facilitator = ctx["users"]["begeleider@bedoeling.test"]
    when = timezone.localtime(timezone.now() - timedelta(days=SESSION_DAYS_AGO)).replace(
        hour=14, minute=0, second=0, microsecond=0)
    session = live_services.session_create(org, facilitator, title=SESSION_TITLE,
                                           format_key="storytelling")
    live_services.session_open(session, facilitator)
    phases = {p.kind: p for p in session.phases.all()}
    people = [live_services.participant_join(session)[0] for _ in range(SESSION_PEOPLE)]

    write = phases[storytelling.WRITE]
    live_services.phase_activate(session, write)
    told = {}
    for person, (title, text, consent) in zip(people, SESSION_TOLD, strict=False):
        told[title] = storytelling.session_story_tell(write, person, text=text, title=title,
                                                  consent=consent)
    offered = {s.display_title: s for s in storytelling.offered_stories(write)}
    for person, title in zip(people[len(SESSION_TOLD):], SESSION_PICKS, strict=False):
        storytelling.session_story_pick(write, person, offered[title].pk)

    craft = phases[storytelling.CRAFT]
    live_services.phase_activate(session, craft)
    storytelling.groups_set(craft, len(SESSION_CRAFTED))
    # The tellers sit at the table of the group that crafts their story.
    for number, spec in enumerate(SESSION_CRAFTED, start=1):
        if spec["source"] in told:
            teller = people[list(told).index(spec["source"])]
            storytelling.group_join(craft, teller, number)
    storytelling.groups_assign(craft)
    groups = []
    for number, spec in enumerate(SESSION_CRAFTED, start=1):
        writer = Participant.objects.filter(session=session, role=f"groep {number}").first()
        storytelling.group_pen_take(craft, writer)
        source = told.get(spec["source"]) or offered[spec["source"]]
        storytelling.group_source_set(craft, writer, source.pk)
        for step, text in enumerate(spec["arc"], start=1):
            storytelling.group_step_save(craft, writer, step=step, text=text, move="next")
        groups.append(storytelling.group_finish(craft, writer, title=spec["title"],
                                            purpose_part=spec["part"],
                                            consent=spec["consent"]))

    show = phases[storytelling.SHOW]
    live_services.phase_activate(session, show)
    ballots = [g for g, spec in zip(groups, SESSION_CRAFTED, strict=True)
               for _ in range(spec["dots"])]
    for index, group in enumerate(ballots):
        person = people[index % SESSION_PEOPLE]
        storytelling.crafted_dots_set(show, person, group_id=group.pk, step=1)
    live_services.phase_set_flags(show, revealed=True)

    publish = phases[storytelling.PUBLISH]
    live_services.phase_activate(session, publish)
    storytelling.choices_set(publish, [g.pk for g in groups[:SESSION_CHOSEN]])
    storytelling.storytelling_publish(session, facilitator)
    live_services.session_end(session, facilitator)

    # Back to the afternoon it happened.
    ended = when + timedelta(hours=2)
    live_services.session_backdate(session, created_at=when - timedelta(days=10),
                                   opened_at=when, ended_at=ended, participants_at=when,
                                   votes_at={show: when + timedelta(minutes=95)})
    Story.objects.filter(live_session=session).update(told_on=when.date())
    SessionContribution.objects.filter(story_session__session=session).update(
        created_at=when + timedelta(minutes=20))
    StoryGroup.objects.filter(story_session__session=session).update(
        updated_at=when + timedelta(minutes=70))
    LibraryEntry.objects.filter(story__live_session=session).update(
        curated_at=ended - timedelta(minutes=5))


def load(ctx: dict) -> None:
    _load_org(ctx, "wilgenhoek", SCHOOL_FORM, SCHOOL)
    _load_org(ctx, "lindeveld", MUNICIPALITY_FORM, MUNICIPALITY)
    _storytelling_session(ctx)
