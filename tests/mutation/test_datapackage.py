"""kjpacts.corpus.datapackage in process, on a tiny corpus folder whose expected datapackage.json
is written out here by hand, and on the shipped corpus (sizes and hashes recomputed with hashlib)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kjpacts import __version__
from kjpacts.corpus.datapackage import datapackage, write_datapackage

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
MIT = {"name": "MIT", "path": "https://opensource.org/licenses/MIT",
       "title": "MIT License (the kit's annotations, metadata, schemas and documentation; quoted spans "
                "remain their publishers')"}
FILES = {
    "documents.json": '{"documents": [{"doc_id": "a-2011", "source_file": "raw/A_Page.html", "rights": "(c) A."}]}',
    "raw/A_Page.html": "<p>é</p>",
    "clean/a-2011.txt": "é",
    "structure/stray.json": "{}",
    "schemas/documents.json": "{}",
    "Notes.md": "# n",
    "cite.2012.bib": "@misc{x}",  # the name drops only the last suffix
    "blob.Xq": "?",  # an unknown suffix, kept as written
    "datapackage.json": "{}",  # never lists itself
    "guidelines/__pycache__/x.pyc": "",  # never listed
}


def _resource(rel: str, size: int, digest: str, **fields) -> dict:
    return {"name": fields.pop("name"), "path": rel, "type": fields.pop("type"), "format": fields.pop("format"),
            "mediatype": fields.pop("mediatype"), "encoding": "utf-8", "bytes": size, "hash": f"sha256:{digest}",
            "description": fields.pop("description", "Corpus documentation or metadata."),
            "licenses": [fields.pop("licence", MIT)], **fields}


def _tiny(root: Path) -> Path:
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_tiny_folder_gives_the_hand_written_package(tmp_path):
    root = _tiny(tmp_path)
    a_rights = {"name": "other-closed", "title": "(c) A. See RIGHTS.md."}
    want = [
        _resource("Notes.md", 3, _digest("# n"), name="notes", type="text", format="md", mediatype="text/markdown"),
        _resource("blob.Xq", 1, _digest("?"), name="blob", type="file", format="Xq",
                  mediatype="application/octet-stream"),
        _resource("cite.2012.bib", 8, _digest("@misc{x}"), name="cite.2012", type="text", format="bib",
                  mediatype="application/x-bibtex"),
        _resource("clean/a-2011.txt", 2, _digest("é"), name="clean-a-2011", type="text", format="txt",
                  mediatype="text/plain", licence=a_rights,
                  description="Clean text: what NLTK and students see. Built by `kjpacts build`."),
        _resource("documents.json", len(FILES["documents.json"]), _digest(FILES["documents.json"]), name="documents",
                  type="json", format="json", mediatype="application/json", jsonschema="schemas/documents.json"),
        _resource("raw/A_Page.html", 9, _digest("<p>é</p>"), name="raw-a-page", type="text", format="html",
                  mediatype="text/html", licence=a_rights,
                  description="Raw page as scraped, byte-identical to the seed file. Never modified."),
        _resource("schemas/documents.json", 2, _digest("{}"), name="schemas-documents", type="json", format="json",
                  mediatype="application/json",
                  description="JSON Schema (draft 2020-12) for a machine-readable corpus file."),
        # structure/ follows a schema, but this folder ships none, so no "jsonschema" is claimed
        _resource("structure/stray.json", 2, _digest("{}"), name="structure-stray", type="json", format="json",
                  mediatype="application/json",
                  licence={"name": "other-closed", "title": "Article text (c) its publisher. See RIGHTS.md."},
                  description="Structure: headline, byline, dateline, paragraphs (clean offsets) and photo captions."),
    ]
    package = datapackage(root)
    assert package["resources"] == want
    assert {k: v for k, v in package.items() if k != "resources"} == {
        "name": "kjpacts-corpus",
        "title": "Korea-Japan military pacts (GSOMIA/ACSA) news corpus, 2011-2012",
        "description": "Five scraped news pages with a reversible clean layer and stand-off annotations. "
                       "See DATASHEET.md.",
        "version": __version__,
        "licenses": [MIT, {"name": "other-closed", "title": "Article texts remain (c) their publishers; included for "
                           "teaching, research, criticism and review. See RIGHTS.md."}],
    }


def test_unreadable_documents_json_falls_back_to_the_generic_rights_line(tmp_path):
    root = _tiny(tmp_path)
    (root / "documents.json").write_text("[not json", encoding="utf-8")
    licences = {r["path"]: r["licenses"] for r in datapackage(root)["resources"]}
    assert licences["clean/a-2011.txt"] == [{"name": "other-closed", "title": "Article text (c) its publisher. See RIGHTS.md."}]
    (root / "documents.json").unlink()
    assert datapackage(root)["resources"][0]["path"] == "Notes.md"  # a missing documents.json is no crash


def test_shipped_corpus_sizes_hashes_and_rights_recomputed_independently():
    docs = json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]
    rights = {d["doc_id"]: d["rights"] for d in docs} | {Path(d["source_file"]).stem: d["rights"] for d in docs}
    listed = {r["path"]: r for r in datapackage(CORPUS)["resources"]}
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
               if p.is_file() and p.name != "datapackage.json" and "__pycache__" not in p.parts}
    assert set(listed) == on_disk
    for rel, res in listed.items():
        data = (CORPUS / rel).read_bytes()
        assert (res["bytes"], res["hash"]) == (len(data), "sha256:" + hashlib.sha256(data).hexdigest()), rel
        if rel.split("/")[0] in ("raw", "clean", "structure", "cleaning"):
            assert res["licenses"] == [{"name": "other-closed", "title": f"{rights[Path(rel).stem]} See RIGHTS.md."}]
    assert listed["annotations/entities.json"]["jsonschema"] == "schemas/entities.json"
    assert "jsonschema" not in listed["agreement/pass1/claims.json"]


def test_the_shipped_datapackage_json_is_what_it_builds():
    assert datapackage(CORPUS) == json.loads((CORPUS / "datapackage.json").read_text(encoding="utf-8"))


def test_write_datapackage_writes_only_when_changed_and_never_with_check(tmp_path):
    root = _tiny(tmp_path)
    path = root / "datapackage.json"
    assert write_datapackage(root, check=True) is True
    assert path.read_text(encoding="utf-8") == "{}"  # check only compares
    assert write_datapackage(root) is True
    written = path.read_text(encoding="utf-8")
    assert json.loads(written)["resources"][0]["path"] == "Notes.md"
    assert write_datapackage(root) is False and write_datapackage(root, check=True) is False
    path.unlink()
    assert write_datapackage(root, check=True) is True and not path.exists()
    assert write_datapackage(root) is True and path.read_text(encoding="utf-8") == written


# --- package_meta: the package's name, title and description -----------------------------------------

SHIPPED_META = {
    "name": "kjpacts-corpus",
    "title": "Korea-Japan military pacts (GSOMIA/ACSA) news corpus, 2011-2012",
    "description": "Five scraped news pages with a reversible clean layer and stand-off annotations. See DATASHEET.md.",
}


def _story(root: Path, story, n_docs: int = 3) -> Path:
    if story is not None:
        (root / "story.json").write_text(json.dumps(story), encoding="utf-8")
    docs = [{"doc_id": f"d{i}", "source_file": f"raw/d{i}.html", "rights": "(c)"} for i in range(n_docs)]
    (root / "documents.json").write_text(json.dumps({"documents": docs}), encoding="utf-8")
    return root


def test_package_meta_without_story_json_is_a_copy_of_the_shipped_one(tmp_path):
    from kjpacts.corpus import datapackage as dp

    meta = dp.package_meta(_story(tmp_path, None))
    assert meta == SHIPPED_META and dp.SHIPPED == SHIPPED_META
    assert meta is not dp.SHIPPED
    meta["title"] = "changed"
    meta["extra"] = 1
    assert dp.SHIPPED == SHIPPED_META
    assert dp.package_meta(tmp_path) == SHIPPED_META
    (tmp_path / "story.json").mkdir()  # a folder named story.json is not a story file
    assert dp.package_meta(tmp_path) == SHIPPED_META


def test_package_meta_title_and_description_from_story_json(tmp_path):
    from kjpacts.corpus.datapackage import package_meta

    root = _story(tmp_path, {"title": "Seoul talks", "description": "Four pages on the talks.", "other": "x"})
    assert package_meta(root) == {"name": "kjpacts-story", "title": "Seoul talks", "description": "Four pages on the talks."}


def test_package_meta_defaults_count_the_documents(tmp_path):
    from kjpacts.corpus.datapackage import package_meta

    assert package_meta(_story(tmp_path, {})) == {
        "name": "kjpacts-story", "title": "A story corpus built with `kjpacts new`",
        "description": "3 saved news pages with a reversible clean layer and machine pre-annotation. See story.json."}
    assert package_meta(_story(tmp_path, {"description": "Mine."}, n_docs=0)) == {
        "name": "kjpacts-story", "title": "A story corpus built with `kjpacts new`", "description": "Mine."}
    assert package_meta(_story(tmp_path, {"title": "T"}, n_docs=1))["description"] == (
        "1 saved news pages with a reversible clean layer and machine pre-annotation. See story.json.")


def test_package_meta_empty_strings_fall_back_to_the_defaults(tmp_path):
    from kjpacts.corpus.datapackage import package_meta

    assert package_meta(_story(tmp_path, {"title": "", "description": ""}, n_docs=2)) == {
        "name": "kjpacts-story", "title": "A story corpus built with `kjpacts new`",
        "description": "2 saved news pages with a reversible clean layer and machine pre-annotation. See story.json."}
    assert package_meta(_story(tmp_path, {"title": "", "description": "D"})) == {
        "name": "kjpacts-story", "title": "A story corpus built with `kjpacts new`", "description": "D"}
    assert package_meta(_story(tmp_path, {"title": "T", "description": ""}, n_docs=12)) == {
        "name": "kjpacts-story", "title": "T",
        "description": "12 saved news pages with a reversible clean layer and machine pre-annotation. See story.json."}


def test_package_meta_names_a_missing_or_broken_file(tmp_path):
    from kjpacts.corpus.datapackage import package_meta
    from kjpacts.errors import CorpusError

    (tmp_path / "story.json").write_text('{"title": "T"}', encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        package_meta(tmp_path)
    assert str(err.value) == "documents.json: -: file is missing; run `kjpacts build` to regenerate derived files"
    _story(tmp_path, None)
    (tmp_path / "story.json").write_text('{"title": ', encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        package_meta(tmp_path)
    assert str(err.value) == "story.json: line 1 column 11: invalid JSON: Expecting value; fix or restore the file"
    (tmp_path / "story.json").write_text('{"title": "T"}', encoding="utf-8")
    (tmp_path / "documents.json").write_text('{"documents": [', encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        package_meta(tmp_path)
    assert str(err.value) == "documents.json: line 1 column 16: invalid JSON: Expecting value; fix or restore the file"
