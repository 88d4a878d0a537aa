"""One quiz as a QTI 2.1 ``assessmentItem``, and the book as an ``assessmentTest``.

An item is a ``choiceInteraction`` with ``maxChoices="0"`` (tick any number
of statements), one ``simpleChoice`` per statement, identified ``S1``,
``S2``... by the statement's number, the correct ones in the response's
``correctResponse``. ``SCORE`` runs from 0 to 1 (``MAXSCORE``), by one of two
rules written as plain QTI response processing, so every conforming player
computes it:

* ``exact``: 1 for exactly the correct set, else 0;
* ``partial``: (right ticks - wrong ticks) / correct statements, at least 0:
  a ``mapping`` worth 1 per correct and -1 per incorrect statement, bounded
  below by 0, divided by the number of correct statements.

A quiz with no correct statement scores 1 when nothing is ticked, by either
rule (QTI has no empty ``correctResponse``). After an attempt the item shows
the explanation of each ticked statement (``modalFeedback``, by the
``FEEDBACK`` outcome) and the answer with its readings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from . import __version__
from .qti_content import ContentWriter

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
ET.register_namespace("xsi", XSI)

#: The outcome that shows the answer after an attempt, whatever was ticked.
ANSWER_FEEDBACK = "ANSWER"


def q(tag: str) -> str:
    """A QTI 2.1 element's qualified name."""
    return f"{{{NS}}}{tag}"


def choice_id(index: int) -> str:
    """The identifier of statement *index* (from 1): ``S1``, ``S2``..."""
    return f"S{index}"


@dataclass
class QuizContent:
    """What an item is made of: the record's facts and the nodes to render."""

    identifier: str
    title: str
    record: dict[str, Any]
    prompt: list[nodes.Node]
    hint: str
    statements: dict[int, list[nodes.Node]]  # index -> the statement's blocks
    explanations: dict[int, list[nodes.Node]]
    answer: list[nodes.Node]
    readings: list[nodes.Node]
    files: list[str] = field(default_factory=list)  # images, paths in the package


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, q(tag), attrib)
    if text is not None:
        element.text = text
    return element


def _value(parent: ET.Element, base_type: str, value: str) -> ET.Element:
    return _sub(parent, "baseValue", value, baseType=base_type)


def _set(parent: ET.Element, identifier: str) -> ET.Element:
    return _sub(parent, "setOutcomeValue", identifier=identifier)


def item(quiz: QuizContent, writer: ContentWriter, scoring: str, language: str) -> ET.Element:
    """The ``assessmentItem`` of *quiz*."""
    root = ET.Element(
        q("assessmentItem"),
        {
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
            "identifier": quiz.identifier,
            "title": " ".join(quiz.title.split()),
            "adaptive": "false",
            "timeDependent": "false",
            "toolName": "sphinx-quizbook",
            "toolVersion": __version__,
        },
    )
    if language:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    statements = quiz.record["statements"]
    correct = [s["index"] for s in statements if s["correct"]]
    _declarations(root, statements, correct, scoring)
    _body(root, quiz, writer)
    _processing(root, correct, scoring)
    _feedback(root, quiz, writer)
    return root


def _declarations(root: ET.Element, statements: list[dict[str, Any]], correct: list[int], scoring: str) -> None:
    response = _sub(root, "responseDeclaration", identifier="RESPONSE", cardinality="multiple", baseType="identifier")
    if correct:
        values = _sub(response, "correctResponse")
        for index in correct:
            _sub(values, "value", choice_id(index))
        if scoring == "partial":
            mapping = _sub(response, "mapping", lowerBound="0", defaultValue="0")
            for statement in statements:
                weight = "1" if statement["correct"] else "-1"
                _sub(mapping, "mapEntry", mapKey=choice_id(statement["index"]), mappedValue=weight)
    score = _sub(root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    _sub(_sub(score, "defaultValue"), "value", "0")
    maximum = _sub(root, "outcomeDeclaration", identifier="MAXSCORE", cardinality="single", baseType="float")
    _sub(_sub(maximum, "defaultValue"), "value", "1")
    _sub(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality="multiple", baseType="identifier")


def _body(root: ET.Element, quiz: QuizContent, writer: ContentWriter) -> None:
    body = _sub(root, "itemBody")
    writer.blocks(body, quiz.prompt)
    shuffle = "true" if quiz.record["shuffle"] else "false"
    interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle=shuffle, maxChoices="0")
    if quiz.hint:
        _sub(interaction, "prompt", quiz.hint)
    for statement in quiz.record["statements"]:
        choice = _sub(interaction, "simpleChoice", identifier=choice_id(statement["index"]))
        parts = quiz.statements.get(statement["index"], [])
        if len(parts) == 1 and isinstance(parts[0], nodes.paragraph):
            writer.inlines(choice, parts[0].children)  # the usual one-line statement
        else:
            writer.blocks(choice, parts)


def _processing(root: ET.Element, correct: list[int], scoring: str) -> None:
    processing = _sub(root, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    first = _sub(condition, "responseIf")
    if not correct:
        _sub(_sub(first, "isNull"), "variable", identifier="RESPONSE")
        _value(_set(first, "SCORE"), "float", "1")
    elif scoring == "partial":
        _sub(_sub(first, "isNull"), "variable", identifier="RESPONSE")
        _value(_set(first, "SCORE"), "float", "0")
        otherwise = _sub(condition, "responseElse")
        divide = _sub(_set(otherwise, "SCORE"), "divide")
        _sub(divide, "mapResponse", identifier="RESPONSE")
        _value(divide, "float", str(len(correct)))
    else:
        match = _sub(first, "match")
        _sub(match, "variable", identifier="RESPONSE")
        _sub(match, "correct", identifier="RESPONSE")
        _value(_set(first, "SCORE"), "float", "1")
    if not correct or scoring != "partial":
        _value(_set(_sub(condition, "responseElse"), "SCORE"), "float", "0")
    # Show the ticked statements' explanations, and the answer in any case.
    multiple = _sub(_set(processing, "FEEDBACK"), "multiple")
    _sub(multiple, "variable", identifier="RESPONSE")
    _value(multiple, "identifier", ANSWER_FEEDBACK)


def _feedback(root: ET.Element, quiz: QuizContent, writer: ContentWriter) -> None:
    for statement in quiz.record["statements"]:
        parts = quiz.explanations.get(statement["index"], [])
        if parts:
            feedback = _modal(root, choice_id(statement["index"]))
            writer.blocks(feedback, parts)
    if quiz.answer or quiz.readings:
        feedback = _modal(root, ANSWER_FEEDBACK)
        writer.blocks(feedback, quiz.answer)
        writer.blocks(feedback, quiz.readings)


def _modal(root: ET.Element, identifier: str) -> ET.Element:
    return _sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", showHide="show", identifier=identifier)


@dataclass
class Section:
    """A chapter of the book: its title and its items' identifiers and paths."""

    identifier: str
    title: str
    items: list[tuple[str, str]]  # (identifier, href)


def test(identifier: str, title: str, sections: list[Section]) -> ET.Element:
    """The ``assessmentTest``: every item in reading order, a section a chapter,
    its ``SCORE`` the sum of the items'."""
    root = ET.Element(
        q("assessmentTest"),
        {
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
            "identifier": identifier,
            "title": " ".join(title.split()),
            "toolName": "sphinx-quizbook",
            "toolVersion": __version__,
        },
    )
    for name in ("SCORE", "MAXSCORE"):
        _sub(root, "outcomeDeclaration", identifier=name, cardinality="single", baseType="float")
    part = _sub(root, "testPart", identifier="book", navigationMode="nonlinear", submissionMode="individual")
    for section in sections:
        element = _sub(part, "assessmentSection", identifier=section.identifier, title=section.title, visible="true")
        for item_id, href in section.items:
            _sub(element, "assessmentItemRef", identifier=item_id, href=href)
    processing = _sub(root, "outcomeProcessing")
    for name in ("SCORE", "MAXSCORE"):
        _sub(_sub(_set(processing, name), "sum"), "testVariables", variableIdentifier=name)
    return root
