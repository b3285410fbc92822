"""Precomputed open-time tables: the core of all business-time arithmetic.

For a range of local years a calendar is flattened into a sorted array of open segments in epoch
seconds (adjacent segments merged) with the cumulative open seconds before each one.  ``F(t)``, the
open seconds from the table origin up to instant ``t``, is then one binary search plus a clip, and
business time between two instants is ``F(end) - F(start)``.  Segments are made by walking *local
dates* and mapping each wall time with ``wall_to_epoch``, so a day of 23 or 25 hours contributes
its real length.  The same arrays serve the scalar path (``bisect`` on lists) and the vectorised
path (``numpy.searchsorted``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

import numpy as np

from .closed import ClosedDays
from .timeparse import date_time_to_epoch

DAY = 86400
Segments = Sequence[tuple[int, int]]


class OpenTable:
    """Open segments of one calendar for local years ``first_year``..``last_year`` (inclusive)."""

    __slots__ = ("first_year", "last_year", "lo", "hi", "starts", "ends", "cum", "cum_end",
                 "_starts_l", "_cum_l", "_cum_end_l", "_lens_l")

    def __init__(self, zone: dt.tzinfo, weekly: Sequence[Segments], closed: ClosedDays,
                 first_year: int, last_year: int) -> None:
        self.first_year, self.last_year = first_year, last_year
        day = dt.date(first_year, 1, 1)
        last = dt.date(last_year, 12, 31)
        day_start = date_time_to_epoch(zone, day, 0)
        self.lo = day_start
        starts: list[int] = [day_start]  # a zero-length sentinel so every covered t has a segment
        ends: list[int] = [day_start]
        one_day = dt.timedelta(days=1)
        closed_year, closed_set = None, frozenset()
        while day <= last:
            nxt = day + one_day
            next_start = date_time_to_epoch(zone, nxt, 0)
            segs = weekly[day.weekday()]
            if segs:
                if day.year != closed_year:
                    closed_year, closed_set = day.year, closed.in_year(day.year)
                if day not in closed_set:
                    # A plain 24-hour day maps wall seconds linearly; otherwise (a DST day) map
                    # every boundary on its own.
                    plain = next_start - day_start == DAY
                    for a, b in segs:
                        if plain:
                            s, e = day_start + a, day_start + b
                        else:
                            s = date_time_to_epoch(zone, day, a)
                            e = date_time_to_epoch(zone, day, b)
                        if e <= s:
                            continue  # the segment lies wholly in a skipped hour
                        if s == ends[-1]:
                            ends[-1] = e
                        else:
                            starts.append(s)
                            ends.append(e)
            day, day_start = nxt, next_start
        self.hi = day_start
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        lens = self.ends - self.starts
        self.cum_end = np.cumsum(lens)
        self.cum = self.cum_end - lens
        self._starts_l = starts
        self._lens_l = lens.tolist()
        self._cum_l = self.cum.tolist()
        self._cum_end_l = self.cum_end.tolist()

    @property
    def total(self) -> int:
        return self._cum_end_l[-1]

    def covers(self, lo: int, hi: int) -> bool:
        return self.lo <= lo and hi <= self.hi

    # -- scalar ---------------------------------------------------------------------------
    def f(self, t: int) -> int:
        """Open seconds from the table origin up to ``t`` (``t`` must be covered)."""
        i = bisect.bisect_right(self._starts_l, t) - 1
        return self._cum_l[i] + min(max(t - self._starts_l[i], 0), self._lens_l[i])

    def first_reaching(self, target: int) -> int:
        """The earliest instant ``t`` with ``f(t) >= target`` (0 < target <= total)."""
        i = bisect.bisect_left(self._cum_end_l, target)
        return self._starts_l[i] + (target - self._cum_l[i])

    def last_at_most(self, target: int) -> int:
        """The latest instant ``t`` with ``f(t) <= target`` (0 <= target < total)."""
        i = bisect.bisect_right(self._cum_l, target) - 1
        return self._starts_l[i] + (target - self._cum_l[i])

    def is_open(self, t: int) -> bool:
        i = bisect.bisect_right(self._starts_l, t) - 1
        return self._starts_l[i] <= t < self._starts_l[i] + self._lens_l[i]

    def segments_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Open segments clipped to [lo, hi)."""
        i = max(bisect.bisect_right(self._starts_l, lo) - 1, 0)
        out = []
        while i < len(self._starts_l) and self._starts_l[i] < hi:
            s, e = self._starts_l[i], self._starts_l[i] + self._lens_l[i]
            s, e = max(s, lo), min(e, hi)
            if s < e:
                out.append((s, e))
            i += 1
        return out

    # -- vectorised -------------------------------------------------------------------------
    def f_many(self, t: np.ndarray) -> np.ndarray:
        """``f`` over an int64 array (all elements covered)."""
        i = np.searchsorted(self.starts, t, side="right") - 1
        seg_start = self.starts[i]
        return self.cum[i] + np.clip(t - seg_start, 0, self.ends[i] - seg_start)

    def first_reaching_many(self, target: np.ndarray) -> np.ndarray:
        i = np.searchsorted(self.cum_end, target, side="left")
        return self.starts[i] + (target - self.cum[i])
