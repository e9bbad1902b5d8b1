"""Write N varied, valid drafts for the benchmarks (synthetic people, right check digits).

    python bench/make_drafts.py 400 bench/out/drafts
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PROVINCES = {"浙江省": "33", "江苏省": "32", "广东省": "44", "北京市": "11", "四川省": "51", "福建省": "35"}
# province → (city, district): a place the portal's 区域 lists hold (icpfile/data/divisions.yaml)
PLACES = {"浙江省": ("杭州市", "西湖区"), "江苏省": ("南京市", "玄武区"), "广东省": ("深圳市", "南山区"),
          "北京市": ("北京市", "海淀区"), "四川省": ("成都市", "武侯区"), "福建省": ("福州市", "鼓楼区")}
NAMES = ["云栖", "星河", "青禾", "远山", "明川", "松风", "知行", "锦程"]


def resident_id(rng: random.Random, division: str) -> str:
    born = f"{rng.randint(1960, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = f"{division}0106{born}{rng.randint(100, 999)}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc(rng: random.Random, division: str) -> str:
    org = f"{rng.randint(10000000, 99999999)}"
    check = 11 - sum(int(c) * w for c, w in zip(org, ORG_WEIGHTS)) % 11
    body = f"91{division}0100{org}" + {10: "X", 11: "0"}.get(check, str(check))
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def draft(rng: random.Random, i: int) -> dict:
    bases = yaml.safe_load((ROOT / "icpfile" / "data" / "example_bases.yaml").read_text(encoding="utf-8"))
    kind = "personal" if i % 3 == 0 else "enterprise"
    data = copy.deepcopy(bases[kind])
    province, division = rng.choice(list(PROVINCES.items()))
    data["subject"]["province"] = province
    city, district = PLACES[province]
    data["subject"]["city"], data["subject"]["district"] = city, district
    data["subject"]["mailing_address"] = f"{province}{city}{district}示例路{i + 1}号"
    data["subject"]["certificate"]["address"] = data["subject"]["mailing_address"]
    number = resident_id(rng, division)
    data["subject"]["principal"]["id_number"] = number
    data["subject"]["principal"]["mobile"] = f"138{rng.randint(10000000, 99999999)}"
    word = rng.choice(NAMES)
    if kind == "personal":
        data["subject"]["certificate"]["number"] = number
        if province == "江苏省":
            data["websites"][0]["name"] = f"{data['subject']['name']}的个人博客"
        else:
            data["websites"][0]["name"] = f"{word}读书笔记"
    else:
        data["subject"]["certificate"]["number"] = uscc(rng, division)
        data["subject"]["name"] = f"{word}示例科技有限公司{i}"
        data["subject"]["investor"] = data["subject"]["name"]
        data["websites"] = [
            {**copy.deepcopy(data["websites"][0]), "name": f"{word}示例官网{n}", "domain": f"example-{i}-{n}.com"}
            for n in range(1, rng.randint(1, 3) + 1)
        ]
    data["x_bench"] = i
    return data


def main(count: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261129)
    for i in range(count):
        text = yaml.safe_dump(draft(rng, i), allow_unicode=True, sort_keys=False)
        (out / f"draft-{i:04d}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
