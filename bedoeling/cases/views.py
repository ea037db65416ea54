from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bedoeling.cases import selectors, services
from bedoeling.cases.forms import (
    STEP_SLOTS,
    CaseForm,
    CustomMethodForm,
    LearningForm,
    MethodChoiceForm,
)
from bedoeling.cases.methods import STEPS
from bedoeling.orgs.scoping import STEER, forbidden, org_view
from bedoeling.theatre.selectors import scenes_from_case


def _case(org, request, pk):
    case = selectors.case_for(org, request.membership, pk)
    if case is None:
        raise Http404
    return case


def _errors(form, error: ValidationError) -> None:
    form.add_error(None, error.messages)


def _case_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in
            ("title", "situation", "dilemma", "question", "purpose_part", "team")}


def _case_form_page(request, org, form, case=None):
    """Save when the text holds no personal data, or when she has seen the warning."""
    findings = form.findings()
    if form.is_valid() and (not findings or request.POST.get("pii_checked") == "1"):
        try:
            if case is None:
                case = services.case_create(org, request.user, **_case_fields(form))
            else:
                case = services.case_update(case, request.user, **_case_fields(form))
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Je casus is opgeslagen."))
            return redirect("cases:detail", org=org.slug, case=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case,
                                                    "findings": findings},
                  status=400 if form.is_bound and form.errors else 200)


@org_view()
def case_list(request, org):
    cases = selectors.visible_cases(org, request.membership)
    return render(request, "cases/case_list.html", {
        "cases": [(c, selectors.in_group(c, request.membership)) for c in cases[:200]],
    })


@org_view()
def case_new(request, org):
    form = CaseForm(request.POST or None, org=org,
                    initial={"team": request.membership.team_id})
    return _case_form_page(request, org, form)


def _changeable_case(org, request, pk):
    """A case she may edit or delete: 404 when she may not read it, a refusal that says
    who may when she reads it without being its author or a facilitator."""
    case = _case(org, request, pk)
    if not services.may_change(case, request.membership):
        return case, forbidden(request, _(services.MAY_NOT_CHANGE))
    return case, None


@org_view()
def case_edit(request, org, case):
    case, refusal = _changeable_case(org, request, case)
    if refusal:
        return refusal
    initial = {name: getattr(case, name) for name in
               ("title", "situation", "dilemma", "question", "purpose_part")}
    initial["team"] = case.team_id
    form = CaseForm(request.POST or None, org=org, initial=initial)
    return _case_form_page(request, org, form, case)


@org_view()
def case_delete(request, org, case):
    """A page that says what goes and what stays, then a POST that deletes."""
    case, refusal = _changeable_case(org, request, case)
    if refusal:
        return refusal
    if request.method == "POST":
        services.case_delete(case, request.user)
        messages.success(request, _("De casus is verwijderd."))
        return redirect("cases:list", org=org.slug)
    learnings = list(case.learnings.all())
    return render(request, "cases/case_delete.html", {
        "case": case, "learnings": learnings,
        "signals": [item for item in learnings if item.signal_id],
        "discussions": list(selectors.discussions_of(case)),
        "scenes": list(scenes_from_case(case)),
    })


@org_view()
def case_detail(request, org, case):
    case = _case(org, request, case)
    in_group = selectors.in_group(case, request.membership)
    is_author = case.author_id == request.user.pk
    return render(request, "cases/case_detail.html", {
        "case": case, "in_group": in_group, "is_author": is_author,
        "may_change": services.may_change(case, request.membership),
        "invitable": selectors.invitable(case) if is_author else (),
        "discussions": selectors.discussions_of(case) if in_group else (),
        "learnings": case.learnings.select_related("signal"),
        "learning_form": LearningForm(initial={"purpose_part": case.purpose_part}),
        "may_start": in_group and request.membership.can_steer,
    })


@org_view()
@require_POST
def case_share(request, org, case):
    case = _case(org, request, case)
    try:
        services.case_share(case, request.user, shared=request.POST.get("shared") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Je casus en de leerpunten zijn gedeeld met de hele "
                                    "organisatie, zonder je naam.") if case.shared
                         else _("Je casus is niet meer gedeeld."))
    return redirect("cases:detail", org=org.slug, case=case.pk)


@org_view()
@require_POST
def case_invite(request, org, case):
    case = _case(org, request, case)
    if case.author_id != request.user.pk:
        raise Http404
    colleague = selectors.invitable(case).filter(
        user_id=request.POST.get("colleague") or 0).first()
    try:
        services.case_invite(case, request.user, colleague.user if colleague else None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s hoort nu bij de groep van deze casus.")
                         % {"name": colleague.user.display_name})
    return redirect("cases:detail", org=org.slug, case=case.pk)


@org_view(require=STEER)
def case_discuss(request, org, case):
    case = _case(org, request, case)
    if not selectors.in_group(case, request.membership):
        raise Http404
    form = MethodChoiceForm(request.POST or None, choices=services.method_choices(org))
    if request.method == "POST" and form.is_valid():
        try:
            discussion = services.discussion_start(case, request.user,
                                                   method=form.cleaned_data["method"])
        except ValidationError as error:
            _errors(form, error)
        else:
            return redirect("live:control", org=org.slug, session=discussion.session.pk)
    return render(request, "cases/discuss.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)


@org_view()
@require_POST
def learning_add(request, org, case):
    case = _case(org, request, case)
    if not selectors.in_group(case, request.membership):
        raise Http404
    form = LearningForm(request.POST)
    if form.is_valid():
        try:
            learning = services.learning_add(case, request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Je leerpunt is opgeslagen.") if learning.signal is None
                             else _("Je leerpunt is opgeslagen en de regel staat als signaal "
                                    "in het systeemwereldregister."))
            return redirect("cases:detail", org=org.slug, case=case.pk)
    return render(request, "cases/case_detail.html", {
        "case": case, "in_group": True, "is_author": case.author_id == request.user.pk,
        "may_change": services.may_change(case, request.membership),
        "discussions": selectors.discussions_of(case),
        "learnings": case.learnings.select_related("signal"), "learning_form": form,
        "may_start": request.membership.can_steer,
    }, status=400)


@org_view()
def method_list(request, org):
    form = CustomMethodForm(request.POST or None)
    if request.method == "POST":
        if not request.membership.can_steer:
            raise Http404
        if form.is_valid():
            try:
                method = services.custom_method_save(org, request.user,
                                                     name=form.cleaned_data["name"],
                                                     steps=form.steps())
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("Methode ‘%(name)s’ opgeslagen.")
                                 % {"name": method.name})
                return redirect("cases:methods", org=org.slug)
    return render(request, "cases/methods.html", {
        "form": form, "custom": selectors.custom_methods(org), "steps": STEPS,
        "registered": services.method_choices(org), "slots": STEP_SLOTS,
    }, status=400 if form.errors else 200)


def _method(org, pk):
    method = selectors.custom_methods(org).filter(pk=pk).first()
    if method is None:
        raise Http404
    return method


@org_view(require=STEER)
def method_edit(request, org, method):
    method = _method(org, method)
    initial = {"name": method.name,
               **{f"step_{i}": key for i, key in enumerate(method.steps[:STEP_SLOTS])}}
    form = CustomMethodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.custom_method_update(method, request.user, name=form.cleaned_data["name"],
                                          steps=form.steps())
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Methode ‘%(name)s’ opgeslagen.")
                             % {"name": method.name})
            return redirect("cases:methods", org=org.slug)
    return render(request, "cases/method_edit.html", {
        "form": form, "method": method, "in_use": selectors.running_with(method),
    }, status=400 if form.errors else 200)


@org_view(require=STEER)
def method_delete(request, org, method):
    method = _method(org, method)
    if request.method == "POST":
        services.custom_method_delete(method, request.user)
        messages.success(request, _("Methode ‘%(name)s’ verwijderd.") % {"name": method.name})
        return redirect("cases:methods", org=org.slug)
    return render(request, "cases/method_delete.html", {
        "method": method, "in_use": selectors.running_with(method),
        "discussed": method.discussions.count(),
    })
