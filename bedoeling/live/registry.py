"""What the live engine knows of the world: building blocks and formats, and the API a
domain uses to add its own (see docs/live.md).

Domain apps register their own formats (and, where needed, blocks) in their
AppConfig.ready(); `live` never imports a domain app."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bedoeling.live import selectors
from bedoeling.live.errors import LiveError
from bedoeling.live.models import Phase

BLOCKS: dict[str, "Block"] = {}
FORMATS: dict[str, "Format"] = {}


class Undoable(str):
    """What `Block.control_act` returns when the control view should offer to undo it:
    the message, and `undo`, the fields of the POST to the same phase that undoes it."""

    undo: dict[str, str]

    def __new__(cls, message: str, undo: dict[str, str]):
        value = super().__new__(cls, message)
        value.undo = undo
        return value


class Block:
    kind = ""
    label = ""
    help = ""
    has_results = True  # results stay hidden on the screen until revealed
    personal = True  # the phone shows a part of its own
    # Re-render the screen about once a second even without new input: for views that
    # change with time (the stop signal) or are recomputed on a throttle (an opinion map).
    periodic = False
    # Views of its own for a role that declares one (RoleSpec.view): a partial of that
    # name in the block's template replaces the phone's, e.g. the actors' "stage".
    views: tuple[str, ...] = ()

    def state_key(self, phase: Phase) -> str:
        """Changes when phones must fetch their personal part again within one phase (a
        block with stages of its own); the engine already covers phase, lock and reveal."""
        return ""

    @property
    def template(self) -> str:
        return f"live/blocks/{self.kind}.html"

    def screen_context(self, phase: Phase) -> dict:
        return {}

    def phone_context(self, phase: Phase) -> dict:
        """Data for the phone partial: the same for every phone (rendered once per role)."""
        return {}

    def control_context(self, phase: Phase) -> dict:
        return self.screen_context(phase)

    def personal_context(self, phase: Phase, participant) -> dict:
        return {}

    def act(self, phase: Phase, participant, data) -> str | None:
        """Handle a phone's POST; return a short confirmation, or raise LiveError."""
        raise LiveError(_("Dit kan in deze fase niet."))

    def example_input(self, phase: Phase) -> dict | None:
        """A phone's POST this phase accepts now, or None if it takes none (or has nothing
        to take it on yet). The contract test (live/tests/test_contract.py) sends it to
        every phase of every registered format and block: accepted when open, refused
        with nothing stored when locked, hidden or read-only."""
        return None

    def control_act(self, phase: Phase, user, action: str, data) -> str | None:
        """Handle the facilitator's POST; return a short confirmation (an `Undoable` when
        the control view should offer to undo it), or raise LiveError."""
        raise LiveError(_("Dit kan in deze fase niet."))

    def harvest_context(self, phase: Phase) -> dict:
        return self.screen_context(phase)

    def csv_rows(self, phase: Phase) -> list[list]:
        return []

    def contributors(self, phase: Phase) -> set[int] | None:
        """The ids of the participants who gave input in this phase, or None when the block
        cannot tell (then an asynchronous session sends no reminders for it). The default
        counts cards, votes and stop presses; a block that stores its input elsewhere says
        so here."""
        if not self.personal:
            return None
        return selectors.contributors(phase)

    # The block's own settings: a form whose fields are named as the keys of the phase's
    # config they set, used by the hand-built phase editor and checked against every
    # format's phases at registration. None: the block asks nothing.
    settings_form: type[forms.Form] | None = None
    # Settings every phase of this block has, whoever made it.
    fixed_config: dict = {}
    # The block works on the cards or groups of an earlier phase (config "source").
    needs_source = False

    def settings(self, data=None, *, prefix: str | None = None) -> forms.Form | None:
        if self.settings_form is None:
            return None
        return self.settings_form(data, prefix=prefix or self.kind)

    def config_from(self, cleaned: dict) -> dict:
        """A phase's config from its settings form's cleaned data."""
        config = {k: v for k, v in cleaned.items() if v not in (None, "", [])}
        config.update(self.fixed_config)
        return config

    def config_problems(self, config: dict) -> list[str]:
        """What is wrong with a format's settings for a phase of this block, checked by
        the same form the phase editor uses."""
        if self.settings_form is None:
            return []
        form = self.settings_form(_as_form_data(self.settings_form, config))
        if form.is_valid():
            return []
        return [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]


class ListField(forms.CharField):
    """A block setting that is a list: comma-separated on one line, or one per line."""

    def __init__(self, *, separator: str = ",", max_items: int = 12, **kwargs):
        self.separator, self.max_items = separator, max_items
        if separator == "\n":
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value) or ""
        items = [item.strip() for item in text.split(self.separator) if item.strip()]
        if len(items) > self.max_items:
            raise forms.ValidationError(
                _("Hoogstens %(n)s, nu %(count)s.") % {"n": self.max_items, "count": len(items)})
        return items


def _as_form_data(form_class, config: dict) -> dict:
    """A config as the POST of its settings form would carry it."""
    data = {}
    for name, form_field in form_class.base_fields.items():
        if name not in config:
            continue
        value = config[name]
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = getattr(form_field, "separator", ",").join(str(v) for v in value)
        else:
            data[name] = str(value)
    return data


class UnknownBlock(Block):
    label = gettext_lazy("onbekend")
    has_results = False
    personal = False

    def __init__(self, kind):
        self.kind = kind

    @property
    def template(self) -> str:
        return "live/blocks/info.html"


@dataclass(frozen=True)
class RoleSpec:
    """A role a format gives some participants: the case owner of an intervision, an
    actor. Phases name the roles they hide from or let only watch."""

    key: str
    label: str
    help: str = ""
    # Held by one participant at a time: giving it to someone takes it from the last.
    single: bool = False
    # A view of its own instead of the phone's (a tablet beside the stage shows the
    # block's partial of this name, see Block.views); "" the phone.
    view: str = ""


@dataclass(frozen=True)
class PhaseSpec:
    kind: str
    title: str
    prompt: str = ""
    # The block's settings (its settings form checks them at registration);
    # {"source": n} refers to the n-th phase of the same format (0-based).
    config: dict = field(default_factory=dict)
    # Role keys whose phones show only that they listen now (no title, prompt or input).
    hidden_from: tuple[str, ...] = ()
    # Role keys whose phones show the phase but give no input.
    readonly_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Format:
    key: str
    name: str
    description: str
    phases: tuple[PhaseSpec, ...]
    anonymous: bool = True
    allow_names: bool = False
    roles: tuple[RoleSpec, ...] = ()
    # Called with the new session (inside its transaction) to link domain objects.
    on_create: Callable | None = None
    # Called after a session ends, to turn its output into domain objects.
    on_end: Callable | None = None
    order: int = 100

    def role(self, key: str) -> RoleSpec | None:
        return next((r for r in self.roles if r.key == key), None)


def format_problems(fmt: Format, *, blocks_known: bool = True) -> list[str]:
    """What is wrong with a format: phases of unknown blocks, settings its blocks' forms
    refuse, a source that is not an earlier phase, roles it does not declare."""
    problems = []
    declared = {r.key for r in fmt.roles}
    for index, spec in enumerate(fmt.phases):
        where = f"{fmt.key} phase {index} ({spec.kind})"
        block = BLOCKS.get(spec.kind)
        if block is None:
            if blocks_known:
                problems.append(f"{where}: no block of this kind is registered")
        else:
            problems += [f"{where}: {p}" for p in block.config_problems(spec.config)]
            if block.needs_source and spec.config.get("source") is None:
                problems.append(f"{where}: needs a source phase")
        source = spec.config.get("source")
        if source is not None and not (isinstance(source, int) and 0 <= source < index):
            problems.append(f"{where}: source {source!r} is not an earlier phase")
        for key in (*spec.hidden_from, *spec.readonly_for):
            if key not in declared:
                problems.append(f"{where}: role {key!r} is not declared in the format")
    return problems


def role_label(format_key: str, role: str) -> str:
    """How a role is shown: the format's label for a declared role, else its name."""
    fmt = FORMATS.get(format_key)
    spec = fmt.role(role) if fmt else None
    return str(spec.label) if spec else role


def register_block(block: "Block") -> "Block":
    BLOCKS[block.kind] = block
    return block


def register_format(fmt: Format) -> Format:
    # Blocks of other apps may register later; the contract test checks those too.
    problems = format_problems(fmt, blocks_known=False)
    if problems:
        raise ImproperlyConfigured("; ".join(problems))
    FORMATS[fmt.key] = fmt
    return fmt


def block_for(kind: str) -> "Block":
    return BLOCKS.get(kind) or UnknownBlock(kind)
