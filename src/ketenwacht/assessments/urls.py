from django.urls import path

from ketenwacht.assessments.views import assessments as views
from ketenwacht.assessments.views import gaps, questionnaires

app_name = "assessments"
urlpatterns = [
    path("", views.AssessmentListView.as_view(), name="list"),
    path("new/", views.AssessmentCreateView.as_view(), name="create"),
    path("<int:pk>/", views.AssessmentDetailView.as_view(), name="detail"),
    path("<int:pk>/catalogs/<int:version_pk>/sections/<str:section_id>/", views.SectionAnswerView.as_view(),
         name="section"),
    path("<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("<int:pk>/sign-off/", views.SignOffView.as_view(), name="sign_off"),
    path("<int:pk>/return/", views.ReturnView.as_view(), name="return"),
    path("<int:pk>/reassess/", views.ReassessView.as_view(), name="reassess"),
    path("answers/<int:pk>/evidence/", views.EvidenceFileView.as_view(), name="evidence"),
    path("<int:pk>/questionnaire/new/", questionnaires.LinkCreateView.as_view(), name="link_create"),
    path("<int:pk>/questionnaire/<int:link_pk>/revoke/", questionnaires.LinkRevokeView.as_view(), name="link_revoke"),
    path("<int:pk>/review/", questionnaires.ReviewView.as_view(), name="review"),
    path("q/<str:token>/", questionnaires.PublicQuestionnaireView.as_view(), name="questionnaire"),
    path("matrix/", gaps.GapMatrixView.as_view(), name="matrix"),
    path("suppliers/<int:supplier_pk>/gaps/", gaps.SupplierGapReportView.as_view(), name="supplier_gaps"),
    path("suppliers/<int:supplier_pk>/override/", views.OverrideView.as_view(), name="override"),
]
