"""The book's quizzes as QTI 1.2, the format of Canvas's Classic Quizzes.

One ``questestinterop`` file holds an ``assessment`` of one ``section`` per
chapter, each quiz an ``item`` of Canvas's type ``multiple_answers_question``:
a ``response_lid`` with ``rcardinality="Multiple"``, one ``response_label``
per statement (``S1``, ``S2``... as in QTI 2.1). Text is the same XHTML
subset as in QTI 2.1, carried as the HTML string of a ``mattext`` (the XML
library escapes it once more), images as Canvas's ``$IMS-CC-FILEBASE$``
files.

``SCORE`` runs from 0 to 100, as Canvas writes it. The first condition gives
100 for exactly the correct set (the condition Canvas reads the correct
answers from); with ``partial`` scoring, each ticked statement then adds
100/correct, or takes it away, and ``minvalue="0"`` floors the sum, as QTI 1.2
defines it. Canvas scores a multiple-answers question by its own setting;
other QTI 1.2 readers run these conditions.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from .qti_content import ContentWriter
from .qti_item import QuizContent, Section, choice_id

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
#: Where Canvas puts a package's files; an image's ``src`` starts with it.
FILEBASE = "$IMS-CC-FILEBASE$"
RESPONSE = "response1"
GENERAL_FEEDBACK = "general_fb"


def v(tag: str) -> str:
    """A QTI 1.2 element's qualified name."""
    return f"{{{NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, v(tag), attrib)
    if text is not None:
        element.text = text
    return element


def html(build: Any) -> str:
    """The HTML string of a ``div`` that *build* fills with content."""
    div = ET.Element("div")
    build(div)
    return ET.tostring(div, encoding="unicode", method="html")


def _material(parent: ET.Element, text: str) -> ET.Element:
    material = _sub(parent, "material")
    _sub(material, "mattext", text, texttype="text/html")
    return material


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    metadata = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def assessment(identifier: str, title: str, sections: list[Section], items: dict[str, ET.Element]) -> ET.Element:
    """The ``questestinterop`` of the whole book: *items* by identifier, in *sections*."""
    root = ET.Element(v("questestinterop"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    test = _sub(root, "assessment", ident=identifier, title=" ".join(title.split()))
    _metadata(test, {"cc_maxattempts": "1"})
    for section in sections:
        element = _sub(test, "section", ident=section.identifier, title=section.title)
        for item_id, _href in section.items:
            element.append(items[item_id])
    return root


def item(quiz: QuizContent, writer: ContentWriter, scoring: str) -> ET.Element:
    """One quiz as a Canvas ``multiple_answers_question``."""
    statements = quiz.record["statements"]
    element = ET.Element(v("item"), ident=quiz.identifier, title=" ".join(quiz.title.split()))
    _metadata(
        _sub(element, "itemmetadata"),
        {
            "question_type": "multiple_answers_question",
            "points_possible": "1",
            "original_answer_ids": ",".join(choice_id(s["index"]) for s in statements),
        },
    )
    presentation = _sub(element, "presentation")
    _material(presentation, html(lambda div: _prompt(div, quiz, writer)))
    response = _sub(presentation, "response_lid", ident=RESPONSE, rcardinality="Multiple")
    choices = _sub(response, "render_choice")
    for statement in statements:
        label = _sub(choices, "response_label", ident=choice_id(statement["index"]))
        parts = quiz.statements.get(statement["index"], [])
        _material(label, html(lambda div, parts=parts: writer.blocks(div, parts)))
    _processing(element, quiz, scoring)
    _feedback(element, quiz, writer)
    return element


def _prompt(div: ET.Element, quiz: QuizContent, writer: ContentWriter) -> None:
    writer.blocks(div, quiz.prompt)
    if quiz.hint:  # QTI 1.2 has no place of its own for "Select all that apply."
        ET.SubElement(div, "p").text = quiz.hint


def _processing(element: ET.Element, quiz: QuizContent, scoring: str) -> None:
    statements = quiz.record["statements"]
    processing = _sub(element, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if quiz.answer or quiz.readings:
        shown = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(shown, "conditionvar"), "other")
        _sub(shown, "displayfeedback", feedbacktype="Response", linkrefid=GENERAL_FEEDBACK)
    for statement in statements:
        if quiz.explanations.get(statement["index"]):
            ticked = _sub(processing, "respcondition", **{"continue": "Yes"})
            _ticked(_sub(ticked, "conditionvar"), statement)
            link = f"{choice_id(statement['index'])}_fb"
            _sub(ticked, "displayfeedback", feedbacktype="Response", linkrefid=link)
    full = _sub(processing, "respcondition", **{"continue": "No"})
    _exactly(_sub(full, "conditionvar"), statements)
    _sub(full, "setvar", "100", action="Set", varname="SCORE")
    correct = sum(1 for s in statements if s["correct"])
    if scoring == "partial" and correct:
        share = _number(100 / correct)
        for statement in statements:
            tick = _sub(processing, "respcondition", **{"continue": "Yes"})
            _ticked(_sub(tick, "conditionvar"), statement)
            action = "Add" if statement["correct"] else "Subtract"
            _sub(tick, "setvar", share, action=action, varname="SCORE")


def _exactly(condition: ET.Element, statements: list[dict[str, Any]]) -> None:
    """The condition "the correct statements ticked, and no other"."""
    both = _sub(condition, "and")
    for statement in statements:
        parent = both if statement["correct"] else _sub(both, "not")
        _ticked(parent, statement)


def _ticked(parent: ET.Element, statement: dict[str, Any]) -> None:
    # case="Yes": identifiers compare as written (QTI 1.2 ignores case by default).
    _sub(parent, "varequal", choice_id(statement["index"]), respident=RESPONSE, case="Yes")


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _feedback(element: ET.Element, quiz: QuizContent, writer: ContentWriter) -> None:
    if quiz.answer or quiz.readings:
        general = _sub(element, "itemfeedback", ident=GENERAL_FEEDBACK)
        _material(_sub(general, "flow_mat"), html(lambda div: writer.blocks(div, [*quiz.answer, *quiz.readings])))
    for statement in quiz.record["statements"]:
        parts = quiz.explanations.get(statement["index"], [])
        if parts:
            feedback = _sub(element, "itemfeedback", ident=f"{choice_id(statement['index'])}_fb")
            _material(_sub(feedback, "flow_mat"), html(lambda div, parts=parts: writer.blocks(div, parts)))
