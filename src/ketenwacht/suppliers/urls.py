from django.urls import path

from ketenwacht.suppliers import crisis_views
from ketenwacht.suppliers.views import children, importing
from ketenwacht.suppliers.views import suppliers as views

app_name = "suppliers"
urlpatterns = [
    path("", views.SupplierListView.as_view(), name="list"),
    path("new/", views.SupplierCreateView.as_view(), name="create"),
    path("import/", importing.SupplierImportView.as_view(), name="import"),
    path("import/template.<str:fmt>", importing.ImportTemplateView.as_view(), name="import_template"),
    path("<int:pk>/", views.SupplierDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.SupplierUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.SupplierDeleteView.as_view(), name="delete"),
    path("<int:pk>/status/", views.SupplierStatusView.as_view(), name="status"),
    path("<int:pk>/services/new/", children.ServiceCreateView.as_view(), name="service_create"),
    path("<int:pk>/services/<int:child_pk>/edit/", children.ServiceUpdateView.as_view(), name="service_update"),
    path("<int:pk>/services/<int:child_pk>/delete/", children.ServiceDeleteView.as_view(), name="service_delete"),
    path("<int:pk>/contacts/new/", children.ContactCreateView.as_view(), name="contact_create"),
    path("<int:pk>/contacts/<int:child_pk>/edit/", children.ContactUpdateView.as_view(), name="contact_update"),
    path("<int:pk>/contacts/<int:child_pk>/delete/", children.ContactDeleteView.as_view(), name="contact_delete"),
    path("crisis-list/", crisis_views.CrisisListView.as_view(), name="crisis_list"),
    path("crisis-list/export", crisis_views.CrisisExportView.as_view(), name="crisis_export"),
]
