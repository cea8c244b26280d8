"""The deployment examples in deploy/ parse, and say what docs/deployment.md promises: probes on
/readyz and /healthz, a worker, the hourly and nightly jobs, a migration job, WebSockets through the
ingress; the systemd units pass `systemd-analyze verify` where it is installed."""

import shutil
import subprocess

import pytest
import yaml

from .helpers import ROOT

DEPLOY = ROOT / "deploy"


def manifests() -> dict[tuple[str, str], dict]:
    found = {}
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            assert isinstance(document, dict) and document.get("apiVersion") and document.get("kind"), path
            name = document.get("metadata", {}).get("name", path.name)  # a Kustomization has no name
            found[(document["kind"], name)] = document
    return found


def container(document: dict) -> dict:
    spec = document["spec"]
    if document["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    [only] = spec["template"]["spec"]["containers"]
    return only


def test_every_manifest_parses_and_the_kustomization_lists_the_files_that_exist():
    found = manifests()
    kustomization = found[("Kustomization", "kustomization.yaml")]
    for resource in kustomization["resources"]:
        assert (DEPLOY / "k8s" / resource).is_file(), resource
    kinds = {kind for kind, _name in found}
    assert {"Deployment", "Service", "Ingress", "ConfigMap", "Secret", "CronJob", "Job"} <= kinds


def test_the_web_pods_are_probed_on_readyz_and_healthz_and_accept_the_probes_host():
    web = manifests()[("Deployment", "dialogwerk-web")]
    main = container(web)
    assert main["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert main["livenessProbe"]["httpGet"]["path"] == "/healthz"
    hosts = {item["name"]: item.get("value") for item in main["env"]}
    assert "$(POD_IP)" in hosts["ALLOWED_HOSTS"], "the kubelet asks with the pod's address as host"
    names = [item["name"] for item in main["env"]]
    assert names.index("POD_IP") < names.index("ALLOWED_HOSTS"), "$(POD_IP) expands only when defined before"


def test_the_worker_jobs_and_migration_run_our_commands():
    found = manifests()
    assert container(found[("Deployment", "dialogwerk-worker")])["command"][:2] == ["dialogwerk", "db_worker"]
    reminders = found[("CronJob", "dialogwerk-reminders")]
    assert reminders["spec"]["schedule"] == "0 * * * *"
    assert container(reminders)["command"] == ["dialogwerk", "send_reminders", "--enqueue"]
    assert container(found[("CronJob", "dialogwerk-retention")])["command"] == ["dialogwerk", "apply_retention"]
    assert container(found[("Job", "dialogwerk-migrate")])["command"] == ["dialogwerk", "migrate", "--noinput"]
    for document in found.values():
        if document["kind"] in {"Deployment", "Job", "CronJob"}:
            sources = container(document)["envFrom"]
            assert {"configMapRef": {"name": "dialogwerk"}} in sources and {
                "secretRef": {"name": "dialogwerk"}
            } in sources


def test_the_ingress_keeps_websockets_open_and_the_secret_example_holds_no_real_secret():
    ingress = manifests()[("Ingress", "dialogwerk")]
    assert int(ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    secret = yaml.safe_load((DEPLOY / "k8s" / "secret.example.yaml").read_text())
    assert all(
        "CHANGE-ME" in value or "replace" in value or "example" in value for value in secret["stringData"].values()
    )


def test_the_proxy_examples_upgrade_websockets_and_hide_metrics():
    nginx = (DEPLOY / "nginx" / "dialogwerk.conf").read_text()
    assert "location /ws/" in nginx and "proxy_set_header Upgrade $http_upgrade;" in nginx
    assert "location = /metrics { return 404; }" in nginx and "Strict-Transport-Security" in nginx
    caddy = (DEPLOY / "caddy" / "Caddyfile").read_text()
    assert "respond /metrics 404" in caddy and "health_uri /readyz" in caddy


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_the_systemd_units_verify(tmp_path):
    # The units point at /srv/dialogwerk/.venv/bin/…, which does not exist here: stand-ins take its place.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("uvicorn", "dialogwerk"):
        (bin_dir / name).write_text("#!/bin/sh\n")
        (bin_dir / name).chmod(0o755)
    units = []
    for source in sorted((DEPLOY / "systemd").glob("dialogwerk*")):
        if source.suffix not in {".service", ".timer"}:
            continue
        name = source.name.replace("@.", "@1.")  # an instance of each template
        target = tmp_path / name
        target.write_text(source.read_text().replace("/srv/dialogwerk/.venv/bin/", f"{bin_dir}/"))
        units.append(str(target))
    assert len(units) >= 6
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True, timeout=120
    )
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "dialogwerk" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr
