"""Benchmarks of the SLA engine (``make bench``; never part of ``make test``).

    python tests/bench/bench_sla.py            # all cases, Markdown table on stdout
    python tests/bench/bench_sla.py --quick    # smaller sizes, for a smoke run

Each case runs in its own subprocess pinned to one CPU, so the peak RSS reported is that case's
alone.  The peers run on a random sample of the same pairs; their rate is scaled from it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import holidays
import numpy as np
from business_duration import businessDuration
from businesstimedelta import HolidayRule, Rules, WorkDayRule

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from ketenwacht.sla import Calendar, CreditTier, Window, availability_batch  # noqa: E402

TZ = "Europe/Brussels"
OPEN, CLOSE = "08:30", "17:00"
CAL_SPEC = {"timezone": TZ, "weekly": {d: [[OPEN, CLOSE]] for d in ("mon", "tue", "wed", "thu", "fri")},
            "public_holidays": {"country": "BE"}}
FIRST, LAST = 2021, 2025  # five years


def _pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _best(fn, repeat: int = 3) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _pairs(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Starts uniform over five years; durations log-uniform from one minute to 90 days."""
    rng = np.random.default_rng(seed)
    lo = int(dt.datetime(FIRST, 1, 1, tzinfo=dt.UTC).timestamp())
    hi = int(dt.datetime(LAST + 1, 1, 1, tzinfo=dt.UTC).timestamp())
    starts = rng.integers(lo, hi, n)
    span = np.exp(rng.uniform(np.log(60), np.log(90 * 86400), n)).astype(np.int64)
    ends = np.minimum(starts + span, hi)
    return starts.astype("datetime64[s]"), ends.astype("datetime64[s]")


def case_business_seconds(n: int, sample: int) -> dict:
    starts, ends = _pairs(n)
    base_rss = _rss_mib()
    cal = Calendar.from_dict(CAL_SPEC)
    t0 = time.perf_counter()
    ours = cal.business_seconds_many(starts, ends)
    cold = time.perf_counter() - t0
    warm = _best(lambda: cal.business_seconds_many(starts, ends))
    rss = _rss_mib()

    # Peers work on naive local wall times; the calendar's open hours never touch a DST change.
    zone = cal.zone
    idx = np.random.default_rng(2).choice(n, sample, replace=False)

    def wall(x: np.datetime64) -> dt.datetime:
        return dt.datetime.fromtimestamp(int(x.astype(np.int64)), zone).replace(tzinfo=None)

    s_wall = [wall(starts[i]) for i in idx]
    e_wall = [wall(ends[i]) for i in idx]
    be = holidays.country_holidays("BE", years=range(FIRST, LAST + 2))
    rules = Rules([WorkDayRule(start_time=dt.time(8, 30), end_time=dt.time(17, 0), working_days=[0, 1, 2, 3, 4]),
                   HolidayRule(be)])

    def run_btd() -> list[int]:
        out = []
        for s, e in zip(s_wall, e_wall, strict=True):
            delta = rules.difference(s, e)
            out.append(delta.hours * 3600 + delta.seconds)
        return out

    t0 = time.perf_counter()
    btd = run_btd()
    t_btd = time.perf_counter() - t0

    bd_sample = s_wall[: max(1, sample // 10)], e_wall[: max(1, sample // 10)]
    be_dates = list(be.keys())

    def run_bd() -> list[float]:
        return [businessDuration(s, e, dt.time(8, 30), dt.time(17, 0), [5, 6], be_dates, "sec")
                for s, e in zip(*bd_sample, strict=True)]

    t0 = time.perf_counter()
    bd = run_bd()
    t_bd = time.perf_counter() - t0

    ours_sample = ours[idx]
    agree_btd = int(np.sum(np.asarray(btd) == ours_sample))
    agree_bd = int(np.sum(np.abs(np.asarray(bd) - ours_sample[: len(bd)]) <= 1))
    return {
        "case": "business_seconds_many", "pairs": n,
        "ours_cold_s": cold, "ours_warm_s": warm,
        "ours_pairs_per_s": n / warm, "ours_cold_pairs_per_s": n / cold,
        "btd_sample": sample, "btd_pairs_per_s": sample / t_btd, "btd_agree": agree_btd,
        "bd_sample": len(bd), "bd_pairs_per_s": len(bd) / t_bd, "bd_agree": agree_bd,
        "peak_rss_mib": rss, "rss_before_mib": base_rss,
    }


def case_availability(services: int, outages: int, *, minutes: bool = False, calendar: bool = False) -> dict:
    rng = np.random.default_rng(3)
    window = Window.year(2025, TZ)
    service = rng.integers(0, services, outages)
    starts = rng.integers(window.start_ts - 86400, window.end_ts, outages)
    ends = starts + rng.exponential(1800, outages).astype(np.int64)
    planned = rng.random(outages) < 0.1
    weights = np.where(rng.random(outages) < 0.2, 0.5, 1.0) if minutes else None
    cal = Calendar.from_dict(CAL_SPEC) if calendar else None
    base_rss = _rss_mib()
    tiers = [CreditTier(99.9, 10), CreditTier(99.0, 25), CreditTier(95.0, 100)]

    def run() -> object:
        return availability_batch(window, service, starts, ends, n_services=services, planned=planned,
                                  weights=weights, maintenance="excluded", service_calendar=cal,
                                  granularity_seconds=60 if minutes else 1, target_percent=99.9, credits=tiers)

    result = run()
    seconds = _best(run)
    label = "availability_batch" + (" (minutes, weights)" if minutes else "") + (" (service hours)" if calendar else "")
    return {"case": label, "services": services, "outages": outages, "seconds": seconds,
            "met": int(np.sum(result.met)), "peak_rss_mib": _rss_mib(), "rss_before_mib": base_rss}


def _child(args: argparse.Namespace) -> None:
    _pin()
    if args.case == "bs":
        out = case_business_seconds(args.n, args.sample)
    elif args.case == "avail":
        out = case_availability(args.services, args.n)
    elif args.case == "avail-min":
        out = case_availability(args.services, args.n, minutes=True)
    else:
        out = case_availability(args.services, args.n, calendar=True)
    print(json.dumps(out))


def _spawn(*argv: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *argv], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--case", default="bs")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    n = 100_000 if args.quick else 1_000_000
    sample = 300 if args.quick else 2000
    bs = _spawn("--case", "bs", "--n", str(n), "--sample", str(sample))
    rows = [_spawn("--case", c, "--n", str(n), "--services", str(10_000)) for c in ("avail", "avail-min", "avail-cal")]
    fastest_peer = max(bs["btd_pairs_per_s"], bs["bd_pairs_per_s"])
    print(f"Python {sys.version.split()[0]}, NumPy {np.__version__}, one CPU; best of 3.\n")
    print("| case | size | time | rate | peak RSS (before the case) |")
    print("|---|---|---|---|---|")
    print(f"| business_seconds_many (warm) | {bs['pairs']:,} pairs | {bs['ours_warm_s']:.3f} s "
          f"| {bs['ours_pairs_per_s']:,.0f} pairs/s | {bs['peak_rss_mib']:.0f} MiB ({bs['rss_before_mib']:.0f}) |")
    print(f"| business_seconds_many (cold, incl. table) | {bs['pairs']:,} pairs | {bs['ours_cold_s']:.3f} s "
          f"| {bs['ours_cold_pairs_per_s']:,.0f} pairs/s | |")
    print(f"| businesstimedelta (sample, scaled) | {bs['btd_sample']:,} pairs | | {bs['btd_pairs_per_s']:,.0f} pairs/s "
          f"| agrees on {bs['btd_agree']}/{bs['btd_sample']} |")
    print(f"| business-duration (sample, scaled) | {bs['bd_sample']:,} pairs | | {bs['bd_pairs_per_s']:,.0f} pairs/s "
          f"| agrees ±1 s on {bs['bd_agree']}/{bs['bd_sample']} |")
    for row in rows:
        print(f"| {row['case']} | {row['services']:,} services, {row['outages']:,} outages, one year "
              f"| {row['seconds']:.3f} s | | {row['peak_rss_mib']:.0f} MiB ({row['rss_before_mib']:.0f}) |")
    print(f"\nSpeed-up over the fastest peer: {bs['ours_pairs_per_s'] / fastest_peer:,.0f}×")


if __name__ == "__main__":
    main()
