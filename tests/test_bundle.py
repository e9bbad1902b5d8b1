"""The shipped data bundle (#23.1): the wheel carries the parsed, validated YAML, equal to its sources."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from icpfile.data import bundle, catalog

ROOT = Path(__file__).resolve().parent.parent


def _unpacked(built: dict) -> dict:
    return {rel: (size, marshal.loads(blob)) for rel, (size, blob) in built["files"].items()}


def test_bundle_holds_every_shipped_yaml_file_as_its_source_parses() -> None:
    built = _unpacked(bundle.build())
    on_disk = sorted(p.relative_to(bundle.PACKAGE_DIR).as_posix() for p in bundle.PACKAGE_DIR.rglob("*.yaml"))
    assert sorted(built) == on_disk  # a new YAML file in the package is bundled (or SHIPPED is told why not)
    for rel, (size, data) in built.items():
        raw = (bundle.PACKAGE_DIR / rel).read_bytes()
        assert size == len(raw)
        assert data == json.loads(json.dumps(yaml.safe_load(raw.decode("utf-8")), ensure_ascii=False)), rel


def test_a_record_that_breaks_its_schema_fails_the_build(tmp_path: Path) -> None:
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "broken.yaml").write_text("rules:\n  - code: ICP999\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"checks/broken\.yaml does not match record\.schema\.json"):
        bundle.build(tmp_path)


def test_read_data_answers_from_the_bundle_and_gives_a_fresh_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    rel = "data/providers.yaml"
    size = (bundle.PACKAGE_DIR / rel).stat().st_size
    marked = {"providers": {}, "default": "from-the-bundle"}
    monkeypatch.setattr(bundle, "_loaded", lambda: {rel: [size, marshal.dumps(marked)]})
    first = catalog.read_data("providers.yaml")
    assert first == marked
    first["default"] = "changed by a caller"
    assert catalog.read_data("providers.yaml")["default"] == "from-the-bundle"


def test_an_installed_file_of_another_size_is_read_from_its_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    rel = "data/providers.yaml"
    size = (bundle.PACKAGE_DIR / rel).stat().st_size
    monkeypatch.setattr(bundle, "_loaded", lambda: {rel: [size + 1, marshal.dumps({"stale": True})]})
    assert "stale" not in catalog.read_data("providers.yaml")


def _loaded_from(blob: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """What `_loaded` gives for an installed bundle file holding `blob`."""
    package = tmp_path / "icpfile"
    package.mkdir()
    (package / bundle.BUNDLE_NAME).write_bytes(blob)
    monkeypatch.setattr(bundle, "PACKAGE_DIR", package)
    bundle._loaded.cache_clear()
    try:
        return bundle._loaded()
    finally:
        bundle._loaded.cache_clear()


def test_a_bundle_of_another_version_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = bundle.build()
    built["version"] = "0.0.0-other"
    assert _loaded_from(bundle.dump(built), tmp_path, monkeypatch) == {}


@pytest.mark.parametrize("blob", [b"", b"\x80\x04not marshal", marshal.dumps(["a", "list"])[:-1]])
def test_a_bundle_that_does_not_read_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blob: bytes) -> None:
    """An old pickle bundle, a truncated one or another Python's format: the YAML is parsed instead."""
    assert _loaded_from(blob, tmp_path, monkeypatch) == {}


@pytest.mark.parametrize("files", [["a", "list"], {"data/providers.yaml": 3}, {"data/providers.yaml": [1]},
                                   {"data/providers.yaml": ["1", b""]}])
def test_a_bundle_of_another_shape_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: object) -> None:
    """breaker42: the right version with `files` as a list, or an entry as an int, was a traceback."""
    built = {"version": bundle.build()["version"], "files": files}
    assert _loaded_from(bundle.dump(built), tmp_path, monkeypatch) == {}


@pytest.mark.parametrize("inner", [["a", "list"], None, 3])
def test_a_bundled_file_that_is_not_a_mapping_is_parsed_from_its_yaml(monkeypatch: pytest.MonkeyPatch,
                                                                       inner: object) -> None:
    rel = "data/providers.yaml"
    size = (bundle.PACKAGE_DIR / rel).stat().st_size
    monkeypatch.setattr(bundle, "_loaded", lambda: {rel: [size, marshal.dumps(inner)]})
    assert bundle.shipped(rel) == (False, None)


def test_a_bundled_file_that_does_not_read_is_parsed_from_its_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    rel = "data/providers.yaml"
    size = (bundle.PACKAGE_DIR / rel).stat().st_size
    monkeypatch.setattr(bundle, "_loaded", lambda: {rel: [size, b"\xff"]})
    assert bundle.shipped(rel) == (False, None)
    assert "providers" in catalog.read_data("providers.yaml")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the tracked tree")
def test_the_wheel_carries_the_bundle_and_runs_without_yaml_schema_checks_or_cache(tmp_path: Path) -> None:
    """Build the wheel as pip does (build isolation off: hatchling, PyYAML and jsonschema come from
    the test environment), install it into a folder, and load every rule and data file from it
    with a read-only cache folder: nothing is parsed, validated or written."""
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pytest.skip("hatchling is not installed (pip install -e '.[test]')")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=240)
    (wheel,) = wheels.glob("icpfile-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = marshal.loads(archive.read(f"icpfile/{bundle.BUNDLE_NAME}"))
        archive.extractall(tmp_path / "site")
    assert _unpacked(shipped) == _unpacked(bundle.build())  # the wheel's bundle is what the sources give
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o500)
    probe = (
        "import sys, icpfile.data.catalog as c, icpfile.data.packs as p, icpfile.checks as k\n"
        "from icpfile.checks import places\n"
        "from icpfile.data import sources\n"
        "assert c.__file__.startswith(sys.argv[1]), c.__file__\n"
        "rules = c.rules(); k.load_all(); p.builtin(); places.divisions(); sources.sources()\n"
        "print(len(rules), 'jsonschema' in sys.modules, 'yaml' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "ICPFILE_CACHE_DIR": str(cache)}
    run = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "site")], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [str(len(catalog.rules())), "False", "False"]
    assert list(cache.iterdir()) == []
