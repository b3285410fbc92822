from django.urls import path

from ketenwacht.performance.views import records, register, report, tools

app_name = "performance"
urlpatterns = [
    path("", register.OverviewView.as_view(), name="overview"),
    path("breaches/", register.BreachListView.as_view(), name="breaches"),
    path("breaches/<int:pk>/", register.BreachStatusView.as_view(), name="breach_status"),
    path("contracts/<int:pk>/report/", report.ReportView.as_view(), name="report"),
    path("contracts/<int:pk>/report.<str:fmt>", report.ReportExportView.as_view(), name="report_export"),
    path("contracts/<int:pk>/breaches/scan/", report.BreachScanView.as_view(), name="breach_scan"),
    path("contracts/<int:pk>/incidents/", records.IncidentListView.as_view(), name="incidents"),
    path("contracts/<int:pk>/incidents/new/", records.RecordCreateView.as_view(kind="incident"),
         name="incident_create"),
    path("contracts/<int:pk>/incidents/<int:record_pk>/", records.RecordUpdateView.as_view(kind="incident"),
         name="incident_update"),
    path("contracts/<int:pk>/incidents/<int:record_pk>/delete/", records.RecordDeleteView.as_view(kind="incident"),
         name="incident_delete"),
    path("contracts/<int:pk>/outages/", records.OutageListView.as_view(), name="outages"),
    path("contracts/<int:pk>/outages/new/", records.RecordCreateView.as_view(kind="outage"), name="outage_create"),
    path("contracts/<int:pk>/outages/<int:record_pk>/", records.RecordUpdateView.as_view(kind="outage"),
         name="outage_update"),
    path("contracts/<int:pk>/outages/<int:record_pk>/delete/", records.RecordDeleteView.as_view(kind="outage"),
         name="outage_delete"),
    path("contracts/<int:pk>/import/", tools.ImportView.as_view(), name="import"),
    path("contracts/<int:pk>/import/statuspage/", tools.StatuspageImportView.as_view(), name="import_statuspage"),
    path("contracts/<int:pk>/webhooks/", tools.WebhookListView.as_view(), name="webhooks"),
    path("contracts/<int:pk>/webhooks/<int:hook_pk>/delete/", tools.WebhookDeleteView.as_view(),
         name="webhook_delete"),
]
