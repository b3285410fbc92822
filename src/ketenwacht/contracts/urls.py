from django.urls import path

from ketenwacht.contracts.views import contracts as views
from ketenwacht.contracts.views import sla

app_name = "contracts"
urlpatterns = [
    path("", views.ContractListView.as_view(), name="list"),
    path("ending/", views.ContractsEndingView.as_view(), name="ending"),
    path("new/", views.ContractCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ContractDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ContractUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.ContractDeleteView.as_view(), name="delete"),
    path("<int:pk>/documents/", views.DocumentUploadView.as_view(), name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("<int:pk>/documents/<int:doc_pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("<int:pk>/sla/new/", sla.SlaVersionCreateView.as_view(), name="sla_create"),
    path("<int:pk>/sla/<int:version_pk>/", sla.SlaVersionDetailView.as_view(), name="sla_detail"),
    path("<int:pk>/sla/<int:version_pk>/edit/", sla.SlaVersionUpdateView.as_view(), name="sla_update"),
    path("<int:pk>/sla/<int:version_pk>/delete/", sla.SlaVersionDeleteView.as_view(), name="sla_delete"),
]
