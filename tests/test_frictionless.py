"""The corpus is a Frictionless data package that Frictionless itself accepts (its Python API,
not a re-implementation), with per-resource licences and the JSON Schema of every JSON layer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import CORPUS

frictionless = pytest.importorskip("frictionless")


def read_package(root: Path = CORPUS) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def errors_of(report) -> list[str]:
    """Every error of a Frictionless report as ``resource: type: note``."""
    found = [f"package: {e.type}: {e.note}" for e in report.errors]
    for task in report.tasks:
        found += [f"{task.name}: {e.type}: {e.note}" for e in task.errors]
    return found


def test_frictionless_validates_the_shipped_corpus() -> None:
    report = frictionless.validate(str(CORPUS / "datapackage.json"))
    assert errors_of(report) == []
    assert report.valid and len(report.tasks) == len(read_package()["resources"])


def test_frictionless_rejects_a_changed_file(tmp_path: Path) -> None:
    """The check is real: one changed byte in a listed file fails ``frictionless validate``."""
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    package = read_package(root)
    package["resources"] = [r for r in package["resources"] if r["path"] in
                            ("documents.json", "clean/wapo-2011-01-11.txt", "annotations/claims.json")]
    (root / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert frictionless.validate(str(root / "datapackage.json")).valid
    text = (root / "clean/wapo-2011-01-11.txt").read_bytes()
    (root / "clean/wapo-2011-01-11.txt").write_bytes(text.replace(b"Seoul", b"Seoui", 1))
    report = frictionless.validate(str(root / "datapackage.json"))
    assert not report.valid
    assert any(e.startswith("clean-wapo-2011-01-11: hash-count") for e in errors_of(report)), errors_of(report)


def test_no_file_name_is_one_frictionless_reads_as_its_own_type() -> None:
    """Frictionless reads ``*schema.json``, ``*report.json``, ``*resource.json`` ... as its own
    descriptors, whatever the package says (the 15 errors of issue 13)."""
    names = [n for trait in frictionless.settings.METADATA_TRAITS.values() for n in trait["names"]]
    clash = [p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
             if p.is_file() and p.name != "datapackage.json" and p.name.endswith(tuple(names))]
    assert clash == []


def test_package_has_a_version_and_licences() -> None:
    package = read_package()
    assert package["version"] == __import__("kjpacts").__version__
    assert {lic["name"] for lic in package["licenses"]} == {"MIT", "other-closed"}
    outlets = {}
    for d in json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]:
        outlets[d["doc_id"]] = outlets[Path(d["source_file"]).stem] = d["rights"]
    for res in package["resources"]:
        (lic,) = res["licenses"]
        folder = res["path"].split("/")[0]
        if folder in ("raw", "clean", "structure", "cleaning"):
            assert lic["name"] == "other-closed", res["path"]
            assert lic["title"].startswith(outlets[Path(res["path"]).stem]), res["path"]
        else:
            assert lic["name"] == "MIT", res["path"]


def test_every_json_layer_names_its_schema() -> None:
    resources = read_package()["resources"]
    expected = {"documents.json": "schemas/documents.json", "annotations/claims.json": "schemas/claims.json",
                "agreement/agreement.json": "schemas/agreement.json", "outside/records.json": "schemas/outside.json",
                "cleaning/ahram-2011-01-10.json": "schemas/cleaning.json"}
    by_path = {r["path"]: r for r in resources}
    for path, schema in expected.items():
        assert by_path[path]["jsonschema"] == schema
    from jsonschema import Draft202012Validator

    for res in resources:
        top = res["path"].split("/")[0]
        if res["path"].endswith(".json") and top in ("annotations", "cleaning", "structure", "outside"):
            assert (CORPUS / res["jsonschema"]).is_file(), res["path"]
        if "jsonschema" in res:  # the file does follow the schema the package names
            schema = json.loads((CORPUS / res["jsonschema"]).read_text(encoding="utf-8"))
            data = json.loads((CORPUS / res["path"]).read_text(encoding="utf-8"))
            assert not list(Draft202012Validator(schema).iter_errors(data)), res["path"]


def test_frictionless_cli_exits_0_on_the_corpus() -> None:
    """The issue's own check: ``frictionless validate corpus/datapackage.json`` exits 0."""
    import subprocess
    import sys

    cli = Path(sys.executable).parent / "frictionless"
    if not cli.exists():
        pytest.skip("the frictionless command is not installed beside this Python")
    out = subprocess.run([str(cli), "validate", "datapackage.json"], cwd=CORPUS, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]
