"""Availability over a measurement window: downtime, allowed downtime, budget, credits.

Availability runs on physical time (or, with a service calendar, on open time only).  Every
outage is mapped onto the *measured axis*: seconds from the window start, or open seconds from
the window start when a service calendar applies, so closed time simply vanishes and an outage
running overnight stays one contiguous outage.  On that axis downtime is the union of the outages
(the highest weight counts where they overlap), optionally widened to whole slots.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .calendar import Calendar, datetime64_to_epoch
from .errors import SLAInputError
from .intervals import group_of, merge_sorted, per_group_sum_max, slot_expand_keys, to_keys
from .timeparse import get_zone, parse_instant
from .window import Window

MAINTENANCE = ("excluded", "counted")
MAX_GRANULARITY = 86400  # slots of at most a day; SLAs count seconds, minutes or five minutes
_LAYER_LIMIT = 16  # distinct weights handled by layering; more fall back to an exact sweep
_EPS = 1e-6  # seconds; absorbs float rounding when comparing downtime with a budget


@dataclass(frozen=True)
class Outage:
    """An outage [start, end); ``planned`` marks maintenance, ``weight`` in (0, 1] a partial outage."""

    start: dt.datetime | str
    end: dt.datetime | str
    planned: bool = False
    weight: float = 1.0


@dataclass(frozen=True)
class CreditTier:
    """A service-credit tier: ``credit_percent`` applies when availability is below ``below_percent``."""

    below_percent: float
    credit_percent: float


@dataclass(frozen=True)
class AvailabilityResult:
    """Availability of one service over one window (seconds are measured seconds)."""

    availability_percent: float
    measured_seconds: int
    downtime_seconds: float
    allowed_downtime_seconds: float | None
    budget_used_percent: float | None
    longest_outage_seconds: int
    met: bool | None
    credit_percent: float
    window: Window | None = None

    def to_dict(self) -> dict:
        return {
            "availability_percent": self.availability_percent,
            "measured_seconds": self.measured_seconds,
            "downtime_seconds": _num(self.downtime_seconds),
            "allowed_downtime_seconds": _num(self.allowed_downtime_seconds),
            "budget_used_percent": self.budget_used_percent,
            "longest_outage_seconds": self.longest_outage_seconds,
            "met": self.met,
            "credit_percent": _num(self.credit_percent),
        }


@dataclass(frozen=True)
class AvailabilityBatch:
    """Availability of many services over one window; arrays indexed by service number."""

    window: Window
    measured_seconds: int
    downtime_seconds: np.ndarray
    availability_percent: np.ndarray
    allowed_downtime_seconds: float | None
    budget_used_percent: np.ndarray | None
    longest_outage_seconds: np.ndarray
    met: np.ndarray | None
    credit_percent: np.ndarray

    def result(self, service: int) -> AvailabilityResult:
        """The scalar result for one service."""
        budget = None
        if self.budget_used_percent is not None:
            value = float(self.budget_used_percent[service])
            budget = None if np.isinf(value) else round(value, 9)
        return AvailabilityResult(
            availability_percent=round(float(self.availability_percent[service]), 9),
            measured_seconds=self.measured_seconds,
            downtime_seconds=round(float(self.downtime_seconds[service]), 6),
            allowed_downtime_seconds=(None if self.allowed_downtime_seconds is None
                                      else round(self.allowed_downtime_seconds, 6)),
            budget_used_percent=budget,
            longest_outage_seconds=int(self.longest_outage_seconds[service]),
            met=None if self.met is None else bool(self.met[service]),
            credit_percent=float(self.credit_percent[service]),
            window=self.window,
        )


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _check_options(maintenance: str, granularity_seconds: int, target_percent: float | None,
                   credits: Sequence[CreditTier]) -> None:
    if maintenance not in MAINTENANCE:
        raise SLAInputError("maintenance", "must be 'excluded' or 'counted'")
    if (isinstance(granularity_seconds, bool) or not isinstance(granularity_seconds, int)
            or not 1 <= granularity_seconds <= MAX_GRANULARITY):
        raise SLAInputError("granularity_seconds", f"must be a whole number of seconds from 1 to {MAX_GRANULARITY}")
    if target_percent is not None and not (isinstance(target_percent, int | float)
                                           and not isinstance(target_percent, bool)
                                           and 0 <= target_percent <= 100):
        raise SLAInputError("target_percent", "must be a number from 0 to 100")
    for i, tier in enumerate(credits):
        if not 0 <= tier.below_percent <= 100:
            raise SLAInputError(f"credits[{i}].below_percent", "must be a number from 0 to 100")
        if tier.credit_percent < 0:
            raise SLAInputError(f"credits[{i}].credit_percent", "must not be negative")


def availability_batch(window: Window, service: np.ndarray, starts: np.ndarray, ends: np.ndarray, *,
                       n_services: int | None = None, planned: np.ndarray | None = None,
                       weights: np.ndarray | None = None, maintenance: str = "excluded",
                       service_calendar: Calendar | None = None, granularity_seconds: int = 1,
                       target_percent: float | None = None,
                       credits: Sequence[CreditTier] = ()) -> AvailabilityBatch:
    """Availability of many services over one window, vectorised.

    ``service`` holds each outage's service number (0 … n_services-1); ``starts``/``ends`` are
    ``datetime64`` (UTC) or int64 epoch seconds; ``planned`` (bool) and ``weights`` (float in
    (0, 1]) are optional per-outage arrays.
    """
    _check_options(maintenance, granularity_seconds, target_percent, credits)
    service = np.asarray(service, dtype=np.int64)
    s = datetime64_to_epoch(starts, "starts")
    e = datetime64_to_epoch(ends, "ends")
    if not (service.shape == s.shape == e.shape):
        raise SLAInputError("outages", "service, starts and ends must have the same length")
    n = int(n_services if n_services is not None else (service.max() + 1 if service.size else 1))
    if service.size and (service.min() < 0 or service.max() >= n):
        raise SLAInputError("service", f"service numbers must lie in 0…{n - 1}")
    if np.any(e < s):
        raise SLAInputError("outages.end", "an outage ends before it starts")
    w = np.ones(s.shape) if weights is None else np.asarray(weights, dtype=np.float64)
    if w.shape != s.shape or np.any(~(w > 0)) or np.any(w > 1):
        raise SLAInputError("outages.weight", "weights must lie in (0, 1]")
    keep = np.ones(s.shape, dtype=bool)
    if planned is not None and maintenance == "excluded":
        keep &= ~np.asarray(planned, dtype=bool)
    # Clip to the window, then map to the measured axis.
    ws, we = window.start_ts, window.end_ts
    s = np.clip(s, ws, we)
    e = np.clip(e, ws, we)
    keep &= e > s
    service, s, e, w = service[keep], s[keep], e[keep], w[keep]
    if service_calendar is None:
        span = we - ws
        x0, x1 = s - ws, e - ws
    else:
        span = int(service_calendar.seconds_between(ws, we))
        both = service_calendar.cumulative_many(np.concatenate([s, e]), ws)
        x0, x1 = both[: s.size], both[s.size:]
        mapped = x1 > x0  # an outage wholly in closed time is no downtime
        service, x0, x1, w = service[mapped], x0[mapped], x1[mapped], w[mapped]
    downtime, longest = _downtime(service, x0, x1, w, n, span, granularity_seconds)
    return _summarise(window, span, downtime, longest, target_percent, credits)


def _downtime(service: np.ndarray, x0: np.ndarray, x1: np.ndarray, w: np.ndarray, n: int,
              span: int, slot: int) -> tuple[np.ndarray, np.ndarray]:
    levels = np.unique(w)[::-1]
    if levels.size > _LAYER_LIMIT:
        return _downtime_sweep(service, x0, x1, w, n, span, slot)
    # Layer cake: max-weight downtime = sum over levels L_k of (L_k - L_{k+1}) × |union of
    # outages with weight ≥ L_k|; slot widening commutes with it because a slot's weight is the
    # highest weight touching it.
    downtime = np.zeros(n)
    longest = np.zeros(n, dtype=np.int64)
    key_s, key_e, order = to_keys(service, x0, x1, span)
    # Weights in key order, so each level is a mask of the one sorted array.
    order_w = w[order] if levels.size > 1 else None
    for k, level in enumerate(levels):
        below = levels[k + 1] if k + 1 < levels.size else 0.0
        if order_w is None:
            s, e = key_s, key_e
        else:
            mask = order_w >= level
            s, e = key_s[mask], key_e[mask]
        s, e = slot_expand_keys(*merge_sorted(s, e), slot, span)
        total, longest = per_group_sum_max(group_of(s, span), e - s, n)
        downtime += (level - below) * total
    return downtime, longest  # ``longest`` from the last (lowest) level: all outages


def _downtime_sweep(service: np.ndarray, x0: np.ndarray, x1: np.ndarray, w: np.ndarray, n: int,
                    span: int, slot: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact max-weight downtime for many distinct weights: elementary pieces per service."""
    downtime = np.zeros(n)
    key_s, key_e, _ = to_keys(service, x0, x1, span)
    s_all, e_all = slot_expand_keys(*merge_sorted(key_s, key_e), slot, span)
    _, longest = per_group_sum_max(group_of(s_all, span), e_all - s_all, n)
    for svc in np.unique(service):
        m = service == svc
        points = np.unique(np.concatenate([x0[m], x1[m]]))
        if slot > 1:
            points = np.unique(np.concatenate([points, np.arange(0, span, slot), [span]]))
        best = np.zeros(max(points.size - 1, 0))
        for lo, hi, weight in zip(x0[m], x1[m], w[m], strict=True):
            i, j = np.searchsorted(points, lo), np.searchsorted(points, hi)
            np.maximum(best[i:j], weight, out=best[i:j])
        lens = np.diff(points)
        if slot > 1:  # a slot counts whole at the highest weight inside it
            slot_of = points[:-1] // slot
            slot_w = np.zeros(int(span // slot) + 1)
            np.maximum.at(slot_w, slot_of, best)
            best = slot_w[slot_of]
        downtime[svc] = float(np.sum(best * lens))
    return downtime, longest


def _summarise(window: Window, span: int, downtime: np.ndarray, longest: np.ndarray,
               target_percent: float | None, credits: Sequence[CreditTier]) -> AvailabilityBatch:
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(span > 0, 100.0 * (span - downtime) / max(span, 1), 100.0)
    allowed = budget = met = None
    if target_percent is not None:
        allowed = (1.0 - target_percent / 100.0) * span
        met = downtime <= allowed + _EPS
        with np.errstate(divide="ignore", invalid="ignore"):
            budget = np.where(downtime > _EPS, 100.0 * downtime / allowed if allowed > 0 else np.inf, 0.0)
    credit = np.zeros(downtime.shape)
    for tier in credits:
        # availability < below  ⟺  downtime > (1 - below/100) × measured
        applies = downtime > (1.0 - tier.below_percent / 100.0) * span + _EPS
        credit = np.where(applies, np.maximum(credit, tier.credit_percent), credit)
    return AvailabilityBatch(window, span, downtime, pct, allowed, budget, longest, met, credit)


def availability(window: Window, outages: Iterable[Outage], *, maintenance: str = "excluded",
                 service_calendar: Calendar | None = None, granularity_seconds: int = 1,
                 target_percent: float | None = None,
                 credits: Sequence[CreditTier] = ()) -> AvailabilityResult:
    """Availability of one service over ``window`` (see ``docs/sla-semantics.md``)."""
    zone = get_zone(window.timezone)
    starts, ends, planned, weights = [], [], [], []
    for i, outage in enumerate(outages):
        fld = f"outages[{i}]"
        s = parse_instant(outage.start, zone, f"{fld}.start")
        e = parse_instant(outage.end, zone, f"{fld}.end")
        if e < s:
            raise SLAInputError(f"{fld}.end", "must not be before the start")
        weight = outage.weight
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1:
            raise SLAInputError(f"{fld}.weight", "must be a number greater than 0 and at most 1")
        starts.append(s)
        ends.append(e)
        planned.append(bool(outage.planned))
        weights.append(float(weight))
    batch = availability_batch(
        window, np.zeros(len(starts), dtype=np.int64), np.asarray(starts, dtype=np.int64),
        np.asarray(ends, dtype=np.int64), n_services=1, planned=np.asarray(planned, dtype=bool),
        weights=np.asarray(weights, dtype=np.float64), maintenance=maintenance,
        service_calendar=service_calendar, granularity_seconds=granularity_seconds,
        target_percent=target_percent, credits=tuple(credits))
    return batch.result(0)


def parse_credits(value: object, fld: str = "credits") -> tuple[CreditTier, ...]:
    """Credit tiers from JSON ``[{"below_percent": 99.9, "credit_percent": 10}, …]``."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise SLAInputError(fld, "must be a list of {'below_percent': …, 'credit_percent': …}")
    tiers = []
    for i, item in enumerate(value):
        here = f"{fld}[{i}]"
        if not isinstance(item, Mapping):
            raise SLAInputError(here, "must be {'below_percent': …, 'credit_percent': …}")
        nums = []
        for key in ("below_percent", "credit_percent"):
            v = item.get(key)
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise SLAInputError(f"{here}.{key}", "must be a number")
            nums.append(float(v))
        tiers.append(CreditTier(*nums))
    return tuple(tiers)
