"""What each app holds about a person, registered by the app itself (AVG/GDPR).

An app that stores something about a person adds `<app>/personal_data.py` calling
`register(PersonalData(...))`; `privacy` finds these modules at start-up. The personal
download then includes the app's part, and deleting an account runs its `erase` and shows
its `on_delete` sentence, without `privacy` knowing the app's tables."""

from collections.abc import Callable
from dataclasses import dataclass

_PROVIDERS: dict[str, "PersonalData"] = {}


@dataclass(frozen=True)
class PersonalData:
    key: str
    """Name of the part in the download (`stories`), unique."""
    label: str
    """What it is, for the page (a lazy Dutch message id)."""
    export: Callable
    """`export(user) -> list[dict]`: her rows, as plain JSON values."""
    on_delete: str
    """What happens to it when she deletes her account (a lazy Dutch message id)."""
    erase: Callable | None = None
    """`erase(user)`: runs in the deletion's transaction before the account goes. Rows
    with a cascading foreign key to the user need none."""
    order: int = 50


def register(provider: PersonalData) -> None:
    _PROVIDERS[provider.key] = provider


def providers() -> list[PersonalData]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.key))
