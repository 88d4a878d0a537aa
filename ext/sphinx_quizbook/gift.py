"""Moodle's GIFT format: one multiple-response question per quiz.

The quizzes arrive as the records of the JSON export (see :mod:`.export`), so
both formats say the same. Each becomes a multiple-choice question whose
answers all start with ``~`` and carry a weight, which Moodle imports as
"multiple answers allowed":

* each correct statement weighs ``100 / correct`` percent, so ticking all of
  them scores full marks;
* each incorrect statement weighs ``-100 / incorrect`` percent, so ticking
  every box scores nothing, and each wrong tick costs its share.

All text is written in Moodle's ``[plain]`` format: the book's formatting is
not carried over, and nothing in a quiz can reach the LMS as live HTML.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from .messages import _, __

# Moodle imports a weight only if it is one of its grade options, unless the
# teacher picks "nearest grade if not listed" (question_bank::fraction_options_full).
MOODLE_GRADES = frozenset(
    {100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0, 20.0}
    | {16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0}
)

# Characters with a meaning in GIFT; the backslash first, as it escapes the rest.
_SPECIAL = ("\\", "~", "=", "#", "{", "}", ":")
# Characters Moodle does not take in a tag.
_TAG_UNSAFE = frozenset("[]<>`")


# Line breaks GIFT carries (as "\\n"); a tab is only a space to Moodle.
_KEPT_CONTROLS = frozenset("\n\r\t")


class GiftError(ValueError):
    """A quiz that Moodle cannot import as a multiple-response question."""


def escape(text: str) -> str:
    """*text* as GIFT text: special characters escaped, line breaks as ``\\n``.

    A blank line ends a question in GIFT, so no line break is written as one.
    """
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def control_characters(text: str) -> list[str]:
    """The control characters in *text* that GIFT cannot carry, as U+XXXX."""
    found = {char for char in text if unicodedata.category(char) == "Cc" and char not in _KEPT_CONTROLS}
    return [f"U+{ord(char):04X}" for char in sorted(found)]


def _printable(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char) != "Cc" or char in _KEPT_CONTROLS)


def _clean(record: Any, notes: list[str]) -> Any:
    """*record* without control characters, each one found told in *notes*."""
    if isinstance(record, str):
        for code in control_characters(record):
            if code not in notes:
                notes.append(code)
        return _printable(record)
    if isinstance(record, dict):
        return {key: _clean(value, notes) for key, value in record.items()}
    if isinstance(record, list):
        return [_clean(value, notes) for value in record]
    return record


def weight(percent: float) -> str:
    """A weight as GIFT writes it: ``%50%``, ``%-33.33333%``."""
    rounded = round(percent, 5)
    number = f"{rounded:.5f}".rstrip("0").rstrip(".")
    return f"%{number}%"


def weights(correct: int, incorrect: int) -> tuple[float, float]:
    """The weights, in percent, of a correct and of an incorrect statement."""
    right = round(100 / correct, 5) if correct else 0.0
    wrong = -round(100 / incorrect, 5) if incorrect else 0.0
    return right, wrong


def unlisted_weights(correct: int, incorrect: int) -> list[float]:
    """The weights of a quiz that are not among Moodle's grade options."""
    right, wrong = weights(correct, incorrect)
    used = ([right] if correct else []) + ([wrong] if incorrect else [])
    return [value for value in used if abs(value) not in MOODLE_GRADES]


def _comment(text: str) -> str:
    return "// " + " ".join(_printable(text).split())


def _general_feedback(record: dict[str, Any]) -> str:
    parts = [record["answer"]] if record["answer"] else []
    if record["readings"]:
        lines = [_("Readings") + ":"]
        for reading in record["readings"]:
            urls = " ".join(f"<{link['url']}>" for link in record_links(reading))
            lines.append(f"- {reading['text']} {urls}".rstrip())
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def record_links(reading: dict[str, Any]) -> list[dict[str, str]]:
    """The links of a reading that have a URL."""
    return [link for link in reading["links"] if link["url"]]


def question(record: dict[str, Any], problems: list[str] | None = None) -> str:
    """One quiz record as a GIFT question.

    What GIFT cannot carry is left out and said in *problems*, in words for
    a warning: a tag with a character Moodle does not take in tags, control
    characters.

    :raises GiftError: for a quiz with fewer than two statements (Moodle
        refuses those) or with no correct statement (a multiple-response
        question needs answers worth 100%).
    """
    problems = [] if problems is None else problems
    controls: list[str] = []
    record = _clean(record, controls)
    if controls:
        problems.append(__("control characters left out: %s") % ", ".join(controls))
    statements = record["statements"]
    correct = sum(1 for statement in statements if statement["correct"])
    if len(statements) < 2:
        raise GiftError(__("Moodle needs at least two statements"))
    if not correct:
        raise GiftError(__("a multiple-response question needs a correct statement"))
    right, wrong = weights(correct, len(statements) - correct)

    title = record["title"] or record["name"] or record["id"]
    # Moodle reads "[id:...]" and "[tag:...]" from every comment line, so
    # the first line holds nothing but the address the question came from.
    lines = [_comment(record["url"].replace("[", "%5B"))]
    ident = f"{record['page']}#{record['id']}".replace("]", "\\]")
    tags = [tag for tag in record["tags"] if not _TAG_UNSAFE.intersection(tag)]
    for tag in record["tags"]:
        if tag not in tags:
            problems.append(__("tag %r left out: Moodle takes no %s in a tag") % (tag, " ".join(sorted(_TAG_UNSAFE))))
    markers = [f"[id:{ident}]"] + [f"[tag:{tag}]" for tag in tags]
    lines.append("// " + " ".join(markers))
    # Moodle needs a question text; the book's own hint stands in for none.
    prompt = record["prompt"] or _("Select all that apply.")
    lines.append(f"::{escape(title)}::[plain]{escape(prompt)} {{")
    for statement in statements:
        answer = f"\t~{weight(right if statement['correct'] else wrong)}{escape(statement['text'])}"
        if statement["explanation"]:
            answer += f"#{escape(statement['explanation'])}"
        lines.append(answer)
    feedback = _general_feedback(record)
    if feedback:
        lines.append(f"\t####{escape(feedback)}")
    lines.append("}")
    return "\n".join(lines)


def document(questions: Iterable[str], header: str, category: str = "") -> str:
    """A GIFT file: a comment, the optional category, the questions."""
    parts = [_comment(header)]
    if category:
        parts.append(f"$CATEGORY: {category}")
    parts.extend(questions)
    return "\n\n".join(parts) + "\n"
