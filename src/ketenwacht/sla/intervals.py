"""Vectorised interval unions, grouped by an integer key (one group per service)."""

from __future__ import annotations

import numpy as np


def grouped_union(group: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                  span: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Merge overlapping or touching intervals within each group.

    All intervals lie in [0, span]; each group is shifted by ``group * (span + 1)`` so that one
    sort and one running maximum merge every group at once without mixing groups.  Returns the
    merged intervals as (group, start, end), sorted by group then start.
    """
    if starts.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    offset = group.astype(np.int64) * (span + 1)
    s = starts + offset
    order = np.argsort(s, kind="stable")
    s = s[order]
    e = (ends + offset)[order]
    run_end = np.maximum.accumulate(e)
    new = np.empty(s.size, dtype=bool)
    new[0] = True
    np.greater(s[1:], run_end[:-1], out=new[1:])
    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, s.size - 1)
    g = group[order][first].astype(np.int64)
    base = g * (span + 1)
    return g, s[first] - base, run_end[last] - base


def slot_expand(group: np.ndarray, starts: np.ndarray, ends: np.ndarray, slot: int,
                span: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Widen each interval to whole ``slot``-second slots counted from 0 (capped at ``span``), then re-merge."""
    if slot <= 1 or starts.size == 0:
        return group, starts, ends
    lo = (starts // slot) * slot
    hi = np.minimum(-((-ends) // slot) * slot, span)
    return grouped_union(group, lo, hi, span)


def per_group_sum_max(group: np.ndarray, lengths: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum and maximum of ``lengths`` per group (``group`` sorted ascending)."""
    total = np.bincount(group, weights=lengths, minlength=n_groups)
    longest = np.zeros(n_groups, dtype=np.int64)
    if lengths.size:
        first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
        longest[group[first]] = np.maximum.reduceat(lengths, first)
    return total, longest
