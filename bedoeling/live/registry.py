"""What the live engine knows of the world: building blocks and formats.

Domain apps register their own formats (and, where needed, blocks) in their
AppConfig.ready(); `live` never imports a domain app."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bedoeling.live.blocks import Block

BLOCKS: dict[str, "Block"] = {}
FORMATS: dict[str, "Format"] = {}


@dataclass(frozen=True)
class PhaseSpec:
    kind: str
    title: str
    prompt: str = ""
    # {"source": n} refers to the n-th phase of the same format (0-based).
    config: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Format:
    key: str
    name: str
    description: str
    phases: tuple[PhaseSpec, ...]
    anonymous: bool = True
    allow_names: bool = False
    # Called with the new session (inside its transaction) to link domain objects.
    on_create: Callable | None = None
    # Called after a session ends, to turn its output into domain objects.
    on_end: Callable | None = None
    # The URL name of a page showing what the session led to in the domain (optional).
    order: int = 100


def register_block(block: "Block") -> "Block":
    BLOCKS[block.kind] = block
    return block


def register_format(fmt: Format) -> Format:
    FORMATS[fmt.key] = fmt
    return fmt


def block_for(kind: str) -> "Block":
    from bedoeling.live.blocks import UnknownBlock

    return BLOCKS.get(kind) or UnknownBlock(kind)
