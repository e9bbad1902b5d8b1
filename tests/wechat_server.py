"""A loopback stand-in for WeChat's filing API (WXA), for the tests of `icpfile submit`.

Standard library only: `http.server` in a thread on 127.0.0.1, port chosen by the OS. It answers
the documented endpoints with their documented shapes, success and error: 40001/42001 for a wrong
or expired token, 47001 for a body sent to create_icp_verifytask, 40004 for a material uploaded as
the wrong media type, -1 (busy) when asked to, 86202 with `hints` when told to refuse, and a face
check that passes or fails after a given number of polls. Every request is recorded (endpoint,
form fields, JSON body) so the tests can count uploads and face-check tasks.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LISTS = {
    "query_icp_subject_types": [{"type": 4, "name": "企业"}, {"type": 5, "name": "个人"}],
    "query_icp_certificate_types": [
        {"type": 1, "subject_type": 4, "name": "营业执照（个人或企业）"},
        {"type": 2, "subject_type": 5, "name": "居民身份证"},
        {"type": 3, "subject_type": 4, "name": "组织机构代码证"},
        {"type": 9, "subject_type": 5, "name": "组织机构代码证"},  # made up: one name, two ids
    ],
    "query_icp_nrlx_types": [{"type": 1, "name": "新闻"}, {"type": 3, "name": "教育"},
                             {"type": 99, "name": "以上都不涉及"}],
    "query_icp_service_content_types": [
        {"type": 500, "parent_type": 0, "name": "生活服务"}, {"type": 1, "parent_type": 500, "name": "生活缴费"},
        {"type": 300, "parent_type": 0, "name": "教育"}, {"type": 301, "parent_type": 300, "name": "在线学习"},
    ],
}


@dataclass
class Script:
    """What the server does; the tests change it between runs."""

    token: str = "tok-LOOPBACK-0123456789abcdef"
    expired: bool = False  # answer 42001 to every call
    faces: list[int] = field(default_factory=lambda: [1, 3])  # face_status per poll; the last repeats
    refuse: bool = False  # apply_icp_filing answers 86202 with hints
    busy: int = 0  # answer -1 to this many calls first
    upload_delay: float = 0.0  # seconds each upload takes (to kill a client in the middle)
    entrance: dict[str, Any] = field(default_factory=lambda: {"status": 2, "audit_data": []})


class WeChat:
    def __init__(self) -> None:
        self.script = Script()
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.polls = 0
        self.arrived: list[str] = []  # endpoints in the order requests arrived, before any delay
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> WeChat:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def calls(self, endpoint: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.requests if r["endpoint"] == endpoint]

    def answer(self, endpoint: str, query: dict[str, list[str]], body: bytes, ctype: str) -> dict[str, Any]:
        script = self.script
        record: dict[str, Any] = {"endpoint": endpoint, "body": body, "form": {}}
        if ctype.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + body)
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                record["form"][name] = part.get_payload(decode=True) if name == "media" else part.get_content()
        with self.lock:
            self.requests.append(record)
            if script.busy > 0:
                script.busy -= 1
                return {"errcode": -1, "errmsg": "system error"}
        if script.expired:
            return {"errcode": 42001, "errmsg": "access_token expired"}
        if query.get("access_token") != [script.token]:
            return {"errcode": 40001, "errmsg": "invalid credential"}
        if endpoint in LISTS:
            return {"errcode": 0, "errmsg": "ok", "items": LISTS[endpoint]}
        if endpoint == "upload_icp_media":
            form = record["form"]
            if form.get("type") not in ("image", "video") or not form.get("media") or not form.get("icp_order_field"):
                return {"errcode": 40004, "errmsg": "invalid media type"}
            if form["type"] == "video" and form["media"][4:8] != b"ftyp":
                return {"errcode": 40004, "errmsg": "invalid media type"}
            return {"errcode": 0, "errmsg": "ok", "type": form["type"], "media_id": f"mid-{len(self.calls(endpoint))}",
                    "created_at": 1700000000}
        if endpoint == "create_icp_verifytask":
            if body.strip():
                return {"errcode": 47001, "errmsg": "data format error"}
            return {"errcode": 0, "errmsg": "ok", "task_id": f"task-{len(self.calls(endpoint))}"}
        if endpoint == "query_icp_verifytask":
            with self.lock:
                face = script.faces[min(self.polls, len(script.faces) - 1)]
                self.polls += 1
            return {"errcode": 0, "errmsg": "ok", "is_finish": face in (2, 3), "face_status": face}
        if endpoint == "apply_icp_filing":
            data = json.loads(body or b"{}")
            text = json.dumps(data, ensure_ascii=False)
            if "media:" in text or "face-check:pending" in text or set(data) != {"icp_subject", "icp_applets",
                                                                                "icp_materials"}:
                return {"errcode": 47001, "errmsg": "data format error"}
            if script.refuse:
                return {"errcode": 86202, "errmsg": "apply icp filing fail", "hints": [
                    {"errcode": 86001, "err_field": "icp_applets.base_info.comment",
                     "errmsg": "备注需描述小程序实际服务内容"},
                    {"errcode": 86002, "err_field": "icp_subject.principal_info.certificate_photo_front",
                     "errmsg": "证件照片不清晰"}]}
            return {"errcode": 0, "errmsg": "ok"}
        if endpoint == "get_icp_entrance_info":
            return {"errcode": 0, "errmsg": "ok", "info": {**script.entrance, "is_canceling": False, "available": 1}}
        return {"errcode": 404, "errmsg": "no such endpoint"}

    def _handler(self):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                endpoint = parts.path.rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with outer.lock:
                    outer.arrived.append(endpoint)
                if endpoint == "upload_icp_media" and outer.script.upload_delay:
                    threading.Event().wait(outer.script.upload_delay)
                answer = outer.answer(endpoint, parse_qs(parts.query), body, self.headers.get("Content-Type", ""))
                data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    # A client that timed out (the slow-upload test's) has gone; the real server
                    # drops the answer too. Left to socketserver, the traceback went to stderr and
                    # into whichever CliRunner output was being captured then.
                    self.close_connection = True

            do_GET = _serve
            do_POST = _serve

            def log_message(self, *args: Any) -> None:  # quiet: the tests read the records
                pass

        return Handler
