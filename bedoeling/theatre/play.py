"""What happens during play: the stops of a scene and their stages.

A scene is played until it is stopped (by the hall's presses crossing the joker's
threshold, or by the joker), frozen while the audience proposes directions for a
character, voted on, replayed with the chosen direction and judged; then it may be played
and stopped again (a new stop of the same scene). The stage of the current stop decides
what every view shows. Presses, votes and judgements are live votes on the scene's phase,
one per participant and question (`s<stop>` a press, `v<stop>` the chosen proposal's
number, `j<stop>` the judgement), so a retried press or vote never counts twice."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bedoeling.live import selectors
from bedoeling.live import services as live
from bedoeling.live.errors import LiveError
from bedoeling.theatre.models import PROPOSAL_MAX, Proposal, Scene, Stop

Stage = Stop.Stage
JUDGE_RANGE = range(1, 6)
PROPOSALS_PER_PERSON = 3


def scene_of(phase) -> Scene | None:
    scene_id = phase.config.get("scene")
    return Scene.objects.filter(pk=scene_id).first() if scene_id else None


# What a tap already knows about the phase it was given: set on that Phase instance (it
# lives for one request) by a press that was counted, so the phone's answer needs no query.
_PRESSED = "_theatre_pressed"


def current_stop(phase) -> Stop | None:
    pressed = phase.__dict__.get(_PRESSED)
    if pressed is not None:
        return pressed
    return Stop.objects.filter(phase=phase).order_by("-number").first()


def pressed_now(phase) -> bool:
    """Whether this request's press of the current stop was just counted."""
    return phase.__dict__.get(_PRESSED) is not None


def press_target(stop: Stop) -> str:
    return f"s{stop.pk}"


def vote_target(stop: Stop) -> str:
    return f"v{stop.pk}"


def judge_target(stop: Stop) -> str:
    return f"j{stop.pk}"


def meter(stop: Stop, now=None) -> dict:
    """Presses of this stop in the last `window` seconds, against the threshold."""
    now = now or timezone.now()
    count = selectors.target_count(stop.phase_id, press_target(stop),
                                   since=now - timedelta(seconds=stop.window))
    return {"count": count, "threshold": stop.threshold, "window": stop.window,
            "crossed": count >= stop.threshold,
            "pct": min(100, round(100 * count / stop.threshold)) if stop.threshold else 0}


def _moved(phase) -> None:
    live.session_transition(phase.session)


def _locked_stop(phase, *stages) -> Stop:
    stop = Stop.objects.select_for_update().filter(phase=phase).order_by("-number").first()
    if stop is None or (stages and stop.stage not in stages):
        raise LiveError(_("Dat kan nu niet: kijk bij welke stap de scène is."))
    return stop


# --- the joker ----------------------------------------------------------------------------

@transaction.atomic
def start(phase) -> Stop:
    """Play the scene (again): a new stop in play. The thresholds of the last stop carry
    over."""
    last = Stop.objects.select_for_update().filter(phase=phase).order_by("-number").first()
    if last is not None and last.stage not in (Stage.JUDGE, Stage.DONE):
        raise LiveError(_("Deze scène loopt nog. Rond eerst de stop af met een oordeel van "
                          "de zaal."))
    if last is not None and last.stage == Stage.JUDGE:
        last.stage = Stage.DONE
        last.save(update_fields=["stage"])
    config = phase.config
    stop = Stop.objects.create(
        session_id=phase.session_id, phase=phase, scene=scene_of(phase),
        number=(last.number + 1) if last else 1,
        threshold=last.threshold if last else int(config.get("threshold", 5)),
        window=last.window if last else int(config.get("window", 5)))
    _moved(phase)
    return stop


@transaction.atomic
def thresholds_set(phase, *, threshold: int, window: int) -> Stop:
    if not 1 <= threshold <= 5000 or not 2 <= window <= 60:
        raise LiveError(_("Kies een drempel van 1 tot 5000 mensen en een tijd van 2 tot 60 "
                          "seconden."))
    stop = _locked_stop(phase, Stage.PLAY)
    stop.threshold, stop.window = threshold, window
    stop.save(update_fields=["threshold", "window"])
    live.changed(phase.session_id)
    return stop


@transaction.atomic
def freeze(phase, *, character: str) -> Stop:
    character = " ".join((character or "").split())[:80]
    if not character:
        raise LiveError(_("Kies het personage waarvoor de zaal regie geeft."))
    stop = _locked_stop(phase, Stage.PLAY)
    now = timezone.now()
    stop.stopped_by = Stop.By.HALL if meter(stop, now)["crossed"] else Stop.By.JOKER
    stop.stage, stop.stopped_at, stop.character = Stage.FROZEN, now, character
    # Counted from the start of the run this stop interrupted (the first play or a replay),
    # not from the scene's first play: that is the time a joker reading the log can place.
    stop.at_seconds = max(0, round((now - stop.started_at).total_seconds()))
    stop.presses = selectors.target_count(phase.pk, press_target(stop))
    stop.save()
    _moved(phase)
    return stop


@transaction.atomic
def proposal_hide(phase, number: int, hidden: bool = True) -> Proposal:
    stop = _locked_stop(phase, Stage.FROZEN, Stage.VOTE)
    proposal = stop.proposals.filter(number=number).first()
    if proposal is None:
        raise LiveError(_("Dit voorstel bestaat niet (meer)."))
    proposal.hidden = hidden
    proposal.save(update_fields=["hidden"])
    _moved(phase)
    return proposal


@transaction.atomic
def proposal_merge(phase, number: int, into: int) -> Proposal:
    stop = _locked_stop(phase, Stage.FROZEN)
    found = {p.number: p for p in stop.proposals.filter(number__in=[number, into])}
    if number == into or len(found) != 2 or not found[into].visible:
        raise LiveError(_("Kies twee verschillende voorstellen om samen te voegen."))
    found[number].merged_into = found[into]
    found[number].save(update_fields=["merged_into"])
    _moved(phase)
    return found[number]


@transaction.atomic
def vote_open(phase) -> Stop:
    stop = _locked_stop(phase, Stage.FROZEN)
    if not any(p.visible for p in stop.proposals.all()):
        raise LiveError(_("Er is nog geen voorstel om over te stemmen."))
    stop.stage = Stage.VOTE
    stop.save(update_fields=["stage"])
    _moved(phase)
    return stop


def results(stop: Stop) -> list[dict]:
    """The visible proposals with their votes, most votes first (then the oldest)."""
    counts = selectors.tallies(stop.phase).get(vote_target(stop), {"values": {}})["values"]
    rows = [{"proposal": p, "votes": counts.get(p.number, 0)}
            for p in stop.proposals.all() if p.visible]
    rows.sort(key=lambda r: (-r["votes"], r["proposal"].number))
    return rows


@transaction.atomic
def choose(phase, number: int | None = None) -> Stop:
    """Reveal the choice: the proposal with the most votes, or the one the joker names."""
    stop = _locked_stop(phase, Stage.VOTE)
    rows = results(stop)
    chosen = (next((r["proposal"] for r in rows if r["proposal"].number == number), None)
              if number is not None else (rows[0]["proposal"] if rows else None))
    if chosen is None:
        raise LiveError(_("Dit voorstel bestaat niet (meer)."))
    stop.chosen, stop.stage = chosen, Stage.REPLAY
    stop.save(update_fields=["chosen", "stage"])
    _moved(phase)
    return stop


@transaction.atomic
def judge_open(phase) -> Stop:
    stop = _locked_stop(phase, Stage.REPLAY)
    stop.stage = Stage.JUDGE
    stop.save(update_fields=["stage"])
    _moved(phase)
    return stop


@transaction.atomic
def notes_set(phase, stop_number: int, text: str) -> Stop:
    stop = Stop.objects.select_for_update().filter(phase=phase, number=stop_number).first()
    if stop is None:
        raise LiveError(_("Deze stop bestaat niet (meer)."))
    stop.notes = (text or "").strip()[:2000]
    stop.save(update_fields=["notes"])
    live.changed(phase.session_id)
    return stop


# --- the audience -------------------------------------------------------------------------

def _stop_id(raw) -> int:
    """The stop's id a phone sent, as its form writes it (ASCII digits); 0 for anything
    else."""
    raw = str(raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0


def _stop_for(phase, raw) -> Stop:
    stop_id = _stop_id(raw)
    stop = Stop.objects.filter(pk=stop_id, phase=phase).only("stage", "phase_id").first()
    if stop is None:
        raise LiveError(_("Deze scène speelt niet meer. Kijk op je scherm wat nu de "
                          "bedoeling is."))
    return stop


class PlayingStop(live.RowTargets):
    """What a press may be for: "s" + the id of a stop of this phase that is being played.
    The stage is checked in the write itself: a press that arrives as the joker freezes
    the scene is either counted before or refused after, never counted for a frozen one."""

    prefix = "s"

    def __init__(self, phase):
        self.phase_id = phase.pk

    def guard(self, target: str) -> live.Guard:
        return live.Guard(Stop, int(target[1:]), (("phase", self.phase_id),
                                                  ("stage", Stage.PLAY)))


def press(phase, participant, stop_raw) -> None:
    """A press of STOP during play: once per participant and stop, however often it is
    sent (a double tap, a phone that sends its press again when it is back online). This
    runs for every phone in a hall within seconds: one statement checks and writes."""
    stop_id = _stop_id(stop_raw)
    target = f"s{stop_id}" if stop_id else ""
    try:
        live.vote_upsert(phase, participant, target=target, value=1,
                         targets=PlayingStop(phase), values=(1,), refusal="")
    except LiveError as error:
        if str(error):
            raise  # the phone may not give input now (ended, another phase, its role)
        _stop_for(phase, stop_raw)  # says so when there is no such stop
        raise LiveError(_("De scène staat al stil; je STOP telt niet meer mee.")) from None
    # The stop in play is always the phase's last one (`start` refuses a new one before):
    # the answer to this phone needs nothing more from the database.
    phase.__dict__[_PRESSED] = Stop.from_db(
        Stop.objects.db, ["id", "phase_id", "stage"], [stop_id, phase.pk, Stage.PLAY])


def propose(phase, participant, *, stop_raw, text: str, client_key: str = "") -> Proposal:
    live.input_check(phase, participant, "regie")
    stop = _stop_for(phase, stop_raw)
    if stop.stage != Stage.FROZEN:
        raise LiveError(_("Voorstellen kan alleen als de scène stilstaat."))
    text = " ".join((text or "").split())
    if not text:
        raise LiveError(_("Je voorstel is nog leeg. Schrijf wat het personage zou kunnen "
                          "doen."))
    if len(text) > PROPOSAL_MAX:
        raise LiveError(_("Je voorstel is te lang (%(n)s tekens); houd het bij %(max)s.")
                        % {"n": len(text), "max": PROPOSAL_MAX})
    client_key = (client_key or "")[:40]
    try:
        with transaction.atomic():
            locked = Stop.objects.select_for_update().get(pk=stop.pk)
            if locked.stage != Stage.FROZEN:
                raise LiveError(_("Voorstellen kan alleen als de scène stilstaat."))
            if client_key:
                earlier = Proposal.objects.filter(participant=participant,
                                                  client_key=client_key).first()
                if earlier is not None:
                    return earlier
            if locked.proposals.filter(participant=participant).count() >= PROPOSALS_PER_PERSON:
                raise LiveError(_("Je deed al %(n)s voorstellen bij deze stop; meer kan niet.")
                                % {"n": PROPOSALS_PER_PERSON})
            number = (locked.proposals.aggregate(n=Max("number"))["n"] or 0) + 1
            proposal = Proposal.objects.create(stop=locked, number=number,
                                               participant=participant, text=text,
                                               client_key=client_key)
    except IntegrityError:
        # The same retry raced itself: the first one won, which is what the phone meant.
        return Proposal.objects.get(participant=participant, client_key=client_key)
    live.changed(phase.session_id)
    return proposal


def vote(phase, participant, *, stop_raw, number) -> None:
    stop = _stop_for(phase, stop_raw)
    if stop.stage != Stage.VOTE:
        live.input_check(phase, participant, "regie")
        raise LiveError(_("Stemmen kan nu niet: de joker heeft de stemming nog niet "
                          "geopend, of al gesloten."))
    numbers = {p.number for p in stop.proposals.all() if p.visible}
    live.vote_upsert(phase, participant, target=vote_target(stop),
                     value=int(number) if str(number).isdecimal() else -1,
                     targets=(vote_target(stop),), values=numbers,
                     refusal=_("Kies een van de voorstellen."))


def judge(phase, participant, *, stop_raw, value) -> None:
    stop = _stop_for(phase, stop_raw)
    if stop.stage != Stage.JUDGE:
        live.input_check(phase, participant, "regie")
        raise LiveError(_("Je oordeel kan pas na het herspelen."))
    live.vote_upsert(phase, participant, target=judge_target(stop),
                     value=int(value) if str(value).isdecimal() else -1,
                     targets=(judge_target(stop),), values=JUDGE_RANGE,
                     refusal=_("Kies een waarde van 1 tot 5."))
