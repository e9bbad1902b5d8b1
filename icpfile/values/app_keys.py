"""App public keys as the filing forms take them: is a value a whole key, a cut one, a certificate or garbage?

Pure parsing, no draft: `checks/apps.py` words the verdicts. Accepts the three forms providers take
(HWX, PRA, UC): the base64 body of a PEM key (armour lines allowed), the hex of the DER key
(SubjectPublicKeyInfo or PKCS#1) and the hex RSA modulus. Parsed with `cryptography` (a real
ASN.1/DER parser), imported only when a key is judged.
"""

from __future__ import annotations

import base64
import binascii
import re
from functools import lru_cache

HEX = re.compile(r"^[0-9A-Fa-f]+$")
_SEPARATORS = re.compile(r"[:\s]+")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_PEM_ARMOUR = re.compile(r"-----(?:BEGIN|END) [A-Z ]+-----")
_CUT_MARKS = ("…", "...", "⋯")
_RSA_BITS = (1024, 2048, 3072, 4096)


def bare_hex(value: str) -> str:
    """The value without colons and white space (the forms ignore them), as typed otherwise."""
    return _SEPARATORS.sub("", value)


def _der_length(data: bytes) -> int | None:
    """The whole length a DER SEQUENCE announces in its header, or None if it is not one."""
    if len(data) < 2 or data[0] != 0x30:
        return None
    first = data[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(data) < 2 + count:
        return None
    return 2 + count + int.from_bytes(data[2:2 + count], "big")


# A cut key's detail is {"zh": …, "en": …}, filled in the finding's language (walker41 item 5:
# `（75 of 294 bytes）` in a Chinese message); a certificate's is its subject, one text for both.
Detail = str | dict[str, str]


def _der_verdict(data: bytes) -> tuple[str, Detail]:
    """(verdict, detail) for DER bytes: ok, certificate (with its subject), cut or garbage."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    try:
        load_der_public_key(data)
        return "ok", ""
    except (ValueError, TypeError):
        pass
    try:
        certificate = x509.load_der_x509_certificate(data)
        return "certificate", certificate.subject.rfc4514_string()
    except ValueError:
        pass
    announced = _der_length(data)
    if announced is not None and announced > len(data):
        return "cut", {"zh": f"{len(data)}/{announced} 字节", "en": f"{len(data)} of {announced} bytes"}
    return "garbage", ""


def _modulus_verdict(digits: str) -> tuple[str, Detail]:
    """(verdict, detail) for a hex RSA modulus (a leading 00 allowed)."""
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

    number = int(digits, 16)
    bits = number.bit_length()
    if bits in _RSA_BITS and number % 2 == 1:
        try:
            RSAPublicNumbers(65537, number).public_key()
            return "ok", ""
        except ValueError:
            return "garbage", ""
    if _RSA_BITS[0] // 2 <= bits < _RSA_BITS[-1]:
        return "cut", {"zh": f"{bits} 位", "en": f"{bits} bits"}
    return "garbage", ""


def key_verdict(value: str) -> tuple[str, Detail]:
    """What a public-key field holds: ("ok" | "cut" | "certificate" | "garbage", detail).

    Accepts the three forms providers take (HWX, PRA, UC): the base64 body of a PEM key (armour
    lines allowed), the hex of the DER key (SubjectPublicKeyInfo or PKCS#1), and the hex RSA
    modulus; colons and white space are ignored. `…` or `...` anywhere is a cut (the iOS Keychain
    view shortens keys so, UC); so is DER shorter than its header announces, or a modulus of
    512 to 4095 bits that is no standard RSA size.
    """
    if any(mark in value for mark in _CUT_MARKS):
        return "cut", "…"
    compact = bare_hex(_PEM_ARMOUR.sub("", value))
    if not compact:
        return "garbage", ""
    if HEX.match(compact):
        if len(compact) % 2:
            return "cut", {"zh": f"{len(compact)} 位十六进制数", "en": f"{len(compact)} hex digits"}
        data = bytes.fromhex(compact)
        if data[:1] == b"\x30":
            return _der_verdict(data)
        return _modulus_verdict(compact)
    if _BASE64.match(compact):
        try:
            data = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
        except (binascii.Error, ValueError):
            return "garbage", ""
        return _der_verdict(data)
    return "garbage", ""


@lru_cache(maxsize=256)
def verdict(value: str) -> tuple[str, Detail]:
    """`key_verdict`, kept for the 256 keys last judged (one draft's rules ask about each key four times)."""
    return key_verdict(value)
