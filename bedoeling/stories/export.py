"""Stories with their signification as a table, for CSV and XLSX.

Consent is respected row by row: every story's signification is there (it counts in the
patterns too), its text and titles only when the teller allowed others to read it. No
names of tellers are exported. Called through services.stories_export, which audits it."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bedoeling.accounts.models import Membership
from bedoeling.lib import exports
from bedoeling.stories.models import READABLE_CONSENT, SignifierKind
from bedoeling.stories.selectors import StoryFilter, export_stories


def _percent(value: float) -> float:
    return round(value * 100, 1)


def table(org, selection: StoryFilter) -> tuple[list[str], list[list]]:
    """Header and rows; one row per story of the selection, oldest first."""
    signifiers = list(selection.form.signifiers.prefetch_related("options"))
    header = [_("nummer"), _("verteld in (maand)"), _("formulier"), _("vertelvraag"), _("rol"),
              _("team"), _("toestemming"), _("anoniem"), _("kanaal"), _("titel"),
              _("verhaal"), _("titel in de verhalenbank"), _("deel van de Bedoeling")]
    for s in signifiers:
        if s.kind == SignifierKind.TRIAD:
            header += [f"{s.question}: {label} (%)" for label in s.labels]
        elif s.kind == SignifierKind.SLIDER:
            header.append(f"{s.question} (0 = {s.label_a}, 100 = {s.label_b})")
        else:
            header.append(s.question)
    not_shown = _("[alleen voor analyse: tekst niet gedeeld]")
    na = _("n.v.t.")
    # A row is one person's story: a team smaller than the threshold would point at its few
    # members, and a day at the one who told something that day. Month and large teams only.
    k = org.anonymity_threshold
    large = set(Membership.objects.filter(organisation=org).values("team")
                .annotate(n=Count("id")).filter(n__gte=k).values_list("team", flat=True))
    small_team = _("(klein team)")
    rows = []
    for story in export_stories(org, selection):
        readable = story.consent in READABLE_CONSENT
        entry = getattr(story, "library_entry", None) if readable else None
        row = [
            story.pk, story.told_on.strftime("%Y-%m"), story.form.title,
            story.prompt.text if story.prompt else "", story.get_teller_role_display(),
            "" if story.team is None else story.team.name if story.team_id in large
            else small_team, story.get_consent_display(),
            _("ja") if story.is_anonymous else _("nee"), story.get_channel_display(),
            story.title if readable else "", story.text if readable else not_shown,
            entry.title if entry else "", entry.get_purpose_part_display() if entry else "",
        ]
        answers: dict[int, list] = {}
        for answer in story.answers.all():
            answers.setdefault(answer.signifier_id, []).append(answer)
        for s in signifiers:
            given = answers.get(s.pk, [])
            applicable = not any(a.not_applicable for a in given)
            if s.kind == SignifierKind.TRIAD:
                if not applicable:
                    row += [na, na, na]
                elif given:
                    row += [_percent(given[0].a), _percent(given[0].b), _percent(given[0].c)]
                else:
                    row += ["", "", ""]
            elif s.kind == SignifierKind.SLIDER:
                row.append(na if not applicable else
                           (_percent(given[0].value) if given else ""))
            else:
                labels = {o.pk: o.label for o in s.options.all()}
                row.append("; ".join(labels[a.option_id] for a in given if a.option_id))
        rows.append(row)
    return header, rows


def to_csv(header, rows) -> bytes:
    return exports.to_csv(header, rows)


def to_xlsx(header, rows, *, org, selection: StoryFilter, threshold_note: str) -> bytes:
    # A context of its own: other apps' "Toelichting" is an "Explanation".
    about = exports.Sheet(pgettext("spreadsheet tab about the export", "Toelichting"), [], [
        [_("Verhalen van %(org)s, formulier ‘%(form)s’.")
         % {"org": org.name, "form": selection.form.title}],
        [_("De tekst staat er alleen bij als de verteller toestemming gaf dat anderen hem "
           "lezen. Namen van vertellers staan er nooit in.")],
        [threshold_note],
        [_("Driehoeken: drie percentages die samen 100 zijn. Schuifbalken: 0 tot 100.")],
    ])
    return exports.to_xlsx([exports.Sheet(_("Verhalen"), header, rows), about])
