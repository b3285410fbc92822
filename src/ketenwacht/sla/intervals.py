"""Vectorised interval unions, grouped by an integer key (one group per service).

Every group's intervals lie in [0, span]; group ``g`` is shifted by ``g * (span + 1)`` onto one
*key* line, so one sort and one running maximum merge every group at once without mixing groups
(the shift leaves a gap of at least one second between groups).
"""

from __future__ import annotations

import numpy as np


def to_keys(group: np.ndarray, starts: np.ndarray, ends: np.ndarray,
            span: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Intervals on the key line, sorted by start, and the sorting order."""
    offset = group.astype(np.int64) * (span + 1)
    key_s = starts + offset
    if key_s.size == 0:
        return key_s, ends + offset, np.zeros(0, dtype=np.int64)
    bits = max(1, (key_s.size - 1).bit_length())
    if int(key_s.max()).bit_length() + bits <= 62:
        # Sorting keys with their index packed into the low bits is much faster than argsort.
        packed = np.sort((key_s << bits) | np.arange(key_s.size, dtype=np.int64))
        order = packed & ((1 << bits) - 1)
        return packed >> bits, (ends + offset)[order], order
    order = np.argsort(key_s)
    return key_s[order], (ends + offset)[order], order


def merge_sorted(key_s: np.ndarray, key_e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge overlapping or touching intervals, given sorted by start."""
    if key_s.size == 0:
        return key_s, key_e
    run_end = np.maximum.accumulate(key_e)
    new = np.empty(key_s.size, dtype=bool)
    new[0] = True
    np.greater(key_s[1:], run_end[:-1], out=new[1:])
    first = np.flatnonzero(new)
    last = np.empty_like(first)
    last[:-1] = first[1:] - 1
    last[-1] = key_s.size - 1
    return key_s[first], run_end[last]


def slot_expand_keys(key_s: np.ndarray, key_e: np.ndarray, slot: int, span: int) -> tuple[np.ndarray, np.ndarray]:
    """Widen merged intervals to whole ``slot``-second slots from each group's 0 (capped at
    ``span``), then re-merge; widening keeps the order, so no second sort is needed."""
    if slot <= 1 or key_s.size == 0:
        return key_s, key_e
    base = (key_s // (span + 1)) * (span + 1)
    lo = base + ((key_s - base) // slot) * slot
    hi = base + np.minimum(-((base - key_e) // slot) * slot, span)
    return merge_sorted(lo, hi)


def group_of(key_s: np.ndarray, span: int) -> np.ndarray:
    return key_s // (span + 1)


def grouped_union(group: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                  span: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Merged intervals per group as (group, start, end), sorted by group then start."""
    key_s, key_e, _ = to_keys(group, starts, ends, span)
    key_s, key_e = merge_sorted(key_s, key_e)
    g = group_of(key_s, span)
    base = g * (span + 1)
    return g, key_s - base, key_e - base


def per_group_sum_max(group: np.ndarray, lengths: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum and maximum of ``lengths`` per group (``group`` sorted ascending)."""
    total = np.bincount(group, weights=lengths, minlength=n_groups)
    longest = np.zeros(n_groups, dtype=np.int64)
    if lengths.size:
        first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
        longest[group[first]] = np.maximum.reduceat(lengths, first)
    return total, longest
