"""``ketenwacht sla …``: the JSON evaluator and the uptime calculator on the command line."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence

from .downtime import (
    CONVENTIONS,
    PERIODS,
    allowed_downtime,
    describe_allowed_downtime,
    format_duration,
    format_percent,
    percent_for_downtime,
    period_name,
)
from .errors import SLAInputError
from .jsonapi import evaluate

_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)d)?\s*(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m(?:in)?)?\s*"
                       r"(?:(\d+(?:\.\d+)?)s)?\s*$")


def parse_duration(text: str) -> float:
    """``8h46m``, ``1d 2h``, ``90s`` or plain seconds."""
    try:
        return float(text)
    except ValueError:
        pass
    match = _DURATION.match(text)
    if not match or not any(match.groups()):
        raise SLAInputError("downtime", f"{text!r} is not a duration such as '8h46m' or '2629.8'")
    d, h, m, s = (float(g or 0) for g in match.groups())
    return d * 86400 + h * 3600 + m * 60 + s


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        if args.input and args.input != "-":
            with open(args.input, encoding="utf-8") as fh:
                text = fh.read()
        else:
            text = sys.stdin.read()
    except OSError as exc:
        return _fail(f"--input: cannot read {args.input!r}: {exc.strerror}")
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        return _fail(f"input is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    try:
        answer, ok = evaluate(payload)
    except Exception as exc:  # noqa: BLE001 - the CLI promises one line, never a traceback
        return _fail(f"internal error while evaluating: {type(exc).__name__}: {exc}")
    json.dump(answer, sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0 if ok else 2


def cmd_downtime(args: argparse.Namespace) -> int:
    try:
        if args.downtime is not None:
            seconds = parse_duration(args.downtime)
            period = args.period or "year"
            pct = percent_for_downtime(seconds, period, args.convention)
            if args.json:
                print(json.dumps({"percent": pct, "seconds": seconds, "period": period}))
            else:
                print(f"{format_duration(seconds, args.lang)} per {period_name(period, args.lang)}: "
                      f"{format_percent(pct, args.lang)}")
            return 0
        if args.percent is None:
            return _fail("give a percentage (e.g. 99.9) or --downtime")
        periods = [args.period] if args.period else list(PERIODS)
        rows = [{"period": p, **{c: allowed_downtime(args.percent, p, c) for c in ("average", "fixed")}}
                for p in periods]
        if args.json:
            print(json.dumps(rows))
            return 0
        head = ("periode", "gemiddeld", "vast") if args.lang == "nl" else ("period", "average", "fixed")
        print(f"| {head[0]} | {head[1]} | {head[2]} |\n|---|---|---|")
        for row in rows:
            print(f"| {period_name(row['period'], args.lang)} | {format_duration(row['average'], args.lang)} "
                  f"| {format_duration(row['fixed'], args.lang)} |")
        print()
        print(describe_allowed_downtime(args.percent, args.period or "year", args.lang, args.convention))
        return 0
    except SLAInputError as exc:
        return _fail(str(exc))


def _add_parsers(sla: argparse.ArgumentParser) -> None:
    verbs = sla.add_subparsers(dest="sla_verb", metavar="{eval,downtime}")
    verbs.required = True
    ev = verbs.add_parser("eval", help="answer JSON requests (one object or a list) from stdin or --input")
    ev.add_argument("--input", "-i", metavar="FILE", help="read the request(s) from FILE instead of stdin")
    ev.add_argument("--indent", type=int, default=None, help="pretty-print the answer")
    ev.set_defaults(handler=cmd_eval)
    dt = verbs.add_parser("downtime", help="uptime percentage → allowed downtime (and back)")
    dt.add_argument("percent", nargs="?", type=float, help="availability percentage, e.g. 99.9")
    dt.add_argument("--period", choices=PERIODS, default=None, help="one period only (default: all)")
    dt.add_argument("--convention", choices=[c for c in CONVENTIONS if c != "exact"], default="average")
    dt.add_argument("--downtime", metavar="DURATION", help="reverse: downtime such as 8h46m → percentage")
    dt.add_argument("--lang", choices=("nl", "en"), default="nl")
    dt.add_argument("--json", action="store_true", help="machine-readable output")
    dt.set_defaults(handler=cmd_downtime)


def register(subparsers: argparse._SubParsersAction, groups: dict | None = None) -> argparse.ArgumentParser:
    """Add the ``sla`` verb to the project's ``ketenwacht`` command."""
    sla = subparsers.add_parser("sla", help="SLA engine: business time, availability, incidents, calculator")
    _add_parsers(sla)
    return sla


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit code 2, as everywhere in the CLI
        self.exit(2, f"error: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sla <verb> …`` in-process (``python -m ketenwacht.sla.cli eval``)."""
    parser = _Parser(prog="ketenwacht sla")
    parser.set_defaults(handler=None)
    _add_parsers(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
