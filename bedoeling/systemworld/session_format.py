"""The dit-kan-niet-waar-zijn session on the live engine: its format and its blocks.

- `dkn_welcome`: the facilitator's prompt, which she can rewrite on the control view.
- `dkn_situations`: phones write situations where a rule, procedure, KPI, form or system
  was in the way, with what it meant for the client and what kind of thing it was.
- the engine's `group` and `dotvote` order and prioritise them;
- `decide`: per group, the room asks *wat is de bedoeling van deze regel?*; the
  facilitator names the rule, its purpose and a decision, which becomes an action.
- `dkn_receipts`: each phone gets the codes with which its writer follows her signals.

Everything written becomes a signal of the organisation (sw_session.session_signals_sync),
when a decision needs it, when a phone asks for its codes, and when the session ends."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bedoeling.lib import ratelimit
from bedoeling.live import selectors as live_selectors
from bedoeling.live import services as live_services
from bedoeling.live.blocks import Block, CardsBlock, InfoBlock, moderate
from bedoeling.live.models import Card
from bedoeling.live.registry import Format, PhaseSpec, register_block, register_format
from bedoeling.live.services import LiveError
from bedoeling.systemworld import selectors
from bedoeling.systemworld import session as sw_session
from bedoeling.systemworld.forms import (
    ACTION_KIND_HELP,
    DecisionForm,
    DecisionRuleForm,
)
from bedoeling.systemworld.models import (
    EFFECT_MAX,
    TITLE_MAX,
    Rule,
    SessionDecision,
    Signal,
)

FORMAT = "dkn"
PROMPT_MAX = 2000


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _refusal(error: ValidationError) -> LiveError:
    return LiveError(" ".join(error.messages))


def _form_refusal(form) -> LiveError:
    """One message for the facilitator: every problem of the form (each message says
    which part it is about)."""
    return LiveError(" ".join(message for errors in form.errors.values()
                              for message in errors))


class WelcomeBlock(InfoBlock):
    kind = "dkn_welcome"
    label = gettext_lazy("Welkom met de vraag")
    help = gettext_lazy("De vraag van de begeleider op alle schermen; aan te passen op de "
                        "regie.")
    template = "systemworld/blocks/dkn_welcome.html"

    def control_act(self, phase, user, action, data):
        if action != "prompt":
            raise LiveError(_("Dit kan in deze fase niet."))
        title = " ".join(data.get("title", "").split())
        prompt = data.get("prompt", "").strip()
        if not title:
            raise LiveError(_("De titel mag niet leeg zijn."))
        if len(title) > TITLE_MAX or len(prompt) > PROMPT_MAX:
            raise LiveError(_("Houd de titel onder %(title)s en de vraag onder %(prompt)s "
                              "tekens.") % {"title": TITLE_MAX, "prompt": PROMPT_MAX})
        live_services.phase_update(phase, title=title, prompt=prompt, config=phase.config)
        return _("De vraag staat op alle schermen.")


class SituationsBlock(CardsBlock):
    kind = selectors.SITUATIONS
    label = gettext_lazy("Situaties verzamelen")
    help = gettext_lazy("Iedereen schrijft situaties waarin een regel, procedure, KPI, "
                        "formulier of systeem in de weg zat, met wat het betekende.")
    template = "systemworld/blocks/dkn_situations.html"

    def _rows(self, phase):
        return selectors.situations(live_selectors.visible_cards(phase.pk).order_by("id"))

    def screen_context(self, phase):
        count = live_selectors.visible_cards(phase.pk).count()
        shown = phase.revealed or phase.config.get("show_live")
        return {"count": count, "rows": self._rows(phase) if shown else None}

    def control_context(self, phase):
        cards = phase.cards.filter(merged_into=None).order_by("-id")[:300]
        return {"count": live_selectors.visible_cards(phase.pk).count(),
                "rows": selectors.situations(cards)}

    def personal_context(self, phase, participant):
        return {"own": selectors.situations(participant.cards.filter(phase=phase)
                                            .order_by("id")),
                "kinds": Rule.Kind.choices, "effect_max": EFFECT_MAX}

    def act(self, phase, participant, data):
        try:
            sw_session.situation_add(phase, participant, text=data.get("text", ""),
                                   client_effect=data.get("effect", ""),
                                   rule_kind=data.get("kind", ""),
                                   client_key=data.get("client_key", ""))
        except ValidationError as error:
            raise _refusal(error) from None
        return _("Je situatie is opgeslagen. Heb je er nog een? Schrijf hem gerust op.")

    def control_act(self, phase, user, action, data):
        if action == "seed":
            live_services.card_add(phase, None, text=data.get("text", ""), seeded_by=user)
            return _("Situatie toegevoegd.")
        return moderate(phase, action, data)

    def harvest_context(self, phase):
        return {"rows": self._rows(phase),
                "hidden": phase.cards.filter(hidden=True).count()}

    def csv_rows(self, phase):
        return [[row["card"].text, row["effect"], row["kind_label"],
                 row["card"].cluster.name if row["card"].cluster_id else ""]
                for row in self._rows(phase)]

    settings_form = None  # asks nothing: the situations form is always the same
    fixed_config = {"accepts_cards": True}


def decide_context(phase) -> dict:
    """What every view of a decide phase shows: the group, its situations, the rule with
    its stated purpose, and the decision once it is made."""
    org = phase.session.organisation
    decision = (SessionDecision.objects.filter(phase=phase)
                .select_related("rule", "action", "action__owner").first())
    group = selectors.decision_groups(phase.session).get(phase.pk)
    rule = None
    new_rule = phase.config.get("new_rule") or None
    if decision is not None:
        rule, new_rule = decision.rule, None
    elif phase.config.get("rule"):
        rule = Rule.objects.filter(organisation=org, pk=phase.config["rule"]).first()
    cluster = decision.cluster if decision is not None else (group or {}).get("cluster")
    rows = []
    if cluster is not None:
        rows = selectors.situations(Card.objects.filter(
            cluster=cluster, hidden=False, merged_into=None).order_by("id"))
    purpose = decision.purpose_text if decision else (rule.purpose_text if rule else "")
    if rule is not None:
        named = {"rule_title": rule.title, "rule_kind": rule.kind,
                 "rule_kind_label": rule.get_kind_display()}
    elif new_rule:
        kind = new_rule.get("kind") if new_rule.get("kind") in Rule.Kind.values else "rule"
        named = {"rule_title": new_rule.get("title", ""), "rule_kind": kind,
                 "rule_kind_label": Rule.Kind(kind).label}
    else:
        named = {"rule_title": "", "rule_kind": "", "rule_kind_label": ""}
    return {**named, "group": group, "rows": rows, "rule": rule, "new_rule": new_rule,
            "purpose": purpose, "decision": decision,
            "group_name": decision.cluster_name if decision else
            (group["cluster"].name if group else "")}


class DecideBlock(Block):
    kind = selectors.DECIDE
    label = gettext_lazy("Besluiten over een groep")
    help = gettext_lazy("De zaal bespreekt de bedoeling van de regel achter een groep "
                        "situaties; de begeleider legt de regel, zijn bedoeling en een "
                        "besluit vast, dat een actie wordt. Gebruikt de stippen of groepen "
                        "van een eerdere fase.")
    has_results = False
    personal = False
    template = "systemworld/blocks/decide.html"

    def screen_context(self, phase):
        return decide_context(phase)

    def control_context(self, phase):
        ctx = decide_context(phase)
        if ctx["decision"] is not None:
            return ctx
        org = phase.session.organisation
        rule = ctx["rule"]
        owner = rule.owner_user_id if rule and rule.owner_user_id else None
        ctx.update(
            groups=selectors.group_ranking(phase),
            rule_form=DecisionRuleForm(org=org, auto_id=f"rule-{phase.pk}-%s", initial={
                "rule": rule.pk if rule else None,
                "new_title": (ctx["new_rule"] or {}).get("title", ""),
                "new_kind": (ctx["new_rule"] or {}).get("kind", Rule.Kind.RULE)}),
            form=DecisionForm(org=org, auto_id=f"decide-{phase.pk}-%s", initial={
                "purpose_text": rule.purpose_text if rule else "", "owner": owner}),
            kind_help=ACTION_KIND_HELP,
        )
        return ctx

    harvest_context = screen_context

    def control_act(self, phase, user, action, data):
        org = phase.session.organisation
        try:
            if action == "group":
                sw_session.decision_group_choose(phase, _int(data.get("cluster")))
                return _("Deze groep staat nu op het scherm.")
            if action == "rule":
                form = DecisionRuleForm(data, org=org)
                if not form.is_valid():
                    raise _form_refusal(form)
                sw_session.decision_rule_choose(
                    phase, rule=form.cleaned_data["rule"],
                    title=form.cleaned_data["new_title"], kind=form.cleaned_data["new_kind"])
                return _("De regel staat op het scherm. Wat is zijn bedoeling?")
            if action == "decide":
                return self._decide(phase, user, org, data)
        except ValidationError as error:
            raise _refusal(error) from None
        raise LiveError(_("Dit kan in deze fase niet."))

    def _decide(self, phase, user, org, data):
        form = DecisionForm(data, org=org)
        if not form.is_valid():
            raise _form_refusal(form)
        rule_id = phase.config.get("rule")
        rule = Rule.objects.filter(organisation=org, pk=rule_id).first() if rule_id else None
        new_rule = phase.config.get("new_rule") or {}
        if rule is None and not new_rule.get("title"):
            raise LiveError(_("Kies eerst over welke regel het gaat."))
        d = form.cleaned_data
        decision = sw_session.decision_record(
            phase, user, rule=rule, new_rule_title=new_rule.get("title", ""),
            new_rule_kind=new_rule.get("kind", Rule.Kind.RULE), purpose_text=d["purpose_text"],
            kind=d["kind"], title=d["title"], description=d["description"], owner=d["owner"],
            due_date=d["due_date"], escalate_to=d["escalate_to"],
            escalate_detail=d["escalate_detail"], timeout_case=d["timeout_case"],
            timeout_until=d["timeout_until"], review_date=d["review_date"])
        return _("Besluit vastgelegd: ‘%(title)s’ is een actie.") % {
            "title": decision.action.title}

    def csv_rows(self, phase):
        ctx = decide_context(phase)
        decision = ctx["decision"]
        if decision is None:
            return [[ctx["group_name"], "", "", "", "", "", ""]]
        action = decision.action
        return [[decision.cluster_name, decision.rule.title if decision.rule else "",
                 decision.purpose_text, action.get_kind_display() if action else "",
                 action.title if action else "",
                 action.owner.display_name if action and action.owner else "",
                 action.due_date.isoformat() if action else ""]]


class ReceiptsBlock(Block):
    kind = selectors.RECEIPTS
    label = gettext_lazy("Volgcodes")
    help = gettext_lazy("Wie iets schreef, krijgt een persoonlijke code om te volgen wat er "
                        "met zijn signalen gebeurt.")
    has_results = False
    template = "systemworld/blocks/dkn_receipts.html"

    def screen_context(self, phase):
        signals = Signal.objects.filter(live_session=phase.session_id)
        path = reverse("systemworld:receipt")
        return {"situations": selectors.situation_cards(phase.session_id).count(),
                "signals": signals.count(),
                "followed": signals.filter(receipt_hash__isnull=False).count(),
                "receipt_url": (settings.SITE_URL + path) if settings.SITE_URL else path}

    harvest_context = screen_context

    def personal_context(self, phase, participant):
        own = list(participant.cards.filter(session=phase.session_id,
                                            phase__kind=selectors.SITUATIONS).order_by("id"))
        return {
            "own": own,
            "issued": getattr(participant, "issued_receipts", None),
            "mailed": getattr(participant, "receipts_mailed", None),
            "asked_before": Signal.objects.filter(session_card__card__in=own,
                                                  receipt_hash__isnull=False).exists(),
        }

    def example_input(self, phase):
        # Codes are for what a phone wrote: only a session with situations gives any.
        return {} if selectors.situation_cards(phase.session_id).exists() else None

    def act(self, phase, participant, data):
        email = (data.get("email") or "").strip()
        try:
            # A wrong address is refused before any code is made: nothing changes.
            email = sw_session.receipt_email_check(email) if email else ""
            if email and not ratelimit.allow("receipt-mail", str(participant.pk), 3, 3600):
                raise LiveError(_("Je hebt je codes al een paar keer laten mailen. Schrijf ze "
                                  "nu op, of probeer het over een uur nog eens."))
            issued = sw_session.session_receipts_issue(phase, participant)
        except ValidationError as error:
            raise _refusal(error) from None
        if email:
            participant.receipts_mailed = sw_session.session_receipts_mail(
                phase.session, email, issued)
        # The engine renders the reply with this same participant: the codes travel to the
        # phone in that one response and are kept nowhere. Without JavaScript the reply is
        # a redirect and the message below carries them instead.
        participant.issued_receipts = issued
        codes = "; ".join(receipt.code for receipt in issued)
        if len(issued) == 1:
            return _("Je persoonlijke code: %(codes)s. Bewaar hem goed: je ziet hem maar één "
                     "keer.") % {"codes": codes}
        return _("Je persoonlijke codes: %(codes)s. Bewaar ze goed: je ziet ze maar één "
                 "keer.") % {"codes": codes}

    def csv_rows(self, phase):
        ctx = self.screen_context(phase)
        return [[_("signalen"), ctx["signals"]], [_("met een volgcode"), ctx["followed"]]]


for _block in (WelcomeBlock(), SituationsBlock(), DecideBlock(), ReceiptsBlock()):
    register_block(_block)


DIT_KAN_NIET_WAAR_ZIJN = register_format(Format(
    key=FORMAT,
    name=gettext_lazy("Dit kan niet waar zijn"),
    description=gettext_lazy(
        "Situaties waarin regels of systemen in de weg zitten verzamelen, ordenen en "
        "prioriteren; per groep de bedoeling van de regel bespreken en een besluit nemen "
        "dat een actie wordt. Alles wordt een signaal dat deelnemers kunnen volgen."),
    order=30,
    phases=(
        PhaseSpec("dkn_welcome", gettext_lazy("Dit kan niet waar zijn"),
                  gettext_lazy("Denk aan een moment waarop een regel, procedure, KPI, "
                               "formulier of systeem in de weg zat bij wat iemand echt nodig "
                               "had. Je doet anoniem mee: niemand ziet wie wat schreef.")),
        PhaseSpec(selectors.SITUATIONS, gettext_lazy("Wat kan niet waar zijn?"),
                  gettext_lazy("Beschrijf één situatie per kaart, zo concreet als je kunt. "
                               "Laat namen weg."),
                  {"accepts_cards": True}),
        PhaseSpec("group", gettext_lazy("Ordenen"),
                  gettext_lazy("Welke situaties horen bij elkaar? We ordenen ze samen."),
                  {"source": 1}),
        PhaseSpec("dotvote", gettext_lazy("Wat pakken we op?"),
                  gettext_lazy("Verdeel je stippen over de groepen die je het eerst "
                               "aangepakt wilt zien."),
                  {"source": 2, "dots": 3}),
        PhaseSpec(selectors.DECIDE, gettext_lazy("Eerste groep: wat is de bedoeling?"),
                  gettext_lazy("Waarvoor is deze regel bedoeld? En wat doen we ermee?"),
                  {"source": 3}),
        PhaseSpec(selectors.DECIDE, gettext_lazy("Tweede groep: wat is de bedoeling?"),
                  gettext_lazy("Waarvoor is deze regel bedoeld? En wat doen we ermee?"),
                  {"source": 3}),
        PhaseSpec(selectors.DECIDE, gettext_lazy("Derde groep: wat is de bedoeling?"),
                  gettext_lazy("Waarvoor is deze regel bedoeld? En wat doen we ermee?"),
                  {"source": 3}),
        PhaseSpec(selectors.RECEIPTS, gettext_lazy("Volg wat ermee gebeurt"),
                  gettext_lazy("Alles wat je schreef is nu een signaal in de organisatie. "
                               "Met je persoonlijke code zie je later wat ermee gebeurt.")),
    ),
    on_end=sw_session.session_harvest,
))
