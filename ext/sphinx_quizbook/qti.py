"""Export to IMS QTI: ``-b qti`` (QTI 2.1) and ``-b qti12`` (QTI 1.2, Canvas).

Both builders take the quizzes the JSON export collects (the same records,
so the exports agree on every statement and every correct set) and write one
IMS Content Package, a zip with an ``imsmanifest.xml``:

* ``qti`` writes ``quizzes-qti21.zip``: one QTI 2.1 ``assessmentItem`` per
  quiz (``qti_item.py``) under ``items/``, an ``assessmentTest`` with the
  items in reading order, a section per chapter, and the images the quizzes
  show under ``media/``;
* ``qti12`` writes ``quizzes-qti12.zip``: the same quizzes as one QTI 1.2
  assessment (``qti_v1.py``), the format Canvas's Classic Quizzes import.

Identifiers come from the quizzes' names (``quiz-<name>``), or for a quiz
without one from its page and place (``<page>-quiz-3``), so they stay the
same from build to build and an LMS that matches identifiers updates the
questions it imported before instead of adding them again. Every XML file is
written by :mod:`xml.etree.ElementTree`: the text of a quiz is escaped by the
XML library, whatever it holds.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx

from . import __version__, qti_item, qti_v1
from . import nodes as qn
from .export import QuizExportBuilder
from .messages import __, warn
from .qti_content import ContentWriter
from .reading_order import chapters, page_title, reading_order

CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_SCHEMA_LOCATION = f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
MD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
ET.register_namespace("imsmd", MD_NS)
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCORING_RULES = ("exact", "partial")
#: Link schemes an LMS may show as links; anything else (``javascript:``) is text.
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "ftp"})
#: A zip's entries get this date, so the same book gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Elements that hold text: the indentation leaves them as they are.
CONTENT_TAGS = frozenset(
    {"p", "pre", "li", "td", "th", "dt", "dd", "div", "blockquote", "caption", "table", "ul", "ol", "dl"}
    | {"simpleChoice", "prompt", "modalFeedback", "mattext", "fieldentry", "fieldlabel", "baseValue", "value"}
)
# The characters XML 1.0 forbids, listed as they are: the complement of the
# characters it allows ("[^\t\n\r\x20-\ud7ff...]") means the same but takes
# 25 ms to compile, paid by every build that loads the extension.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def identifier(text: str) -> str:
    """*text* as a QTI identifier (an XML NCName): other characters become ``-``."""
    name = _NOT_NAME.sub("-", text).strip("-.") or "quiz"
    return name if re.match(r"[A-Za-z_]", name) else f"q-{name}"


def unique(name: str, taken: set[str]) -> str:
    """*name*, or *name* with a number, whichever is not in *taken* (which it joins)."""
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate)
    return candidate


def safe_uri(uri: str) -> str | None:
    """*uri* if its scheme is one an LMS may link to; browsers ignore blanks in a scheme."""
    scheme = urlsplit("".join(uri.split())).scheme.lower()
    return uri if scheme in SAFE_SCHEMES else None


class QTIBuilder(QuizExportBuilder):
    """Every quiz of the book as a QTI 2.1 item, in one IMS Content Package."""

    name = "qti"
    format = "qti"
    epilog = __("The QTI 2.1 package is in %(outdir)s/quizzes-qti21.zip.")
    out_file = "quizzes-qti21.zip"
    supported_image_types: ClassVar[list[str]] = ["image/svg+xml", "image/png", "image/gif", "image/jpeg", "image/webp"]
    #: Where images go in the package, and how an item's HTML refers to them.
    media_dir = "media"
    media_src = "../media"  # items are in items/

    def finish(self) -> None:
        self.collect()
        self.media: dict[str, Path] = {}  # path in the package -> file
        quizzes, sections = self.contents()
        files = self.package(quizzes, sections)
        for name, source in sorted(self.media.items()):
            files[name] = source.read_bytes()
        self.outdir.mkdir(parents=True, exist_ok=True)
        write_zip(self.outdir / self.out_file, files)

    # -- what the package holds ------------------------------------------------------

    def contents(self) -> tuple[list[qti_item.QuizContent], list[qti_item.Section]]:
        """Every quiz's content in reading order, and the chapters they fall in."""
        order = {docname: position for position, docname in enumerate(reading_order(self.env))}
        pairs = sorted(
            zip(self.records, self.locations, strict=True),
            key=lambda pair: order.get(pair[0]["page"], len(order)),
        )  # sorted() is stable: a page's quizzes keep their order
        chapter_of = chapters(self.env)
        taken: set[str] = set()
        quizzes, sections = [], {}
        for record, node in pairs:
            dropped = sorted({char for text in _strings(record) for char in _NOT_XML.findall(text)})
            if dropped:  # as the GIFT export says it
                codes = ", ".join(f"U+{ord(char):04X}" for char in dropped)
                warn(__("QTI package: %s"), node, "export", __("control characters left out: %s") % codes)
            quiz = self.quiz_content(record, node, taken)
            quizzes.append(quiz)
            chapter = chapter_of.get(record["page"], record["page"])
            if chapter not in sections:
                section_id = unique(identifier(f"chapter-{chapter}"), taken)
                sections[chapter] = qti_item.Section(section_id, page_title(self.env, chapter), [])
            sections[chapter].items.append((quiz.identifier, f"items/{quiz.identifier}.xml"))
        return quizzes, list(sections.values())

    def quiz_content(self, record: dict[str, Any], node: qn.quiz, taken: set[str]) -> qti_item.QuizContent:
        """The record's facts and the quiz's nodes, under a stable identifier."""
        # A name is unique in the book; an unnamed quiz's id only on its page.
        name = identifier(record["id"] if record["name"] else f"{record['page']}-{record['id']}")
        question = qn.parts(node, qn.quiz_question)[0]
        explanations: dict[int, list[nodes.Node]] = {}
        answer: list[nodes.Node] = []
        for part in (child for found in qn.parts(node, qn.quiz_answer) for child in found.children):
            if isinstance(part, qn.quiz_key):
                for key_item in qn.parts(part, qn.quiz_key_item):
                    blocks = [c for e in qn.parts(key_item, qn.quiz_explanation) for c in e.children]
                    explanations[key_item["index"]] = blocks
            elif not isinstance(part, qn.quiz_answer_title):
                answer.append(part)
        self.post_process_images(node)
        return qti_item.QuizContent(
            identifier=unique(name, taken),
            title=record["title"] or record["name"] or record["id"],
            record=record,
            prompt=[child for prompt in qn.parts(question, qn.quiz_prompt) for child in prompt.children],
            hint=" ".join(hint.astext() for hint in qn.parts(question, qn.quiz_hint)),
            statements={
                s["index"]: _statement_blocks(s) for s in qn.parts(question, qn.quiz_statements, qn.quiz_statement)
            },
            explanations=explanations,
            answer=answer,
            readings=[child for readings in qn.parts(node, qn.quiz_readings) for child in readings.children],
        )

    def writer(self, quiz: qti_item.QuizContent, namespace: str) -> ContentWriter:
        """A content writer that links as the book does and packages *quiz*'s images."""
        page_uri = self.get_target_uri(quiz.record["page"])

        def resolve(reference: nodes.Element) -> str | None:
            if reference.get("refuri"):
                return safe_uri(self._absolute(reference["refuri"]))
            if reference.get("refid"):
                return f"{page_uri}#{reference['refid']}"
            return None

        def add_image(image: nodes.Element) -> str:
            return self.add_image(image, quiz)

        return ContentWriter(namespace, resolve, add_image)

    def add_image(self, image: nodes.Element, quiz: qti_item.QuizContent) -> str:
        """The ``src`` of an image: its URL if remote, else its file, added to the package."""
        uri = image.get("uri", "")
        if urlsplit(uri).scheme:
            return uri if safe_uri(uri) else ""
        source = Path(self.srcdir, uri)
        if not source.is_file():
            warn(__("image file not readable, left out of the QTI package: %s"), image, "export", uri)
            return uri
        digest = hashlib.sha256(uri.encode("utf-8")).hexdigest()[:10]
        name = f"{digest}/{PurePosixPath(uri).name}"
        self.media[f"{self.media_dir}/{name}"] = source
        if f"{self.media_dir}/{name}" not in quiz.files:
            quiz.files.append(f"{self.media_dir}/{name}")
        return f"{self.media_src}/{name}"

    # -- the files -------------------------------------------------------------------

    def package(self, quizzes: list[qti_item.QuizContent], sections: list[qti_item.Section]) -> dict[str, bytes]:
        """The package's XML files by path: items, the test, the manifest."""
        scoring = self.config.quiz_qti_scoring
        language = self.config.language or ""
        files: dict[str, bytes] = {}
        resources = []
        for quiz in quizzes:
            writer = self.writer(quiz, qti_item.NS)
            path = f"items/{quiz.identifier}.xml"
            files[path] = to_bytes(qti_item.item(quiz, writer, scoring, language))
            resource = Resource(f"RES-{quiz.identifier}", "imsqti_item_xmlv2p1", path, [path, *quiz.files])
            resource.quiz = quiz.record
            resources.append(resource)
        if quizzes:
            test_id = identifier(f"test-{self.config.project}")
            files["test.xml"] = to_bytes(qti_item.test(test_id, self.config.project, sections))
            items = [resource.identifier for resource in resources]
            resources.append(Resource("RES-TEST", "imsqti_test_xmlv2p1", "test.xml", ["test.xml"], items))
        files["imsmanifest.xml"] = to_bytes(manifest(self.config.project, "QTIv2.1 Package", resources, language))
        return files


class QTI12Builder(QTIBuilder):
    """Every quiz of the book as QTI 1.2, as Canvas's Classic Quizzes import it."""

    name = "qti12"
    format = "qti"
    epilog = __("The QTI 1.2 package is in %(outdir)s/quizzes-qti12.zip.")
    out_file = "quizzes-qti12.zip"
    media_dir = "web_resources/media"
    media_src = f"{qti_v1.FILEBASE}/media"

    def package(self, quizzes: list[qti_item.QuizContent], sections: list[qti_item.Section]) -> dict[str, bytes]:
        scoring = self.config.quiz_qti_scoring
        items = {quiz.identifier: qti_v1.item(quiz, self.writer(quiz, ""), scoring) for quiz in quizzes}
        files, resources = {}, []
        if quizzes:  # an assessment needs a section, a section an item
            test_id = identifier(f"test-{self.config.project}")
            path = f"{test_id}/{test_id}.xml"
            files[path] = to_bytes(qti_v1.assessment(test_id, self.config.project, sections, items))
            resources.append(Resource(f"RES-{test_id}", "imsqti_xmlv1p2", path, [path]))
        for name in sorted({name for quiz in quizzes for name in quiz.files}):
            resources.append(Resource(identifier(f"RES-{name}"), "webcontent", name, [name]))
        files["imsmanifest.xml"] = to_bytes(manifest(self.config.project, "IMS Content", resources))
        return files


@dataclass
class Resource:
    """A manifest's ``resource``: its files, the resources it depends on, and
    for an item the quiz it comes from."""

    identifier: str
    kind: str
    href: str
    files: list[str]
    needs: list[str] = field(default_factory=list)
    quiz: dict[str, Any] | None = None  # the quiz's record


def _lom(parent: ET.Element, record: dict[str, Any], language: str) -> None:
    """IEEE LOM metadata (the IMS binding QTI 2.1 packages use): the quiz's
    title, its tags as keywords, and its address in the book."""

    def sub(element: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(element, f"{{{MD_NS}}}{tag}")
        if text is not None:
            child.text = text
            if language and tag == "langstring":
                child.set("{http://www.w3.org/XML/1998/namespace}lang", language)
        return child

    lom = sub(parent, "lom")
    general = sub(lom, "general")
    sub(sub(general, "title"), "langstring", record["title"] or record["name"] or record["id"])
    for tag in record["tags"]:
        sub(sub(general, "keyword"), "langstring", tag)
    sub(sub(lom, "technical"), "location", record["url"])


def manifest(project: str, schema: str, resources: list[Resource], language: str = "") -> ET.Element:
    """An IMS Content Packaging 1.1 ``imsmanifest.xml``."""
    root = ET.Element(
        f"{{{CP_NS}}}manifest",
        {"identifier": identifier(f"MANIFEST-{project}"), f"{{{XSI}}}schemaLocation": CP_SCHEMA_LOCATION},
    )

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{CP_NS}}}{tag}", attrib)
        element.text = text
        return element

    metadata = sub(root, "metadata")
    sub(metadata, "schema", schema)
    sub(metadata, "schemaversion", "1.1.4" if schema == "IMS Content" else "1.0.0")
    sub(root, "organizations")
    listed = sub(root, "resources")
    for resource in resources:
        element = sub(listed, "resource", identifier=resource.identifier, type=resource.kind, href=resource.href)
        if resource.quiz is not None:
            _lom(sub(element, "metadata"), resource.quiz, language)
        for name in resource.files:
            sub(element, "file", href=name)
        for need in resource.needs:
            sub(element, "dependency", identifierref=need)
    return root


def indent(element: ET.Element, level: int = 0) -> None:
    """Indent the XML's structure for a reader of the zip, but not its text:
    whitespace added inside a paragraph or a ``pre`` would change what it says."""
    if element.tag.rpartition("}")[2] in CONTENT_TAGS or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    if not (element.text and element.text.strip()):
        element.text = pad
    for child in element:
        indent(child, level + 1)
        if not (child.tail and child.tail.strip()):
            child.tail = pad
    child.tail = "\n" + "  " * level


def xml_text(text: str) -> str:
    """*text* without the characters XML 1.0 cannot hold (control characters,
    lone surrogates): ElementTree would write them, and no reader would read
    the file. Line ends become ``\\n``, as any XML reader reads them."""
    return _NOT_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def clean(root: ET.Element) -> None:
    """Drop characters XML cannot hold from every text and attribute under *root*."""
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        if element.tail:
            element.tail = xml_text(element.tail)
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))


def to_bytes(root: ET.Element) -> bytes:
    """An XML document: declaration, UTF-8, its structure indented."""
    clean(root)
    indent(root)
    # The document's namespace as the default one: some LMS importers read
    # element names without resolving prefixes. (ElementTree keeps one
    # default prefix at a time, and its ``default_namespace`` option refuses
    # unqualified attributes.)
    ET.register_namespace("", root.tag[1:].partition("}")[0])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    """A zip of *files*, the manifest first, each entry dated alike: the same
    book gives the same bytes."""
    names = sorted(files, key=lambda name: (name != "imsmanifest.xml", name))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), files[name], zipfile.ZIP_DEFLATED)


def _strings(value: Any) -> Iterator[str]:
    """Every string in a record, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _statement_blocks(statement: qn.quiz_statement) -> list[nodes.Node]:
    """A statement's text (its first paragraph) and the blocks that follow it,
    whether they sit in a ``quiz_statement_body`` or right in the statement."""
    blocks: list[nodes.Node] = [statement[0]]
    for part in statement.children[1:]:
        if isinstance(part, qn.quiz_statement_body):
            blocks.extend(part.children)
        elif not isinstance(part, qn.DirectivePart):  # an explanation on its way to the answer
            blocks.append(part)
    return blocks


def _check_scoring(app: Sphinx, config: Any) -> None:
    if config.quiz_qti_scoring not in SCORING_RULES:
        warn(
            __("quiz_qti_scoring must be 'exact' or 'partial', not %r; using 'exact'"),
            None,
            "export",
            config.quiz_qti_scoring,
        )
        config.quiz_qti_scoring = "exact"


def setup(app: Sphinx) -> dict[str, Any]:
    """The QTI builders. Sphinx loads this module only for ``-b qti`` or
    ``-b qti12``, through the ``sphinx.builders`` entry points in
    ``pyproject.toml``: an HTML build need not import the QTI writers
    (about a third of the extension's start-up)."""
    app.setup_extension("sphinx_quizbook")
    app.add_builder(QTIBuilder)
    app.add_builder(QTI12Builder)
    app.connect("config-inited", _check_scoring)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
