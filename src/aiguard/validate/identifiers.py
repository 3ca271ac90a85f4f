"""Names that look like other names: refused when invisible or mixed-script, normalised otherwise.

Policies compare principals (``group:everyone`` is in the broad groups). Written with a Cyrillic
``е``, a zero-width space, a non-breaking hyphen or a capital ``E``, the same-looking name compared
unequal and a broad grant passed. So, at validation, a principal's name is refused when it holds an
invisible or control character, a dash other than ``-``, letters of several scripts (Latin with
Cyrillic or Greek: a homograph; Han with kana is Japanese and allowed), or only letters of another
script that each look like a Latin one (Cyrillic ``орѕ`` reads as ``ops``); and the principals that
engines see are normalised (Unicode NFKC, then case-folded), so ``group:Everyone`` and fullwidth
``ｅｖｅｒｙｏｎｅ`` are ``group:everyone``. ``partner:<id>`` principals are references to an id and
are matched exactly (ids are ASCII by the schema).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from aiguard.errors import Problem

if TYPE_CHECKING:
    from aiguard.load import Document

#: Principal kinds whose names are compared as names (not as ids).
NAME_KINDS = ("group", "user", "service")
#: Scripts that are written together in one name (Japanese mixes Han, Hiragana and Katakana).
_WRITTEN_TOGETHER = {"HIRAGANA": "HAN", "KATAKANA": "HAN"}


def principal_problems(documents: list[Document]) -> list[Problem]:
    """A problem for each principal whose name is invisible-character, look-alike dash or mixed-script."""
    problems = []
    for document in documents:
        grants = document.data.get("access")
        if not isinstance(grants, list):
            continue
        for index, grant in enumerate(grants):
            principal = grant.get("principal") if isinstance(grant, dict) else None
            if isinstance(principal, str) and not principal.isascii():
                reason = lookalike(principal.partition(":")[2])  # the kind is checked by the schema
                if reason:
                    path = ("access", index, "principal")
                    problems.append(Problem(str(document.path), document.line(path), f"access[{index}].principal", reason))
    return problems


#: Unicode's default-ignorable code points that are not controls or format characters: marks and
#: fillers that draw nothing (a combining grapheme joiner, variation selectors, Mongolian free
#: variation selectors, Hangul fillers) and that NFKC keeps, so `every\u034fone` != `everyone`.
_INVISIBLE_MARKS = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
                              "\U000e0100-\U000e01ef]")


def lookalike(name: str) -> str | None:
    """Why ``name`` could pass for another name, or None."""
    for char in name:
        category = unicodedata.category(char)
        # controls, format characters (zero-width, bidi), spaces, unassigned; marks that draw nothing
        if category[0] in "CZ" or _INVISIBLE_MARKS.match(char):
            return f"holds an invisible character ({_describe(char)}); write the name in plain characters"
        if category == "Pd" and char != "-":
            return f"holds {_describe(char)}, which looks like '-' but is not; write '-'"
    scripts = sorted({script for char in unicodedata.normalize("NFKC", name) if char.isalpha()
                      and (script := _script(char)) is not None})
    if len(scripts) > 1:
        return (f"mixes the scripts {', '.join(scripts)} (a look-alike of another name, such as a Cyrillic 'е' "
                "in a Latin name); write it in one script")
    if scripts and scripts != ["LATIN"]:
        latin = _latin_skeleton(unicodedata.normalize("NFKC", name))
        if latin is not None:
            return (f"is written in {scripts[0]} letters that each look like a Latin one: it reads as {latin!r} "
                    "(a look-alike of that name); write it in Latin letters")
    return None


def _latin_skeleton(name: str) -> str | None:
    """The ASCII name that ``name`` reads as when every letter of it has a Latin look-alike (a
    whole-script homograph, such as Cyrillic ``орѕ`` for ``ops``), else None."""
    from confusable_homoglyphs import categories, confusables

    out = []
    for char in name:
        if not char.isalpha():
            out.append(char)
            continue
        found = confusables.is_confusable(char, preferred_aliases=["latin"]) or []
        latin = [g["c"] for entry in found for g in entry["homoglyphs"]
                 if g["c"].isascii() and g["c"].isalpha() and categories.alias(g["c"]) == "LATIN"]
        if not latin:
            return None
        out.append(latin[0].lower())
    return "".join(out)


def normalise_principals(data: dict[str, Any]) -> None:
    """Normalise, in place, the principals of merged, validated inventory data (see the module)."""
    for grant in data.get("access", ()):
        principal = grant["principal"]
        kind, _, name = principal.partition(":")
        if kind not in NAME_KINDS:
            continue
        normal = normalise_name(name)
        if normal != name:
            grant["principal"] = f"{kind}:{normal}"


def normalise_name(name: str) -> str:
    """A principal's name as policies compare it; parameters naming principals (``broad_groups``) too."""
    return name.lower() if name.isascii() else unicodedata.normalize("NFKC", name).casefold()


def _describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def _script(char: str) -> str | None:
    from confusable_homoglyphs import (
        categories,  # loads Unicode's script table: only for non-ASCII names
    )

    script = str(categories.alias(char))
    if script in ("COMMON", "INHERITED"):
        return None
    return _WRITTEN_TOGETHER.get(script, script)
