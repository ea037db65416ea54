import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from bedoeling.lib import public_form, ratelimit
from bedoeling.live.models import LiveSession
from bedoeling.orgs.scoping import forbidden, in_org_or_404, org_view
from bedoeling.purpose.services import purpose_for
from bedoeling.systemworld import permissions, selectors, services
from bedoeling.systemworld.forms import (
    ACTION_KIND_HELP,
    ActionForm,
    ActionUpdateForm,
    BoardFilterForm,
    HotspotFilterForm,
    LinkRuleForm,
    PublicLinkForm,
    PublicSignalForm,
    ReceiptForm,
    RegisterFilterForm,
    RemoveSignalForm,
    ResponseForm,
    RuleForm,
    SignalForm,
    VerdictForm,
)
from bedoeling.systemworld.models import Action, Notification, PublicLink, Rule, Signal

log = logging.getLogger(__name__)

PAGE_SIZE = 50
# Reports per hour: per named member, per organisation for anonymous members, per address
# on the public link, and per organisation on the public link (a script on many addresses).
MEMBER_REPORTS = (20, 3600)
ANONYMOUS_REPORTS = (100, 3600)
PUBLIC_REPORTS_PER_ADDRESS = (10, 3600)
PUBLIC_REPORTS_PER_ORG = (200, 3600)
RECEIPT_LOOKUPS = (30, 600)


def _service_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("pagina"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


# ---------------------------------------------------------------------------- register


@org_view()
def register(request, org):
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rules = selectors.register(org, q=data.get("q", ""), kind=data.get("kind", ""),
                               missing_purpose=data.get("missing", False))
    page = _page(request, rules)
    counts = selectors.rule_counts([r.pk for r in page])
    rows = [(rule, counts[rule.pk]) for rule in page]
    return render(request, "systemworld/register.html", {
        "form": form, "page": page, "rows": rows, "query": _query_without_page(request),
        "missing_count": Rule.objects.filter(organisation=org, purpose_text="",
                                             retired_at=None).count(),
        "may_manage": permissions.may_manage_rules(request.membership),
    })


@org_view()
def rule_new(request, org):
    if not permissions.may_manage_rules(request.membership):
        return forbidden(request)
    version = purpose_for(org).current
    form = RuleForm(request.POST or None, org=org, version=version,
                    initial={"title": request.GET.get("naam", "")[:200]})
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.rule_create(org, request.user, **form.cleaned_data)
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("‘%(rule)s’ staat in het register.")
                             % {"rule": rule.title})
            return redirect("systemworld:rule", org=org.slug, rule=rule.pk)
    return render(request, "systemworld/rule_form.html", {"form": form, "rule": None},
                  status=400 if form.errors else 200)


@org_view()
def rule_detail(request, org, rule):
    rule = in_org_or_404(Rule.objects.select_related("owner_user", "purpose_version"), org,
                         pk=rule)
    signals = list(rule.signals.select_related("reporter").order_by("-created_at", "-id")[:20])
    actions = list(rule.actions.select_related("owner").order_by("due_date", "id"))
    membership = request.membership
    current = purpose_for(org).current
    sessions = selectors.rule_sessions(org, rule)
    if not membership.can_steer:
        sessions = [s for s in sessions if s["session"].is_ended]
    return render(request, "systemworld/rule.html", {
        "sessions": sessions,
        "rule": rule,
        "signals": signals,
        "signal_count": rule.signals.count(),
        "actions": actions,
        "events": rule.events.select_related("actor")[:50],
        "following": rule.followers.filter(user=request.user).exists(),
        "follower_count": rule.followers.count(),
        "may_edit": permissions.may_edit_rule(membership, rule),
        "may_act": permissions.may_create_action(membership, rule),
        "purpose_words": rule.purpose_part_text(),
        "newer_purpose": (current is not None and rule.purpose_version_id is not None
                          and rule.purpose_version_id != current.pk),
        "today": timezone.localdate(),
    })


@org_view()
def rule_edit(request, org, rule):
    rule = in_org_or_404(Rule.objects, org, pk=rule)
    if not permissions.may_edit_rule(request.membership, rule):
        return forbidden(request, _("Alleen de eigenaar van de regel, begeleiders en "
                                    "leidinggevenden kunnen een regel wijzigen."))
    version = purpose_for(org).current
    form = RuleForm(request.POST or None, instance=rule, org=org, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_update(org, request.user, Rule.objects.get(pk=rule.pk),
                                 **form.cleaned_data)
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("De regel is bijgewerkt."))
            return redirect("systemworld:rule", org=org.slug, rule=rule.pk)
    return render(request, "systemworld/rule_form.html", {"form": form, "rule": rule},
                  status=400 if form.errors else 200)


@org_view()
@require_POST
def rule_follow(request, org, rule):
    rule = in_org_or_404(Rule.objects, org, pk=rule)
    if request.POST.get("follow") == "0":
        services.rule_unfollow(org, request.user, rule)
        messages.success(request, _("Je volgt deze regel niet meer."))
    else:
        services.rule_follow(org, request.user, rule)
        messages.success(request, _("Je volgt deze regel: je hoort het als er iets mee "
                                    "gebeurt."))
    return redirect("systemworld:rule", org=org.slug, rule=rule.pk)


# ---------------------------------------------------------------------------- signals


@org_view()
@sensitive_post_parameters()
@never_cache
def signal_new(request, org):
    initial = {}
    chosen = request.GET.get("regel", "")
    if chosen.isdecimal():
        rule = Rule.objects.filter(organisation=org, pk=int(chosen)).first()
        if rule is not None:
            initial = {"rule": rule.pk, "rule_named": rule.title}
    form = SignalForm(request.POST or None, org=org, initial=initial)
    if "rule" in form.fields:
        form.initial.pop("rule_named", None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Anonymous reports count against the organisation, not the person: a bucket
        # keyed to a user and touched at the moment of an anonymous report would link them.
        if form.cleaned_data["anonymous"]:
            allowed = ratelimit.allow("signal-anonymous", str(org.pk), *ANONYMOUS_REPORTS)
        else:
            allowed = ratelimit.allow("signal-member", str(request.user.pk), *MEMBER_REPORTS)
        if not allowed:
            form.add_error(None, _("Je hebt het afgelopen uur al veel gemeld. Probeer het "
                                   "later nog eens."))
            status = 429
        else:
            data = form.cleaned_data
            try:
                report = services.signal_report(
                    org, what_happened=data["what_happened"],
                    client_effect=data["client_effect"],
                    sensible_action=data["sensible_action"], severity=data["severity"],
                    rule=data.get("rule"), rule_named=data["rule_named"],
                    reporter=request.user, anonymous=data["anonymous"],
                )
            except ValidationError as error:
                _service_error(form, error)
            else:
                if report.receipt_code:
                    return render(request, "systemworld/receipt_shown.html", {
                        "code": report.receipt_code, "org": org, "public": False,
                    })
                messages.success(request, _("Dank je wel. Je signaal is ontvangen; je krijgt "
                                            "bericht als er iets mee gebeurt."))
                return redirect("systemworld:signal", org=org.slug, signal=report.signal.pk)
    if form.errors and status == 200:
        status = 400
    return render(request, "systemworld/signal_form.html", {"form": form}, status=status)


SIGNAL_TABS = {
    "alle": gettext_lazy("Alle"),
    "mijn-regels": gettext_lazy("Over mijn regels"),
    "onbeantwoord": gettext_lazy("Nog zonder reactie"),
    "zonder-regel": gettext_lazy("Nog zonder regel"),
}


@org_view()
def signal_list(request, org):
    tab = request.GET.get("toon", "alle")
    if tab not in SIGNAL_TABS:
        tab = "alle"
    rule = live_session = None
    if request.GET.get("regel", "").isdecimal():
        rule = in_org_or_404(Rule.objects, org, pk=int(request.GET["regel"]))
    if request.GET.get("sessie", "").isdecimal():
        live_session = in_org_or_404(LiveSession.objects, org, pk=int(request.GET["sessie"]))
    signals = selectors.signal_list(
        org, about_rules_of=request.user if tab == "mijn-regels" else None,
        unanswered=tab == "onbeantwoord", unlinked=tab == "zonder-regel", rule=rule,
        live_session=live_session)
    page = _page(request, signals, 30)
    return render(request, "systemworld/signal_list.html", {
        "page": page, "tab": tab, "tabs": SIGNAL_TABS, "rule": rule,
        "live_session": live_session,
        "query": _query_without_page(request),
        "may_manage_link": permissions.may_manage_public_link(request.membership),
    })


def _signal_page(request, org, signal, *, response_form=None, link_form=None,
                 remove_form=None, status=200):
    membership = request.membership
    actions = list(signal.actions.select_related("owner").order_by("due_date", "id"))
    responses = list(signal.responses.select_related("author"))
    may_respond = permissions.may_respond(membership, signal)
    may_triage = permissions.may_triage(membership)
    return render(request, "systemworld/signal.html", {
        "signal": signal,
        "actions": actions,
        "responses": responses,
        "state": selectors.signal_state(actions, responses),
        "may_respond": may_respond,
        "may_triage": may_triage,
        "may_act": permissions.may_create_action(membership, signal.rule),
        "response_form": response_form or (ResponseForm() if may_respond else None),
        "link_form": link_form or (LinkRuleForm(org=org, initial={"rule": signal.rule_id})
                                   if may_triage else None),
        "remove_form": remove_form or (RemoveSignalForm() if may_triage and
                                       signal.source == Signal.Source.PUBLIC else None),
    }, status=status)


def _get_signal(org, pk):
    return in_org_or_404(Signal.objects.select_related("rule", "rule__owner_user", "reporter",
                                                       "live_session"), org, pk=pk)


@org_view()
def signal_detail(request, org, signal):
    return _signal_page(request, org, _get_signal(org, signal))


@org_view()
@require_POST
def signal_respond(request, org, signal):
    signal = _get_signal(org, signal)
    if not permissions.may_respond(request.membership, signal):
        return forbidden(request, _("Alleen de eigenaar van de regel, begeleiders en "
                                    "leidinggevenden reageren op signalen."))
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.signal_respond(org, request.user, signal, text=form.cleaned_data["text"])
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("Je reactie is geplaatst. De melder kan hem lezen."))
            return redirect("systemworld:signal", org=org.slug, signal=signal.pk)
    return _signal_page(request, org, signal, response_form=form, status=400)


@org_view()
@require_POST
def signal_link_rule(request, org, signal):
    signal = _get_signal(org, signal)
    if not permissions.may_triage(request.membership):
        return forbidden(request)
    form = LinkRuleForm(request.POST, org=org)
    if form.is_valid():
        try:
            services.signal_rule_link(org, request.user, signal, form.cleaned_data["rule"])
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("Het signaal is gekoppeld aan ‘%(rule)s’.")
                             % {"rule": form.cleaned_data["rule"].title})
            return redirect("systemworld:signal", org=org.slug, signal=signal.pk)
    return _signal_page(request, org, signal, link_form=form, status=400)


@org_view()
@require_POST
def signal_remove(request, org, signal):
    signal = _get_signal(org, signal)
    if not permissions.may_triage(request.membership):
        return forbidden(request, _("Alleen begeleiders en leidinggevenden kunnen een melding "
                                    "verwijderen."))
    form = RemoveSignalForm(request.POST)
    if form.is_valid():
        try:
            services.signal_remove(org, request.user, signal,
                                   reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("De melding is verwijderd. Wie haar deed, leest met "
                                        "haar code dat ze verwijderd is, en waarom."))
            return redirect("systemworld:signals", org=org.slug)
    return _signal_page(request, org, signal, remove_form=form, status=400)


# ---------------------------------------------------------------------------- actions


@org_view()
def action_board(request, org):
    form = BoardFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    board = selectors.action_board(org, owner=request.user if data.get("mine") else None,
                                   kind=data.get("kind", ""))
    page = _page(request, board["open"])
    counts = selectors.action_signal_counts([a.pk for a in page])
    for action in page:
        action.signal_count = counts.get(action.pk, 0)
    return render(request, "systemworld/action_board.html", {
        "form": form, "page": page, "verdicts": board["verdicts"], "overdue": board["overdue"],
        "closed": selectors.recently_closed(org), "today": timezone.localdate(),
        "query": _query_without_page(request),
        "may_create": permissions.may_create_action(request.membership),
    })


@org_view()
def action_new(request, org):
    signal_ids = [s for s in request.GET.getlist("signaal") if s.isdecimal()]
    signals = list(Signal.objects.filter(organisation=org, pk__in=signal_ids)
                   .select_related("rule"))
    if len(signals) != len(set(signal_ids)):
        raise Http404
    rule = None
    if request.GET.get("regel", "").isdecimal():
        rule = in_org_or_404(Rule.objects, org, pk=int(request.GET["regel"]))
    elif len({s.rule_id for s in signals}) == 1 and signals[0].rule_id:
        rule = signals[0].rule
    if not permissions.may_create_action(request.membership, rule):
        return forbidden(request, _("Acties afspreken doen begeleiders, leidinggevenden en "
                                    "de eigenaar van de regel."))
    initial = {"signals": [s.pk for s in signals], "rule": rule.pk if rule else None,
               "owner": rule.owner_user_id if rule and rule.owner_user_id else request.user.pk}
    form = ActionForm(request.POST or None, org=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen_rule = data.get("rule")
        if not permissions.may_create_action(request.membership, chosen_rule):
            return forbidden(request)
        try:
            action = services.action_create(
                org, request.user, kind=data["kind"], title=data["title"],
                description=data["description"], owner=data["owner"],
                due_date=data["due_date"], rule=chosen_rule, signals=data["signals"],
                escalate_to=data["escalate_to"], escalate_detail=data["escalate_detail"],
                timeout_case=data["timeout_case"], timeout_until=data["timeout_until"],
                review_date=data["review_date"],
            )
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("De actie is afgesproken."))
            return redirect("systemworld:action", org=org.slug, action=action.pk)
    return render(request, "systemworld/action_form.html", {
        "form": form, "signals": signals, "rule": rule, "kind_help": ACTION_KIND_HELP,
    }, status=400 if form.errors else 200)


def _action_page(request, org, action, *, update_form=None, verdict_form=None, status=200):
    may_update = permissions.may_update_action(request.membership, action)
    today = timezone.localdate()
    if update_form is None and may_update:
        update_form = ActionUpdateForm(initial={"status": action.status,
                                                "progress": action.progress})
    if verdict_form is None and may_update and action.kind == Action.Kind.EXPERIMENT \
            and action.unfinished:
        verdict_form = VerdictForm()
    return render(request, "systemworld/action.html", {
        "action": action,
        "updates": action.updates.select_related("author"),
        "signals": action.signals.select_related("rule").order_by("-created_at"),
        "may_update": may_update,
        "update_form": update_form,
        "verdict_form": verdict_form,
        "overdue": action.is_overdue(today),
        "needs_verdict": action.needs_verdict(today),
    }, status=status)


def _get_action(org, pk):
    return in_org_or_404(Action.objects.select_related("owner", "rule", "created_by",
                                                       "session_decision__session"),
                         org, pk=pk)


@org_view()
def action_detail(request, org, action):
    return _action_page(request, org, _get_action(org, action))


@org_view()
@require_POST
def action_update(request, org, action):
    action = _get_action(org, action)
    if not permissions.may_update_action(request.membership, action):
        return forbidden(request, _("Alleen wie de actie trekt, begeleiders en "
                                    "leidinggevenden kunnen haar bijwerken."))
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.action_status_change(org, request.user, action, **form.cleaned_data)
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("De actie is bijgewerkt. Melders en volgers horen "
                                        "het."))
            return redirect("systemworld:action", org=org.slug, action=action.pk)
    return _action_page(request, org, action, update_form=form, status=400)


@org_view()
@require_POST
def action_verdict(request, org, action):
    action = _get_action(org, action)
    if not permissions.may_update_action(request.membership, action):
        return forbidden(request)
    form = VerdictForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.experiment_verdict_record(org, request.user, action,
                                               verdict=data["verdict"], text=data["text"],
                                               new_review_date=data["new_review_date"])
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("Het oordeel over het experiment is vastgelegd."))
            return redirect("systemworld:action", org=org.slug, action=action.pk)
    return _action_page(request, org, action, verdict_form=form, status=400)


# ---------------------------------------------------------------------------- hotspots


@org_view()
def hotspots(request, org):
    form = HotspotFilterForm(request.GET or None, org=org)
    period, team = form.values()
    result = selectors.hotspots(org, period=period, team=team)
    return render(request, "systemworld/hotspots.html", {
        "form": form, "result": result, "team": team, "period": period,
    })


# ---------------------------------------------------------------------------- the rest


@org_view()
def notifications(request, org):
    if request.method == "POST":
        services.notifications_mark_read(org, request.user)
        return redirect("systemworld:notifications", org=org.slug)
    notes = Notification.objects.filter(organisation=org, user=request.user)
    page = _page(request, notes, 30)
    return render(request, "systemworld/notifications.html", {
        "page": page, "unread": notes.filter(read_at=None).count(),
    })


@org_view()
def public_link(request, org):
    if not permissions.may_manage_public_link(request.membership):
        return forbidden(request)
    link = services.public_link_for(org)
    form = PublicLinkForm(request.POST or None, initial={"enabled": link.enabled})
    if request.method == "POST" and form.is_valid():
        services.public_link_set(org, request.user, **form.cleaned_data)
        messages.success(request, _("De instellingen van de meldlink zijn opgeslagen."))
        return redirect("systemworld:public_link", org=org.slug)
    return render(request, "systemworld/public_link.html", {"form": form, "link": link})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def public_report(request, link):
    link = (PublicLink.objects.select_related("organisation")
            .filter(token=link, enabled=True).first())
    if link is None:
        raise Http404
    org = link.organisation
    form = PublicSignalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = public_form.refusal(
            request, form, what="public signal",
            per_address=("signal-public-ip", *PUBLIC_REPORTS_PER_ADDRESS),
            overall=("signal-public-org", str(org.pk), *PUBLIC_REPORTS_PER_ORG),
            bot_message=_("Je melding is niet verstuurd: het verborgen veld ‘Laat dit veld "
                          "leeg’ was ingevuld. Maak het leeg en probeer het opnieuw."),
            busy_message=_("Er komen via deze link nu te veel meldingen binnen. Probeer het "
                           "over een uur opnieuw."))
        if status is None:
            data = form.cleaned_data
            try:
                report = services.signal_report(
                    org, what_happened=data["what_happened"],
                    client_effect=data["client_effect"],
                    sensible_action=data["sensible_action"], severity=data["severity"],
                    rule_named=data["rule_named"], source=Signal.Source.PUBLIC,
                )
            except ValidationError as error:
                _service_error(form, error)
                status = 400
            else:
                return render(request, "systemworld/receipt_shown.html", {
                    "code": report.receipt_code, "org": org, "public": True,
                })
    return render(request, "systemworld/public_report.html", {"form": form, "org": org},
                  status=status)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def receipt(request):
    """What became of an anonymous signal. The code travels only in a POST body, so it never
    lands in an address bar, a history, a Referer header or an access log."""
    form = ReceiptForm(request.POST or None)
    if request.method != "POST":
        return render(request, "systemworld/receipt.html", {"form": form})
    if not ratelimit.allow("receipt-ip", ratelimit.client_address(request), *RECEIPT_LOOKUPS):
        form.is_valid()
        form.add_error(None, _("Te veel pogingen. Wacht tien minuten en probeer het dan "
                               "opnieuw."))
        return render(request, "systemworld/receipt.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "systemworld/receipt.html", {"form": form}, status=400)
    signal = services.receipt_find(form.cleaned_data["code"])
    if signal is None:
        removed = services.receipt_removed(form.cleaned_data["code"])
        if removed is not None:
            return render(request, "systemworld/receipt.html", {
                "form": ReceiptForm(), "removed": removed})
        form.add_error("code", _("Deze code kennen we niet. Controleer of je hem helemaal goed "
                                 "hebt overgenomen; hoofdletters of streepjes maken niet uit."))
        return render(request, "systemworld/receipt.html", {"form": form}, status=404)
    actions = list(signal.actions.select_related("owner").prefetch_related("updates")
                   .order_by("due_date", "id"))
    responses = list(signal.responses.select_related("author"))
    return render(request, "systemworld/receipt.html", {
        "form": ReceiptForm(), "signal": signal, "actions": actions, "responses": responses,
        "state": selectors.signal_state(actions, responses),
    })
