"""Views that belong to no lifecycle step: liveness, readiness, metrics. No login, no tenant data."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from . import health, metrics


@csrf_exempt
@require_GET
@never_cache
def healthz(request):
    """Liveness: 200 as long as the process answers. It touches nothing else, so that an outage of the
    database makes instances unready (see readyz), not restarted."""
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_GET
@never_cache
def readyz(request):
    """Readiness: 200 when the database answers, migrations are applied, the cache and the channel layer
    work; 503 naming the checks that failed. For load balancers and Kubernetes readiness probes."""
    checks = health.readiness()
    failed = sorted(name for name, result in checks.items() if result.startswith("failed"))
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed, "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})


@csrf_exempt
@require_GET
@never_cache
def metrics_view(request):
    """Prometheus metrics (text format); protected by METRICS_TOKEN and/or METRICS_ALLOWED_IPS when set."""
    denied = metrics.access_denied(request)
    if denied == 401:
        response = HttpResponse("Bearer token required.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if denied:
        return HttpResponse("Not allowed from this address.\n", status=403, content_type="text/plain")
    return HttpResponse(metrics.exposition(), content_type=metrics.CONTENT_TYPE_LATEST)
