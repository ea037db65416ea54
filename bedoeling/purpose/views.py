from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bedoeling.live.models import LiveSession
from bedoeling.live.services import LiveError
from bedoeling.orgs.scoping import STEER, org_view
from bedoeling.purpose import opinion
from bedoeling.purpose.diff import diff_html, has_changes, rendered_diff
from bedoeling.purpose.forms import (
    CompareForm,
    PolisImportForm,
    PurposeVersionForm,
    ReviewDateForm,
    VisionCompareForm,
    VisionSessionForm,
)
from bedoeling.purpose.models import PurposeVersion, VisionSession
from bedoeling.purpose.polis_upload import MAX_BYTES, ImportRefused, read_upload
from bedoeling.purpose.selectors import (
    DRAFTING,
    OPINION_MAP,
    phase_of_kind,
    statement_results,
    statements_phase,
    vision_sessions,
)
from bedoeling.purpose.selectors import vision_compare as compare_visions
from bedoeling.purpose.services import purpose_for, purpose_review_date_set, purpose_version_create
from bedoeling.purpose.session import DEFAULT_QUESTION, polis_import, vision_session_create


@org_view()
def history(request, org):
    purpose = purpose_for(org)
    versions = purpose.versions.select_related("author", "session").prefetch_related(
        "sources", "confirmations__session", "confirmations__confirmed_by")
    return render(request, "purpose/history.html", {
        "purpose": purpose, "versions": versions,
        "visions": list(vision_sessions(org).filter(
            session__status=LiveSession.Status.ENDED)[:5]) if not request.membership.can_steer
        else list(vision_sessions(org)[:5]),
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
        blocks = rendered_diff(getattr(old, name), getattr(new, name))
        fields.append({"name": name, "label": labels[name], "changed": has_changes(blocks),
                       # escaped word by word in diff_html
                       "html": mark_safe(diff_html(blocks, _("weggehaald"), _("toegevoegd")))})
    return render(request, "purpose/compare.html", {
        "versions": versions, "old": old, "new": new, "fields": fields,
    })


# --- vision sessions -------------------------------------------------------------------

def _vision(request, org, pk) -> VisionSession:
    """A vision session of this organisation; members see it once it has ended."""
    vision = get_object_or_404(vision_sessions(org), session__pk=pk)
    if not request.membership.can_steer and not vision.session.is_ended:
        raise Http404
    return vision


@org_view()
def vision_list(request, org):
    purpose = purpose_for(org)
    items = vision_sessions(org).prefetch_related("session__purpose_versions")
    if not request.membership.can_steer:
        items = items.filter(session__status=LiveSession.Status.ENDED)
    items = list(items[:200])
    return render(request, "purpose/vision_list.html", {
        "purpose": purpose, "items": items,
        "comparable": [v for v in items if v.session.is_ended or request.membership.can_steer],
    })


@org_view(require=STEER)
def vision_new(request, org):
    purpose = purpose_for(org)
    current = purpose.current
    has_previous = vision_sessions(org).exists()
    # With a Bedoeling in place a session recalibrates it, unless the facilitator chooses
    # to start from a blank page.
    recalibrate = current is not None
    initial = {
        "title": (_("Herijking van de Bedoeling") if recalibrate
                  else _("Visiesessie: de Bedoeling")),
        "question": str(DEFAULT_QUESTION), "mode": "recalibrate" if recalibrate else "create",
        "seed_previous": recalibrate and has_previous, "participant_cap": 1000,
    }
    form = VisionSessionForm(request.POST or None, initial=initial,
                             has_current=current is not None, has_previous=has_previous)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = vision_session_create(
            org, request.user, title=data["title"], question=data["question"],
            mode=data["mode"], seed_previous=data.get("seed_previous", False),
            participant_cap=data["participant_cap"])
        messages.success(request, _("De visiesessie staat klaar. Open haar als de zaal zit."))
        return redirect("live:control", org=org.slug, session=session.pk)
    return render(request, "purpose/vision_new.html", {"form": form, "current": current},
                  status=400 if form.errors else 200)


def _map_entry(vision):
    snapshot = vision.maps.first()
    if snapshot is not None and vision.session.is_ended:
        return snapshot.data, snapshot
    map_phase = phase_of_kind(vision.session, OPINION_MAP)
    return (opinion.current_entry(map_phase) if map_phase else None), None


@org_view()
def vision_detail(request, org, vision):
    vision = _vision(request, org, vision)
    session = vision.session
    entry, snapshot = _map_entry(vision)
    threshold = org.anonymity_threshold
    statements = statement_results(statements_phase(session))
    for row in statements:
        row["agree_pct"] = (round(100 * row["agree_share"])
                            if row["seen"] >= threshold and row["seen"] else None)
    statements.sort(key=lambda r: (-(r["agree_pct"] if r["agree_pct"] is not None else -1),
                                   -r["seen"]))
    drafting = phase_of_kind(session, DRAFTING)
    return render(request, "purpose/vision_detail.html", {
        "vision": vision, "session": session, "snapshot": snapshot,
        "map": opinion.map_view(entry, threshold, prefix="page-map"),
        "statements": statements, "threshold": threshold,
        "formulations": statement_results(drafting) if drafting else [],
        "adopted": session.purpose_versions.first(),
        "confirmed": session.purpose_confirmations.select_related("version").first(),
        "snapshots": list(vision.maps.all()),
    })


@org_view()
def vision_snapshot(request, org, vision, snapshot):
    vision = _vision(request, org, vision)
    snapshot = get_object_or_404(vision.maps, pk=snapshot)
    return render(request, "purpose/vision_snapshot.html", {
        "vision": vision, "session": vision.session, "snapshot": snapshot,
        "map": opinion.map_view(snapshot.data, org.anonymity_threshold, prefix="snapshot-map",
                                representative=5, consensus=5, divisive=5),
        "adopted": vision.session.purpose_versions.first(),
    })


@org_view(require=STEER)
def vision_import(request, org, vision):
    vision = _vision(request, org, vision)
    form = PolisImportForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            export = read_upload(archive=data.get("archive"), votes=data.get("votes"),
                                 comments=data.get("comments"))
            note = (data["archive"].name if data.get("archive")
                    else f"{data['votes'].name}, {data['comments'].name}")
            polis_import(vision, request.user, export, note=f"Pol.is: {note}")
        except (ImportRefused, LiveError) as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("De Pol.is-export is geïmporteerd: %(n)s deelnemers en "
                                        "%(m)s stellingen.")
                             % {"n": len(export.participant_ids),
                                "m": len(export.statement_ids)})
            return redirect("purpose:vision_detail", org=org.slug, vision=vision.session_id)
    status = 400 if (error or form.errors) else 200
    return render(request, "purpose/vision_import.html", {
        "vision": vision, "session": vision.session, "form": form, "error": error,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }, status=status)


@org_view()
def vision_compare(request, org):
    items = vision_sessions(org)
    if not request.membership.can_steer:
        items = items.filter(session__status=LiveSession.Status.ENDED)
    items = list(items)
    if len(items) < 2:
        return render(request, "purpose/vision_compare.html", {"items": items,
                                                                "too_few": True})
    by_session = {v.session_id: v for v in items}
    latest = items[0]
    default = {"a": (latest.previous.session_id if latest.previous_id
                     and latest.previous.session_id in by_session else items[1].session_id),
               "b": latest.session_id}
    form = VisionCompareForm(request.GET or default)
    if not form.is_valid() or form.cleaned_data["a"] not in by_session \
            or form.cleaned_data["b"] not in by_session:
        if request.GET:
            messages.error(request, _("Kies twee visiesessies om te vergelijken."))
        form = VisionCompareForm(default)
        form.is_valid()
    first, second = by_session[form.cleaned_data["a"]], by_session[form.cleaned_data["b"]]
    return render(request, "purpose/vision_compare.html", {
        "items": items, "comparison": compare_visions(first, second, org.anonymity_threshold),
        "a": first.session_id, "b": second.session_id, "same": first.pk == second.pk,
    })
