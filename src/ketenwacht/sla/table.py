"""Precomputed open-time tables: the core of all business-time arithmetic.

A physical second is business time when the local clock at that second shows an open time of
day on an open date.  For a range of local years the calendar is first laid out on the *local*
time line (seconds since 1970-01-01 00:00 wall time, one open interval per segment per open
day), then mapped to physical time piece by piece between the zone's UTC-offset changes: in a
piece with offset ``o`` the instant ``t`` shows wall time ``t + o``.  So a skipped hour is never
open, a repeated hour is open twice when its wall time is open, and a 00:00–24:00 day lasts 23
or 25 hours at the DST changes.

The result is a sorted array of disjoint open intervals (epoch seconds) with the cumulative open
seconds before each.  ``F(t)`` — open seconds from the table origin up to ``t`` — is one binary
search plus a clip, and business time between two instants is ``F(end) - F(start)``.  The scalar
path uses ``bisect`` on lists, the vectorised path ``numpy.searchsorted`` on the same arrays.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .closed import ClosedDays
from .timeparse import date_time_to_epoch, zone_by_name, zone_name

DAY = 86400
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
Segments = Sequence[tuple[int, int]]


def _offset(zone: dt.tzinfo, t: int) -> int:
    return int(dt.datetime.fromtimestamp(t, zone).utcoffset().total_seconds())


@lru_cache(maxsize=64)
def _offset_pieces(zone_key: str, lo: int, hi: int) -> tuple[tuple[int, int, int], ...]:
    """(start, end, utc offset) pieces covering [lo, hi): the offset is constant inside each.

    Scans once a day and bisects to the second where the offset changes (zones change their
    offset at most once within any 24 hours).
    """
    zone = zone_by_name(zone_key)
    pieces = []
    start, offset = lo, _offset(zone, lo)
    t = lo
    while t < hi:
        nxt = min(t + DAY, hi)
        nxt_offset = _offset(zone, nxt)
        if nxt_offset != offset:
            a, b = t, nxt  # offset(a) == offset, offset(b) != offset
            while b - a > 1:
                mid = (a + b) // 2
                if _offset(zone, mid) == offset:
                    a = mid
                else:
                    b = mid
            pieces.append((start, b, offset))
            start, offset = b, nxt_offset
        t = nxt
    pieces.append((start, hi, offset))
    return tuple(pieces)


def _merge_touching(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge sorted, disjoint intervals where one ends exactly where the next starts."""
    if starts.size == 0:
        return starts, ends
    keep_start = np.r_[True, starts[1:] != ends[:-1]]
    keep_end = np.r_[starts[1:] != ends[:-1], True]
    return starts[keep_start], ends[keep_end]


class OpenTable:
    """Open intervals of one calendar for local years ``first_year``..``last_year``.

    Exact for instants in [``lo``, ``hi``]: from the first local midnight of the second day to the
    first local midnight of the last day (a day's margin either side absorbs the zone offset).
    """

    __slots__ = ("first_year", "last_year", "lo", "hi", "starts", "ends", "cum", "cum_end",
                 "_starts_l", "_cum_l", "_cum_end_l", "_lens_l", "_end_after", "_base_after",
                 "_grid0", "_grid_step", "_grid_j", "_grid_k", "_starts_pad")

    def __init__(self, zone: dt.tzinfo, weekly: Sequence[Segments], closed: ClosedDays,
                 first_year: int, last_year: int) -> None:
        self.first_year, self.last_year = first_year, last_year
        first, last = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
        self.lo = date_time_to_epoch(zone, first + dt.timedelta(days=1), 0)
        self.hi = date_time_to_epoch(zone, last, 0)
        local_s, local_e = self._local_open(weekly, closed, first, last)
        # Map the local time line to physical time, one constant-offset piece at a time.
        lo_phys = self.lo - 2 * DAY
        hi_phys = self.hi + 2 * DAY
        parts_s, parts_e = [np.asarray([lo_phys], dtype=np.int64)], [np.asarray([lo_phys], dtype=np.int64)]
        for p0, p1, off in _offset_pieces(zone_name(zone), lo_phys, hi_phys):
            i = int(np.searchsorted(local_e, p0 + off, side="right"))
            j = int(np.searchsorted(local_s, p1 + off, side="left"))
            s = np.maximum(local_s[i:j] - off, p0)
            e = np.minimum(local_e[i:j] - off, p1)
            keep = e > s
            parts_s.append(s[keep])
            parts_e.append(e[keep])
        # The zero-length sentinel first: every instant from ``lo_phys`` on has a segment index.
        starts, ends = _merge_touching(np.concatenate(parts_s), np.concatenate(parts_e))
        self.starts, self.ends = starts, ends
        lens = ends - starts
        self.cum_end = np.cumsum(lens)
        self.cum = self.cum_end - lens
        self._starts_l = starts.tolist()
        self._lens_l = lens.tolist()
        self._cum_l = self.cum.tolist()
        self._cum_end_l = self.cum_end.tolist()
        # For the vectorised F: indexed by ``searchsorted(starts, t, "right")`` (one past the
        # segment holding t), so F(t) = min(t, end) + (cum - start) needs two gathers and no -1.
        zero = np.zeros(1, dtype=np.int64)
        self._end_after = np.concatenate([zero, ends])
        self._base_after = np.concatenate([zero, self.cum - starts])
        self._build_grid(lo_phys, hi_phys)

    def _build_grid(self, lo: int, hi: int) -> None:
        """A bucket index replacing the binary search: for each hour (or day, for long tables)
        the segment count up to its start; a query then steps over the few segment starts inside
        its bucket.  Falls back to ``searchsorted`` when buckets hold too many starts."""
        step = 3600 if (hi - lo) // 3600 <= 200_000 else DAY  # at most ~1.6 MB of index
        grid = lo + step * np.arange((hi - lo) // step + 2, dtype=np.int64)
        grid_j = np.searchsorted(self.starts, grid, side="right")
        k = int(np.max(np.diff(grid_j))) if grid_j.size > 1 else 0
        self._grid0, self._grid_step, self._grid_j, self._grid_k = lo, step, grid_j, k
        self._starts_pad = np.concatenate([self.starts, np.full(k + 1, np.iinfo(np.int64).max, dtype=np.int64)])

    def _after(self, t: np.ndarray) -> np.ndarray:
        """``searchsorted(starts, t, "right")`` for covered instants."""
        if self._grid_k > 6:
            return np.searchsorted(self.starts, t, side="right")
        j = self._grid_j.take((t - self._grid0) // self._grid_step)
        for _ in range(self._grid_k):
            j += self._starts_pad.take(j) <= t
        return j

    @staticmethod
    def _local_open(weekly: Sequence[Segments], closed: ClosedDays, first: dt.date,
                    last: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """Open intervals on the local time line (wall seconds since 1970-01-01 00:00), merged."""
        days = np.arange(first.toordinal(), last.toordinal() + 1, dtype=np.int64) - _EPOCH_ORDINAL
        weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
        if not closed.empty:
            shut = [d.toordinal() - _EPOCH_ORDINAL for y in range(first.year, last.year + 1)
                    for d in closed.in_year(y)]
            is_open = ~np.isin(days, np.asarray(shut, dtype=np.int64))
        else:
            is_open = np.ones(days.shape, dtype=bool)
        # Days are ordered and each day's segments are sorted, so laying them out day-major in a
        # (days × segments) grid keeps everything sorted without a sort.
        width = max((len(s) for s in weekly), default=0)
        if width == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        seg_a = np.full((7, width), -1, dtype=np.int64)
        seg_b = np.full((7, width), -1, dtype=np.int64)
        for k, segs in enumerate(weekly):
            for m, (a, b) in enumerate(segs):
                seg_a[k, m], seg_b[k, m] = a, b
        grid_a = seg_a[weekday]
        grid_b = seg_b[weekday]
        valid = (grid_a >= 0) & is_open[:, None]
        base = (days * DAY)[:, None]
        return _merge_touching((base + grid_a)[valid], (base + grid_b)[valid])

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
        """Open intervals clipped to [lo, hi)."""
        i = max(bisect.bisect_right(self._starts_l, lo) - 1, 0)
        out = []
        while i < len(self._starts_l) and self._starts_l[i] < hi:
            s, e = max(self._starts_l[i], lo), min(self._starts_l[i] + self._lens_l[i], hi)
            if s < e:
                out.append((s, e))
            i += 1
        return out

    # -- vectorised -------------------------------------------------------------------------
    def f_many(self, t: np.ndarray) -> np.ndarray:
        """``f`` over an int64 array (all elements covered, so each lies at or after its segment's start)."""
        j = self._after(t)
        out = np.minimum(t, self._end_after.take(j))
        out += self._base_after.take(j)
        return out

    def first_reaching_many(self, target: np.ndarray) -> np.ndarray:
        """``first_reaching`` over an int64 array (each 0 < target <= total)."""
        i = np.searchsorted(self.cum_end, target, side="left")
        return self.starts.take(i) + (target - self.cum.take(i))

    def last_at_most_many(self, target: np.ndarray) -> np.ndarray:
        """``last_at_most`` over an int64 array (each 0 <= target < total)."""
        i = np.searchsorted(self.cum, target, side="right") - 1
        return self.starts.take(i) + (target - self.cum.take(i))
