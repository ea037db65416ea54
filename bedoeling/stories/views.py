import logging
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bedoeling.insights import svg
from bedoeling.lib.ratelimit import allow, client_address
from bedoeling.orgs.scoping import FACILITATOR, STEER, in_org_or_404, org_view
from bedoeling.purpose.services import purpose_for
from bedoeling.stories import patterns, search, selectors
from bedoeling.stories.forms import (
    ConsentForm,
    CurateForm,
    FilterForm,
    PromptForm,
    SearchForm,
    SignifierForm,
    StoryFormCreateForm,
    StoryFormForm,
    TellForm,
    quarter_bounds,
)
from bedoeling.stories.models import (
    Answer,
    Channel,
    Consent,
    Prompt,
    PurposePart,
    Signifier,
    SignifierKind,
    Story,
    StoryForm,
)
from bedoeling.stories.services import (
    form_is_locked,
    prompt_add,
    prompt_remove,
    signifier_add,
    signifier_remove,
    stories_export,
    story_consent_change,
    story_curate,
    story_delete,
    story_form_create,
    story_form_update,
    story_tell,
    story_uncurate,
    story_validate,
)

log = logging.getLogger(__name__)

PER_PAGE = 20
# Telling: generous for a person, a wall for a script.
TELL_LIMIT = (20, 3600)
PUBLIC_LIMIT_PER_ADDRESS = (10, 3600)
PUBLIC_LIMIT_PER_FORM = (300, 3600)


# ---------------------------------------------------------------- library and reading


@org_view()
def library(request, org):
    form = SearchForm(request.GET or None)
    query = part = ""
    if form.is_valid():
        query, part = form.cleaned_data["q"].strip(), form.cleaned_data["deel"]
    entries, searched = selectors.library(org, query=query, part=part)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("pagina"))
    version = purpose_for(org).current
    return render(request, "stories/library.html", {
        "search_form": form, "query": query, "part": part, "searched": searched,
        "page": page, "version": version, "tell_forms": selectors.open_forms(org),
        "parts": PurposePart.choices, "querystring": _querystring(request, drop=("pagina",)),
    })


@org_view()
def story_list(request, org):
    """Every story whose text the reader may read, with the shared filters and search."""
    filters = FilterForm(request.GET, org=org, forms_with_stories=_forms_with_stories(org),
                         require_form=False)
    selection = filters.selection()
    stories = selectors.readable_stories(org, request.user).filter(selection.q())
    if selection.team is not None and selection.team.pk in selectors.small_teams(org):
        # A filter on a small team would name the tellers of its anonymous stories.
        stories = stories.exclude(author__isnull=True)
    query = request.GET.get("q", "").strip()[:200]
    searched = True
    if query:
        found = search.search(stories, query)
        searched = found is not None
        stories = found if found is not None else stories.none()
    page = Paginator(stories.select_related("team", "prompt", "library_entry"),
                     PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "stories/story_list.html", {
        "filters": filters, "selection": selection, "page": page, "query": query,
        "searched": searched, "querystring": _querystring(request, drop=("pagina",)),
    })


@org_view()
def my_stories(request, org):
    stories = (Story.objects.filter(organisation=org, author=request.user)
               .select_related("library_entry", "prompt"))
    return render(request, "stories/my_stories.html", {"stories": stories})


@org_view()
def story(request, org, story):
    story = selectors.story_for_reader_or_404(org, request.user, story)
    membership = request.membership
    entry = getattr(story, "library_entry", None)
    answers = _answers_for_display(story)
    curate_form = None
    if membership.is_facilitator and story.consent == Consent.LIBRARY:
        initial = ({"title": entry.title, "purpose_part": entry.purpose_part, "note": entry.note}
                   if entry else {"title": story.title})
        curate_form = CurateForm(initial=initial)
    return render(request, "stories/story.html", {
        "story": story, "entry": entry, "answers": answers, "curate_form": curate_form,
        "is_teller": story.author_id == request.user.pk,
        "consent_form": ConsentForm(initial={"consent": story.consent})
        if story.author_id == request.user.pk else None,
        "may_delete": membership.is_facilitator or story.author_id == request.user.pk,
        "provenance": selectors.provenance(story),
    })


def _answers_for_display(story):
    rows = []
    given: dict[int, list] = {}
    for answer in story.answers.select_related("option"):
        given.setdefault(answer.signifier_id, []).append(answer)
    for s in story.form.signifiers.all():
        answers = given.get(s.pk, [])
        row = {"signifier": s, "not_applicable": any(a.not_applicable for a in answers),
               "answered": bool(answers)}
        if answers and not row["not_applicable"]:
            if s.kind == SignifierKind.TRIAD:
                a = answers[0]
                row["parts"] = [(label, patterns.pct(w))
                                for label, w in zip(s.labels, (a.a, a.b, a.c), strict=True)]
                row["svg"] = svg.ternary_plot(
                    [(a.a, a.b, a.c)], labels=s.labels, title=s.question,
                    description=", ".join(f"{label} {value}" for label, value in row["parts"]),
                    prefix=f"story-{s.pk}")
            elif s.kind == SignifierKind.SLIDER:
                row["value"] = round(answers[0].value * 100)
            else:
                row["options"] = [a.option.label for a in answers if a.option]
        rows.append(row)
    return rows


@org_view(require=FACILITATOR)
def curate(request, org, story):
    story = in_org_or_404(Story.objects.select_related("library_entry"), org, pk=story)
    if story.consent != Consent.LIBRARY:
        raise Http404
    form = CurateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = story_curate(story, request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("‘%(title)s’ staat in de verhalenbank.")
                             % {"title": entry.title})
            return redirect("stories:story", org=org.slug, story=story.pk)
    if request.method == "GET":
        entry = getattr(story, "library_entry", None)
        form = CurateForm(initial={"title": entry.title, "purpose_part": entry.purpose_part,
                                   "note": entry.note} if entry else {"title": story.title})
    return render(request, "stories/curate.html", {"story": story, "form": form},
                  status=400 if form.errors else 200)


@org_view(require=FACILITATOR)
@require_POST
def uncurate(request, org, story):
    story = in_org_or_404(Story.objects, org, pk=story)
    story_uncurate(story, request.user)
    messages.success(request, _("Het verhaal staat niet meer in de verhalenbank."))
    return redirect("stories:story", org=org.slug, story=story.pk)


@org_view()
@require_POST
def consent(request, org, story):
    story = in_org_or_404(Story.objects, org, pk=story, author=request.user)
    form = ConsentForm(request.POST)
    if form.is_valid():
        story_consent_change(story, request.user, form.cleaned_data["consent"])
        messages.success(request, _("Je keuze is opgeslagen."))
    else:
        messages.error(request, _("Kies wat er met je verhaal mag gebeuren."))
    return redirect("stories:story", org=org.slug, story=story.pk)


@org_view()
@require_POST
def delete(request, org, story):
    story = in_org_or_404(Story.objects, org, pk=story)
    if not (request.membership.is_facilitator or story.author_id == request.user.pk):
        raise Http404
    story_delete(story, request.user)
    messages.success(request, _("Het verhaal is verwijderd."))
    return redirect("stories:library", org=org.slug)


# ---------------------------------------------------------------- telling


@org_view()
def tell_start(request, org):
    forms = list(selectors.open_forms(org))
    if len(forms) == 1:
        return redirect("stories:tell", org=org.slug, form=forms[0].pk)
    return render(request, "stories/tell_start.html", {"forms": forms})


def _form_missing(request, org=None):
    return render(request, "stories/form_missing.html", {"org": org}, status=404)


@org_view()
def tell(request, org, form):
    story_form = StoryForm.objects.filter(organisation=org, pk=form).first()
    if story_form is None:
        return _form_missing(request, org)
    if not story_form.is_open:
        return render(request, "stories/form_closed.html", {"story_form": story_form},
                      status=410)
    teams = org.teams.all()
    if request.method != "POST":
        initial = {"team": str(request.membership.team_id or ""), "teller_role": "employee"}
        tell_form = TellForm(story_form=story_form, teams=teams, initial=initial)
        return _tell_page(request, org, tell_form, story_form)
    tell_form = TellForm(request.POST, story_form=story_form, teams=teams)
    if not allow("story_tell", str(request.user.pk), *TELL_LIMIT):
        return _too_many(request)
    if tell_form.is_valid():
        author = request.user if tell_form.wants_name else None
        story = _store(tell_form, story_form, author=author, channel=Channel.APP)
        if story is not None:
            if author is None:
                return redirect("stories:told", org=org.slug)
            messages.success(request, _("Dank je wel voor je verhaal."))
            return redirect("stories:story", org=org.slug, story=story.pk)
    return _tell_page(request, org, tell_form, story_form, status=400)


def _store(tell_form, story_form, **kwargs):
    """The stored story, or None with every problem put on the form."""
    arguments = tell_form.service_arguments()
    try:
        if tell_form.signifier_errors:
            # Something the web form already refused (a half-filled triad): store nothing,
            # but still report everything else that is wrong, all at once.
            story_validate(story_form, **arguments, **kwargs)
            return None
        return story_tell(story_form, **arguments, **kwargs)
    except ValidationError as exc:
        tell_form.add_service_errors(exc)
        return None


def _tell_page(request, org, tell_form, story_form, status=200, public=False):
    return render(request, "stories/tell.html", {
        "tell_form": tell_form, "story_form": story_form, "org": org, "public": public,
        "blocks": list(tell_form.blocks()),
    }, status=status)


@org_view()
def told(request, org):
    return render(request, "stories/told.html", {"public": False})


def public_tell(request, key):
    story_form = (StoryForm.objects.select_related("organisation")
                  .filter(public_key=key, is_public=True).first())
    if story_form is None:
        return _form_missing(request)
    org = story_form.organisation
    if not story_form.is_open:
        return render(request, "stories/form_closed.html", {"story_form": story_form,
                                                            "public": True}, status=410)
    teams = org.teams.all()
    if request.method != "POST":
        tell_form = TellForm(story_form=story_form, teams=teams, public=True)
        return _tell_page(request, org, tell_form, story_form, public=True)
    address = client_address(request)
    if not (allow("story_public", address, *PUBLIC_LIMIT_PER_ADDRESS)
            and allow("story_public_form", key, *PUBLIC_LIMIT_PER_FORM)):
        return _too_many(request)
    tell_form = TellForm(request.POST, story_form=story_form, teams=teams, public=True)
    if tell_form.is_spam:
        log.info("public story form %s: honeypot filled, nothing stored", story_form.pk)
        return redirect("stories:public_told", key=key)
    if tell_form.is_valid():
        if _store(tell_form, story_form, author=None, channel=Channel.PUBLIC) is not None:
            return redirect("stories:public_told", key=key)
    return _tell_page(request, org, tell_form, story_form, status=400, public=True)


def public_told(request, key):
    story_form = (StoryForm.objects.select_related("organisation")
                  .filter(public_key=key, is_public=True).first())
    if story_form is None:
        return _form_missing(request)
    return render(request, "stories/told.html", {"public": True, "story_form": story_form,
                                                 "org": story_form.organisation})


def _too_many(request):
    return render(request, "stories/too_many.html", status=429)


# ---------------------------------------------------------------- patterns


def _forms_with_stories(org):
    """The forms that have stories, the one with the most signified stories (stories that
    answered at least one question about themselves) first: that is where the pattern
    pages open, not on a form whose stories can draw no chart."""
    signified = (Story.objects.filter(form=OuterRef("pk"))
                 .filter(Exists(Answer.objects.filter(story=OuterRef("pk"))))
                 .values("form").annotate(n=Count("pk")).values("n"))
    return list(StoryForm.objects.filter(organisation=org)
                .filter(Exists(Story.objects.filter(form=OuterRef("pk"))))
                .annotate(signified=Coalesce(Subquery(signified), 0),
                          questions=Count("signifiers", distinct=True))
                .order_by("-signified", "-created_at"))


def _querystring(request, drop=()) -> str:
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    return query.urlencode()


def _presets(org, filters):
    """Quick periods for the filter form, as links that keep the rest of the selection."""
    today = timezone.localdate()
    this_start, this_end = quarter_bounds(today)
    last_start, last_end = quarter_bounds(today, back=1)
    presets = [
        (_("dit kwartaal"), this_start, this_end),
        (_("vorig kwartaal"), last_start, last_end),
        (_("afgelopen twaalf maanden"), today.replace(year=today.year - 1), today),
    ]
    version = purpose_for(org).current
    if version is not None and version.number > 1:
        presets.append((_("sinds de huidige Bedoeling"), version.created_at.date(), today))
    base = filters.data.copy()
    links = []
    for label, start, end in presets:
        query = base.copy()
        query["van"], query["tot"] = start.isoformat(), end.isoformat()
        links.append((label, query.urlencode()))
    return links


@org_view()
def pattern_overview(request, org):
    filters = FilterForm(request.GET, org=org, forms_with_stories=_forms_with_stories(org))
    selection = filters.selection()
    if selection.form is None:
        return render(request, "stories/patterns_empty.html", {})
    page = patterns.overview(org, selection)
    charts = page["triads"] or page["sliders"] or page["choices"]
    return render(request, "stories/patterns.html", {
        "filters": filters, "selection": selection, "page": page, "tab": "overview",
        # Why there is nothing to draw, said rather than left to guess.
        "no_questions": not charts and not selection.form.signifiers.exists(),
        "signified_forms": [f for f in filters.story_forms.values()
                            if f.signified and f.pk != selection.form.pk],
        "querystring": request.GET.urlencode(), "presets": _presets(org, filters),
    })


@org_view()
def pattern_themes(request, org):
    filters = FilterForm(request.GET, org=org, forms_with_stories=_forms_with_stories(org))
    selection = filters.selection()
    if selection.form is None:
        return render(request, "stories/patterns_empty.html", {})
    page = patterns.themes(org, selection)
    return render(request, "stories/themes.html", {
        "filters": filters, "selection": selection, "page": page, "tab": "themes",
        "querystring": request.GET.urlencode(), "presets": _presets(org, filters),
    })


@org_view()
def pattern_compare(request, org):
    forms = _forms_with_stories(org)
    if not forms:
        return render(request, "stories/patterns_empty.html", {})
    today = timezone.localdate()
    data = request.GET.copy()
    if not any(key.startswith(("a-", "b-")) for key in data):
        # Start with something worth looking at: last quarter against this one.
        last_start, last_end = quarter_bounds(today, back=1)
        this_start, this_end = quarter_bounds(today)
        data.update({"a-van": last_start.isoformat(), "a-tot": last_end.isoformat(),
                     "b-van": this_start.isoformat(), "b-tot": this_end.isoformat()})
    chosen_form = data.get("formulier") or str(forms[0].pk)
    data["a-formulier"] = data["b-formulier"] = chosen_form
    first = FilterForm(data, org=org, forms_with_stories=forms, prefix="a")
    second = FilterForm(data, org=org, forms_with_stories=forms, prefix="b")
    selection_a, selection_b = first.selection(), second.selection()
    names = (_describe(selection_a) or "A", _describe(selection_b) or "B")
    if names[0] == names[1]:
        names = (f"A: {names[0]}", f"B: {names[1]}")
    page = patterns.comparison(org, selection_a, selection_b, names)
    version = purpose_for(org).current
    return render(request, "stories/compare.html", {
        "first": first, "second": second, "page": page, "names": names, "tab": "compare",
        "forms": forms, "chosen_form": selection_a.form,
        "presets": _compare_presets(selection_a.form, today, version, org),
    })


def _describe(selection) -> str:
    parts = []
    if selection.team:
        parts.append(selection.team.name)
    if selection.role:
        parts.append(dict(Story._meta.get_field("teller_role").choices)[selection.role])
    start = date_format(selection.date_from, "j M Y") if selection.date_from else ""
    end = date_format(selection.date_to, "j M Y") if selection.date_to else ""
    if start and end:
        parts.append(f"{start} – {end}")
    elif start:
        parts.append(_("vanaf %(date)s") % {"date": start})
    elif end:
        parts.append(_("tot en met %(date)s") % {"date": end})
    if selection.prompt:
        parts.append(selection.prompt.text[:40])
    parts.extend(o.label for o in selection.options)
    return ", ".join(parts)


def _compare_presets(story_form, today, version, org):
    def link(a, b):
        query = {"formulier": story_form.pk}
        query.update({f"a-{k}": v for k, v in a.items()})
        query.update({f"b-{k}": v for k, v in b.items()})
        return urlencode(query)

    last_start, last_end = quarter_bounds(today, back=1)
    this_start, this_end = quarter_bounds(today)
    presets = [(_("vorig kwartaal en dit kwartaal"),
                link({"van": last_start.isoformat(), "tot": last_end.isoformat()},
                     {"van": this_start.isoformat(), "tot": this_end.isoformat()}))]
    if version is not None and version.number > 1:
        day = version.created_at.date()
        presets.append((_("vóór en sinds de huidige Bedoeling"),
                        link({"tot": (day - timedelta(days=1)).isoformat()},
                             {"van": day.isoformat()})))
    teams = list(org.teams.all()[:2])
    if len(teams) == 2:
        presets.append((_("%(a)s en %(b)s") % {"a": teams[0].name, "b": teams[1].name},
                        link({"team": teams[0].pk}, {"team": teams[1].pk})))
    return presets


@org_view(require=STEER)
def export_csv(request, org):
    return _export(request, org, "csv")


@org_view(require=STEER)
def export_xlsx(request, org):
    return _export(request, org, "xlsx")


def _export(request, org, fmt):
    filters = FilterForm(request.GET, org=org, forms_with_stories=_forms_with_stories(org))
    selection = filters.selection()
    if selection.form is None:
        messages.error(request, _("Er zijn nog geen verhalen om te exporteren."))
        return redirect("stories:patterns", org=org.slug)
    try:
        content, media, name = stories_export(org, request.user, selection, fmt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("stories:patterns", kwargs={"org": org.slug}) + "?"
                        + request.GET.urlencode())
    response = HttpResponse(content, content_type=media)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------- designing forms


@org_view(require=FACILITATOR)
def form_list(request, org):
    forms = (StoryForm.objects.filter(organisation=org)
             .annotate(n=Count("stories"), signifier_count=Count("signifiers", distinct=True)))
    create_form = StoryFormCreateForm()
    return render(request, "stories/form_list.html", {"forms": forms,
                                                      "create_form": create_form})


@org_view(require=FACILITATOR)
@require_POST
def form_create(request, org):
    form = StoryFormCreateForm(request.POST)
    if form.is_valid():
        try:
            story_form = story_form_create(
                org, request.user, title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"], prompts=[form.cleaned_data["prompt"]])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Formulier gemaakt. Voeg nu de vragen toe die de "
                                        "verteller over haar verhaal beantwoordt."))
            return redirect("stories:form_edit", org=org.slug, form=story_form.pk)
    forms = StoryForm.objects.filter(organisation=org).annotate(
        n=Count("stories"), signifier_count=Count("signifiers", distinct=True))
    return render(request, "stories/form_list.html", {"forms": forms, "create_form": form},
                  status=400)


def _design_page(request, org, story_form, *, settings_form=None, prompt_form=None,
                 signifier_forms=None, status=200, open_kind=None):
    signifier_forms = signifier_forms or {}
    kinds = []
    for kind, label in SignifierKind.choices:
        kinds.append({"kind": kind, "label": label,
                      "form": signifier_forms.get(kind) or SignifierForm(kind=kind),
                      "open": kind == open_kind})
    public_url = request.build_absolute_uri(
        reverse("stories:public_tell", kwargs={"key": story_form.public_key}))
    return render(request, "stories/form_edit.html", {
        "story_form": story_form,
        "settings_form": settings_form or StoryFormForm(instance=story_form),
        "prompt_form": prompt_form or PromptForm(),
        "kinds": kinds,
        "prompts": story_form.prompts.all(),
        "signifiers": story_form.signifiers.prefetch_related("options"),
        "locked": form_is_locked(story_form),
        "public_url": public_url,
        "story_count": story_form.stories.count(),
    }, status=status)


@org_view(require=FACILITATOR)
def form_edit(request, org, form):
    story_form = in_org_or_404(StoryForm.objects, org, pk=form)
    if request.method == "POST":
        settings_form = StoryFormForm(request.POST, instance=StoryForm.objects.get(pk=form))
        if settings_form.is_valid():
            data = settings_form.cleaned_data
            try:
                story_form_update(story_form, request.user, **data)
            except ValidationError as exc:
                _add_errors(settings_form, exc)
            else:
                messages.success(request, _("Het formulier is opgeslagen."))
                return redirect("stories:form_edit", org=org.slug, form=story_form.pk)
        return _design_page(request, org, story_form, settings_form=settings_form, status=400)
    return _design_page(request, org, story_form)


@org_view(require=FACILITATOR)
@require_POST
def form_prompt_add(request, org, form):
    story_form = in_org_or_404(StoryForm.objects, org, pk=form)
    prompt_form = PromptForm(request.POST)
    if prompt_form.is_valid():
        try:
            prompt_add(story_form, request.user, text=prompt_form.cleaned_data["text"])
        except ValidationError as exc:
            _add_errors(prompt_form, exc)
        else:
            messages.success(request, _("Vertelvraag toegevoegd."))
            return redirect("stories:form_edit", org=org.slug, form=story_form.pk)
    return _design_page(request, org, story_form, prompt_form=prompt_form, status=400)


@org_view(require=FACILITATOR)
@require_POST
def form_prompt_remove(request, org, form, prompt):
    story_form = in_org_or_404(StoryForm.objects, org, pk=form)
    prompt = Prompt.objects.filter(form=story_form, pk=prompt).first()
    if prompt is None:
        raise Http404
    try:
        prompt_remove(prompt, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Vertelvraag verwijderd."))
    return redirect("stories:form_edit", org=org.slug, form=story_form.pk)


@org_view(require=FACILITATOR)
@require_POST
def form_signifier_add(request, org, form):
    story_form = in_org_or_404(StoryForm.objects, org, pk=form)
    kind = request.POST.get("kind")
    if kind not in SignifierKind.values:
        messages.error(request, _("Kies wat voor vraag je wilt toevoegen."))
        return redirect("stories:form_edit", org=org.slug, form=story_form.pk)
    signifier_form = SignifierForm(request.POST, kind=kind)
    if signifier_form.is_valid():
        try:
            signifier_add(story_form, request.user, **signifier_form.service_arguments())
        except ValidationError as exc:
            _add_errors(signifier_form, exc)
        else:
            messages.success(request, _("Vraag toegevoegd."))
            return redirect("stories:form_edit", org=org.slug, form=story_form.pk)
    return _design_page(request, org, story_form, signifier_forms={kind: signifier_form},
                        status=400, open_kind=kind)


@org_view(require=FACILITATOR)
@require_POST
def form_signifier_remove(request, org, form, signifier):
    story_form = in_org_or_404(StoryForm.objects, org, pk=form)
    signifier = Signifier.objects.filter(form=story_form, pk=signifier).first()
    if signifier is None:
        raise Http404
    try:
        signifier_remove(signifier, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Vraag verwijderd."))
    return redirect("stories:form_edit", org=org.slug, form=story_form.pk)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)

