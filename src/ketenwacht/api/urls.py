"""The REST API, version 1: ``/api/v1/…`` without trailing slashes.

Each app contributes its viewsets through ``register(router)`` in its ``api`` module.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from ketenwacht.api.schema import OpenApiView
from ketenwacht.assessments import api as assessments_api
from ketenwacht.contracts import api as contracts_api
from ketenwacht.performance import api as performance_api
from ketenwacht.suppliers import api as suppliers_api

router = SimpleRouter(trailing_slash=False)
suppliers_api.register(router)
assessments_api.register(router)
contracts_api.register(router)
performance_api.register(router)

urlpatterns = [
    path("openapi.json", OpenApiView.as_view(), name="api-openapi"),
    *performance_api.urlpatterns,
    *router.urls,
]
