"""WeChat's filing API for third-party platforms: the HTTP client and the submission flow.

`icpfile submit --platform wechat DRAFT` runs, in order (WXA): upload each material once
(`upload_icp_media`, multipart, with the certificate's `certificate_type` and the field it is for
as `icp_order_field`), start the face check of the mini-program's principal
(`create_icp_verifytask`, no body), wait while the person answers WeChat's notice on their phone
(`query_icp_verifytask`, face_status 0 not started, 1 waiting, 2 failed, 3 passed), submit
(`apply_icp_filing`) and read the status (`get_icp_entrance_info`).

- The token is `ICPFILE_WECHAT_ACCESS_TOKEN`, or the file the settings name as `wechat_token_file`;
  never an option, and never printed, logged or written: every text that leaves this module
  passes `_scrub`, and the state holds no URL.
- Without `--yes` nothing is sent: the requests are printed, the token as `***` and the IDs and
  phones masked.
- Resumable: media ids, the task id and the answers are written to the state
  (`.icpfile/<draft>.wechat.json`, mode 0600, temp file and rename) the moment they arrive, so a
  re-run after a crash or Ctrl-C uploads nothing twice and starts no second face check while the
  task lives (3 days; the notice 24 hours, after which a new task is needed).
- Every call has a timeout; -1 (busy), the quota codes and network errors are retried with
  exponential backoff, at most ATTEMPTS times. Error codes are worded by `wechat_errors.yaml`.

httpx is imported here only (by `Client`), so `icpfile check` never loads it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from icpfile.data.catalog import read_data
from icpfile.platforms.export import FACE_PENDING, HERE, MEDIA, Built, MediaUse

DEFAULT_BASE = "https://api.weixin.qq.com"
BASE_ENV = "ICPFILE_WECHAT_BASE_URL"  # for tests against a loopback server only
TOKEN_ENV = "ICPFILE_WECHAT_ACCESS_TOKEN"
POLL_ENV = "ICPFILE_WECHAT_POLL_SECONDS"  # for tests: how often the face check is asked about
TIMEOUT = 20.0  # seconds, every call (an upload of a 10 MB file included)
ATTEMPTS = 4  # one call and three retries, 1 s, 2 s, 4 s apart
BACKOFF = 1.0
TASK_VALID = dt.timedelta(days=3)  # WXA: the task_id is valid 3 days
NOTICE_VALID = dt.timedelta(hours=24)  # WXA: the notice on the phone is valid 24 hours
FACE = {0: "not_started", 1: "waiting", 2: "failed", 3: "passed"}
STATUS = {2: "platform_review", 3: "platform_rejected", 4: "authority_review", 5: "authority_rejected",
          6: "filed", 1024: "not_filed"}
MAX_ANSWER = 1 << 20  # a JSON answer is a few KB; a larger one is not WeChat's
STATE_VERSION = 1


class WeChatError(Exception):
    """A call that failed: `code` is WeChat's errcode (or 'network', 'http'), `answer` its JSON."""

    def __init__(self, code: str, answer: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code, self.answer = code, answer or {}

    def line(self, lang: str) -> str:
        known = errors().get(self.code)
        if known:
            return f"WeChat {self.code}: {known[lang]}"
        if self.code == "network":
            return say("network", lang)
        return f"WeChat {self.code}: " + ("未知错误" if lang == "zh" else "unknown error")

    @property
    def token_problem(self) -> bool:
        return bool((read_errors().get(self.code) or {}).get("token"))


class SubmitError(Exception):
    """A one-line reason the submission cannot go on (the CLI prints it and exits 2)."""


@cache
def read_errors() -> dict[str, dict[str, Any]]:
    return read_data("wechat_errors.yaml", HERE)["errors"]


def errors() -> dict[str, dict[str, str]]:
    return {code: {"zh": e["zh"], "en": e["en"]} for code, e in read_errors().items()}


def retryable(code: str) -> bool:
    return code == "network" or bool((read_errors().get(code) or {}).get("retry"))


def access_token(token_file: Path | None) -> str | None:
    """The token from ICPFILE_WECHAT_ACCESS_TOKEN, else from `token_file` (the settings'
    `wechat_token_file`, resolved by the CLI); None when neither gives one."""
    value = os.environ.get(TOKEN_ENV, "").strip()
    if value:
        return value
    if token_file is None:
        return None
    try:
        from icpfile.load.files import read_regular

        return read_regular(token_file, 4096).decode("utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        raise SubmitError(f"cannot read the token file {token_file.name} (wechat_token_file in the settings)") from None


def base_url() -> str:
    return os.environ.get(BASE_ENV, "").rstrip("/") or DEFAULT_BASE


class Client:
    """WeChat's `wxa/icp/*` calls with the token in the query, a timeout on each, bounded retries."""

    def __init__(self, token: str, base: str | None = None, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = TIMEOUT) -> None:
        import httpx

        self.token, self.base, self.sleep = token, (base or base_url()), sleep
        self.http = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                                 headers={"User-Agent": "icpfile"})
        self._httpx = httpx

    def close(self) -> None:
        self.http.close()

    def call(self, method: str, endpoint: str, *, body: Any = None, form: dict[str, str] | None = None,
             upload: tuple[str, bytes, str] | None = None) -> dict[str, Any]:
        """WeChat's JSON answer (errcode 0); WeChatError otherwise, after the retries it deserves."""
        url = f"{self.base}/wxa/icp/{endpoint}"
        for attempt in range(ATTEMPTS):
            last = attempt == ATTEMPTS - 1
            try:
                answer = self._once(method, url, body, form, upload)
            except WeChatError as exc:
                if last or not retryable(exc.code):
                    raise
                self.sleep(BACKOFF * 2 ** attempt)
                continue
            return answer
        raise WeChatError("network")  # not reached: the last attempt returns or raises

    def _once(self, method: str, url: str, body: Any, form: dict[str, str] | None,
              upload: tuple[str, bytes, str] | None) -> dict[str, Any]:
        try:
            response = self.http.request(
                method, url, params={"access_token": self.token},
                content=None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8"),
                headers={"Content-Type": "application/json"} if body is not None else None,
                data=form, files={"media": upload} if upload else None)
        except self._httpx.HTTPError:  # its text may hold the URL, so the token: never shown
            raise WeChatError("network") from None
        raw = response.content[: MAX_ANSWER + 1]
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise WeChatError("http" if response.status_code >= 400 else "not-json") from None
        if not isinstance(answer, dict):
            raise WeChatError("not-json")
        code = str(answer.get("errcode", 0))
        if code != "0":
            raise WeChatError(code, answer)
        return answer


# ------------------------------------------------------------------ state


def state_path(draft: Path) -> Path:
    return draft.parent / ".icpfile" / f"{draft.name}.wechat.json"


def load_state(draft: Path) -> dict[str, Any]:
    path = state_path(draft)
    if not path.is_file():
        return {"version": STATE_VERSION, "media": {}}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise SubmitError(f"{path} cannot be read; move it aside to start again (nothing is re-uploaded "
                          "only if it is kept)") from None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise SubmitError(f"{path} is not a submission state this icpfile writes")
    state.setdefault("media", {})
    return state


def save_state(draft: Path, state: dict[str, Any]) -> None:
    from icpfile.load.files import write_atomic

    path = state_path(draft)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(state, ensure_ascii=False, indent=1) + "\n", mode=0o600)


def _moment(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# ------------------------------------------------------------------ the flow

def say(key: str, lang: str) -> str:
    """A line of the flow (wechat_errors.yaml `messages`) in the person's language."""
    return read_data("wechat_errors.yaml", HERE)["messages"][key]["zh" if lang == "zh" else "en"]


@dataclass
class Upload:
    key: str  # sha256 of the file, its certificate_type and media type: one upload per distinct file
    use: MediaUse
    data: bytes
    media_type: str  # image or video


@dataclass
class Flow:
    draft: Path
    built: Built
    lang: str
    echo: Callable[[str], None]
    progress: Callable[[str], None]
    now: Callable[[], dt.datetime] = dt.datetime.now
    poll_seconds: float = 5.0
    state: dict[str, Any] = field(default_factory=dict)
    token: str = ""

    def scrub(self, text: str) -> str:
        return text.replace(self.token, "***") if self.token else text

    def note(self, text: str) -> None:
        """A progress line (stderr), as `say` cleans it."""
        from icpfile.values.echo import escape_controls

        self.progress(escape_controls(self.scrub(text)))

    def say(self, text: str) -> None:
        """One or more lines to the person: the token scrubbed, controls in the draft's values escaped."""
        from icpfile.values.echo import escape_controls

        self.echo("\n".join(escape_controls(line) for line in self.scrub(text).split("\n")))

    # -- the materials
    def uploads(self, root: Path) -> list[Upload]:
        """One upload per distinct (file, certificate type, media type); the first field it serves
        is its icp_order_field. A file outside the draft's folder is never read."""
        from icpfile.load.files import read_regular
        from icpfile.platforms.export import mapping

        kinds = mapping("wechat").get("media_type") or {}
        found: dict[str, Upload] = {}
        for use in self.built.media:
            try:
                data = read_regular(self.draft.parent / use.path, 10 * 1024 * 1024, within=root)
            except OSError as exc:
                why = getattr(exc, "strerror", None) or "refused"
                raise SubmitError(f"{use.path}: cannot be read ({why})") from None
            media_type = kinds.get(use.kind, "image")
            key = f"{hashlib.sha256(data).hexdigest()}:{use.certificate_type}:{media_type}"
            found.setdefault(key, Upload(key, use, data, media_type))  # the first use names the field
            self.state.setdefault("fields", {})[use.placeholder] = key
        return list(found.values())

    def form(self, up: Upload) -> dict[str, str]:
        form = {"type": up.media_type, "icp_order_field": up.use.field}
        if up.use.certificate_type is not None and up.use.kind in ("principal_id", "website_principal_id",
                                                                 "subject_certificate"):
            form["certificate_type"] = str(up.use.certificate_type)
        return form

    def body(self) -> dict[str, Any]:
        """The apply_icp_filing body with every media placeholder and the task id filled in."""
        ids = {p: (self.state["media"].get(k) or {}).get("media_id") for p, k in self.state.get("fields", {}).items()}
        task = (self.state.get("task") or {}).get("task_id") or FACE_PENDING

        def fill(node: Any) -> Any:
            if isinstance(node, dict):
                return {k: fill(v) for k, v in node.items()}
            if isinstance(node, list):
                return [fill(v) for v in node]
            if isinstance(node, str) and node.startswith(MEDIA):
                return ids.get(node) or node
            return task if node == FACE_PENDING else node

        return fill(self.built.body)

    def task_usable(self) -> bool:
        task = self.state.get("task") or {}
        created = _moment(task.get("created_at"))
        if not task.get("task_id") or created is None or task.get("face") == "failed":
            return False
        age = self.now() - created
        if task.get("face") == "passed":
            return age < TASK_VALID
        return age < NOTICE_VALID  # still waiting: the notice on the phone must still be valid

    # -- dry run
    def dry_run(self, root: Path, has_token: bool) -> None:
        from icpfile.values.pii import mask_text

        self.say(say("dry", self.lang))
        if not has_token:
            self.say(say("no_token", self.lang))
        url = f"{base_url()}/wxa/icp/{{}}?access_token=***"
        for up in self.uploads(root):
            done = (self.state["media"].get(up.key) or {}).get("media_id")
            form = " ".join(f"{k}={v}" for k, v in self.form(up).items())
            tail = f"  # {say('kept', self.lang)} {done}" if done else ""
            self.say(f"POST {url.format('upload_icp_media')}  {form} media=@{up.use.path} "
                     f"({len(up.data) // 1024} KB){tail}")
        if self.task_usable():
            self.say(f"# {say('task_kept', self.lang)}: {self.state['task']['task_id']}")
        else:
            self.say(f"POST {url.format('create_icp_verifytask')}  (no body)")
            self.say(f"POST {url.format('query_icp_verifytask')}  {{\"task_id\": \"…\"}}  (repeated until passed)")
        shown = json.dumps(self.body(), ensure_ascii=False, indent=2)
        self.say(f"POST {url.format('apply_icp_filing')}\n{mask_text(shown)}")
        self.say(f"GET {url.format('get_icp_entrance_info')}")

    # -- the real thing
    def run(self, client: Client, root: Path) -> int:
        if self.state.get("applied_at") and not self.state.get("rejection"):
            self.entrance(client)  # submitted already: follow it, never a second application
            return 0
        for up in self.uploads(root):
            kept = self.state["media"].get(up.key)
            if kept and kept.get("media_id"):
                self.note(f"{say('kept', self.lang)}: {up.use.path}")
                continue
            answer = client.call("POST", "upload_icp_media", form=self.form(up),
                                 upload=(Path(up.use.path).name, up.data,
                                         "video/mp4" if up.media_type == "video" else "image/jpeg"))
            self.state["media"][up.key] = {"media_id": str(answer.get("media_id", "")), "path": up.use.path,
                                           "field": up.use.field,
                                           "uploaded_at": self.now().isoformat(timespec="seconds")}
            save_state(self.draft, self.state)  # at once: a crash after this never uploads it again
            self.note(f"{say('uploaded', self.lang)}: {up.use.path}")
        save_state(self.draft, self.state)
        if not self.task_usable():
            if self.state.get("task"):
                self.say(say("expired", self.lang) if self.state["task"].get("face") != "failed" else "")
            answer = client.call("POST", "create_icp_verifytask")
            self.state["task"] = {"task_id": str(answer.get("task_id", "")), "face": "waiting",
                                  "created_at": self.now().isoformat(timespec="seconds")}
            save_state(self.draft, self.state)
            self.say(say("task_new", self.lang))
        else:
            self.note(say("task_kept", self.lang))
        if self.state["task"].get("face") != "passed":
            self.say(say("phone", self.lang))
            if not self.wait_face(client):
                return 1
        return self.apply(client)

    def wait_face(self, client: Client) -> bool:
        started = time.monotonic()
        task = self.state["task"]
        while True:
            answer = client.call("POST", "query_icp_verifytask", body={"task_id": task["task_id"]})
            face = FACE.get(int(answer.get("face_status", 1) or 0), "waiting")
            if face == "passed":
                task["face"] = "passed"
                save_state(self.draft, self.state)
                self.say(say("face_passed", self.lang))
                return True
            if face == "failed":
                task["face"] = "failed"
                save_state(self.draft, self.state)
                self.say(say("face_failed", self.lang))
                return False
            created = _moment(task.get("created_at")) or self.now()
            if self.now() - created >= NOTICE_VALID:
                task["face"] = "expired"
                save_state(self.draft, self.state)
                self.say(say("expired", self.lang))
                return False
            waited = int(time.monotonic() - started)
            self.note(f"{say('waiting', self.lang)} {waited // 60}:{waited % 60:02d} ({face})")
            time.sleep(self.poll_seconds)

    def apply(self, client: Client) -> int:
        try:
            client.call("POST", "apply_icp_filing", body=self.body())
        except WeChatError as exc:
            if exc.code != "86202":
                raise
            self.state["rejection"] = {"at": self.now().isoformat(timespec="seconds"),
                                       "hints": _hints(exc.answer)}
            save_state(self.draft, self.state)
            self.say(say("rejected", self.lang))
            return 1
        self.state["applied_at"] = self.now().isoformat(timespec="seconds")
        self.state.pop("rejection", None)
        save_state(self.draft, self.state)
        self.say(say("applied", self.lang))
        self.entrance(client)
        return 0

    def entrance(self, client: Client) -> dict[str, Any]:
        answer = client.call("GET", "get_icp_entrance_info")
        info = answer.get("info") if isinstance(answer.get("info"), dict) else {}
        status = info.get("status")
        self.state["entrance"] = {
            "status": STATUS.get(status, "not_filed" if isinstance(status, int) and status > 1024 else "unknown"),
            "code": status, "sms_verify_status": info.get("sms_verify_status"),
            "audit_data": [_audit(a) for a in info.get("audit_data") or [] if isinstance(a, dict)][:50],
            "at": self.now().isoformat(timespec="seconds"),
        }
        save_state(self.draft, self.state)
        self.say(f"{say('status', self.lang)}: {self.state['entrance']['status']} ({status})")
        return self.state["entrance"]


def _text(value: Any, limit: int = 300) -> str:
    return str(value)[:limit] if value is not None else ""


def _hints(answer: dict[str, Any]) -> list[dict[str, str]]:
    hints = answer.get("hints") if isinstance(answer.get("hints"), list) else []
    return [{"errcode": _text(h.get("errcode"), 20), "err_field": _text(h.get("err_field"), 200),
             "errmsg": _text(h.get("errmsg"))} for h in hints[:50] if isinstance(h, dict)]


def _audit(item: dict[str, Any]) -> dict[str, str]:
    return {"key_name": _text(item.get("key_name"), 200), "error": _text(item.get("error")),
            "suggest": _text(item.get("suggest"))}
