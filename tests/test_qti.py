"""The QTI export: ``-b qti`` (QTI 2.1) and ``-b qti12`` (QTI 1.2, Canvas).

Proof from outside the project: every file of the package is checked against
the official IMS XML Schemas, and pyslet, a QTI implementation written apart
from this project, reads the package back through its manifest and runs each
item's response processing on the answers a reader could give: exactly the
correct statements score full marks, any other set what the chosen rule says.
pyslet also renders each item as an HTML form and scores the form as a
browser submits it. A second implementation does the same from npm:
Citolab's converter turns the package into QTI 3, and Citolab's QTI 3 item
player, in Chromium, scores each answer ticked box by box.
The quizjson export of the same book is the reference for every quiz's
statements and correct set.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

# pyslet and lxml are in the "test" extra, like jsonschema: a missing one is a
# broken install, not a reason to skip.
import pyslet.imscpv1p2 as imscp
import pyslet.qtiv1.xml as qti1
import pyslet.qtiv2.xml as qti2
import pytest
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from pyslet import html401 as pyslet_html
from pyslet.qtiv2 import variables
from pyslet.xml import structures

from sphinx_quizbook import qti
from sphinx_quizbook.importer import convert
from sphinx_quizbook.qti_content import ContentWriter
from tests.conftest import ROOTS, TESTS
from tests.helpers import require, require_executable

# pyslet's own modules call its deprecated names; that is pyslet's business.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyslet.*")

SEED = TESTS / "fixtures" / "seeds" / "000-research-vs-production.md"
#: The official IMS schemas (see the README there): Content Packaging for the
#: manifest, QTI 2.1 for the items and the test, QTI 1.2 for the Canvas package.
XSD = TESTS / "fixtures" / "qti-xsd"
PACKAGES = {"qti": "quizzes-qti21.zip", "qti12": "quizzes-qti12.zip"}
QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS = {"q": QTI_NS, "cp": CP_NS}
#: Books whose quizzes every test below reads: this suite's hostile texts, the
#: export book, the seed question, and a book with code, math, images, tables.
BOOKS = ["qti", "export-book", "core-hostile", "props-hostile", "seed"]
#: Warnings the books give in every build (their hostile markup), and the one
#: the QTI export gives for hostile text: the control characters it leaves out.
EXPECTED_WARNINGS = ("[quiz.unsafe]", "[quiz.readings]", "[myst.xref_missing]")
LEFT_OUT = "WARNING: QTI package: control characters left out: U+0001, U+0007 [quiz.export]"
# Characters XML 1.0 cannot hold; the export drops them.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# -- building ----------------------------------------------------------------------------


def _source(tmp_path: Path, book: str) -> Path:
    """A copy of *book*'s sources; "seed" is the seed question as the importer writes it."""
    source = tmp_path / book
    if source.exists():
        return source
    if book == "seed":
        shutil.copytree(ROOTS / "test-export-import", source)
        (source / "research-vs-production.md").write_text(convert(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        shutil.copytree(ROOTS / f"test-{book}", source)
    return source


def _build(make_app, tmp_path: Path, book: str, builder: str, **overrides: Any) -> Any:
    app = make_app(builder, srcdir=_source(tmp_path, book), confoverrides=overrides, freshenv=True)
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    own = [line for line in warnings.splitlines() if "WARNING" in line]
    left_out = [line for line in own if line.endswith(LEFT_OUT)]
    # Only the qti book's hostile quiz holds control characters (U+0001, U+0007).
    assert len(left_out) == (book == "qti" and builder in PACKAGES)
    assert [line for line in own if not line.endswith((*EXPECTED_WARNINGS, LEFT_OUT))] == []
    # Done with this Sphinx: the next build of the test registers its nodes afresh.
    app.cleanup()
    return app


def _records(make_app, tmp_path: Path, book: str) -> list[dict[str, Any]]:
    app = _build(make_app, tmp_path, book, "quizjson")
    return json.loads((app.outdir / "quizzes.json").read_text(encoding="utf-8"))["quizzes"]


def _zip(app: Any) -> zipfile.ZipFile:
    """The package a QTI build wrote."""
    return zipfile.ZipFile(app.outdir / PACKAGES[app.builder.name])


def _identifier(record: dict[str, Any]) -> str:
    """The item identifier the export promises: from the name, else page and id."""
    if record["name"]:
        return record["id"]
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{record['page']}-{record['id']}")


# -- reading back with pyslet ------------------------------------------------------------


@dataclass
class Package:
    """A QTI 2.1 package as pyslet reads it through its manifest."""

    items: dict[str, Any]  # identifier -> pyslet AssessmentItem, in manifest order
    sections: list[tuple[str, list[str]]]  # the test's sections: title, item identifiers
    files: dict[str, list[str]]  # resource href -> the files it lists
    keywords: dict[str, list[str]]  # item identifier -> its LOM keywords (the quiz's tags)


def _read_package(path: Path) -> Package:
    package = imscp.ContentPackage(str(path))  # pyslet unpacks the zip itself
    try:
        items, sections, files, keywords = {}, [], {}, {}
        for resource in package.manifest.root.Resources.Resource:
            files[str(resource.href)] = [str(entry.href) for entry in resource.File]
            document = qti2.QTIDocument(base_uri=resource.resolve_uri(resource.href))
            document.read()
            if resource.type == "imsqti_item_xmlv2p1":
                items[document.root.identifier] = document.root
                keywords[document.root.identifier] = _keywords(resource)
            elif resource.type == "imsqti_test_xmlv2p1":
                for part in document.root.TestPart:
                    for section in part.AssessmentSection:
                        refs = [ref.identifier for ref in section.SectionPart]
                        sections.append((section.title, refs))
        return Package(items, sections, files, keywords)
    finally:
        package.close()


def _keywords(resource: Any) -> list[str]:
    """The keywords of a resource's LOM metadata, as pyslet reads them."""
    found = []
    for lom in resource.Metadata.get_children() if resource.Metadata is not None else []:
        for part in lom.LOMGeneral.get_children() if lom.LOMGeneral is not None else []:
            if type(part).__name__ == "LOMKeyword":
                found.extend(str(text.get_value()) for text in part.get_children())
    return found


def _score(item: Any, ticked: tuple[str, ...]) -> tuple[float, set[str]]:
    """pyslet's response processing of one attempt: the score and the feedback shown."""
    session = variables.ItemSessionState(item)
    session.begin_session()
    # pyslet's begin_attempt also renders the item as an HTML form, and its
    # renderer fails on an empty multiple response; the attempt itself is
    # this: one attempt, the response given, then response processing.
    session["numAttempts"].set_value(1)
    response = item.ResponseDeclaration[0].identifier
    session[response].set_value(list(ticked) or None)
    session.end_attempt()
    feedback = session["FEEDBACK"].value if "FEEDBACK" in session else None
    return session["SCORE"].value, set(feedback or {})


def _answers(choices: list[str], correct: set[str], changes: int = 2) -> Iterator[tuple[str, ...]]:
    """Every set of ticks for a short quiz; for a long one, the correct set,
    nothing, everything, and the correct set with up to *changes* ticks changed."""
    if len(choices) <= 6:
        for size in range(len(choices) + 1):
            yield from itertools.combinations(choices, size)
        return
    yield tuple(sorted(correct))
    yield ()
    yield tuple(choices)
    for flipped in itertools.chain.from_iterable(itertools.combinations(choices, n) for n in range(1, changes + 1)):
        yield tuple(sorted(correct.symmetric_difference(flipped)))


def _expected(ticked: tuple[str, ...], correct: set[str], scoring: str) -> float:
    """The score the export's documentation promises, from 0 to 1."""
    if scoring == "exact" or not correct:
        return 1.0 if set(ticked) == correct else 0.0
    right = len(correct.intersection(ticked))
    wrong = len(set(ticked) - correct)
    return max(0, right - wrong) / len(correct)


# -- the text of an item, as quizjson writes it ---------------------------------------------


def _plain(element: etree._Element) -> str:
    """The text of XHTML content as the JSON export writes it: math without its delimiters."""
    if element.get("class") == "math":
        return re.sub(r"^\\[(\[]|\\[)\]]$", "", element.text or "")
    return (element.text or "") + "".join(_plain(child) + (child.tail or "") for child in element)


def _statement_text(choice: etree._Element) -> str:
    """A statement's own words: its first paragraph, or all of it if it has no blocks."""
    first = next(iter(choice), None)
    if first is not None and etree.QName(first).localname == "p":
        return _plain(first).strip()
    return _plain(choice).strip()


def _block(element: etree._Element) -> tuple[str, str]:
    """A block of a statement as the JSON export describes it: its kind and text."""
    tag = etree.QName(element).localname
    images = list(element.iter(f"{{{QTI_NS}}}img", "img"))
    if tag == "pre":
        return "code", (element.text or "").strip("\n")
    if element.get("class") == "math":
        return "math", _plain(element).strip()
    if tag == "table":
        rows = element.iter(f"{{{QTI_NS}}}tr", "tr")
        return "table", "\n".join(" | ".join(" ".join(_plain(cell).split()) for cell in row) for row in rows)
    if images and (tag == "div" or not _plain(element).strip()):
        return "image", images[0].get("alt", "")
    return ("paragraph" if tag == "p" else "other"), _plain(element).strip()


def _statement_blocks(choice: etree._Element) -> list[tuple[str, str]]:
    """A choice's blocks: its paragraph and what follows, or its words alone."""
    first = next(iter(choice), None)
    if first is None or etree.QName(first).localname != "p":
        return [("paragraph", _plain(choice).strip())]
    return [_block(element) for element in choice]


def _json_text(text: str) -> str:
    """What the export makes of a text: without the characters XML cannot hold."""
    return NOT_XML.sub("", text)


# -- schemas -------------------------------------------------------------------------------


@functools.cache
def _manifest_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / "imscp" / "imscp_v1p1.xsd")))


@functools.cache
def _qti21_schema() -> etree.XMLSchema:
    # IMS QTI 2.1 Final with the MathML 2, XInclude and APIP schemas it imports.
    return etree.XMLSchema(etree.parse(str(XSD / "qti" / "qtiv2p1" / "imsqti_v2p1.xsd")))


@functools.cache
def _qti12_schema() -> etree.XMLSchema:
    # IMS QTI ASI 1.2 (the base schema, not a Common Cartridge profile), with the xml.xsd it imports.
    return etree.XMLSchema(etree.parse(str(XSD / "qtiv1p2" / "domainProfile_4" / "ims_qtiasiv1p2.xsd")))


def _errors(schema: etree.XMLSchema, data: bytes) -> list[str]:
    document = etree.fromstring(data)  # raises on XML that is not well-formed
    schema.validate(document)
    return [f"{error.line}: {error.message}" for error in schema.error_log]


# -- the tests -----------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["qti", "qti12"])
@pytest.mark.parametrize("book", BOOKS)
def test_the_manifest_is_valid_and_lists_every_file(make_app, tmp_path: Path, book: str, builder: str) -> None:
    app = _build(make_app, tmp_path, book, builder)
    with _zip(app) as package:
        names = package.namelist()
        data = package.read("imsmanifest.xml")
    assert names[0] == "imsmanifest.xml"
    assert _errors(_manifest_schema(), data) == []
    manifest = etree.fromstring(data)
    listed = {entry.get("href") for entry in manifest.iterfind(".//cp:file", NS)}
    assert listed == set(names) - {"imsmanifest.xml"}
    assert {resource.get("href") for resource in manifest.iterfind(".//cp:resource", NS)} <= listed


@pytest.mark.parametrize("book", BOOKS)
def test_every_item_and_the_test_are_valid_qti21(make_app, tmp_path: Path, book: str) -> None:
    app = _build(make_app, tmp_path, book, "qti")
    with _zip(app) as package:
        documents = {name: package.read(name) for name in package.namelist() if name.endswith(".xml")}
    del documents["imsmanifest.xml"]
    roots = {etree.QName(etree.fromstring(data)).localname for data in documents.values()}
    assert roots == {"assessmentItem", "assessmentTest"}
    errors = {name: _errors(_qti21_schema(), data) for name, data in documents.items()}
    assert {name: found for name, found in errors.items() if found} == {}


@pytest.mark.parametrize("scoring", ["exact", "partial"])
@pytest.mark.parametrize("book", BOOKS)
def test_every_qti12_document_is_valid_qti12(make_app, tmp_path: Path, book: str, scoring: str) -> None:
    # Partial scoring writes setvar actions (Add, Subtract) that exact scoring does not.
    app = _build(make_app, tmp_path, book, "qti12", quiz_qti_scoring=scoring)
    with _zip(app) as package:
        documents = {name: package.read(name) for name in package.namelist() if name.endswith(".xml")}
    del documents["imsmanifest.xml"]
    assert [etree.QName(etree.fromstring(data)).localname for data in documents.values()] == ["questestinterop"]
    errors = {name: _errors(_qti12_schema(), data) for name, data in documents.items()}
    assert {name: found for name, found in errors.items() if found} == {}


@pytest.mark.parametrize("scoring", ["exact", "partial"])
@pytest.mark.parametrize("book", BOOKS)
def test_pyslet_scores_every_answer_as_the_rule_says(make_app, tmp_path: Path, book: str, scoring: str) -> None:
    records = _records(make_app, tmp_path, book)
    app = _build(make_app, tmp_path, book, "qti", quiz_qti_scoring=scoring)
    package = _read_package(app.outdir / "quizzes-qti21.zip")
    assert sorted(package.items) == sorted(_identifier(record) for record in records)
    for record in records:
        item = package.items[_identifier(record)]
        assert package.keywords[_identifier(record)] == record["tags"]
        choices = [f"S{statement['index']}" for statement in record["statements"]]
        correct = {f"S{statement['index']}" for statement in record["statements"] if statement["correct"]}
        declared = item.ResponseDeclaration[0].get_correct_value()
        assert set(declared.value or {}) == correct, record["id"]
        explained = {f"S{s['index']}" for s in record["statements"] if s["explanation"]}
        for ticked in _answers(choices, correct):
            score, feedback = _score(item, ticked)
            assert score == pytest.approx(_expected(ticked, correct, scoring)), (record["id"], ticked)
            # Shown after the attempt: the ticked statements' explanations, and the answer.
            assert explained.intersection(ticked) <= feedback
            assert "ANSWER" in feedback


@pytest.mark.parametrize("book", BOOKS)
def test_quizjson_and_qti_agree_on_statements_and_correct_sets(make_app, tmp_path: Path, book: str) -> None:
    records = _records(make_app, tmp_path, book)
    app = _build(make_app, tmp_path, book, "qti")
    with _zip(app) as package:
        for record in records:
            item = etree.fromstring(package.read(f"items/{_identifier(record)}.xml"))
            assert item.get("title") == " ".join((record["title"] or record["name"] or record["id"]).split())
            choices = item.findall(".//q:choiceInteraction/q:simpleChoice", NS)
            assert [choice.get("identifier") for choice in choices] == [f"S{s['index']}" for s in record["statements"]]
            for choice, statement in zip(choices, record["statements"], strict=True):
                expected = [(block["kind"], _json_text(block["text"])) for block in statement["blocks"]]
                assert _statement_blocks(choice) == expected, record["id"]
            correct = [value.text for value in item.iterfind(".//q:correctResponse/q:value", NS)]
            assert correct == [f"S{s['index']}" for s in record["statements"] if s["correct"]]
            interaction = item.find(".//q:choiceInteraction", NS)
            assert (interaction.get("maxChoices"), interaction.get("shuffle")) == (
                "0",
                "true" if record["shuffle"] else "false",
            )


@pytest.mark.parametrize("book", ["seed", "qti"])
def test_pyslet_renders_each_item_as_a_form_and_scores_what_is_submitted(make_app, tmp_path: Path, book: str) -> None:
    records = _records(make_app, tmp_path, book)
    app = _build(make_app, tmp_path, book, "qti", quiz_qti_scoring="partial")
    package = _read_package(app.outdir / "quizzes-qti21.zip")
    for record in records:
        item = package.items[_identifier(record)]
        correct = [f"S{s['index']}" for s in record["statements"] if s["correct"]]
        ticked = correct[:1] + [f"S{s['index']}" for s in record["statements"] if not s["correct"]][:1]
        if not ticked:
            continue
        session = variables.ItemSessionState(item)
        session.begin_session()
        session["numAttempts"].set_value(1)
        # The form as a browser sends it: one RESPONSE value per ticked box.
        page = pyslet_html.Div(None)
        session.submit_session({"RESPONSE": ticked}, page)
        form = lxml_html.fragment_fromstring(str(page))
        boxes = form.xpath(".//input[@type='checkbox']")
        assert [box.get("value") for box in boxes] == [f"S{s['index']}" for s in record["statements"]]
        assert [box.get("value") for box in boxes if box.get("checked")] == ticked
        # Each box sits with its statement's words (math in its delimiters).
        for box, statement in zip(boxes, record["statements"], strict=True):
            words = " ".join(re.sub(r"\\[()]", "", box.getparent().text_content()).split())
            assert " ".join(_json_text(statement["blocks"][0]["text"]).split()) in words
        assert session["SCORE"].value == pytest.approx(_expected(tuple(ticked), set(correct), "partial"))


def test_the_test_follows_reading_order_with_a_section_per_chapter(make_app, tmp_path: Path) -> None:
    app = _build(make_app, tmp_path, "qti", "qti")
    package = _read_package(app.outdir / "quizzes-qti21.zip")
    # The toctree reads index, zeta (with zeta-part), then alpha: not the pages' name order.
    assert package.sections == [
        ("QTI book", ["quiz-root-quiz"]),
        ("Zeta chapter", ["quiz-code-and-math", "quiz-pictures"]),
        ("Alpha chapter", ["alpha-quiz-0", "quiz-nothing-true", "quiz-hostile-qti"]),
    ]
    assert list(package.items) == [ref for _title, refs in package.sections for ref in refs]


def _item(package: zipfile.ZipFile, identifier: str) -> etree._Element:
    return etree.fromstring(package.read(f"items/{identifier}.xml"))


def _feedback(item: etree._Element, identifier: str) -> etree._Element:
    found = item.find(f"q:modalFeedback[@identifier='{identifier}']", NS)
    assert found is not None, identifier
    return found


def test_code_math_tables_and_links_are_carried_over(make_app, tmp_path: Path) -> None:
    app = _build(make_app, tmp_path, "qti", "qti", html_baseurl="https://book.example.org/")
    with _zip(app) as package:
        item = _item(package, "quiz-code-and-math")
    body = item.find("q:itemBody", NS)
    assert body.find("q:pre", NS).text == 'def f(n):\n    return n * n < 10  # "quotes" & <angles>\n'
    maths = [element.text for element in body.iterfind(".//*[@class='math']", NS)]
    assert maths[:2] == ["\\(f(n) = n^2\\)", "\\[\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\\]"]
    # `only` blocks are decided as for the web book, as in the JSON export.
    written = etree.tostring(item, encoding="unicode")
    assert ("for the web only" in written, "for print only" in written) == (True, False)
    choices = body.findall(".//q:simpleChoice", NS)
    assert choices[0].find("q:span", NS).text == "\\(n \\times n\\)"
    assert choices[1].find("q:pre", NS).text == "f(2)  # True, a bool\n"  # a statement's code block
    assert choices[3].find("q:strong", NS).text == "two"
    # Explanations for statements 1 and 3 only; the answer holds the table and the readings.
    assert [f.get("identifier") for f in item.iterfind("q:modalFeedback", NS)] == ["S1", "S3", "ANSWER"]
    link = _feedback(item, "S1").find(".//q:a", NS)
    assert link.get("href") == "https://book.example.org/zeta.html#zeta-target"
    answer = _feedback(item, "ANSWER")
    rows = [[cell.xpath("string()") for cell in row] for row in answer.iterfind(".//q:tr", NS)]
    assert rows == [["n", "f(n)"], ["2", "True"], ["4", "False"]]
    links = {a.text: a.get("href") for a in answer.iterfind(".//q:a", NS)}
    assert links == {"Alpha chapter": "https://book.example.org/alpha.html", "Python": "https://docs.python.org/3/"}


def test_images_are_packaged_with_their_items(make_app, tmp_path: Path) -> None:
    app = _build(make_app, tmp_path, "qti", "qti")
    picture = (app.srcdir / "img" / "dot.png").read_bytes()
    package = _read_package(app.outdir / "quizzes-qti21.zip")
    with _zip(app) as archive:
        item = _item(archive, "quiz-pictures")
        sources = [image.get("src") for image in item.iterfind(".//q:img", NS)]
        assert len(sources) == 3  # inline, a block image, and a figure in a statement
        for src in sources:
            path = str(PurePosixPath("items", src)).replace("items/../", "")
            assert archive.read(path) == picture
            assert path in package.files["items/quiz-pictures.xml"]
    assert [image.get("alt") for image in item.iterfind(".//q:img", NS)] == [
        "a red square",
        "the same square, as a block",
        "a figure",
    ]


@pytest.mark.parametrize("book", ["qti", "core-hostile", "props-hostile", "export-book"])
def test_hostile_text_stays_text(make_app, tmp_path: Path, book: str) -> None:
    app = _build(make_app, tmp_path, book, "qti")
    with _zip(app) as package:
        for name in package.namelist():
            if not name.endswith(".xml"):
                continue
            document = etree.fromstring(package.read(name))
            tags = {etree.QName(element).localname for element in document.iter()}
            assert not tags & {"script", "iframe", "object", "embed", "style", "b", "i"}, name
            for element in document.iter():
                assert not [attribute for attribute in element.attrib if attribute.lower().startswith("on")]
                for name in ("href", "src"):
                    scheme = urlsplit("".join(element.get(name, "").split())).scheme.lower()
                    assert scheme in {"", "http", "https", "mailto"}, element.get(name)
    if book == "qti":
        with _zip(app) as package:
            item = _item(package, "quiz-hostile-qti")
        assert item.get("title") == "Hostile <script>alert(1)</script> ]]> & “quotes”"
        assert "<b>tags</b>, an entity &, a CDATA end ]]>" in item.find("q:itemBody/q:p", NS).text
        # The bell (U+0007) cannot be in XML: it is dropped, the rest of the text stays.
        statement = _statement_text(item.find(".//q:simpleChoice", NS))
        assert statement == "A statement with <i>markup</i> & ampersands ]]> and a bell ."


def test_identifiers_are_stable_and_the_package_reproducible(make_app, tmp_path: Path) -> None:
    first = _build(make_app, tmp_path, "qti", "qti")
    before = (first.outdir / "quizzes-qti21.zip").read_bytes()
    with _zip(first) as package:
        names = package.namelist()
    # Edited text, the same quizzes: the same identifiers, so an LMS updates its copies.
    page = first.srcdir / "alpha.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Right.", "Right, edited."), encoding="utf-8")
    second = _build(make_app, tmp_path, "qti", "qti")
    with _zip(second) as package:
        assert package.namelist() == names
        assert b"Right, edited." in package.read("items/alpha-quiz-0.xml")
    # The same sources give the same bytes.
    page.write_text(page.read_text(encoding="utf-8").replace("Right, edited.", "Right."), encoding="utf-8")
    third = _build(make_app, tmp_path, "qti", "qti")
    assert (third.outdir / "quizzes-qti21.zip").read_bytes() == before


# -- a second implementation: Citolab's QTI 3 player, in Chromium ---------------------------

PLAYER = TESTS / "fixtures" / "qti-player"
CITOLAB = PLAYER / "node_modules" / "@citolab"
#: One attempt in the page: Citolab's own XML-to-HTML step and custom
#: elements show the item; each box to tick gets a click, as a reader's
#: (on the element, not on a link in the statement); then its response processing.
ATTEMPT = """async ([xml, ticked]) => {
    const host = document.getElementById("host");
    host.innerHTML = QtiComponents.qtiTransformItem().parse(xml).html();
    const item = host.querySelector("qti-assessment-item");
    const parts = [item, ...item.querySelectorAll("qti-choice-interaction, qti-simple-choice")];
    await Promise.all(parts.map(element => element.updateComplete));
    const choices = [...item.querySelectorAll("qti-simple-choice")];
    for (const choice of choices) {
        if (ticked.includes(choice.getAttribute("identifier"))) choice.click();
    }
    item.processResponse();
    return {choices: choices.map(choice => choice.getAttribute("identifier")),
            score: Number(item.getOutcome("SCORE").value)};
}"""


def _qti3(package: Path, tmp_path: Path) -> zipfile.ZipFile:
    """The package as QTI 3, converted by Citolab's converter (its command line)."""
    node = require_executable("node")
    require((CITOLAB / "qti-convert").is_dir(), f"Citolab's QTI tools are not installed: npm ci --prefix {PLAYER}")
    copy = tmp_path / "package.zip"
    shutil.copyfile(package, copy)
    command = [node, str(CITOLAB / "qti-convert" / "dist" / "qti-convert-pkg.mjs"), str(copy)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    return zipfile.ZipFile(tmp_path / "package-qti3.zip")


@pytest.fixture(scope="module")
def player(browser: Any) -> Iterator[Any]:
    """A Chromium page with Citolab's QTI 3 player loaded, and no network."""
    page = browser.new_page()
    page.route("**/*", lambda route: route.abort())  # a link clicked by mistake goes nowhere
    page.set_content("<!DOCTYPE html><html><body><div id='host'></div></body></html>")
    page.add_script_tag(path=str(CITOLAB / "qti-components" / "cdn" / "index.global.js"))
    yield page
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scoring", ["exact", "partial"])
@pytest.mark.parametrize("book", ["qti", "seed", "export-book"])
def test_citolabs_player_scores_every_answer_as_the_rule_says(
    make_app, tmp_path: Path, player: Any, book: str, scoring: str
) -> None:
    records = _records(make_app, tmp_path, book)
    app = _build(make_app, tmp_path, book, "qti", quiz_qti_scoring=scoring)
    with _qti3(app.outdir / "quizzes-qti21.zip", tmp_path) as package:
        for record in records:
            xml = package.read(f"items/{_identifier(record)}.xml").decode("utf-8")
            choices = [f"S{statement['index']}" for statement in record["statements"]]
            correct = {f"S{statement['index']}" for statement in record["statements"] if statement["correct"]}
            for ticked in _answers(choices, correct, changes=1):  # a page load an answer: fewer of them
                attempt = player.evaluate(ATTEMPT, [xml, list(ticked)])
                assert attempt["choices"] == choices
                # The player keeps three decimals.
                expected = _expected(ticked, correct, scoring)
                assert attempt["score"] == pytest.approx(expected, abs=1e-3), (record["id"], ticked)


# -- QTI 1.2 -------------------------------------------------------------------------------


@pytest.fixture
def pyslet_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyslet 0.7, its last release, still calls Python 2's ``generator.next()``
    in one helper its QTI 1.2 migration uses; the same lookup, in Python 3."""

    def get_or_add_child(self: Any, child_class: Any) -> Any:
        found = next(self.find_children_depth_first(child_class, max_depth=1), None)
        return found if found is not None else self.add_child(child_class)

    monkeypatch.setattr(structures.Element, "get_or_add_child", get_or_add_child)


def _migrated(path: Path) -> dict[str, Any]:
    """Every item of a QTI 1.2 package, as pyslet migrates it to QTI 2."""
    with zipfile.ZipFile(path) as package:
        manifest = etree.fromstring(package.read("imsmanifest.xml"))
        resource = manifest.find(".//cp:resource[@type='imsqti_xmlv1p2']", NS)
        document = qti1.QTIDocument()
        document.read(src=package.read(resource.get("href")))
    return {doc.root.identifier: doc.root for doc, _metadata, _log in document.root.migrate_to_v2()}


@pytest.mark.parametrize("scoring", ["exact", "partial"])
@pytest.mark.parametrize("book", BOOKS)
def test_qti12_is_read_and_scored_by_pyslet(
    make_app, tmp_path: Path, book: str, scoring: str, pyslet_migration: None
) -> None:
    records = _records(make_app, tmp_path, book)
    app = _build(make_app, tmp_path, book, "qti12", quiz_qti_scoring=scoring)
    items = _migrated(app.outdir / "quizzes-qti12.zip")
    assert sorted(items) == sorted(_identifier(record) for record in records)
    for record in records:
        item = items[_identifier(record)]
        choices = [f"S{statement['index']}" for statement in record["statements"]]
        correct = {f"S{statement['index']}" for statement in record["statements"] if statement["correct"]}
        for ticked in _answers(choices, correct):
            if not ticked and not correct:
                continue  # pyslet migrates "none ticked" to QTI 2's NULL, which matches nothing
            right, wrong = len(correct.intersection(ticked)), len(set(ticked) - correct)
            if scoring == "partial" and wrong > right:
                continue  # QTI 1.2 floors at decvar's minvalue, which pyslet's migration leaves out
            score, _feedback = _score(item, ticked)
            expected = 100 * _expected(ticked, correct, scoring)
            assert score == pytest.approx(expected, abs=1e-3), (record["id"], ticked)


@pytest.mark.parametrize("book", ["qti", "export-book", "seed"])
def test_qti12_is_a_canvas_multiple_answers_question_bank(make_app, tmp_path: Path, book: str) -> None:
    records = _records(make_app, tmp_path, book)
    app = _build(make_app, tmp_path, book, "qti12")
    q1 = {"v": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    with _zip(app) as package:
        manifest = etree.fromstring(package.read("imsmanifest.xml"))
        href = manifest.find(".//cp:resource[@type='imsqti_xmlv1p2']", NS).get("href")
        root = etree.fromstring(package.read(href))
        for resource in manifest.iterfind(".//cp:resource[@type='webcontent']", NS):
            assert resource.get("href") in package.namelist()
    items = {item.get("ident"): item for item in root.iterfind(".//v:item", q1)}
    for record in records:
        item = items[_identifier(record)]
        fields = {
            field.findtext("v:fieldlabel", namespaces=q1): field.findtext("v:fieldentry", namespaces=q1)
            for field in item.iterfind("v:itemmetadata//v:qtimetadatafield", q1)
        }
        assert fields["question_type"] == "multiple_answers_question"
        labels = item.findall(".//v:response_lid[@rcardinality='Multiple']/v:render_choice/v:response_label", q1)
        texts = [lxml_html.fragment_fromstring(label.findtext(".//v:mattext", namespaces=q1)) for label in labels]
        for text, statement in zip(texts, record["statements"], strict=True):
            expected = [(block["kind"], _json_text(block["text"])) for block in statement["blocks"]]
            assert _statement_blocks(text) == expected, record["id"]


@pytest.mark.parametrize("builder", ["qti", "qti12"])
def test_a_book_without_quizzes_gives_an_empty_package(make_app, tmp_path: Path, builder: str) -> None:
    source = tmp_path / "empty"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["sphinx_quizbook"]\n', encoding="utf-8")
    (source / "index.rst").write_text("Empty\n=====\n\nNo quiz here.\n", encoding="utf-8")
    app = make_app(builder, srcdir=source)
    app.build()
    assert app.warning.getvalue() == ""
    with _zip(app) as package:
        assert package.namelist() == ["imsmanifest.xml"]
        assert _errors(_manifest_schema(), package.read("imsmanifest.xml")) == []


# -- configuration and units -----------------------------------------------------------------


def test_an_unknown_scoring_rule_warns_and_scores_exactly(make_app, tmp_path: Path) -> None:
    app = make_app("qti", srcdir=_source(tmp_path, "export-book"), confoverrides={"quiz_qti_scoring": "lenient"})
    app.build()
    assert "quiz_qti_scoring must be 'exact' or 'partial', not 'lenient'; using 'exact'" in app.warning.getvalue()
    with _zip(app) as package:
        item = _item(package, "quiz-gift-escaping")
    assert item.find(".//q:mapping", NS) is None
    assert item.find(".//q:match/q:correct", NS) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quiz-gift-escaping", "quiz-gift-escaping"),
        ("docs/questions/page-quiz-0", "docs-questions-page-quiz-0"),
        ("3 pigs & a wolf", "q-3-pigs-a-wolf"),
        ("Ünïcode names", "n-code-names"),
        ("", "quiz"),
    ],
)
def test_identifiers_are_xml_names(text: str, expected: str) -> None:
    assert qti.identifier(text) == expected


def test_unknown_nodes_are_written_as_their_text() -> None:
    class mystery(nodes.Element):  # a node no writer knows, as a third party's might be
        pass

    class mystery_inline(nodes.Inline, nodes.TextElement):
        pass

    writer = ContentWriter("", lambda ref: None, lambda image: "img.png")
    tree = [
        mystery("", nodes.paragraph("", "in a paragraph")),
        mystery("", nodes.Text("bare text")),
        nodes.paragraph("", "", nodes.Text("a "), mystery_inline("", "word"), nodes.reference("", "nowhere")),
        nodes.raw("", "<script>x</script>", format="html"),
    ]
    element = ET.Element("div")
    writer.blocks(element, tree)
    assert ET.tostring(element, encoding="unicode") == (
        "<div><div><p>in a paragraph</p></div><p>bare text</p><p>a wordnowhere</p>"
        "<p>&lt;script&gt;x&lt;/script&gt;</p></div>"
    )


_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
_INLINE = st.one_of(
    _TEXT.map(nodes.Text),
    _TEXT.map(lambda text: nodes.emphasis("", text)),
    _TEXT.map(lambda text: nodes.literal("", text)),
    _TEXT.map(lambda text: nodes.math("", text)),
    st.tuples(_TEXT, _TEXT).map(lambda pair: nodes.reference("", pair[0], refuri=pair[1])),
    _TEXT.map(lambda text: nodes.raw("", text, format="html")),
)
_BLOCK = st.one_of(
    st.lists(_INLINE, max_size=4).map(lambda children: nodes.paragraph("", "", *children)),
    _TEXT.map(lambda text: nodes.literal_block(text, text)),
    _TEXT.map(lambda text: nodes.math_block(text, text)),
    _TEXT.map(lambda text: nodes.image(uri=text, alt=text)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_BLOCK, max_size=5))
def test_any_text_gives_well_formed_xml_that_keeps_it(blocks: list[nodes.Node]) -> None:
    item = ET.Element(f"{{{QTI_NS}}}itemBody")
    writer = ContentWriter(QTI_NS, lambda ref: qti.safe_uri(ref["refuri"]), lambda image: image["uri"])
    writer.blocks(item, blocks)
    parsed = etree.fromstring(qti.to_bytes(item))  # raises on anything but well-formed XML
    written = "".join(parsed.itertext()) + "".join(value for e in parsed.iter() for value in e.attrib.values())
    for block in blocks:
        for text in block.findall(nodes.Text):
            # Line ends as an XML reader reads them; nothing else is lost.
            assert NOT_XML.sub("", text.astext()).replace("\r\n", "\n").replace("\r", "\n") in written


def test_the_characters_left_out_are_exactly_those_xml_forbids() -> None:
    # qti.py lists the forbidden characters (fast to compile); XML 1.0's Char
    # production lists the allowed ones. Every code point must agree.
    every = "".join(map(chr, range(0x110000)))
    assert qti._NOT_XML.findall(every) == NOT_XML.findall(every)
