"""Who mentions whom: one index shape for backlinks and entity histories.

Backlinks index the pages that link to an entity (from the cross-linker's mentions);
histories index the events whose text names it (from the same matcher). Both are "for
each entity id, the items that mention it, in the order given", built in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

ItemT = TypeVar("ItemT")


def index_by_entity(
    items: Iterable[ItemT], entity_ids: Callable[[ItemT], Iterable[str]]
) -> dict[str, list[ItemT]]:
    """For each entity id, every item that `entity_ids` says mentions it, in item order.

    An item is listed once per entity however often it mentions it.
    """
    index: dict[str, list[ItemT]] = {}
    for item in items:
        for entity_id in dict.fromkeys(entity_ids(item)):
            index.setdefault(entity_id, []).append(item)
    return index
