"""Reads: her own entries and pattern, her export, and a round's aggregated result."""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bedoeling.accounts.models import Membership
from bedoeling.insights import svg
from bedoeling.insights.themes import find_themes
from bedoeling.reflection import prompts
from bedoeling.reflection.models import (
    ROUND_SCALE_CHOICES,
    Obstacle,
    ReflectionEntry,
    Rhythm,
    Round,
    RoundQuestion,
    RoundRespondent,
)
from bedoeling.stories.models import PurposePart


def my_entries(org, person):
    """Her entries. The only query in the product that reads entries for a page: always
    filtered on the author."""
    return ReflectionEntry.objects.filter(organisation=org, author=person)


def my_entry_or_404(org, person, pk) -> ReflectionEntry:
    entry = my_entries(org, person).prefetch_related("links").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def entry_sections(entry: ReflectionEntry) -> list[dict]:
    model = prompts.model_of(entry.model)
    return [{"key": p.key, "question": p.question, "text": entry.answers.get(p.key, "")}
            for p in model.prompts if entry.answers.get(p.key)]


def _months(today: date, count: int = 12) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _i in range(count):
        months.append(first)
        first = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _mean(value: float) -> str:
    return svg.number(value) if value else "–"


def pattern(org, person, today: date | None = None) -> dict:
    """Her own pattern over the last twelve months. Only for her: nothing is compared with
    anyone else."""
    today = today or timezone.localdate()
    months = _months(today)
    entries = list(my_entries(org, person).filter(written_on__gte=months[0])
                   .only("written_on", "from_purpose", "parts", "obstacles"))
    per_month: dict[date, list[ReflectionEntry]] = {m: [] for m in months}
    for entry in entries:
        per_month.setdefault(entry.written_on.replace(day=1), []).append(entry)
    labels = {m: date_format(m, "M Y") for m in months}
    counts = [(labels[m], len(per_month[m])) for m in months]
    scored = [(labels[m], [e.from_purpose for e in per_month[m] if e.from_purpose])
              for m in months]
    means = [(label, sum(v) / len(v) if v else 0) for label, v in scored]
    parts = Counter(p for e in entries for p in e.parts)
    obstacles = Counter(o for e in entries for o in e.obstacles)
    part_items = [(str(PurposePart(p).label), n) for p, n in parts.most_common()
                  if p in PurposePart.values]
    obstacle_items = [(str(Obstacle(o).label), n) for o, n in obstacles.most_common()
                      if o in Obstacle.values]
    return {
        "total": len(entries),
        "counts_svg": svg.bar_chart(counts, title=_("Reflecties per maand"), prefix="rc"),
        "counts_rows": svg.bar_rows(counts, _("Reflecties")),
        "purpose_svg": svg.bar_chart(
            means, title=_("Hoe vaak je vanuit de Bedoeling werkte (gemiddeld, 1 tot 5)"),
            max_value=5, prefix="rp", value_format=_mean),
        "purpose_rows": svg.bar_rows(means, _("Gemiddeld (1–5)"), value_format=_mean),
        "parts_svg": svg.bar_chart(part_items, title=_("Delen van de Bedoeling die terugkomen"),
                                   prefix="rd") if part_items else "",
        "parts_rows": svg.bar_rows(part_items, _("Reflecties")),
        "obstacles_svg": svg.bar_chart(obstacle_items, title=_("Wat in de weg zat"),
                                       prefix="ro") if obstacle_items else "",
        "obstacles_rows": svg.bar_rows(obstacle_items, _("Reflecties")),
    }


def my_export(org, person) -> dict:
    """Everything of hers in this organisation's reflection, as plain data."""
    rhythm = Rhythm.objects.filter(organisation=org, person=person).first()
    entries = my_entries(org, person).prefetch_related("links").order_by("written_on", "id")
    return {
        "organisation": org.name,
        "person": person.email,
        "exported_at": timezone.now().isoformat(),
        "rhythm": None if rhythm is None else {
            "reminders": rhythm.reminders, "weekday": rhythm.weekday, "hour": rhythm.hour,
            "time_zone": rhythm.time_zone,
            "paused_until": rhythm.paused_until.isoformat() if rhythm.paused_until else None,
            "in_organisation_export": rhythm.in_organisation_export,
        },
        "entries": [{
            "written_on": e.written_on.isoformat(),
            "model": e.model,
            "answers": [{"question": str(section["question"]), "text": section["text"]}
                        for section in entry_sections(e)],
            "from_purpose": e.from_purpose,
            "parts": e.parts,
            "obstacles": e.obstacles,
            "shared": [{"kind": link.kind, "fragment": link.fragment,
                        "created_at": link.created_at.isoformat()} for link in e.links.all()],
        } for e in entries],
    }


# ---------------------------------------------------------------- rounds


def round_or_404(org, pk) -> Round:
    round_ = (Round.objects.filter(organisation=org, pk=pk).select_related("team")
              .prefetch_related("questions").first())
    if round_ is None:
        raise Http404
    return round_


def rounds_for(org, person):
    """The rounds she is asked to answer: the organisation's, and her team's."""
    team_id = (Membership.objects.filter(organisation=org, user=person)
               .values_list("team_id", flat=True).first())
    rounds = Round.objects.filter(organisation=org).filter(
        Q(team__isnull=True) | Q(team_id=team_id)).select_related("team")
    answered = set(RoundRespondent.objects.filter(person=person, round__organisation=org)
                   .values_list("round_id", flat=True))
    return [(r, r.pk in answered) for r in rounds]


def all_rounds(org):
    return (Round.objects.filter(organisation=org).select_related("team")
            .annotate(respondent_count=Count("respondents")))


def _question_result(question: RoundQuestion, threshold: int) -> dict:
    answers = list(question.answers.all())
    # One answer per person per question: the rows are people.
    result = {"question": question, "n": len(answers), "suppressed": len(answers) < threshold}
    if result["suppressed"]:
        return result
    prefix = f"q{question.pk}"
    if question.kind == RoundQuestion.Kind.SCALE:
        counts = Counter(a.value for a in answers)
        items = [(str(label), counts.get(v, 0)) for v, label in ROUND_SCALE_CHOICES]
        result["mean"] = svg.number(sum(a.value for a in answers) / len(answers))
        result["svg"] = svg.bar_chart(items, title=question.text, prefix=prefix)
        result["rows"] = svg.bar_rows(items, _("Mensen"))
    elif question.kind == RoundQuestion.Kind.CHOICE:
        counts = Counter(a.value for a in answers)
        items = [(label, counts.get(i, 0)) for i, label in enumerate(question.options)]
        result["svg"] = svg.bar_chart(items, title=question.text, prefix=prefix)
        result["rows"] = svg.bar_rows(items, _("Mensen"))
    else:
        # Sorted, not in the order they came in: the order must not say who wrote what.
        texts = sorted(a.text for a in answers)
        themes = find_themes(texts, min_size=max(2, min(threshold, len(texts) // 4)),
                             max_themes=max(2, min(5, len(texts) // 3)), random_state=0)
        shown = set()
        result["themes"] = []
        for theme in themes.themes:
            if theme.size < 2:
                continue  # one answer is not a theme; it is shown among the others
            members = [i for i in theme.typical if themes.assignment[i] == theme.number]
            members += [i for i in themes.members(theme.number) if i not in members]
            shown.update(members)
            result["themes"].append({
                "label": ", ".join(theme.words[:4]), "size": theme.size,
                "evidence": [texts[i] for i in members],
            })
        result["others"] = [t for i, t in enumerate(texts) if i not in shown]
    return result


def round_results(round_: Round) -> dict:
    """The round's result, aggregated, and only with at least k respondents (the
    organisation's threshold; people are counted, not rows)."""
    threshold = round_.organisation.anonymity_threshold
    respondents = round_.respondents.count()
    page = {"respondents": respondents, "threshold": threshold,
            "suppressed": respondents < threshold, "questions": []}
    if page["suppressed"]:
        return page
    for question in round_.questions.prefetch_related("answers"):
        page["questions"].append(_question_result(question, threshold))
    return page
