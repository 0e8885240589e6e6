"""deploy/k8s validated offline: the Zero to JupyterHub values against the chart's own values schema,
the manifests with kubernetes-validate, and the pieces a class needs (exchange volume, limits, culler)."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
#: the chart's jupyterhub/values.schema.yaml, vendored with its licence (deploy/k8s/vendor/z2jh/SOURCE.md)
SCHEMA = Path(os.environ.get("KJPACTS_Z2JH_SCHEMA", K8S / "vendor" / "z2jh" / "values.schema.yaml"))
KUBERNETES = "1.32"  # the chart's kubeVersion floor


def without_required(schema):
    """helm merges the chart's defaults before validating, so a values file only overrides: drop `required`."""
    if isinstance(schema, dict):
        return {k: without_required(v) for k, v in schema.items() if k != "required"}
    if isinstance(schema, list):
        return [without_required(v) for v in schema]
    return schema


@pytest.fixture(scope="module")
def values_schema() -> dict:
    if not SCHEMA.is_file():
        pytest.fail(f"{SCHEMA}: the Zero to JupyterHub values schema is missing; restore deploy/k8s/vendor/z2jh/ "
                    "or point KJPACTS_Z2JH_SCHEMA at the chart's values.schema.yaml")
    return without_required(yaml.safe_load(SCHEMA.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((K8S / "config.yaml").read_text(encoding="utf-8"))


def test_values_match_the_charts_schema(values_schema, config):
    jsonschema.validate(config, values_schema)


def test_the_schema_check_catches_a_wrong_value(values_schema, config):
    bad = copy.deepcopy(config)
    bad["singleuser"]["storage"]["extraVolumess"] = []  # a typo the chart would silently ignore
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, values_schema)
    bad = copy.deepcopy(config)
    bad["cull"]["timeout"] = "an hour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, values_schema)


def test_manifests_validate_with_kubernetes_validate():
    import kubernetes_validate

    docs = [d for p in sorted(K8S.glob("*.yaml")) if p.name != "config.yaml"
            for d in yaml.safe_load_all(p.read_text(encoding="utf-8")) if d]
    assert docs, "no manifests in deploy/k8s"
    for doc in docs:
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_the_class_has_a_shared_exchange_limits_and_a_culler(config):
    pvc = yaml.safe_load((K8S / "exchange-pvc.yaml").read_text(encoding="utf-8"))
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    user = config["singleuser"]
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in user["storage"]["extraVolumes"]}
    mounts = {m["name"]: m["mountPath"] for m in user["storage"]["extraVolumeMounts"]}
    assert claims["nbgrader-exchange"] == pvc["metadata"]["name"]
    exchange_in_config = re.search(r'c\.Exchange\.root = os\.environ\.get\("KJPACTS_HUB_EXCHANGE", "([^"]+)"\)',
                                   (REPO / "deploy" / "hub" / "nbgrader_config.py").read_text())
    assert mounts["nbgrader-exchange"] == user["extraEnv"]["KJPACTS_HUB_EXCHANGE"] == exchange_in_config.group(1)
    # measured: ~260 MB per student after a lesson; the guarantee must cover it, the limit leave headroom
    assert int(user["memory"]["guarantee"].rstrip("M")) >= 260 and user["memory"]["limit"] == "1G"
    assert config["cull"]["enabled"] is True and 0 < config["cull"]["timeout"] <= 4 * 3600


def test_nbgitpuller_link_opens_the_first_lesson(config):
    link = re.search(r"https://\S+/hub/user-redirect/git-pull\?\S+", (K8S / "config.yaml").read_text()).group(0)
    query = parse_qs(urlsplit(link).query)
    repo = unquote(query["repo"][0])
    name = urlsplit(repo).path.rstrip("/").split("/")[-1]
    path = unquote(query["urlpath"][0])
    assert path.startswith(f"lab/tree/{name}/")
    assert (REPO / path.removeprefix(f"lab/tree/{name}/")).is_file(), path
    assert config["singleuser"]["defaultUrl"] == f"/lab/tree/{name}/notebooks/00-start-here.ipynb"


def test_image_installs_the_kit_with_the_instructor_tools_and_nbgitpuller():
    text = (K8S / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM \S+:\S+$", text, re.M), "pin the base image"
    assert '"/tmp/kjpacts[instructor]"' in text and "nbgitpuller" in text and "bubblewrap" in text
