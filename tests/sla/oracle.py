"""Independent reference implementations for the SLA tests.

They share no code with ``ketenwacht.sla``: local wall times come from pandas with pytz zones
(their own conversion code and zone database), and business time is counted minute by minute
from what the local clock shows.  Slow, but obviously right; use them on short spans with
instants and segment boundaries on whole minutes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytz

MINUTE = 60


def wall_clock(minutes_utc: np.ndarray, tz: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(local date as datetime64[D], weekday Monday=0, seconds of day) for epoch seconds."""
    idx = pd.to_datetime(minutes_utc, unit="s", utc=True).tz_convert(pytz.timezone(tz))
    local = idx.tz_localize(None)
    dates = local.normalize().values.astype("datetime64[D]")
    seconds = (local.hour * 3600 + local.minute * 60 + local.second).to_numpy()
    return dates, local.day_of_week.to_numpy(), seconds


def open_mask(instants: np.ndarray, tz: str, weekly: list[list[tuple[int, int]]],
              closed: set[dt.date]) -> np.ndarray:
    """Whether the calendar is open at each instant (by the local wall clock)."""
    dates, weekday, seconds = wall_clock(instants, tz)
    mask = np.zeros(instants.shape, dtype=bool)
    for k, segs in enumerate(weekly):
        for a, b in segs:
            mask |= (weekday == k) & (seconds >= a) & (seconds < b)
    if closed:
        shut = np.array(sorted(closed), dtype="datetime64[D]")
        mask &= ~np.isin(dates, shut)
    return mask


def business_seconds(tz: str, weekly: list[list[tuple[int, int]]], closed: set[dt.date],
                     start: int, end: int) -> int:
    """Business seconds between two minute-aligned epoch instants, counted minute by minute."""
    if end < start:
        return -business_seconds(tz, weekly, closed, end, start)
    assert start % MINUTE == 0 and end % MINUTE == 0
    minutes = np.arange(start, end, MINUTE, dtype=np.int64)
    if minutes.size == 0:
        return 0
    return int(open_mask(minutes, tz, weekly, closed).sum()) * MINUTE


def downtime_seconds(window: tuple[int, int], outages: list[tuple[int, int, float]],
                     slot: int = 1) -> float:
    """Max-weight downtime, second by second, with optional whole-slot counting."""
    ws, we = window
    weight = np.zeros(we - ws)
    for s, e, w in outages:
        s, e = max(s, ws), min(e, we)
        if e > s:
            weight[s - ws:e - ws] = np.maximum(weight[s - ws:e - ws], w)
    if slot > 1:
        for k in range(0, we - ws, slot):
            weight[k:k + slot] = weight[k:k + slot].max()
    return float(weight.sum())


def longest_run(window: tuple[int, int], outages: list[tuple[int, int, float]], slot: int = 1) -> int:
    ws, we = window
    down = np.zeros(we - ws, dtype=bool)
    for s, e, _ in outages:
        s, e = max(s, ws), min(e, we)
        if e > s:
            down[s - ws:e - ws] = True
    if slot > 1:
        for k in range(0, we - ws, slot):
            down[k:k + slot] = down[k:k + slot].any()
    best = run = 0
    for flag in down:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best
