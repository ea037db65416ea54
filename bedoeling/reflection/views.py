import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bedoeling.lib import ratelimit
from bedoeling.orgs.scoping import STEER, org_view
from bedoeling.purpose.services import purpose_for
from bedoeling.reflection import prompts, selectors, services, tasks
from bedoeling.reflection.forms import (
    EntryForm,
    RhythmForm,
    RoundAnswerForm,
    RoundForm,
    SettingsForm,
    SignalFragmentForm,
    StoryFragmentForm,
)
from bedoeling.stories.selectors import open_forms

# Fragments turned into signals, per person or (anonymous) per organisation, as the
# signal form itself allows.
SIGNALS_PER_HOUR = (20, 3600)


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _purpose(org):
    purpose = purpose_for(org)
    return purpose.current if purpose is not None else None


@org_view()
@never_cache
def log(request, org):
    tasks.reminders_start()
    entries = selectors.my_entries(org, request.user)[:30]
    rounds = [(r, answered) for r, answered in selectors.rounds_for(org, request.user)
              if r.is_open]
    return render(request, "reflection/log.html", {
        "entries": entries, "models": prompts.MODELS.values(), "open_rounds": rounds,
        "rhythm": services.rhythm_for(org, request.user),
    })


@org_view()
@never_cache
def new(request, org):
    model = request.GET.get("model") or request.POST.get("model") or prompts.DEFAULT
    if model not in prompts.MODELS:
        model = prompts.DEFAULT
    form = EntryForm(request.POST or None, model=model)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_write(org, request.user, model=model, answers=form.answers(),
                                         from_purpose=data["from_purpose"],
                                         parts=data["parts"], obstacles=data["obstacles"])
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Je reflectie is bewaard. Alleen jij kunt hem lezen."))
            return redirect("reflection:entry", org=org.slug, entry=entry.pk)
    return render(request, "reflection/entry_form.html", {
        "form": form, "model": form.model, "models": prompts.MODELS.values(),
        "version": _purpose(org), "editing": None,
    }, status=400 if form.errors else 200)


@org_view()
@never_cache
def entry(request, org, entry):
    entry = selectors.my_entry_or_404(org, request.user, entry)
    return render(request, "reflection/entry.html", {
        "entry": entry, "sections": selectors.entry_sections(entry),
        "model": prompts.model_of(entry.model),
    })


@org_view()
@never_cache
def edit(request, org, entry):
    entry = selectors.my_entry_or_404(org, request.user, entry)
    form = EntryForm(request.POST or None, model=entry.model,
                     initial=EntryForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.entry_update(entry, request.user, answers=form.answers(),
                                  from_purpose=data["from_purpose"], parts=data["parts"],
                                  obstacles=data["obstacles"])
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Je reflectie is bijgewerkt."))
            return redirect("reflection:entry", org=org.slug, entry=entry.pk)
    return render(request, "reflection/entry_form.html", {
        "form": form, "model": form.model, "version": _purpose(org), "editing": entry,
    }, status=400 if form.errors else 200)


@org_view()
@require_POST
def delete(request, org, entry):
    entry = selectors.my_entry_or_404(org, request.user, entry)
    services.entry_delete(entry, request.user)
    messages.success(request, _("Je reflectie is verwijderd."))
    return redirect("reflection:log", org=org.slug)


def _fragment_initial(entry) -> str:
    way = entry.answers.get("way")
    return way or entry.text


@org_view()
@never_cache
def to_signal(request, org, entry):
    entry = selectors.my_entry_or_404(org, request.user, entry)
    form = SignalFragmentForm(request.POST or None,
                              initial={"fragment": _fragment_initial(entry)})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key = str(org.pk) if data["anonymous"] else str(request.user.pk)
        if not ratelimit.allow("reflection-signal", key, *SIGNALS_PER_HOUR):
            form.add_error(None, _("Je hebt het afgelopen uur al veel gemeld. Probeer het "
                                   "later nog eens."))
            status = 429
        else:
            try:
                report = services.fragment_to_signal(
                    entry, request.user, fragment=data["fragment"],
                    client_effect=data["client_effect"], severity=data["severity"],
                    anonymous=data["anonymous"])
            except ValidationError as error:
                _errors(form, error)
            else:
                return render(request, "reflection/shared.html", {
                    "entry": entry, "kind": "signal", "code": report.receipt_code,
                    "signal": None if data["anonymous"] else report.signal,
                })
    return render(request, "reflection/to_signal.html", {"entry": entry, "form": form},
                  status=400 if form.errors and status == 200 else status)


@org_view()
@never_cache
def to_story(request, org, entry):
    entry = selectors.my_entry_or_404(org, request.user, entry)
    story_forms = open_forms(org)
    if not story_forms.exists():
        return render(request, "reflection/to_story.html", {"entry": entry, "form": None})
    form = StoryFragmentForm(request.POST or None, forms_queryset=story_forms,
                             initial={"fragment": entry.answers.get("from") or entry.text,
                                      "story_form": story_forms.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = services.fragment_to_story(
                entry, request.user, form=data["story_form"], fragment=data["fragment"],
                consent=data["consent"], anonymous=data["anonymous"], title=data["title"])
        except ValidationError as error:
            _errors(form, error)
        else:
            return render(request, "reflection/shared.html", {
                "entry": entry, "kind": "story",
                "story": None if data["anonymous"] else story,
            })
    return render(request, "reflection/to_story.html", {"entry": entry, "form": form},
                  status=400 if form.errors else 200)


@org_view()
@never_cache
def pattern(request, org):
    return render(request, "reflection/pattern.html",
                  {"pattern": selectors.pattern(org, request.user)})


@org_view()
@never_cache
def settings_view(request, org):
    rhythm = services.rhythm_for(org, request.user)
    form = SettingsForm(request.POST or None, initial={
        "reminders": rhythm.reminders, "weekday": rhythm.weekday, "hour": rhythm.hour,
        "paused_until": rhythm.paused_until,
        "in_organisation_export": rhythm.in_organisation_export,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rhythm_update(rhythm, reminders=data["reminders"],
                                   weekday=data["weekday"], hour=data["hour"],
                                   paused_until=data["paused_until"],
                                   in_organisation_export=data["in_organisation_export"])
        except ValidationError as error:
            _errors(form, error)
        else:
            tasks.reminders_start()
            messages.success(request, _("Je ritme is bewaard."))
            return redirect("reflection:settings", org=org.slug)
    return render(request, "reflection/settings.html", {
        "form": form, "rhythm": rhythm,
        "count": selectors.my_entries(org, request.user).count(),
    }, status=400 if form.errors else 200)


@org_view()
@never_cache
def export(request, org):
    data = selectors.my_export(org, request.user)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="reflecties-{org.slug}-{day}.json"'
    return response


@org_view()
@require_POST
def delete_all(request, org):
    if request.POST.get("confirm") != "ja":
        messages.error(request, _("Vink aan dat je echt alles wilt verwijderen; er is niets "
                                  "verwijderd."))
        return redirect("reflection:settings", org=org.slug)
    count = services.reflections_delete_all(org, request.user)
    messages.success(request, _("Al je reflecties zijn verwijderd (%(count)s).")
                     % {"count": count})
    return redirect("reflection:log", org=org.slug)


# ---------------------------------------------------------------- team rounds


@org_view()
@never_cache
def rounds(request, org):
    steer = request.membership.can_steer
    return render(request, "reflection/rounds.html", {
        "mine": selectors.rounds_for(org, request.user),
        "all_rounds": selectors.all_rounds(org) if steer else None,
        "steer": steer,
    })


@org_view(require=STEER)
@never_cache
def round_new(request, org):
    form = RoundForm(request.POST or None, org=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_open(org, request.user, title=data["title"],
                                         intro=data["intro"], team=data["team"],
                                         closes_on=data["closes_on"],
                                         questions=form.questions())
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("De ronde is geopend."))
            return redirect("reflection:round_results", org=org.slug, round=round_.pk)
    return render(request, "reflection/round_form.html", {"form": form},
                  status=400 if form.errors else 200)


@org_view()
@never_cache
def round_answer(request, org, round):
    round_ = selectors.round_or_404(org, round)
    if not services.in_round(round_, request.user) and not request.membership.can_steer:
        raise Http404
    form = RoundAnswerForm(request.POST or None, round_=round_)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.round_answer(round_, request.user, form.answers())
            except ValidationError as error:
                _errors(form, error)
                status = 400 if error.code not in ("closed", "second", "outside") else 409
            else:
                messages.success(request, _("Dank je wel: je antwoorden zijn bewaard."))
                return redirect("reflection:round", org=org.slug, round=round_.pk)
        else:
            status = 400
    answered = round_.respondents.filter(person=request.user).exists()
    return render(request, "reflection/round.html", {
        "round": round_, "form": form, "answered": answered,
        "in_round": services.in_round(round_, request.user),
        "steer": request.membership.can_steer,
    }, status=status)


@org_view(require=STEER)
@never_cache
def round_results(request, org, round):
    round_ = selectors.round_or_404(org, round)
    return render(request, "reflection/round_results.html", {
        "round": round_, "page": selectors.round_results(round_),
    })


# ---------------------------------------------------------------- from the reminder mail


@csrf_exempt  # The signed token in the URL is the credential; mail clients post here.
@never_cache
def mail_settings(request, token):
    rhythm = services.rhythm_from_token(token)
    if rhythm is None:
        return render(request, "reflection/mail_settings_invalid.html", status=404)
    done = None
    form = RhythmForm(initial={"reminders": rhythm.reminders, "weekday": rhythm.weekday,
                               "hour": rhythm.hour, "paused_until": rhythm.paused_until})
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "rhythm":
            form = RhythmForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.rhythm_update(rhythm, reminders=data["reminders"],
                                           weekday=data["weekday"], hour=data["hour"],
                                           paused_until=data["paused_until"])
                    done = "rhythm"
                except ValidationError as error:
                    _errors(form, error)
            if not done:
                status = 400
        else:
            # One click (List-Unsubscribe-Post) or the button: no more reminders.
            services.reminders_stop(rhythm)
            done = "stopped"
    return render(request, "reflection/mail_settings.html", {
        "rhythm": rhythm, "form": form, "done": done, "token": token,
    }, status=status)
