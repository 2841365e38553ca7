"""Who mentions whom: for each entity id, the items that mention it, in the order given.

Entity histories index the events whose text names each entity this way. (Backlinks keep
each page's first link per entity instead, backlinks.first_links_by_entity, which a dirty
build can update page by page.)
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
