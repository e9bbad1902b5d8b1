"""What a rule code's prefix means: the code scheme, written once.

`--select ICP5` and `--ignore ICP52` match code prefixes (`Options.wants`), so a prefix must mean
one subject. Each entry is (prefix, record files, English, Chinese); a code's meaning is its
longest matching prefix. `tests/test_rules.py` holds every record to the files its prefix lists,
CONTRIBUTING.md and `icpfile rules --help` show this table. Codes are never renumbered: users keep
them in ignore lists and `# icpfile: disable=` comments. Where one prefix spans modules, the
sub-prefixes say which (ICP3 is the subject, in four modules; ICP8 a province's requirements on the
filing's people, in two). A rule that applies in some provinces only is not in ICP8 for that: its
record says `applies: {province: KEY}` and `icpfile rules --province P` lists them.
"""

from __future__ import annotations

SCHEME: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("ICP0", ("load/rules.yaml",), "reading the file (always reported: nothing after them was checked)",
     "读取文件（始终报告：其后的检查均未进行）"),
    ("ICP1", ("schema/rules.yaml",), "the draft format (JSON Schema)", "草稿格式（JSON Schema）"),
    ("ICP2", ("checks/names.yaml",), "names of websites and apps", "网站与 App 名称"),
    ("ICP3", ("checks/certificates.yaml", "checks/dates.yaml", "checks/subject.yaml", "checks/places.yaml",
              "checks/standard.yaml", "checks/provincial.yaml", "checks/stated.yaml"),
     "the subject (备案主体) and its people's papers", "备案主体及相关人员的证件"),
    ("ICP30", ("checks/certificates.yaml",), "certificates and ID numbers", "证件与证件号码"),
    ("ICP31", ("checks/certificates.yaml",), "certificates and ID numbers", "证件与证件号码"),
    ("ICP32", ("checks/dates.yaml",), "ID expiry dates", "证件有效期"),
    ("ICP33", ("checks/subject.yaml",), "the subject's own fields", "主体信息"),
    ("ICP34", ("checks/places.yaml",), "provinces, cities and addresses", "省市与地址"),
    ("ICP35", ("checks/standard.yaml",),
     "MIIT's national standard across the subject's fields (name, nature, investor, people, phones)",
     "工信部备案信息具体标准（名称、性质、投资人、姓名、电话）"),
    ("ICP36", ("checks/provincial.yaml",),
     "province requirements one provider states (Tencent's per-province page): an error under that provider",
     "仅一家接入商写明的各省要求（腾讯云各省管局要求）：该接入商下为错误"),
    ("ICP38", ("checks/stated.yaml",),
     "requirements one provider states that no other source does (Huawei Cloud's knowledge base):"
     " an error under that provider",
     "仅一家接入商写明、其他来源未写的要求（华为云备案知识库）：该接入商下为错误"),
    ("ICP4", ("checks/contacts.yaml",), "contacts: phones and e-mail of every person", "联系方式：手机、电话、邮箱"),
    ("ICP5", ("checks/websites.yaml", "checks/domains.yaml", "checks/apps.yaml", "checks/platforms.yaml",
             "checks/registration.yaml"),
     "the services filed: websites, domains, apps", "备案的服务：网站、域名、App"),
    ("ICP50", ("checks/websites.yaml",), "websites in the order", "订单中的网站"),
    ("ICP51", ("checks/domains.yaml",), "domains", "域名"),
    ("ICP52", ("checks/domains.yaml",), "domains: suffixes", "域名后缀"),
    ("ICP53", ("checks/domains.yaml",), "domains: look-alikes, IPs, access", "域名形近、IP 与接入"),
    ("ICP54", ("checks/apps.yaml",), "apps: signatures, keys, packages, names", "App：签名、公钥、包名、名称"),
    ("ICP55", ("checks/apps.yaml",), "apps: names, domains, icons, SDKs, mini-programs",
     "App：名称、域名、图标、SDK、小程序"),
    ("ICP56", ("checks/apps.yaml",), "apps: mini-programs and the order", "App：小程序与订单"),
    ("ICP57", ("checks/platforms.yaml",), "mini-programs: the platforms' filing APIs (export, submit)",
     "小程序：平台备案接口（export、submit）"),
    ("ICP58", ("checks/registration.yaml",), "domains: the registration (holder, expiry, real-name, status)",
     "域名：注册信息（持有者、有效期、实名、状态）"),
    ("ICP6", ("checks/numbers.yaml", "checks/police.yaml", "checks/record.yaml"),
     "filing numbers, the approved record and the police filing", "备案号、备案记录与公安联网备案"),
    ("ICP60", ("checks/numbers.yaml",), "filing numbers named in the draft", "草稿中的备案号"),
    ("ICP65", ("checks/police.yaml",), "the public-security filing (police:)", "公安联网备案（police:）"),
    ("ICP66", ("checks/police.yaml",), "the public-security filing (police:)", "公安联网备案（police:）"),
    ("ICP67", ("checks/record.yaml",), "the approved record and change filings (record:)",
     "备案记录与变更备案（record:）"),
    ("ICP7", ("checks/materials.yaml",), "materials (files) of the filing", "备案材料（文件）"),
    ("ICP8", ("checks/reminders.yaml", "checks/dates.yaml"),
     "a province's requirements on the filing's people (legal representative, local mobile, minimum age)",
     "各省对相关人员的要求（法定代表人、本地手机、最低年龄）"),
    ("ICP80", ("checks/reminders.yaml", "checks/dates.yaml"),
     "801–803 reminders (checks/reminders.py), 804–805 minimum age, 806 the approval date (checks/dates.py)",
     "801–803 提醒（checks/reminders.py），804–805 最低年龄，806 备案通过日期（checks/dates.py）"),
    ("ICP9", ("footer/rules.yaml", "sheets/rules.yaml"), "after the draft: the site's footer, clients' sheets",
     "草稿之外：网站底部备案号、客户表格"),
    ("ICP90", ("footer/rules.yaml",), "the site's footer (footer check)", "网站底部备案号（footer check）"),
    ("ICP91", ("footer/rules.yaml",), "the site's footer (footer check)", "网站底部备案号（footer check）"),
    ("ICP95", ("sheets/rules.yaml",), "clients' sheets (import, export)", "客户表格（import、export）"),
)


def meaning(code: str) -> tuple[str, tuple[str, ...], str, str] | None:
    """The longest entry whose prefix `code` starts with, or None (no such subject)."""
    found = [entry for entry in SCHEME if code.upper().startswith(entry[0])]
    return max(found, key=lambda entry: len(entry[0])) if found else None


def table(lang: str = "en") -> str:
    """The top-level prefixes, one a line (`ICP2xx  names of websites and apps`)."""
    return "\n".join(f"{prefix}xx  {en if lang == 'en' else zh}" for prefix, _, en, zh in SCHEME if len(prefix) == 4)
