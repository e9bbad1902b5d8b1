"""The wizard's questions (`questions.yaml`) as objects that carry their own behaviour.

A `Question` knows when it is asked (`applies`), how an answer is written (`normalise`) and what it
offers to choose from (`choices`); labels, help and codes come from the draft schema, and whether an
answer is right is never decided here: the whole check pipeline runs on the draft with the answer in
place (`session.Session.problem`). Every special case a question has is a key of its YAML entry,
never a pointer tested in code. Model: copier's `Question` (copier/_user_data.py).

The keys of an entry (questions.yaml's header says the same):

    pointer          the field, a JSON Pointer; `{i}` / `{j}` are the items being filled in
    when             {pointer: [values]} all hold; `kind_files: [lists]` the filing kind files one
                     of them; `kind: required` the kind requires this field (data/kinds.yaml)
    unit_only        asked of a unit only (not of a person, nor before the nature is known)
    optional         may be left empty; an empty answer is remembered, not asked again
    written_out      asked only when its parent (a principal) is written out as a mapping
    normalise        upper | day | long_term, or a list of them, applied in order
    autofill_from    for a person the system copies the value at this pointer (指南 2); units are asked
    same_as_subject_confirm   a message key: asked as "is this the subject's principal?", yes
                     writing `same_as_subject`, no starting a person of its own
    choices_fit_nature        a select whose choices fitting the subject's nature come first
    repeat + fields  a list inside the item (an app's platforms): `fields` for each of its items
    lists            "what does the order file": starts the lists chosen
    drafting         asked only while the draft is filled in (the state's step is draft)
    offer            place | domain | mobile: the fixer (offers.py) whose guess is offered, "use
                     this? [Y/n]", when an answer is refused or warned about; a place question
                     also completes from the 民政部 list (data/divisions.yaml)

A `person: POINTER` entry is the shared `person:` block (the eight fields of a principal) placed at
POINTER; its own keys (`written_out`, `autofill_from: {field: pointer}`) apply to each field.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from icpfile.data import kinds
from icpfile.load import pointer as jp
from icpfile.records import Record
from icpfile.values.dates import iso_day_text

INDEX_NAMES = "ij"  # `{i}` the section's item, `{j}` the item of a list inside it
LONG_TERM = ("长期", "长期有效", "long term", "long-term", "longterm")
SAME = "same_as_subject"


def _long_term(text: str) -> str:
    return "long_term" if text.lower() in LONG_TERM else text


def _day(text: str) -> str:
    return iso_day_text(text) or text


# A credit code's letters and an ID card's X are upper-case; 长期 is long_term; 2030.03.07 is 2030-03-07.
def _portal_word(text: str) -> str:
    """An English word the help glosses (`payment` of `支付类 (payment, …)`) as the portal's value
    (data/answer_aliases.yaml); any other text as typed. walker41 item 7: `kind: payment` went
    into a draft whose portal wants 支付类."""
    from icpfile.data.aliases import aliased

    return aliased(text, "portal_words") or text


NORMALISERS = {"upper": str.upper, "long_term": _long_term, "day": _day, "portal_word": _portal_word}


def placed(template: str, where: dict[str, int]) -> str:
    """`template` with `{i}`/`{j}` replaced by the items being filled in."""
    for name, index in where.items():
        template = template.replace("{" + name + "}", str(index))
    return template


def coded(label: str, code: str, lang: str) -> str:
    """A code as a choice or the summary shows it: its label in `lang`, then the code
    (`居民身份证（resident_id）` under zh, `Resident ID card (resident_id)` under en); a code that is
    its own label (a province) alone."""
    from icpfile.schema.draft import label_in

    if not label or label == code:
        return code
    return f"{label}（{code}）" if lang == "zh" else f"{label_in(label, lang)} ({code})"


class Question(Record):
    """One entry of questions.yaml (the module docstring lists its keys). Shapes: `when` maps a
    pointer template to its allowed values (or `kind_files` to lists, `kind` to a key rule);
    `normalisers` names NORMALISERS in order; `fields` are a `repeat`'s own questions."""

    pointer: str
    when: dict[str, Any]
    unit_only: bool
    optional: bool
    written_out: bool
    normalisers: tuple[str, ...]
    autofill_from: str | None
    same_as_subject_confirm: str | None
    choices_fit_nature: bool
    repeat: str | None
    fields: list[Question]
    lists: list[str]
    offer: str | None
    drafting: bool

    __slots__ = (
        "pointer", "when", "unit_only", "optional", "written_out", "normalisers", "autofill_from",
        "same_as_subject_confirm", "choices_fit_nature", "repeat", "fields", "lists", "offer", "drafting",
    )

    def __init__(self, pointer: str = "", when: dict[str, Any] | None = None, unit_only: bool = False,
                 optional: bool = False, written_out: bool = False, normalisers: tuple[str, ...] = (),
                 autofill_from: str | None = None, same_as_subject_confirm: str | None = None,
                 choices_fit_nature: bool = False, repeat: str | None = None,
                 fields: list[Question] | None = None, lists: list[str] | None = None,
                 offer: str | None = None, drafting: bool = False) -> None:
        self.pointer = pointer
        self.when = {} if when is None else when
        self.unit_only = unit_only
        self.optional = optional
        self.written_out = written_out
        self.normalisers = normalisers
        self.autofill_from = autofill_from
        self.same_as_subject_confirm = same_as_subject_confirm
        self.choices_fit_nature = choices_fit_nature
        self.repeat = repeat
        self.fields = [] if fields is None else fields
        self.lists = [] if lists is None else lists
        self.offer = offer
        self.drafting = drafting

    def applies(self, data: dict[str, Any], where: dict[str, int], nature: str) -> bool:
        """Asked on this draft (the typed data), for the items `where`, of a subject of `nature`
        (a nature code, '' while unknown)? Whether it already holds a good value is the session's."""
        kind = kinds.of(data)
        pointer = placed(self.pointer, where)
        for target, allowed in self.when.items():
            if target == "kind_files":
                if kind is None or not set(kind.files) & set(allowed):
                    return False
            elif target == "kind":
                if kind is None or kind.key(pointer) != allowed:
                    return False
            elif jp.resolve(data, placed(target, where)) not in allowed:
                return False
        if (self.unit_only or self.autofill_from) and nature in ("personal", ""):
            return False
        return not (self.written_out and not isinstance(jp.resolve(data, jp.parent(pointer)), dict))

    def normalise(self, value: Any) -> Any:
        """An answer as the format writes it: text stripped, then this question's normalisers."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        for name in self.normalisers:
            text = NORMALISERS[name](text)
        return text

    def choices(self, labels: dict[str, str], nature: str, lang: str = "zh") -> list[tuple[str, str]]:
        """A select's (code, shown) choices from the schema's code → label, each label in `lang`
        (`居民身份证（resident_id）`, `Resident ID card (resident_id)`); with `choices_fit_nature`,
        the codes the nature's certificate list names first (national.yaml)."""
        choices = [(code, coded(name, code, lang)) for code, name in labels.items()]
        if self.choices_fit_nature:
            from icpfile.data.packs import builtin

            national = builtin().national
            fit = (national["person_certificate_types"] if nature == "personal"
                   else national["nature_certificate_types"].get(nature, []))
            choices.sort(key=lambda c: fit.index(c[0]) if c[0] in fit else len(fit))
        return choices


class Section(Record):
    """A page of the guide (基础信息校验, 主办者信息, 网站信息, APP): its questions in order. With
    `repeat` (a list pointer) the questions are asked for every item of that list; `system` /
    `personal` are what the guide's system writes into every item / a person's item, and
    `personal_default` fills only an empty value."""

    id: str
    zh: str
    en: str
    fields: list[Question]
    repeat: str | None
    system: dict[str, Any]
    personal: dict[str, Any]
    personal_default: dict[str, Any]

    __slots__ = ("id", "zh", "en", "fields", "repeat", "system", "personal", "personal_default")

    def __init__(self, id: str, zh: str, en: str, fields: list[Question], repeat: str | None = None,
                 system: dict[str, Any] | None = None, personal: dict[str, Any] | None = None,
                 personal_default: dict[str, Any] | None = None) -> None:
        self.id = id
        self.zh = zh
        self.en = en
        self.fields = fields
        self.repeat = repeat
        self.system = {} if system is None else system
        self.personal = {} if personal is None else personal
        self.personal_default = {} if personal_default is None else personal_default

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def applies(self, data: dict[str, Any]) -> bool:
        """A repeated section is asked when the draft holds its list and the filing kind files it
        (data/kinds.yaml `files`; an unknown type leaves it to the draft)."""
        if self.repeat is None:
            return True
        kind = kinds.of(data)
        return isinstance(jp.resolve(data, self.repeat), list) and (
            kind is None or kind.files_list(self.repeat.lstrip("/")))


_RENAMED = {"normalise": "normalisers"}


def _question(spec: dict[str, Any], person: list[dict[str, Any]]) -> list[Question]:
    """The Question(s) of one YAML entry: a `person:` entry gives one per field of the person block."""
    if "person" in spec:
        base, own = spec["person"], {k: v for k, v in spec.items() if k != "person"}
        filled = own.pop("autofill_from", {}) or {}
        return [q for entry in person for q in _question(
            {**{k: v for k, v in entry.items() if k != "key"}, **own, "pointer": f"{base}/{entry['key']}",
             **({"autofill_from": filled[entry["key"]]} if entry["key"] in filled else {})}, person)]
    args = {_RENAMED.get(k, k): v for k, v in spec.items()}
    if isinstance(args.get("normalisers"), str):
        args["normalisers"] = (args["normalisers"],)
    args["normalisers"] = tuple(args.get("normalisers", ()))
    args["fields"] = [q for f in spec.get("fields", []) for q in _question(f, person)]
    return [Question(**args)]


@cache
def _sections() -> tuple[Section, ...]:
    from icpfile.data.catalog import read_data

    raw = read_data("questions.yaml", Path(__file__).resolve().parent)
    person = raw["person"]
    return tuple(
        Section(**{**s, "fields": [q for f in s["fields"] for q in _question(f, person)]})
        for s in raw["sections"]
    )


def sections() -> list[Section]:
    """The sections of questions.yaml in order, the `person:` blocks expanded (parsed once)."""
    return list(_sections())


def _every(questions: list[Question]) -> list[Question]:
    out: list[Question] = []
    for question in questions:
        out.append(question)
        out += _every(question.fields)
    return out


@cache
def _by_pattern() -> tuple[tuple[re.Pattern[str], Question], ...]:
    found = []
    for section in _sections():
        for question in _every(section.fields):
            if question.pointer:
                pattern = re.escape(question.pointer).replace(r"\{i\}", "[0-9]+").replace(r"\{j\}", "[0-9]+")
                found.append((re.compile(pattern), question))
    return tuple(found)


def question_at(pointer: str) -> Question | None:
    """The question that asks the field at `pointer` (an item's field matches its `{i}` template)."""
    return next((q for pattern, q in _by_pattern() if pattern.fullmatch(pointer)), None)


def normalise(pointer: str, value: Any) -> Any:
    """An answer for `pointer` as the format writes it (its question's normalisers; any text stripped)."""
    question = question_at(pointer)
    return (question or Question()).normalise(value)


def autofilled() -> list[Question]:
    """The questions the system answers for a person (`autofill_from`), in order."""
    return [q for s in _sections() if s.repeat is None for q in s.fields if q.autofill_from]
