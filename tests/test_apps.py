"""Apps, mini-programs and quick apps: each rejection reason seen for apps is found at its field,
the public-key reader tells the forms apart, and the website rules reach the apps."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from icpfile.values.app_keys import key_verdict

from conftest import (
    ROOT,
    check_text,
    dump,
    only,
    read_data,
)


def app_draft(name: str = "enterprise_app") -> dict[str, Any]:
    return read_data("example_bases.yaml")[name]


def _rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _certificate(common_name: str) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key = _rsa_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(dt.datetime(2025, 1, 1)).not_valid_after(dt.datetime(2050, 1, 1))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


@pytest.fixture(scope="module")
def key_forms() -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization

    public = _rsa_key().public_key()
    spki = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    pkcs1 = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    modulus = format(public.public_numbers().n, "x")
    return {"pem": pem.decode(), "pem_body": base64.b64encode(spki).decode(), "der": spki.hex(),
            "der_colons": ":".join(f"{b:02X}" for b in spki), "pkcs1": pkcs1.hex(" "),
            "modulus": modulus, "modulus_00": "00" + modulus}


# ------------------------------------------------------------------ the key reader


@pytest.mark.parametrize("form", ["pem", "pem_body", "der", "der_colons", "pkcs1", "modulus", "modulus_00"])
def test_every_form_of_a_whole_key_is_read(key_forms: dict[str, str], form: str) -> None:
    assert key_verdict(key_forms[form]) == ("ok", "")


@pytest.mark.parametrize(("cut", "detail"), [
    (lambda k: k["pem_body"][:200] + "…", "…"),
    (lambda k: k["der"][:300], "150 of 294 bytes"),
    (lambda k: k["modulus"][:500], "2000 bits"),
    (lambda k: k["pkcs1"][:40] + " ...", "…"),
])
def test_a_cut_key_is_a_cut_key(key_forms: dict[str, str], cut, detail: str) -> None:
    verdict, found = key_verdict(cut(key_forms))
    assert verdict == "cut"
    english = found if isinstance(found, str) else found["en"]
    assert english.startswith(detail[:3])
    if not isinstance(found, str):  # a Chinese message gets a Chinese detail (walker41 item 5)
        assert not re.search(r"[A-Za-z]", found["zh"]), found


@pytest.mark.parametrize("value", ["请填写公钥", "abcd", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA!!", "zz" * 300,
                                   base64.b64encode(b"hello world, not a key").decode()])
def test_garbage_is_garbage(value: str) -> None:
    assert key_verdict(value)[0] == "garbage"


def test_a_certificate_is_named_with_its_subject() -> None:
    verdict, subject = key_verdict(base64.b64encode(_certificate("Yunqi Release")).decode())
    assert verdict == "certificate" and subject == "CN=Yunqi Release"


def test_check_of_a_website_draft_does_not_import_cryptography() -> None:
    code = ("import sys; from icpfile import engine; from icpfile.options import Options; "
            "engine.check_bytes(open('examples/enterprise-first-filing.yaml','rb').read(), 'd.yaml', Options()); "
            "print('cryptography' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ rejection reasons, at their field
# domain-2026 §a.6: each rejection reason seen for apps, as a draft that shows it.


def test_ios_md5_is_the_classic_rejection_at_the_signature() -> None:
    draft = app_draft()
    draft["apps"][0]["platforms"][1]["signature"] = "C7:8B:9B:B1:B8:EB:29:E0:D0:84:88:A6:4B:C5:6D:98"
    text = dump(draft)
    finding = only(check_text(text), "ICP541")
    assert finding.pointer == "/apps/0/platforms/1/signature"
    assert "the form calls it MD5 but iOS takes the certificate's SHA-1" in finding.message
    lines = text.splitlines()
    ios = next(i for i, t in enumerate(lines) if t.strip() == "- os: ios")
    assert finding.line == next(i for i, t in enumerate(lines, 1) if i > ios and t.strip().startswith("signature:"))
    assert "ICP540" not in {f.rule for f in check_text(text)}


def test_debug_certificate_is_found_at_the_key() -> None:
    draft = app_draft()
    draft["apps"][0]["platforms"][0]["public_key"] = base64.b64encode(_certificate("Android Debug")).decode()
    finding = only(check_text(dump(draft)), "ICP546")
    assert finding.pointer == "/apps/0/platforms/0/public_key" and "Android Debug" in finding.message


def test_store_name_and_package_reminder_is_at_the_name() -> None:
    assert only(check_text(dump(app_draft())), "ICP565").pointer == "/apps/0/name"


def test_number_display_reminder_for_a_new_app() -> None:
    finding = only(check_text(dump(app_draft("app_only")), lang="zh"), "ICP566")
    assert finding.pointer == "/apps" and "beian.miit.gov.cn" in finding.message


@pytest.mark.parametrize(("domain", "code"), [("api.example.invalidtld", "ICP512"), ("api.example.onion", "ICP513"),
                                              ("api.example.io", "ICP515"), ("https://api.example.com/v1", "ICP554")])
def test_unqualified_domain_information_is_found_at_the_domain(domain: str, code: str) -> None:
    draft = app_draft()
    draft["apps"][0]["domains"].append(domain)
    assert only(check_text(dump(draft)), code).pointer == "/apps/0/domains/1"


def test_unreachable_app_principal_is_found_by_the_person_rules() -> None:
    draft = app_draft()
    principal = dict(draft["subject"]["principal"], mobile="1380013800", email="admin@@example.com",
                     id_expiry="2026-12-01")
    draft["apps"][0]["principal"] = principal
    findings = check_text(dump(draft))
    assert only(findings, "ICP401").pointer == "/apps/0/principal/mobile"
    assert only(findings, "ICP405").pointer == "/apps/0/principal/email"
    assert only(findings, "ICP320").pointer == "/apps/0/principal/id_expiry"


def test_a_person_files_no_separate_app_principal() -> None:
    draft = app_draft("mini_program")
    draft["apps"][0]["principal"] = dict(draft["subject"]["principal"])
    assert only(check_text(dump(draft)), "ICP335").pointer == "/apps/0/principal"


@pytest.mark.parametrize(("name", "code"), [("记账本😀", "ICP550"), ("测试应用", "ICP551"), ("特价记账", "ICP552"),
                                            ("天气", "ICP553"), ("WiFi", "ICP553")])
def test_naming_rejections_are_found_at_the_name(name: str, code: str) -> None:
    draft = app_draft()
    draft["apps"][0]["name"] = name
    assert only(check_text(dump(draft)), code).pointer == "/apps/0/name"


def test_same_name_twice_but_one_entry_with_two_platforms_is_fine() -> None:
    draft = app_draft()
    assert "ICP549" not in {f.rule for f in check_text(dump(draft))}
    second = dict(draft["apps"][0], name=" 云栖记账本 ", platforms=draft["apps"][0]["platforms"][1:])
    draft["apps"][0]["platforms"] = draft["apps"][0]["platforms"][:1]
    draft["apps"].append(second)
    finding = only(check_text(dump(draft)), "ICP549")
    assert finding.pointer == "/apps/1/name" and "entry 1" in finding.message


def test_personal_website_and_app_names_both_positions(tmp_path: Path) -> None:
    draft = read_data("example_bases.yaml")["personal"]
    draft["apps"] = app_draft("mini_program")["apps"]
    finding = only(check_text(dump(draft)), "ICP563")
    assert finding.severity.value == "warning"
    assert "Huawei Cloud refuses" in finding.message and "other providers" in finding.message


def test_an_app_number_for_an_app_and_a_website_number_refused() -> None:
    draft = app_draft("app_only")
    draft["filing"].update(type="deregister_website", existing_number="浙ICP备12345678号-2")
    finding = only(check_text(dump(draft)), "ICP564")
    assert finding.pointer == "/filing/existing_number" and "-2A" in finding.hint
    draft["filing"]["existing_number"] = "浙ICP备12345678号-2A"
    findings = check_text(dump(draft))
    assert not {"ICP564", "ICP601", "ICP602"} & {f.rule for f in findings}


def test_icon_inside_the_draft_folder(tmp_path: Path) -> None:
    draft = app_draft()
    draft["apps"][0]["icon"] = "assets/icon.png"
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (100 * 1024))
    finding = only(check_text(dump(draft), path=str(tmp_path / "d.yaml")), "ICP557")
    assert finding.pointer == "/apps/0/icon" and "100 KB" in finding.message
    (tmp_path / "assets" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 1000)
    assert not {"ICP556", "ICP557"} & {f.rule for f in check_text(dump(draft), path=str(tmp_path / "d.yaml"))}


def test_materials_checklist_counts_app_needs() -> None:
    from icpfile.data.packs import Packs
    from icpfile.values import material_needs as mat

    packs = Packs()
    draft = app_draft()
    kinds = {need.kind: need.count for need in mat.required(draft, packs.national, packs.province("浙江省"))}
    assert kinds["app_screenshots"] == 1 and kinds["app_icon"] == 1
    draft["apps"][0]["icon"] = "icon.png"
    kinds = {need.kind: need.count for need in mat.required(draft, packs.national, packs.province("浙江省"))}
    assert "app_icon" not in kinds
    assert "app_screenshots" not in {n.kind for n in mat.required(app_draft("mini_program"), packs.national, {})}


def test_a_long_signature_is_judged() -> None:
    """Its time is measured by bench/ (bench/contract.py), not here: no timed test in the suite (#23.6)."""
    draft = app_draft()
    draft["apps"][0]["platforms"][0]["signature"] = "A:" * 200_000
    draft["apps"][0]["platforms"][0]["package"] = "a." * 100_000 + "-"
    assert check_text(dump(draft)) is not None


def test_a_nul_in_an_app_icon_is_a_finding(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.data.catalog import read_data

    from conftest import check_text, dump

    data = read_data("example_bases.yaml")["enterprise_app"]
    data["apps"][0]["icon"] = "a\0b.png"
    found = check_text(dump(data), path=str(tmp_path / "d.yaml"))
    assert "ICP556" in {f.rule for f in found}


@pytest.mark.parametrize(("name", "code"), [("测-试助手", "ICP551"), ("免\u200b费助手", "ICP552"), ("de mo", "ICP551")])
def test_app_name_words_cannot_hide_behind_separators(name: str, code: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.data.catalog import read_data

    from conftest import check_text, dump

    data = read_data("example_bases.yaml")["enterprise_app"]
    data["apps"][0]["name"] = name
    assert code in {f.rule for f in check_text(dump(data))}


def test_a_platform_is_named_by_its_label_in_each_language() -> None:
    """ICP540 said `android 的签名值` (walker41 item 5): the os is worded by the schema's label."""
    from icpfile.checks.context import os_label
    from icpfile.data.catalog import _render, rules

    template = rules()["ICP540"].message
    params = {"os": os_label("android"), "value": "ab", "count": 2, "wanted": 32}
    assert _render(template["zh"], params, False, "zh").startswith("安卓 的签名值")
    assert _render(template["en"], params, False, "en").startswith("Android signature")
    assert os_label("symbian") == "symbian"
