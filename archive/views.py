"""Admin pages of the archive import, for superusers only: the runs with an upload form, and one
run's progress and report. Imports write pages anywhere in the tree, hence superusers."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from archive.forms import ImportRunForm
from archive.models import ImportRun
from archive.tasks import run_import

REFRESH_SECONDS = 3
PROBLEMS_SHOWN = 500


def superuser_required(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@superuser_required
def run_list(request):
    form = ImportRunForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = form.save(commit=False)
        run.dry_run = request.POST.get("action") != "import"
        run.started_by = request.user
        uploaded = form.cleaned_data["archive_file"].name  # before saving: storage may rename the file
        run.save()
        run_import.enqueue(run.pk)
        what = "Dry run (nothing is written)" if run.dry_run else "Import"
        messages.success(request, f"{what} of {uploaded} started.")
        return redirect("archive_import_run", run.pk)
    if request.method == "POST":
        messages.error(request, "The import was not started: see the problems below.")
    runs = ImportRun.objects.select_related("started_by")[:50]
    return TemplateResponse(request, "archive/run_list.html", {"form": form, "runs": runs})


@superuser_required
def run_detail(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    problems = run.report.get("problems", [])
    context = {
        "run": run,
        "refresh": None if run.finished else REFRESH_SECONDS,
        "summary": run.report.get("summary", {}),
        "problems": problems[:PROBLEMS_SHOWN],
        "problems_left_out": max(0, len(problems) - PROBLEMS_SHOWN),
        "warnings": run.report.get("warnings", [])[:PROBLEMS_SHOWN],
    }
    return TemplateResponse(request, "archive/run_detail.html", context)
