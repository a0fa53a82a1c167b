"""Bounded memos for the resident process (`build.py watch`): results kept across rebuilds.

A rebuild after an edit repeats, for everything the edit did not touch, work whose result
is a pure function of its input: font subsets and their compressed bytes, a paragraph's
lines, a line's PDF text operators. Each cache keeps such results in a Memo, keyed by
everything the result depends on, so what is written is the same as without the memo.
A Memo is bounded by the total size of what it holds; the least recently used go first.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable


class Memo:
    """A least-recently-used map, bounded by the summed `size_of` its values (plus their
    keys' sizes as given to get)."""

    def __init__(self, limit: int, size_of: Callable[[object], int] = len):
        self.limit, self.size, self.size_of = limit, 0, size_of
        self.items: OrderedDict = OrderedDict()      # key -> (value, its size)

    def get(self, key, make, size_of_key: int = 0):
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
            return found[0]
        value = make()
        self.put(key, value, size_of_key)
        return value

    def put(self, key, value, size_of_key: int = 0) -> None:
        size = self.size_of(value) + size_of_key
        old = self.items.pop(key, None)
        if old is not None:
            self.size -= old[1]
        self.items[key] = (value, size)
        self.size += size
        while self.size > self.limit and len(self.items) > 1:
            _key, (_value, old_size) = self.items.popitem(last=False)
            self.size -= old_size

    def peek(self, key):
        """The kept value or None, marked as recently used."""
        found = self.items.get(key)
        if found is None:
            return None
        self.items.move_to_end(key)
        return found[0]
