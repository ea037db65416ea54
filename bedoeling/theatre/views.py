from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bedoeling.cases.selectors import visible_cases
from bedoeling.orgs.scoping import STEER, org_view
from bedoeling.stories.selectors import readable_stories
from bedoeling.theatre import selectors, services
from bedoeling.theatre.forms import InsightForm, PerformanceForm, SceneForm
from bedoeling.theatre.models import Performance


def _scene_initial(scene) -> dict:
    return {key: getattr(scene, key) for key in services.SCENE_FIELDS}


@org_view(require=STEER)
def performances(request, org):
    items = Performance.objects.filter(organisation=org).prefetch_related("scenes")
    return render(request, "theatre/performances.html", {
        "items": items[:200], "form": PerformanceForm()})


@org_view(require=STEER)
@require_POST
def performance_new(request, org):
    form = PerformanceForm(request.POST)
    if not form.is_valid():
        items = Performance.objects.filter(organisation=org)[:200]
        return render(request, "theatre/performances.html", {"items": items, "form": form},
                      status=400)
    performance = services.performance_create(org, request.user, **form.cleaned_data)
    messages.success(request, _("Voorstelling aangemaakt. Voeg nu de scènes toe."))
    return redirect("theatre:performance", org=org.slug, performance=performance.pk)


def _performance_page(request, org, performance, *, form=None, scene_form=None, status=200):
    return render(request, "theatre/performance.html", {
        "performance": performance,
        "scenes": list(performance.scenes.select_related("story", "case")),
        "form": form or PerformanceForm(initial={"title": performance.title,
                                                 "intro": performance.intro}),
        "showings": list(performance.showings.select_related("session")),
        "stories": list(readable_stories(org, request.user).order_by("-pk")[:50]),
        "cases": list(visible_cases(org, request.membership)[:50]),
    }, status=status)


@org_view(require=STEER)
def performance(request, org, performance):
    return _performance_page(request, org, selectors.performance_or_404(org, performance))


@org_view(require=STEER)
@require_POST
def performance_edit(request, org, performance):
    performance = selectors.performance_or_404(org, performance)
    form = PerformanceForm(request.POST)
    if not form.is_valid():
        return _performance_page(request, org, performance, form=form, status=400)
    services.performance_update(performance, **form.cleaned_data)
    messages.success(request, _("Voorstelling bewaard."))
    return redirect("theatre:performance", org=org.slug, performance=performance.pk)


def _scene_page(request, performance, form, scene=None, status=200):
    return render(request, "theatre/scene_form.html", {
        "performance": performance, "form": form, "scene": scene}, status=status)


def _save_scene(request, org, performance, scene=None):
    form = SceneForm(request.POST)
    if not form.is_valid():
        return _scene_page(request, performance, form, scene, status=400)
    try:
        services.scene_save(performance, request.user, scene=scene, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _scene_page(request, performance, form, scene, status=400)
    messages.success(request, _("Scène bewaard."))
    return redirect("theatre:performance", org=org.slug, performance=performance.pk)


@org_view(require=STEER)
def scene_new(request, org, performance):
    performance = selectors.performance_or_404(org, performance)
    if request.method == "POST":
        return _save_scene(request, org, performance)
    try:
        initial = services.story_as_scene(org, request.user, request.GET.get("story"))
    except (ValidationError, ValueError):
        messages.error(request, _("Dat verhaal kun je in deze organisatie niet lezen."))
        initial = {}
    case = request.GET.get("case", "")
    if case:
        try:
            initial = services.case_as_scene(org, request.user,
                                             int(case) if case.isdecimal() else -1)
        except (ValidationError, ValueError, OverflowError):
            messages.error(request, _("Die casus kun je in deze organisatie niet lezen."))
            initial = {}
    return _scene_page(request, performance, SceneForm(initial=initial))


@org_view(require=STEER)
def scene_edit(request, org, performance, scene):
    performance = selectors.performance_or_404(org, performance)
    scene = selectors.scene_or_404(performance, scene)
    if request.method == "POST":
        return _save_scene(request, org, performance, scene)
    return _scene_page(request, performance, SceneForm(initial=_scene_initial(scene)), scene)


@org_view(require=STEER)
@require_POST
def scene_delete(request, org, performance, scene):
    performance = selectors.performance_or_404(org, performance)
    services.scene_delete(selectors.scene_or_404(performance, scene))
    messages.success(request, _("Scène verwijderd."))
    return redirect("theatre:performance", org=org.slug, performance=performance.pk)


@org_view(require=STEER)
@require_POST
def play(request, org, performance):
    performance = selectors.performance_or_404(org, performance)
    try:
        session = services.showing_start(performance, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("theatre:performance", org=org.slug, performance=performance.pk)
    return redirect("live:control", org=org.slug, session=session.pk)


def _log_page(request, org, performance, showing, *, forms=None, status=200):
    scenes = selectors.showing_log(showing)
    for item in scenes:
        for entry in item["log"]:
            entry["form"] = (forms or {}).get(entry["stop"].pk)
    return render(request, "theatre/log.html", {
        "performance": performance, "showing": showing, "scenes": scenes,
    }, status=status)


@org_view(require=STEER)
def showing_log(request, org, performance, showing):
    performance = selectors.performance_or_404(org, performance)
    return _log_page(request, org, performance, selectors.showing_or_404(performance, showing))


@org_view(require=STEER)
@require_POST
def insight(request, org, performance, showing, stop):
    performance = selectors.performance_or_404(org, performance)
    showing = selectors.showing_or_404(performance, showing)
    stop = selectors.stop_or_404(showing, stop)
    form = InsightForm(request.POST)
    if form.is_valid():
        try:
            services.insight_record(stop, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
    if form.errors:
        return _log_page(request, org, performance, showing, forms={stop.pk: form},
                         status=400)
    messages.success(request, _("Inzicht vastgelegd en gekoppeld aan deze stop."))
    return redirect("theatre:log", org=org.slug, performance=performance.pk,
                    showing=showing.pk)
