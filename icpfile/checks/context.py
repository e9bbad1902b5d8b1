"""What a rule function sees: the typed draft, the run's options and the province pack.

A rule module reads the draft only through `Context` (never through another rule module), so the
views several modules share live here: the services and persons of the order, every domain it
names, the head of each material file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from icpfile.data import kinds
from icpfile.data.kinds import Kind
from icpfile.data.packs import Packs
from icpfile.load import files
from icpfile.load import pointer as jp
from icpfile.options import Options
from icpfile.schema import draft as sch
from icpfile.values import domains as dom
from icpfile.values import material_needs as mat

# `Context.file_head`'s "why not readable" for a path outside the draft's folder (or `--root`).
OUTSIDE = "outside"
T = TypeVar("T")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def text(value: Any) -> str:
    """A field's text, or '' where it is missing or not text (the schema reports that)."""
    return value if isinstance(value, str) else ""


def os_label(os: str) -> dict[str, str] | str:
    """An app platform's code as a message shows it, {zh, en} by the schema's label (`android` →
    安卓 / Android; walker41 item 5: `android 的签名值`); an unknown code as written."""
    label = sch.labels(sch.at(["apps", 0, "platforms", 0, "os"])).get(os)
    return {"zh": label, "en": sch.label_in(label, "en")} if label else os


class Context:
    """One draft as every rule function sees it, built once per draft by the engine.

    `data` is the typed and repaired draft (a dict; any value may have the wrong type, which the
    schema reports, so every view here tolerates it); `options` the run's options; `packs` the
    national and province data with user packs merged; `base` the draft's folder (material paths
    are relative to it) and `root` the folder nothing outside of is read. Views are computed once
    (`cached_property`) and the list views yield `(index, pointer, entry)` for entries written as
    mappings only. Never raises on a draft's shape.
    """

    def __init__(self, data: dict[str, Any], options: Options, packs: Packs, base: Path | None = None) -> None:
        self.data = data
        self.options = options
        self.packs = packs
        self.base = base or Path.cwd()  # the draft's folder: materials paths are relative to it
        # Nothing outside this folder is read: the draft's folder, or `--root` when given.
        self.root = Path(options.root) if options.root else self.base
        self.files: dict[str, tuple[bytes | None, int, str]] = {}  # material heads, read once
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A rule module's own view of this draft, built by `build` the first time a rule asks for
        `key` (name it `module.view`) and kept for this draft only: the one place for work several
        rules of a module would otherwise each redo per draft (#23: the domain suffixes three rules
        walked, each parsing every domain again). A build that raises is not kept: every rule that
        asks raises as it did on its own."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build()
            return value

    @property
    def today(self):
        return self.options.today

    @cached_property
    def filing_type(self) -> str:
        return text(_dict(self.data.get("filing")).get("type"))

    @cached_property
    def kind(self) -> Kind | None:
        """The filing kind's record (data/kinds.yaml), or None when the type is not a kind."""
        return kinds.kind(self.filing_type)

    @cached_property
    def subject(self) -> dict[str, Any]:
        return _dict(self.data.get("subject"))

    @cached_property
    def changes_since_approval(self) -> list[Any]:
        """What the draft changed since its record (`data.changes.found`), found once per check:
        seven rules ask, and each comparison of a service's IPs is a set of every IP (breaker22
        L18: a website of 91,000 IPs took 2.96 s, the comparison done 24 times)."""
        from icpfile.data import changes

        return changes.found(self.data)

    @cached_property
    def nature(self) -> str:
        """The nature code, or '' when it is not a valid code (the schema reports that)."""
        value = text(self.subject.get("nature"))
        return value if value in sch.code_labels("nature") else ""

    @property
    def is_personal(self) -> bool:
        return self.nature == "personal"

    @property
    def is_unit(self) -> bool:
        return bool(self.nature) and self.nature != "personal"

    @property
    def nature_key(self) -> str:
        """`personal` or `unit`: the two columns of the guide's tables."""
        return "personal" if self.is_personal else "unit"

    @cached_property
    def province(self) -> str:
        """The province's full name, or '' when it is not one of the 31 (the schema reports that)."""
        value = text(self.subject.get("province"))
        return value if value in self.packs.provinces else ""

    @cached_property
    def pack(self) -> dict[str, Any]:
        """The province's rule data over the defaults (defaults alone if no province)."""
        return self.packs.province(self.province)

    @cached_property
    def provider(self) -> str:
        """The filing.provider code, or '' when none (or not a known code) is given."""
        value = text(_dict(self.data.get("filing")).get("provider"))
        return value if value in self.packs.providers else ""

    @cached_property
    def profile(self) -> dict[str, Any]:
        """The provider's pre-review profile (providers.yaml); the guide's provider's without one."""
        return self.packs.profile(self.provider)

    @property
    def national(self) -> dict[str, Any]:
        return self.packs.national

    def _listed(self, key: str) -> list[tuple[int, str, dict[str, Any]]]:
        entries = self.data.get(key)
        if not isinstance(entries, list):
            return []
        return [(i, jp.join(f"/{key}", i), entry) for i, entry in enumerate(entries) if isinstance(entry, dict)]

    @cached_property
    def _websites(self) -> list[tuple[int, str, dict[str, Any]]]:
        return self._listed("websites")

    def websites(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(index, pointer, website) for every website written as a mapping."""
        return iter(self._websites)

    @cached_property
    def _apps(self) -> list[tuple[int, str, dict[str, Any]]]:
        return self._listed("apps")

    def apps(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(index, pointer, entry) for every app, mini-program or quick app written as a mapping."""
        return iter(self._apps)

    def services(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """The websites, then the apps: every 互联网信息服务 of the order, each with its principal."""
        yield from self._websites
        yield from self._apps

    @cached_property
    def _persons(self) -> list[tuple[str, dict[str, Any]]]:
        found = []
        principal = self.subject.get("principal")
        if isinstance(principal, dict):
            found.append(("/subject/principal", principal))
        for _, ptr, service in self.services():
            if isinstance(service.get("principal"), dict):
                found.append((jp.join(ptr, "principal"), service["principal"]))
        return found

    def persons(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every person written out: the subject's principal, then each website's and each app's own
        (an app's 互联网信息服务负责人 follows the same rules as a website's principal)."""
        return iter(self._persons)

    @cached_property
    def _website_domains(self) -> list[tuple[str, str]]:
        found = []
        for _, ptr, site in self.websites():
            value = text(site.get("domain"))
            if value and not dom.several_domains(value):
                found.append((f"{ptr}/domain", value))
        return found

    def website_domains(self) -> Iterator[tuple[str, str]]:
        """(pointer, value) of every website's domain that is one domain (ICP517 reports the others);
        found once per draft: some twenty rules ask, each split every value again (#19)."""
        return iter(self._website_domains)

    @cached_property
    def _app_domains(self) -> list[tuple[str, str]]:
        found = []
        for _, ptr, app in self.apps():
            if app.get("kind") != "app":
                continue
            listed = app.get("domains")
            for j, value in enumerate(listed if isinstance(listed, list) else []):
                if text(value).strip():
                    found.append((f"{ptr}/domains/{j}", value))
        return found

    def app_domains(self) -> Iterator[tuple[str, str]]:
        """(pointer, domain as typed) for every domain an app lists (`/apps/i/domains/j`), found once
        per draft."""
        return iter(self._app_domains)

    def domains(self) -> Iterator[tuple[str, str]]:
        """Each website's domain, then each domain an app calls: every domain the order names."""
        yield from self.website_domains()
        yield from self.app_domains()

    def file_head(self, raw: str) -> tuple[bytes | None, int, str]:
        """(first 15 bytes or None, size in bytes, why not readable) of a material file, read once per draft.

        A path outside the draft's folder (or `--root`) is never looked at: why is OUTSIDE. A path
        no file can have (a NUL or control character, too long) is never looked at either: why says
        so, and the entry is an ICP701 finding while the other entries are still checked."""
        if raw not in self.files:
            problem = mat.path_problem(raw)
            if problem is not None:  # a NUL byte would stop the rule (ValueError) and lose every entry
                self.files[raw] = (None, 0, problem)
            else:
                try:
                    path = mat.resolve(self.base, raw, self.root)
                except (ValueError, OSError) as exc:
                    self.files[raw] = (None, 0, f"unusable path ({type(exc).__name__})")
                else:
                    self.files[raw] = (None, 0, OUTSIDE) if path is None else _read_head(path)
        return self.files[raw]


def unreadable_case(why: str) -> str:
    """The message variant (ICP701, ICP556) for `file_head`'s why, so a Chinese message says it in
    Chinese; default for the system's own reasons (permissions, I/O), which its message quotes."""
    if why.startswith("the path holds"):
        return "control"
    return {"missing": "missing", "folder": "folder", "the path is too long": "too_long"}.get(why, "default")


def _read_head(path: Path) -> tuple[bytes | None, int, str]:
    """Only a regular file is opened (a FIFO or device is "not a regular file", never a hang)."""
    import os
    import stat

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, 0, "folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        return files.read_regular(path, 15), info.st_size, ""
    except FileNotFoundError:
        return None, 0, "missing"
    except OSError as exc:
        return None, 0, exc.strerror or "unreadable"
