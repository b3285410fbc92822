"""Checklist assessments: catalog snapshots, assessments, answers, sign-off, supplier questionnaires."""

from ketenwacht.assessments.models.assessments import (
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    ReviewStep,
)
from ketenwacht.assessments.models.catalogs import CatalogVersion
from ketenwacht.assessments.models.policy import PolicyOverride
from ketenwacht.assessments.models.questionnaires import QuestionnaireLink, SupplierAnswer

__all__ = [
    "Answer",
    "AnswerStatus",
    "Assessment",
    "AssessmentStatus",
    "CatalogVersion",
    "PolicyOverride",
    "QuestionnaireLink",
    "ReviewStep",
    "SupplierAnswer",
]
