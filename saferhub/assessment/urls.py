"""Under /assessment/: the scoring matrix pages, the adopted priorities and the strategic assessment document."""

from django.urls import path

from saferhub.assessment.views import documents, matrix, results, scores

app_name = "assessment"

_matrix = "matrices/<int:matrix_pk>/"

urlpatterns = [
    path("", matrix.matrix_list, name="index"),
    path("matrices/new", matrix.matrix_create, name="matrix-new"),
    path(_matrix, matrix.matrix_detail, name="matrix"),
    path(_matrix + "period", matrix.matrix_period, name="matrix-period"),
    path(_matrix + "score-from-data", matrix.matrix_refresh, name="matrix-refresh"),
    path(_matrix + "dimensions/new", matrix.dimension_add, name="dimension-new"),
    path(_matrix + "dimensions/<int:dimension_pk>/", matrix.dimension_edit, name="dimension"),
    path(_matrix + "dimensions/<int:dimension_pk>/remove", matrix.dimension_remove, name="dimension-remove"),
    path(_matrix + "scores", scores.score_grid, name="scores"),
    path(_matrix + "issues/new", scores.issue_add, name="issue-new"),
    path(_matrix + "issues/<int:issue_pk>/", scores.issue_score, name="issue"),
    path(_matrix + "issues/<int:issue_pk>/remove", scores.issue_remove, name="issue-remove"),
    path(_matrix + "issues/<int:issue_pk>/restore", scores.issue_restore, name="issue-restore"),
    path(_matrix + "results", results.results, name="results"),
    path(_matrix + "adopt", results.adopt_choose, name="adopt"),
    path(_matrix + "adopt/check", results.adopt_check, name="adopt-check"),
    path("priorities/", results.priorities, name="priorities"),
    # the strategic assessment document
    path("documents/", documents.document_list, name="documents"),
    path("documents/new", documents.document_start, name="document-new"),
    path("documents/<int:assessment_pk>/", documents.document_detail, name="document"),
    path("documents/<int:assessment_pk>/save-version", documents.version_save, name="version-save"),
    path("documents/versions/<int:version_pk>/", documents.version_detail, name="version"),
    path("documents/versions/<int:version_pk>/pdf", documents.version_pdf, name="version-pdf"),
    path("documents/versions/<int:version_pk>/approve", documents.version_approve, name="version-approve"),
]
