from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bedoeling.orgs.scoping import STEER, org_view
from bedoeling.purpose.diff import has_changes, word_diff
from bedoeling.purpose.forms import CompareForm, PurposeVersionForm, ReviewDateForm
from bedoeling.purpose.models import PurposeVersion
from bedoeling.purpose.services import (
    purpose_for,
    purpose_review_date_set,
    purpose_version_create,
)


@org_view()
def history(request, org):
    purpose = purpose_for(org)
    versions = purpose.versions.select_related("author").prefetch_related("sources")
    return render(request, "purpose/history.html", {
        "purpose": purpose, "versions": versions,
        "review_form": ReviewDateForm(instance=purpose),
    })


@org_view()
def version(request, org, number):
    purpose = purpose_for(org)
    version = get_object_or_404(purpose.versions.select_related("author"), number=number)
    return render(request, "purpose/version.html", {
        "purpose": purpose, "version": version, "is_current": version == purpose.current,
    })


@org_view(require=STEER)
def edit(request, org):
    purpose = purpose_for(org)
    current = purpose.current
    initial = {f: getattr(current, f) for f in PurposeVersion.TEXT_FIELDS} if current else {}
    form = PurposeVersionForm(request.POST or None, initial=initial, previous=current)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        version = purpose_version_create(org, request.user, **data)
        messages.success(request, _("Versie %(n)s van de Bedoeling is vastgesteld.")
                         % {"n": version.number})
        return redirect("orgs:home", org=org.slug)
    return render(request, "purpose/edit.html", {"form": form, "current": current},
                  status=400 if form.errors else 200)


@org_view(require=STEER)
@require_POST
def review_date(request, org):
    purpose = purpose_for(org)
    form = ReviewDateForm(request.POST, instance=purpose)
    if not form.is_valid():
        messages.error(request, _("Die datum kon ik niet lezen. Gebruik de vorm dd-mm-jjjj."))
        return redirect("purpose:history", org=org.slug)
    purpose_review_date_set(org, request.user, form.cleaned_data["review_date"])
    messages.success(request, _("De herijkingsdatum is opgeslagen."))
    return redirect("purpose:history", org=org.slug)


@org_view()
def compare(request, org):
    purpose = purpose_for(org)
    versions = list(purpose.versions.select_related("author"))
    if len(versions) < 2:
        return render(request, "purpose/compare.html", {"versions": versions, "too_few": True})
    form = CompareForm(request.GET or {"a": versions[1].number, "b": versions[0].number})
    if not form.is_valid():
        messages.error(request, _("Kies twee bestaande versies om te vergelijken."))
        form = CompareForm({"a": versions[1].number, "b": versions[0].number})
        form.is_valid()
    by_number = {v.number: v for v in versions}
    old, new = by_number.get(form.cleaned_data["a"]), by_number.get(form.cleaned_data["b"])
    if old is None or new is None:
        raise Http404
    if old.number > new.number:
        old, new = new, old
    labels = dict(PurposeVersionForm.Meta.labels)
    fields = []
    for name in PurposeVersion.TEXT_FIELDS:
        runs = word_diff(getattr(old, name), getattr(new, name))
        fields.append({"name": name, "label": labels[name], "runs": runs,
                       "changed": has_changes(runs)})
    return render(request, "purpose/compare.html", {
        "versions": versions, "old": old, "new": new, "fields": fields,
    })
