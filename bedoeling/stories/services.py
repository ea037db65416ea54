"""The only functions that write stories, forms and the library.

Every check that keeps the data honest lives here, not in the web forms, so that a story
told through the app, the public link or (later) a live session meets the same rules.
Errors are raised as a ``ValidationError`` keyed by field name (``text``, ``prompt``,
``sig-<id>`` for a signifier …) with a message for the person, in their language.
"""

import math
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Membership
from bedoeling.insights import ternary
from bedoeling.lib import exports
from bedoeling.purpose.services import purpose_for
from bedoeling.stories import export, search, selectors
from bedoeling.stories.models import (
    FEELING_OPTIONS,
    LABEL_MAX,
    PROMPT_MAX,
    QUESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Answer,
    Channel,
    Consent,
    LibraryEntry,
    Prompt,
    PurposePart,
    Signifier,
    SignifierKind,
    SignifierOption,
    Story,
    StoryForm,
    TellerRole,
)
from bedoeling.stories.selectors import bump


class _NotApplicable:
    def __repr__(self) -> str:
        return "NOT_APPLICABLE"


# The teller says a signifier does not apply to her story.
NOT_APPLICABLE = _NotApplicable()

MAX_OPTIONS = 12


def signifier_field(signifier) -> str:
    """The error key (and form field prefix) of a signifier."""
    return f"sig-{signifier.pk}"


# ---------------------------------------------------------------- forms


def form_is_locked(form: StoryForm) -> bool:
    """Once stories are told, prompts and signifiers stay as they were asked."""
    return form.stories.exists()


def _clean_line(value: str, limit: int, field: str, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise ValidationError({field: _("Dit veld mag niet leeg zijn.")})
    if len(value) > limit:
        raise ValidationError({field: _("Hoogstens %(limit)s tekens (nu %(count)s).")
                               % {"limit": limit, "count": len(value)}})
    return value


@transaction.atomic
def story_form_create(org, actor, *, title: str, intro: str = "", is_public: bool = False,
                      prompts: Iterable[str] = ()) -> StoryForm:
    form = StoryForm.objects.create(
        organisation=org, title=_clean_line(title, 120, "title"), intro=(intro or "").strip(),
        is_public=is_public, created_by=actor,
    )
    for text in prompts:
        prompt_add(form, actor, text=text, audited=False)
    audit(org, actor, "stories.form_create", f"Verhalenformulier ‘{form.title}’ gemaakt",
          form=form.pk)
    return form


def story_form_update(form: StoryForm, actor, *, title: str, intro: str, is_open: bool,
                      is_public: bool) -> StoryForm:
    form.title = _clean_line(title, 120, "title")
    form.intro = (intro or "").strip()
    form.is_open = is_open
    form.is_public = is_public
    form.save(update_fields=["title", "intro", "is_open", "is_public"])
    audit(form.organisation, actor, "stories.form_update",
          f"Verhalenformulier ‘{form.title}’ gewijzigd", form=form.pk, open=is_open,
          public=is_public)
    return form


def prompt_add(form: StoryForm, actor, *, text: str, audited: bool = True) -> Prompt:
    text = _clean_line(text, PROMPT_MAX, "text")
    position = form.prompts.count()
    prompt = Prompt.objects.create(form=form, text=text, position=position)
    if audited:
        audit(form.organisation, actor, "stories.prompt_add",
              f"Vertelvraag toegevoegd aan ‘{form.title}’", form=form.pk)
    return prompt


def prompt_remove(prompt: Prompt, actor) -> None:
    form = prompt.form
    if form_is_locked(form):
        raise ValidationError(_("Met dit formulier zijn al verhalen verteld; de vragen "
                                "blijven staan zoals ze gesteld zijn."))
    prompt.delete()
    audit(form.organisation, actor, "stories.prompt_remove",
          f"Vertelvraag verwijderd uit ‘{form.title}’", form=form.pk)


@transaction.atomic
def signifier_add(form: StoryForm, actor, *, kind: str, question: str,
                  labels: Sequence[str] = (), options: Sequence[str] = (),
                  allow_not_applicable: bool = True) -> Signifier:
    """Add a signifier: a triad needs three corner labels, a slider two poles, a choice
    two to twelve options; the feeling scale brings its own five."""
    if kind not in SignifierKind.values:
        raise ValidationError({"kind": _("Kies wat voor vraag het is.")})
    question = _clean_line(question, QUESTION_MAX, "question")
    labels = [" ".join((label or "").split()) for label in labels]
    needed = {SignifierKind.TRIAD: 3, SignifierKind.SLIDER: 2}.get(kind, 0)
    if needed:
        labels = (labels + [""] * needed)[:needed]
        for i, label in enumerate(labels):
            if not label:
                message = (_("Geef elke hoek een naam.") if needed == 3
                           else _("Geef beide polen een naam."))
                raise ValidationError({f"label_{'abc'[i]}": message})
            if len(label) > LABEL_MAX:
                raise ValidationError({f"label_{'abc'[i]}": _("Hoogstens %(limit)s tekens.")
                                       % {"limit": LABEL_MAX}})
        if len({label.lower() for label in labels}) < needed:
            raise ValidationError({"label_a": _("Geef elke hoek of pool een andere naam.")})
    if kind == SignifierKind.FEELING:
        options = [str(label) for label in FEELING_OPTIONS]
    elif kind in (SignifierKind.SINGLE, SignifierKind.MULTIPLE):
        options = [" ".join(o.split()) for o in options if o and o.strip()]
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise ValidationError({"options": _(
                "Geef twee tot %(max)s antwoorden, één per regel.") % {"max": MAX_OPTIONS}})
        if len({o.lower() for o in options}) < len(options):
            raise ValidationError({"options": _("Elk antwoord mag maar één keer voorkomen.")})
        if any(len(o) > 120 for o in options):
            raise ValidationError({"options": _("Een antwoord is hoogstens 120 tekens.")})
    else:
        options = []
    signifier = Signifier.objects.create(
        form=form, kind=kind, question=question, position=form.signifiers.count(),
        label_a=labels[0] if needed else "", label_b=labels[1] if needed else "",
        label_c=labels[2] if needed == 3 else "",
        allow_not_applicable=allow_not_applicable and kind in (SignifierKind.TRIAD,
                                                               SignifierKind.SLIDER),
    )
    SignifierOption.objects.bulk_create(
        SignifierOption(signifier=signifier, label=label, position=i)
        for i, label in enumerate(options)
    )
    bump(form.organisation)
    audit(form.organisation, actor, "stories.signifier_add",
          f"Vraag ‘{question}’ toegevoegd aan ‘{form.title}’", form=form.pk, kind=kind)
    return signifier


def signifier_remove(signifier: Signifier, actor) -> None:
    form = signifier.form
    if form_is_locked(form):
        raise ValidationError(_("Met dit formulier zijn al verhalen verteld; de vragen "
                                "blijven staan zoals ze gesteld zijn."))
    signifier.delete()
    bump(form.organisation)
    audit(form.organisation, actor, "stories.signifier_remove",
          f"Vraag ‘{signifier.question}’ verwijderd uit ‘{form.title}’", form=form.pk)


# ---------------------------------------------------------------- telling


def _percent(value: float) -> str:
    rounded = round(value * 100, 1)
    return number_format(int(rounded) if rounded.is_integer() else rounded)


def _triad_answer(signifier, value) -> Answer:
    try:
        weights = [float(v) for v in value]
    except (TypeError, ValueError):
        raise ValidationError(_("Plaats een punt in de driehoek.")) from None
    if len(weights) != 3 or not all(math.isfinite(w) for w in weights):
        raise ValidationError(_("Plaats een punt in de driehoek."))
    if any(w < -ternary.TOLERANCE for w in weights):
        raise ValidationError(_("Dat punt ligt buiten de driehoek. Kies een punt binnen de "
                                "drie hoeken."))
    total = sum(weights)
    if abs(total - 1) > ternary.TOLERANCE:
        raise ValidationError(_("De drie delen moeten samen 100 %% zijn; nu is het "
                                "%(total)s %%.") % {"total": _percent(total)})
    a, b, c = (float(x) for x in ternary.validate(weights))
    return Answer(signifier=signifier, a=a, b=b, c=c)


def _slider_answer(signifier, value) -> Answer:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Zet de schuif ergens tussen de twee polen.")) from None
    if not math.isfinite(number) or not 0 <= number <= 1:
        raise ValidationError(_("De schuif staat buiten de schaal: kies een waarde van 0 tot "
                                "en met 100."))
    return Answer(signifier=signifier, value=number)


def _choice_answers(signifier, value, options: Mapping[int, SignifierOption]) -> list[Answer]:
    chosen = value if isinstance(value, list | tuple | set) else [value]
    if signifier.kind != SignifierKind.MULTIPLE and len(chosen) > 1:
        raise ValidationError(_("Kies één antwoord."))
    answers = []
    for option_id in dict.fromkeys(chosen):
        try:
            option = options[int(option_id)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(_("Dat antwoord hoort niet bij deze vraag.")) from None
        answers.append(Answer(signifier=signifier, option=option))
    return answers


def _answers(form: StoryForm, answers: Mapping) -> list[Answer]:
    signifiers = {s.pk: s for s in form.signifiers.prefetch_related("options")}
    errors: dict[str, list[str]] = {}
    rows: list[Answer] = []
    for key, value in answers.items():
        signifier = signifiers.get(key if isinstance(key, int) else getattr(key, "pk", None))
        if signifier is None:
            errors.setdefault("__all__", []).append(
                _("Een van de antwoorden hoort niet bij dit formulier. Laad de pagina "
                  "opnieuw en probeer het nog eens."))
            continue
        if value is None or value == [] or value == "":
            continue
        try:
            if value is NOT_APPLICABLE:
                if not signifier.allow_not_applicable:
                    raise ValidationError(_("Bij deze vraag kan ‘niet van toepassing’ niet."))
                rows.append(Answer(signifier=signifier, not_applicable=True))
            elif signifier.kind == SignifierKind.TRIAD:
                rows.append(_triad_answer(signifier, value))
            elif signifier.kind == SignifierKind.SLIDER:
                rows.append(_slider_answer(signifier, value))
            else:
                options = {o.pk: o for o in signifier.options.all()}
                rows.extend(_choice_answers(signifier, value, options))
        except ValidationError as exc:
            errors.setdefault(signifier_field(signifier), []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return rows


def story_validate(form: StoryForm, *, text: str, prompt=None, answers: Mapping | None = None,
                   teller_role: str, team=None, consent: str, author=None,
                   channel: str = Channel.APP, title: str = "") -> tuple[dict, list[Answer]]:
    """Check a story before it is stored; returns the clean fields and the answer rows.

    ``answers`` maps signifiers (or their ids) to: three weights summing to 1 (triad),
    a number from 0 to 1 (slider), an option id or a list of them (choices and the feeling
    scale), or NOT_APPLICABLE. Raises ValidationError with every problem at once."""
    org = form.organisation
    errors: dict[str, list[str]] = {}

    def fail(field, message):
        errors.setdefault(field, []).append(message)

    if not form.is_open:
        fail("__all__", _("Dit verhalenformulier is gesloten; er kunnen geen verhalen meer "
                          "bij."))
    if channel not in Channel.values:
        raise ValueError(channel)
    if channel == Channel.PUBLIC and (author is not None or not form.is_public):
        fail("__all__", _("Dit formulier is niet openbaar."))
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        fail("text", _("Schrijf je verhaal op: dit veld mag niet leeg zijn."))
    elif len(text) > TEXT_MAX:
        fail("text", _("Je verhaal is te lang: hoogstens %(limit)s tekens, nu %(count)s. "
                       "Vertel het korter, of vertel twee verhalen.")
             % {"limit": number_format(TEXT_MAX, force_grouping=True),
                "count": number_format(len(text), force_grouping=True)})
    title = " ".join((title or "").split())
    if len(title) > TITLE_MAX:
        fail("title", _("Een titel is hoogstens %(limit)s tekens.") % {"limit": TITLE_MAX})
    prompts = list(form.prompts.all())
    if prompt is not None and not isinstance(prompt, Prompt):
        prompt = next((p for p in prompts if str(p.pk) == str(prompt)), False)
    if prompt is False or (prompt is not None and prompt.form_id != form.pk):
        fail("prompt", _("Die vraag hoort niet bij dit formulier. Kies een van de vragen."))
    elif prompt is None and len(prompts) > 1:
        fail("prompt", _("Kies bij welke vraag je een verhaal vertelt."))
    elif prompt is None and prompts:
        prompt = prompts[0]
    if teller_role not in TellerRole.values:
        fail("teller_role", _("Kies wie je bent: je rol."))
    if team is not None and team.organisation_id != org.pk:
        fail("team", _("Dat team hoort niet bij deze organisatie."))
    if consent not in Consent.values:
        fail("consent", _("Kies wat er met je verhaal mag gebeuren."))
    if author is not None and not Membership.objects.filter(user=author,
                                                            organisation=org).exists():
        fail("__all__", _("Je hoort niet bij deze organisatie."))
    rows: list[Answer] = []
    try:
        rows = _answers(form, answers or {})
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    fields = {"text": text, "title": title, "prompt": prompt or None,
              "teller_role": teller_role, "team": team, "consent": consent,
              "author": author, "channel": channel}
    return fields, rows


@transaction.atomic
def story_tell(form: StoryForm, *, text: str, prompt=None, answers: Mapping | None = None,
               teller_role: str, team=None, consent: str, author=None,
               channel: str = Channel.APP, title: str = "", told_on=None,
               live_session=None, crafted_from: Iterable[Story] = ()) -> Story:
    """Store a story with its signification, or store nothing and raise ValidationError.

    ``author`` None means anonymous: no link to an account is kept. See
    :func:`story_validate` for the shape of ``answers``. ``live_session`` and
    ``crafted_from`` record where a story from a storytelling session came from."""
    fields, rows = story_validate(form, text=text, prompt=prompt, answers=answers,
                                  teller_role=teller_role, team=team, consent=consent,
                                  author=author, channel=channel, title=title)
    if live_session is not None and live_session.organisation_id != form.organisation_id:
        raise ValueError("a story and its session belong to one organisation")
    story = Story.objects.create(organisation=form.organisation, form=form,
                                 told_on=told_on or timezone.localdate(),
                                 live_session=live_session, **fields)
    sources = list(crafted_from)
    if any(source.organisation_id != form.organisation_id for source in sources):
        raise ValueError("a story is crafted from stories of its own organisation")
    if sources:
        story.crafted_from.set(sources)
    for row in rows:
        row.story = story
    Answer.objects.bulk_create(rows)
    search.index(story)
    # No bump: a new story changes the count and the highest id, which is the version a
    # pattern frame appends to.
    return story


# ---------------------------------------------------------------- library and consent


@transaction.atomic
def story_curate(story: Story, actor, *, title: str, purpose_part: str,
                 note: str = "") -> LibraryEntry:
    """Put a story in the library (or change its entry). Only with the teller's consent."""
    if story.consent != Consent.LIBRARY:
        raise ValidationError(_("De verteller heeft geen toestemming gegeven om dit verhaal "
                                "in de verhalenbank te zetten."))
    title = _clean_line(title, TITLE_MAX, "title")
    if purpose_part not in PurposePart.values:
        raise ValidationError({"purpose_part": _("Kies welk deel van de Bedoeling dit "
                                                 "verhaal concreet maakt.")})
    note = (note or "").strip()
    if len(note) > 1000:
        raise ValidationError({"note": _("Hoogstens 1000 tekens.")})
    version = purpose_for(story.organisation).current
    entry, created = LibraryEntry.objects.update_or_create(
        story=story,
        defaults={"organisation": story.organisation, "title": title,
                  "purpose_part": purpose_part, "note": note, "purpose_version": version},
        create_defaults={"organisation": story.organisation, "title": title,
                         "purpose_part": purpose_part, "note": note,
                         "purpose_version": version, "curated_by": actor},
    )
    search.index(story)
    bump(story.organisation, stories=[])
    audit(story.organisation, actor, "stories.curate",
          f"Verhaal {'in de verhalenbank gezet' if created else 'in de verhalenbank bijgewerkt'}:"
          f" ‘{title}’", story=story.pk, part=purpose_part)
    return entry


def story_uncurate(story: Story, actor) -> None:
    deleted, _rows = LibraryEntry.objects.filter(story=story).delete()
    if deleted:
        search.index(story)
        bump(story.organisation, stories=[])
        audit(story.organisation, actor, "stories.uncurate",
              "Verhaal uit de verhalenbank gehaald", story=story.pk)


@transaction.atomic
def story_consent_change(story: Story, teller, consent: str) -> Story:
    """The teller of a named story changes what may be done with it. Less consent than
    the library takes the story out of the library at once."""
    if story.author_id is None or story.author_id != getattr(teller, "pk", None):
        raise ValidationError(_("Alleen wie het verhaal vertelde, kan dit veranderen."))
    if consent not in Consent.values:
        raise ValidationError({"consent": _("Kies wat er met je verhaal mag gebeuren.")})
    story.consent = consent
    story.save(update_fields=["consent"])
    if consent != Consent.LIBRARY:
        LibraryEntry.objects.filter(story=story).delete()
    search.index(story)
    bump(story.organisation, stories=[story.pk])
    return story


@transaction.atomic
def story_delete(story: Story, actor) -> None:
    """Remove a story for good (the teller's wish, or something that should not be there)."""
    org, pk = story.organisation, story.pk
    story.delete()
    search.unindex(pk)
    bump(org, stories=[pk])
    audit(org, actor, "stories.delete", "Verhaal verwijderd", story=pk)


# ---------------------------------------------------------------- export


def stories_export(org, actor, selection, fmt: str) -> tuple[bytes, str, str]:
    """The selection's stories as CSV or XLSX (content, media type, file name); audited.

    Consent is respected row by row, see :mod:`bedoeling.stories.export`."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError(fmt)
    k = org.anonymity_threshold
    if selectors.selection_people(org, selection) < k:
        raise ValidationError(_("Deze verhalen kunnen van minder dan %(k)s mensen komen. Om "
                                "vertellers te beschermen exporteren we ze niet; maak de "
                                "selectie ruimer.") % {"k": k})
    header, rows = export.table(org, selection)
    stamp = timezone.localdate().isoformat()
    name = f"verhalen-{org.slug}-{stamp}.{fmt}"
    if fmt == "csv":
        content, media = export.to_csv(header, rows), exports.CSV_MEDIA_TYPE
    else:
        note = _("Deze export bevat losse verhalen; toon geen uitsplitsingen van minder dan "
                 "%(k)s verhalen.") % {"k": org.anonymity_threshold}
        content = export.to_xlsx(header, rows, org=org, selection=selection,
                                 threshold_note=note)
        media = exports.XLSX_MEDIA_TYPE
    audit(org, actor, "stories.export",
          f"{len(rows)} verhalen geëxporteerd als {fmt.upper()} (formulier "
          f"‘{selection.form.title}’)", format=fmt, count=len(rows), form=selection.form.pk,
          filtered=selection.is_narrowed)
    return content, media, name
