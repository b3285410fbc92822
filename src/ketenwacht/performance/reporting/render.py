"""The SLA report for people: words, charts, and the PDF/XLSX document (``ketenwacht.documents``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone as djtz
from django.utils import translation
from django.utils.translation import gettext as _

from ketenwacht.api.casing import camelize
from ketenwacht.documents import Column, Document, Figure, KeyValues, Paragraph, Row, Section, Strings, Table
from ketenwacht.performance.reporting.charts import budget_chart, trend_chart
from ketenwacht.sla import format_duration, format_percent

UNIT_WORDS = {"business_hours": "business hours", "working_days": "working days", "clock": "clock hours"}


def as_json(report: dict) -> dict:
    """The report as the CLI and the API hand it out: camelCase keys."""
    return camelize(report)


def pct(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return format_percent(round(value, 3), lang)


def duration(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return "–"
    return format_duration(seconds, lang)


def status_word(met: bool | None) -> str:
    if met is None:
        return _("no target")
    return _("met") if met else _("breached")


def target_text(seconds: int | None, unit: str, lang: str) -> str:
    """'4 business hours', '2 working days', '30 minutes (clock)'."""
    if seconds is None:
        return "–"
    if unit == "working_days":
        days = seconds // 86400
        return _("%(n)s working day(s)") % {"n": days}
    text = duration(seconds, lang)
    return _("%(time)s business time") % {"time": text} if unit == "business_hours" else \
        _("%(time)s clock time") % {"time": text}


def money(amount: float | None, lang: str) -> str:
    if amount is None:
        return "–"
    text = f"{amount:,.2f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def charts(report: dict, lang: str) -> dict[str, str]:
    """Both SVG charts with labels in ``lang``."""
    with translation.override(lang):
        trend_points = report["trend"]
        trend_desc = "; ".join(f"{p['label']}: {pct(p['availability_percent'], lang)} ({status_word(p['met'])})"
                               for p in trend_points) or _("No periods to show yet.")
        budget = report["budget"]
        used, allowed = budget["downtime_seconds"], budget["allowed_seconds"]
        budget_desc = (_("Downtime in %(period)s so far: %(used)s of %(allowed)s allowed.")
                       % {"period": budget["measurement"], "used": duration(used, lang),
                          "allowed": duration(allowed, lang) if allowed is not None else _("no target")})
        return {
            "trend": trend_chart(trend_points, title=_("Availability per period"), desc=trend_desc,
                                 fmt_percent=lambda v: pct(v, lang), target_label=_("target")),
            "budget": budget_chart(budget["points"], allowed, title=_("Downtime budget used"), desc=budget_desc,
                                   fmt_duration=lambda s: _short_duration(s), budget_label=_("budget"),
                                   start_label=budget["measurement"]),
        }


def _short_duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def summary_pairs(report: dict, lang: str) -> list[tuple[str, str]]:
    target = report["target_percent"]
    period = report["measurement_period"]
    pairs = [
        (_("Availability"), pct(report["availability_percent"], lang)),
        (_("Target"), _("%(pct)s per %(period)s") % {"pct": pct(target, lang), "period": _(period)}
         if target is not None and period else pct(target, lang)),
        (_("Status"), status_word(report["met"])),
        (_("Downtime"), duration(report["downtime_seconds"], lang)),
        (_("Allowed downtime"), duration(report["allowed_downtime_seconds"], lang)),
        (_("Downtime budget used"), pct(report["budget_used_percent"], lang)),
        (_("Longest outage"), duration(report["longest_outage_seconds"], lang)),
        (_("Service credit owed"), f"{pct(report['credit_percent'], lang)} · {money(report['credit_amount'], lang)}"
         + (f" ({_('capped')})" if report["credit_capped"] else "")),
    ]
    if report["provisional_credit_amount"]:
        pairs.append((_("Provisional credit (period not over)"), money(report["provisional_credit_amount"], lang)))
    return pairs


def priority_rows(report: dict, lang: str) -> list[list[str]]:
    rows = []
    for priority, item in report["priorities"].items():
        for clock, label in (("response", _("Response")), ("resolution", _("Resolution"))):
            c = item[clock]
            rows.append([
                f"{priority} {item['name']}".strip(), label, target_text(c["target_seconds"], c["unit"], lang),
                str(c["count"]), str(c["met"]), str(c["breached"]), str(c["open"] + c["at_risk"]),
                pct(c["percent_met"], lang), duration(c["slowest_seconds"], lang) if c["slowest_seconds"] is not None
                else "–",
            ])
    return rows


def breach_rows(report: dict, lang: str) -> list[list[str]]:
    rows = []
    for b in report["breaches"]:
        if b["unit"] == "percent":
            measured, promised = pct(b["measured"], lang), pct(b["promised"], lang)
        else:
            measured, promised = duration(b["measured"], lang), duration(b["promised"], lang)
        term = {"availability": _("Availability"), "response": _("Response time"),
                "resolution": _("Resolution time")}[b["term"]]
        rows.append([f"{term} {b['priority']}".strip(), b["period"], measured, promised, b["cause_text"],
                     money(b["credit_amount"], lang) if b["credit_amount"] else "–"])
    return rows


def document(report: dict, lang: str, generated_at: dt.datetime | None = None) -> Document:
    """The report as a neutral document for ``to_pdf`` / ``to_xlsx``."""
    generated_at = generated_at or djtz.now()
    with translation.override(lang):
        svg = charts(report, lang)
        contract = report["contract"]
        version = report["sla_version"]
        measurement_rows = [
            [m["label"], _("yes") if m["complete"] else _("no (so far)"), pct(m["availability_percent"], lang),
             pct(m["target_percent"], lang), duration(m["downtime_seconds"], lang),
             duration(m["allowed_downtime_seconds"], lang), status_word(m["met"]), money(m["credit_amount"], lang)]
            for m in report["measurements"]
        ]
        sections = [
            Section(_("Availability"), [
                KeyValues(summary_pairs(report, lang)),
                Figure(svg=svg["trend"], caption=_("Availability per period")),
                Figure(svg=svg["budget"], caption=_("Downtime budget used")),
                Table(columns=[_("Measurement period"), _("Complete"), _("Availability"), _("Target"),
                               _("Downtime"), _("Allowed"), _("Status"), _("Credit")],
                      rows=measurement_rows, caption=_("Measurement periods"), key="measurements"),
            ]),
            Section(_("Response and resolution"), [
                Paragraph(_("%(n)s incident(s) reported in this period, %(s)s security-related.")
                          % {"n": report["incident_count"], "s": report["security_incident_count"]}),
                Table(columns=[_("Priority"), _("Clock"), _("Target"), _("Incidents"), _("Met"), _("Breached"),
                               _("Open"), _("% met"), _("Slowest")],
                      rows=priority_rows(report, lang), caption=_("Per priority"), key="priorities"),
            ]),
            Section(_("Breaches"), [
                Table(columns=[Column(_("Term")), Column(_("Period")), Column(_("Measured")), Column(_("Promised")),
                               Column(_("Cause"), 3), Column(_("Credit"))],
                      rows=[Row(r) for r in breach_rows(report, lang)] or [Row([_("No breaches."), "", "", "", "", ""])],
                      caption=_("Breaches"), key="breaches"),
            ]),
        ]
        return Document(
            title=_("SLA report %(ref)s – %(period)s") % {"ref": contract["reference"], "period": report["period"]["name"]},
            subtitle=f"{contract['supplier']} · {contract['title']}",
            meta=[
                (_("Period"), f"{report['period']['start'][:10]} – {report['period']['end'][:10]} "
                              f"({report['period']['timezone']})"),
                (_("SLA version"), version["label"] if version else _("none")),
                (_("As of"), report["as_of"][:16].replace("T", " ")),
                (_("Generated at"), djtz.localtime(generated_at).strftime("%Y-%m-%d %H:%M")),
            ],
            sections=sections,
            footer=f"{report['organisation']} · {contract['reference']} · {report['period']['label']}",
            lang=lang,
            strings=Strings(page=_("Page {page} of {pages}"), metadata=_("Metadata"),
                            figure_omitted=_("Figure not shown in this format: {caption}"),
                            label=_("Label"), value=_("Value")),
        )
