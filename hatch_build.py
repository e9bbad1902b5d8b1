"""Hatchling build hook: parse and validate the shipped YAML data once, put the result in the wheel.

The wheel target only, and not for editable installs (which read the source tree's YAML, so an
edit shows at once). The bundle is written to a temporary folder, never into the source tree, and
added to the wheel as `icpfile/_shipped.marshal`; `icpfile/data/bundle.py` says what it holds and
why (#23.1). A record that breaks its schema fails the build here.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedDataHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from icpfile.data import bundle
        finally:
            sys.path.remove(self.root)
        self._tmp = tempfile.mkdtemp(prefix="icpfile-bundle-")
        out = Path(self._tmp) / bundle.BUNDLE_NAME
        out.write_bytes(bundle.dump(bundle.build(Path(self.root) / "icpfile")))
        build_data["force_include"][str(out)] = f"icpfile/{bundle.BUNDLE_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
