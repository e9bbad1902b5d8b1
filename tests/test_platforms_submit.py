"""`icpfile submit --platform wechat` against a loopback WeChat (tests/wechat_server.py): every path
of the flow, a kill -9 in the middle and a re-run, and the token in no output, state or log."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner
from wechat_server import WeChat

from icpfile.cli import app
from icpfile.platforms import wechat

from conftest import ROOT

SEEN: list[str] = []  # every output of every run, for the token test


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch):
    fake = WeChat().start()
    monkeypatch.setenv(wechat.BASE_ENV, fake.url)
    monkeypatch.setenv(wechat.TOKEN_ENV, fake.script.token)
    monkeypatch.setenv(wechat.POLL_ENV, "0.01")
    monkeypatch.setattr(wechat, "BACKOFF", 0.001)
    yield fake
    fake.stop()


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    folder = tmp_path / "mp"
    shutil.copytree(ROOT / "examples" / "materials", folder / "materials")
    shutil.copy(ROOT / "examples" / "wechat-mini-program.yaml", folder / "mp.yaml")
    return folder / "mp.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    SEEN.append(result.output)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def refresh(draft: Path) -> None:
    code, out = run("platform", "codes", "--refresh", "-o", str(draft.parent / ".icpfile" / "codes" / "wechat.json"))
    assert code == 0, out


def state(draft: Path) -> dict:
    return json.loads(wechat.state_path(draft).read_text(encoding="utf-8"))


def test_the_dry_run_is_the_default_and_sends_nothing(server: WeChat, draft: Path) -> None:
    refresh(draft)
    before = len(server.requests)
    code, out = run("submit", "--platform", "wechat", str(draft), "--lang", "en")
    assert code == 0 and len(server.requests) == before  # nothing sent
    assert "upload_icp_media?access_token=***" in out and "certificate_type=2" in out
    assert "icp_order_field=icp_subject.organize_info.certificate_photo" in out
    assert "330***********2348" in out and "330106198807202348" not in out  # the ID masked
    assert "138****8001" in out and server.script.token not in out


def test_the_whole_flow_uploads_once_waits_for_the_face_check_and_submits(server: WeChat, draft: Path) -> None:
    refresh(draft)
    server.script.faces = [0, 1, 1, 3]
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes", "--lang", "en")
    assert code == 0, out
    assert len(server.calls("upload_icp_media")) == 3  # the ID front serves two fields: one upload
    assert [c["body"] for c in server.calls("create_icp_verifytask")] == [b""]  # no body (else 47001)
    assert len(server.calls("query_icp_verifytask")) == 4
    applied = json.loads(server.calls("apply_icp_filing")[0]["body"])
    assert applied["icp_applets"]["principal_info"]["verify_task_id"] == "task-1"
    assert applied["icp_subject"]["principal_info"]["certificate_photo_front"].startswith("mid-")
    assert "on their phone" in out and "platform_review" in out
    fields = {c["form"]["icp_order_field"]: c["form"].get("certificate_type") for c in server.calls("upload_icp_media")}
    assert fields["icp_subject.organize_info.certificate_photo"] == "2"
    assert fields["icp_materials.commitment_letter.0"] is None  # not a certificate
    assert oct(wechat.state_path(draft).stat().st_mode & 0o777) == "0o600"
    code, out = run("status", str(draft), "--lang", "en")
    assert "WeChat filing" in out and "platform_review (2)" in out
    # A second run follows the status and applies nothing twice.
    code, _ = run("submit", "--platform", "wechat", str(draft), "--yes")
    assert code == 0 and len(server.calls("apply_icp_filing")) == 1 and len(server.calls("upload_icp_media")) == 3


def test_a_failed_face_check_stops_and_the_next_run_starts_a_new_one(server: WeChat, draft: Path) -> None:
    refresh(draft)
    server.script.faces = [1, 2]
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes", "--lang", "en")
    assert code == 1 and "face check failed" in out and not server.calls("apply_icp_filing")
    assert state(draft)["task"]["face"] == "failed"
    server.script.faces, server.polls = [3], 0
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes", "--lang", "en")
    assert code == 0, out
    assert len(server.calls("create_icp_verifytask")) == 2 and len(server.calls("upload_icp_media")) == 3


def test_a_task_older_than_the_notice_is_not_reused(server: WeChat, draft: Path) -> None:
    refresh(draft)
    server.script.faces = [2]
    run("submit", "--platform", "wechat", str(draft), "--yes")
    saved = state(draft)
    saved["task"] = {"task_id": "task-old", "face": "waiting", "created_at": "2020-01-01T00:00:00"}
    wechat.save_state(draft, saved)
    server.script.faces, server.polls = [3], 0
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes", "--lang", "en")
    assert code == 0 and "expired" in out
    assert json.loads(server.calls("apply_icp_filing")[0]["body"])["icp_applets"]["principal_info"][
        "verify_task_id"] == "task-2"


def test_a_rejection_comes_back_at_the_draft_s_lines_with_the_matching_rule(server: WeChat, draft: Path) -> None:
    refresh(draft)
    server.script.refuse = True
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes", "--lang", "en")
    assert code == 1
    lines = draft.read_text(encoding="utf-8").splitlines()
    remarks = next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith("remarks:"))
    front = next(i for i, line in enumerate(lines, 1) if "side: front" in line)
    found = [line for line in out.splitlines() if "ICP575" in line]
    assert any(f":{remarks}:" in f and "备注需描述" in f for f in found), out
    assert any(f":{front}:" in f and "证件照片不清晰" in f for f in found), out
    assert "(ICP559)" in out  # the icpfile rule of the same field
    assert state(draft)["rejection"]["hints"][0]["err_field"] == "icp_applets.base_info.comment"


def test_busy_answers_are_retried_within_a_bound(server: WeChat, draft: Path) -> None:
    refresh(draft)
    server.script.busy = 2
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes")
    assert code == 0, out
    server.script.busy = 10  # more than ATTEMPTS: it gives up with WeChat's own line
    code, out = run("submit", "--platform", "wechat", str(draft), "--status", "--lang", "en")
    assert code == 2 and "WeChat -1: WeChat is busy" in out


def test_an_expired_token_is_one_line_and_never_shown(server: WeChat, draft: Path) -> None:
    refresh(draft)
    server.script.expired = True
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes", "--lang", "en")
    assert code == 2 and "42001" in out and "expired" in out and server.script.token not in out
    assert len(server.calls("upload_icp_media")) == 1  # not retried: a new token is needed


def test_without_a_token_only_the_dry_run_works(server: WeChat, draft: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refresh(draft)
    monkeypatch.delenv(wechat.TOKEN_ENV)
    code, out = run("submit", "--platform", "wechat", str(draft), "--lang", "en")
    assert code == 0 and "no token set" in out
    code, out = run("submit", "--platform", "wechat", str(draft), "--yes", "--lang", "en")
    assert code == 2 and "ICPFILE_WECHAT_ACCESS_TOKEN" in out


def test_the_token_may_come_from_a_file_named_in_the_settings(server: WeChat, draft: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    refresh(draft)
    monkeypatch.delenv(wechat.TOKEN_ENV)
    (tmp_path / "token.txt").write_text(server.script.token + "\n", encoding="utf-8")
    (tmp_path / ".icpfile.toml").write_text('wechat_token_file = "token.txt"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("submit", "--platform", "wechat", str(draft), "--status", "--lang", "en")
    assert code == 0, out


def test_the_client_words_47001_40004_and_network_errors(server: WeChat, tmp_path: Path) -> None:
    client = wechat.Client(server.script.token)
    with pytest.raises(wechat.WeChatError) as sent_body:
        client.call("POST", "create_icp_verifytask", body={"x": 1})
    assert sent_body.value.code == "47001" and "takes none" in sent_body.value.line("en")
    with pytest.raises(wechat.WeChatError) as video:
        form = {"type": "video", "icp_order_field": "icp_materials.promise_video"}
        client.call("POST", "upload_icp_media", form=form, upload=("v.mp4", b"not a video", "video/mp4"))
    assert video.value.code == "40004" and "承诺视频" in video.value.line("zh")
    client.close()
    closed = wechat.Client("SECRET-TOKEN", base="http://127.0.0.1:9", timeout=0.5)
    with pytest.raises(wechat.WeChatError) as network:
        closed.call("GET", "get_icp_entrance_info")
    assert network.value.code == "network" and "SECRET" not in network.value.line("en") + str(network.value)


def test_every_documented_error_code_has_a_line_in_both_languages() -> None:
    documented = {"-1", "40004", "47001", "86201", "86202", "86205", "86324", "86328", "86330", "86353", "86355",
                  "86368", "40001", "42001"}
    lines = wechat.errors()
    assert documented <= set(lines)
    assert all(line["zh"] and line["en"] and "\n" not in line["zh"] + line["en"] for line in lines.values())


def test_refreshed_codes_map_names_to_the_platform_s_ids(server: WeChat, draft: Path) -> None:
    refresh(draft)
    codes = json.loads((draft.parent / ".icpfile" / "codes" / "wechat.json").read_text(encoding="utf-8"))
    assert codes["service_content"] == {"生活服务-生活缴费": 1, "教育-在线学习": 301}
    assert codes["pre_approvals"]["none"] == 99 and codes["natures"] == {"enterprise": 4, "personal": 5}
    assert codes["certificates_by_nature"]["organization_code"] == {"enterprise": 3, "personal": 9}


def _spawn(draft: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "icpfile", "submit", "--platform", "wechat", str(draft), "--yes",
                             "--lang", "en"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the client never got there"
        time.sleep(0.05)


@pytest.mark.timeout(240)
def test_kill_9_in_the_middle_and_a_re_run_continues_without_a_second_upload_or_face_check(
        server: WeChat, draft: Path) -> None:
    refresh(draft)
    env = {**os.environ, wechat.BASE_ENV: server.url, wechat.TOKEN_ENV: server.script.token, wechat.POLL_ENV: "0.05"}
    # 1. killed during the uploads: the one done is kept
    server.script.upload_delay = 1.5
    first = _spawn(draft, env)
    _wait_for(lambda: server.arrived.count("upload_icp_media") >= 2)  # the second is being answered
    first.send_signal(signal.SIGKILL)
    out1, err1 = first.communicate()
    assert len(state(draft)["media"]) == 1  # the first upload's media id was saved the moment it came
    # 2. killed while the face check waits on the phone
    server.script.upload_delay, server.script.faces = 0.0, [1]
    second = _spawn(draft, env)
    _wait_for(lambda: len(server.calls("query_icp_verifytask")) >= 3)
    second.send_signal(signal.SIGKILL)
    out2, err2 = second.communicate()
    assert len(server.calls("create_icp_verifytask")) == 1 and len(state(draft)["media"]) == 3
    # the upload cut by the kill reached the server but never its answer: only that one was sent again
    uploads = server.arrived.count("upload_icp_media")
    assert uploads == 4
    # 3. the re-run: the face check passes; nothing is uploaded again and no second task starts
    server.script.faces = [3]
    third = _spawn(draft, env)
    out3, err3 = third.communicate(timeout=120)
    assert third.returncode == 0, out3 + err3
    assert len(server.calls("create_icp_verifytask")) == 1
    assert server.arrived.count("upload_icp_media") == uploads  # none in the third run
    assert len(state(draft)["media"]) == 3 and len(server.calls("apply_icp_filing")) == 1
    SEEN.extend([out1, err1, out2, err2, out3, err3])


def test_the_token_is_in_no_output_state_or_log(server: WeChat, draft: Path, tmp_path: Path) -> None:
    """Runs last in this file: every output any test here printed, and every file written beside
    any draft (state, codes, lock), are searched for the token."""
    refresh(draft)
    run("submit", "--platform", "wechat", str(draft), "--yes")
    run("submit", "--platform", "wechat", str(draft))
    token = server.script.token
    assert SEEN and not [text for text in SEEN if token in text]
    written = [p for p in tmp_path.parent.rglob("*") if p.is_file() and ".icpfile" in p.parts]
    assert written and not [p for p in written if token.encode() in p.read_bytes()]
