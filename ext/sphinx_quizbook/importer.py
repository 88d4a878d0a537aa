"""Turning question documents into MyST pages that use the ``quiz`` directive.

A question document is plain Markdown laid out like this::

    # Title

    Introduction, as many paragraphs as needed.

    **The question.**

    - [x] A correct statement.
    - [ ] An incorrect statement.

    ## Answer

    Why.

    ## Readings

    - [A link](https://example.org)

It is read with MyST's own Markdown parser, so code blocks, fences and
front matter are recognised as the blocks they are. Every part is copied into
the page as the source text it was (sliced by the parser's line map), never
re-rendered, so nothing the importer does not understand is lost: sections
other than the answer and the readings follow the quiz on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from docutils.nodes import make_id

from .messages import __
from .statements import MARKER_LIKE, VALID_MARKER

#: Headings (case-insensitive, without a final colon) of the recognised sections.
ANSWER_HEADINGS = frozenset({"answer", "answers"})
READINGS_HEADINGS = frozenset({"readings", "reading", "further reading", "further readings"})

_COLON_RUN = re.compile(r"^[ \t]*(:{3,})", re.MULTILINE)


class ConversionError(Exception):
    """A document that cannot be turned into a quiz page, and where."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass
class _Block:
    """Top-level source lines ``start``..``end`` (0-based, end excluded)."""

    start: int
    end: int
    tokens: list[Any] = field(default_factory=list)


@dataclass
class _Section:
    """A ``#``/``##`` heading and the blocks up to the next one."""

    heading: str  # the heading's text, as written
    level: int
    line: int  # 0-based line of the heading
    start: int  # first line after the heading
    end: int
    blocks: list[_Block] = field(default_factory=list)


@cache
def _parser() -> Any:
    try:
        from markdown_it.renderer import RendererHTML
        from myst_parser.config.main import MdParserConfig
        from myst_parser.parsers.mdit import create_md_parser
    except ImportError as error:  # pragma: no cover - depends on the install
        raise RuntimeError(__("importing question documents needs myst-parser: pip install myst-parser")) from error
    # The book's usual extensions, less tasklist: the importer reads the
    # "[x]" markers from the text, the way the directive does without it.
    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath"})
    return create_md_parser(config, RendererHTML)


def _top_blocks(tokens: list[Any]) -> Iterator[_Block]:
    """The top-level blocks of a token stream, each with its tokens."""
    current: _Block | None = None
    for token in tokens:
        if token.level == 0 and token.map is not None:
            if current is not None:
                yield current
            current = _Block(token.map[0], token.map[1])
        if current is not None:
            current.tokens.append(token)
    if current is not None:
        yield current


def _text(lines: list[str], start: int, end: int) -> str:
    """Lines ``start``..``end`` without blank lines at either end."""
    return "\n".join(lines[start:end]).strip("\n").rstrip()


def _inline(block: _Block) -> Any:
    return next((token for token in block.tokens if token.type == "inline"), None)


def _is_heading(block: _Block, tags: Iterable[str]) -> bool:
    return block.tokens[0].type == "heading_open" and block.tokens[0].tag in tags


def _plain(inline: Any) -> str:
    """The text a reader sees in an inline token: no markup characters."""
    parts = []
    for child in inline.children or []:
        if child.type in {"text", "code_inline", "math_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return "".join(parts)


def _all_bold(block: _Block) -> bool:
    """Whether a block is a paragraph that is bold from end to end."""
    inline = _inline(block)
    if block.tokens[0].type != "paragraph_open" or inline is None or not inline.children:
        return False
    children = inline.children
    return children[0].type == "strong_open" and children[-1].type == "strong_close"


def _list_items(block: _Block) -> Iterator[tuple[int, Any]]:
    """Each item of a top-level bullet list: its line and its first paragraph's inline."""
    tokens = block.tokens
    for index, token in enumerate(tokens):
        if token.type == "list_item_open" and token.level == 1:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            inline = tokens[index + 2] if following is not None and following.type == "paragraph_open" else None
            yield token.map[0], inline


def _is_statement_list(block: _Block) -> bool:
    """A bullet list with an item that was meant as a statement, as the directive decides."""
    if block.tokens[0].type != "bullet_list_open":
        return False
    return any(inline is not None and MARKER_LIKE.match(inline.content) for _line, inline in _list_items(block))


def _check_statements(block: _Block) -> None:
    for line, inline in _list_items(block):
        content = inline.content if inline is not None else ""
        if VALID_MARKER.match(content):
            continue
        found = MARKER_LIKE.match(content)
        if found:
            reason = __("unknown marker %r, use [x] or [ ]") % found.group().strip()
        else:
            reason = __("statement without a [x] or [ ] marker")
        raise ConversionError(line + 1, reason)


def _fence(*bodies: str, minimum: int) -> str:
    """A colon fence longer than any colon run at a line start in *bodies*."""
    longest = max((len(run) for body in bodies for run in _COLON_RUN.findall(body)), default=0)
    return ":" * max(minimum, longest + 1)


@dataclass
class _Document:
    """A parsed question document, as slices of its source lines."""

    lines: list[str]
    preamble: str
    title_line: int
    title: str
    title_text: str
    intro: str
    prompt: str
    statements: str
    after: str
    answer: str | None
    readings: str | None
    others: list[str]


def _blocks(text: str, lines: list[str]) -> list[_Block]:
    """The document's top-level blocks, each reaching to the next one's start."""
    blocks = list(_top_blocks(_parser().parse(text)))
    # Lines no token covers (link reference definitions, blank lines) go
    # with the block before them, so that they are kept.
    for block, following in pairwise(blocks):
        block.end = following.start
    if blocks:
        blocks[-1].end = len(lines)
    return blocks


def _title(blocks: list[_Block]) -> tuple[_Block, str]:
    """The first ``#`` heading and its text."""
    titles = [block for block in blocks if _is_heading(block, {"h1"})]
    if not titles:
        raise ConversionError(1, __("no '# title' heading"))
    inline = _inline(titles[0])
    title = inline.content.strip() if inline is not None else ""
    if not title:
        raise ConversionError(titles[0].start + 1, __("the '# title' heading is empty"))
    return titles[0], title


def _sections(blocks: list[_Block]) -> tuple[list[_Block], list[_Section]]:
    """The blocks before the first ``#``/``##`` heading, and the sections from it on."""
    head: list[_Block] = []
    sections: list[_Section] = []
    for block in blocks:
        if _is_heading(block, {"h1", "h2"}):
            inline = _inline(block)
            heading = inline.content if inline is not None else ""
            # A setext heading spans two lines: the body starts after both.
            body_start = block.tokens[0].map[1]
            sections.append(_Section(heading, int(block.tokens[0].tag[1]), block.start, body_start, block.end))
        elif sections:
            sections[-1].blocks.append(block)
            sections[-1].end = block.end
        else:
            head.append(block)
    return head, sections


def _statement_list(head: list[_Block], title_block: _Block) -> int:
    """The index in *head* of the one list of statements."""
    lists = [index for index, block in enumerate(head) if _is_statement_list(block)]
    if not lists:
        raise ConversionError(title_block.start + 1, __("no list of '- [x]' / '- [ ]' statements under the title"))
    if len(lists) > 1:
        raise ConversionError(head[lists[1]].start + 1, __("a second list of statements; a quiz takes one"))
    _check_statements(head[lists[0]])
    return lists[0]


def _answer_and_readings(lines: list[str], sections: list[_Section]) -> tuple[str | None, str | None, list[str]]:
    """The ``## Answer`` and ``## Readings`` bodies, and every other section whole."""
    answer: str | None = None
    readings: str | None = None
    others: list[str] = []
    for section in sections:
        key = section.heading.strip().rstrip(":").strip().lower()
        body = _text(lines, section.start, section.end)
        if section.level == 2 and key in ANSWER_HEADINGS:
            if answer is not None:
                raise ConversionError(section.line + 1, __("a second '## Answer' section"))
            answer = body
        elif section.level == 2 and key in READINGS_HEADINGS:
            if readings is not None:
                raise ConversionError(section.line + 1, __("a second '## Readings' section"))
            readings = body
        else:
            # Not understood: kept, whole, as page text after the quiz.
            others.append(_text(lines, section.line, section.end))
    return answer, readings, others


def _split(text: str) -> _Document:
    """The document's parts, as slices of its source lines."""
    lines = text.splitlines()
    blocks = _blocks(text, lines)
    title_block, title = _title(blocks)
    head, sections = _sections(blocks[blocks.index(title_block) + 1 :])
    found = _statement_list(head, title_block)
    statements = head[found]
    before = head[:found]
    # The prompt is the last bold paragraph before the list, or the last paragraph.
    bold = [index for index, block in enumerate(before) if _all_bold(block)]
    prompt_from = bold[-1] if bold else max(len(before) - 1, 0)
    intro_end = before[prompt_from].start if before else statements.start
    answer, readings, others = _answer_and_readings(lines, sections)
    title_end = title_block.tokens[0].map[1]
    return _Document(
        lines=lines,
        preamble=_text(lines, 0, title_block.start),
        title_line=title_block.start,
        title=title,
        title_text=_plain(_inline(title_block)),
        intro=_text(lines, title_end, intro_end),
        prompt=_text(lines, intro_end, statements.start) if before else "",
        statements=_statements_text(lines, statements),
        after=_text(lines, statements.end, head[-1].end),
        answer=answer or None,
        readings=readings or None,
        others=others,
    )


def _statements_text(lines: list[str], block: _Block) -> str:
    """The statement list as the page writes it: an item's later paragraphs,
    which question documents use to explain the statement, go into an
    ``explanation`` directive; code, math or images after the first
    paragraph stay in the statement, as part of it."""
    out = list(lines[block.start : block.end])
    # From the end, so that earlier line numbers stay right.
    for first, last in reversed(list(_explanations(block))):
        line = lines[first]
        pad = line[: len(line) - len(line.lstrip())]
        out.insert(last - block.start, pad + "```")
        out.insert(first - block.start, pad + "```{explanation}")
    return "\n".join(out).strip("\n").rstrip()


def _explanations(block: _Block) -> Iterator[tuple[int, int]]:
    """For each item whose blocks after the first paragraph are all
    paragraphs: their first line and the line after the last."""
    tokens = block.tokens
    for index, token in enumerate(tokens):
        if token.type != "list_item_open" or token.level != 1:
            continue
        children = []
        for inner in tokens[index + 1 :]:
            if inner.type == "list_item_close" and inner.level == 1:
                break
            if inner.level == 2 and inner.map is not None and not inner.type.endswith("_close"):
                children.append(inner)
        rest = children[1:]
        if rest and all(child.type == "paragraph_open" for child in rest):
            yield rest[0].map[0], rest[-1].map[1]


def convert(text: str) -> str:
    """The MyST page for the question document *text*.

    :raises ConversionError: with the 1-based line and the reason, for a
        document that has no title, no statements, a bad marker, or two
        answer or readings sections.
    """
    doc = _split(text)
    inner = _fence(doc.answer or "", doc.readings or "", minimum=3)
    outer = _fence(doc.prompt, doc.statements, doc.after, inner, minimum=len(inner) + 1)
    name = make_id(doc.title_text)

    parts = []
    if doc.preamble:
        parts.append(doc.preamble)
    parts.append(f"# {doc.title}")
    if doc.intro:
        parts.append(doc.intro)
    quiz = [f"{outer}{{quiz}} {doc.title}"]
    if name:
        quiz.append(f":name: {name}")
    body = [quiz_part for quiz_part in (doc.prompt, doc.statements, doc.after) if quiz_part]
    if doc.answer is not None:
        body.append(f"{inner}{{answer}}\n{doc.answer}\n{inner}")
    if doc.readings is not None:
        body.append(f"{inner}{{readings}}\n{doc.readings}\n{inner}")
    parts.append("\n".join(quiz) + "\n\n" + "\n\n".join(body) + f"\n{outer}")
    parts.extend(doc.others)
    return "\n\n".join(parts) + "\n"


@dataclass
class Problem:
    """A document that was not converted, or a page that was not written."""

    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class Outcome:
    """What an import did: pages written or left as they were, problems
    (documents not converted), and warnings about pages it wrote."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


#: TeX primitives that read or write files or run commands. Math goes to
#: LaTeX in a PDF build, where these would act on the builder's machine.
_TEX_PRIMITIVES = re.compile(r"\\(input|include|openin|openout|read|write18|write|immediate|special)(?![A-Za-z])")
_MATH_TOKENS = frozenset({"math_inline", "math_inline_double", "math_block", "math_block_label"})


def risky_math(text: str) -> list[tuple[int, str]]:
    """The file or shell primitives in the math of a document: (line, name)."""
    found: list[tuple[int, str]] = []
    stack = list(_parser().parse(text))
    line = 0
    while stack:
        token = stack.pop(0)
        if token.map:
            line = token.map[0]
        if token.type in _MATH_TOKENS:
            found.extend((line + 1, "\\" + match.group(1)) for match in _TEX_PRIMITIVES.finditer(token.content))
        stack[:0] = token.children or []
    return found


def _sources(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """Each document to import, with its path relative to the target folder."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*.md")):
                yield found, found.relative_to(path)
        else:
            yield path, Path(path.name)


def import_documents(sources: Iterable[Path], target: Path, *, force: bool = False) -> Outcome:
    """Convert every question document in *sources* into a page under *target*.

    A folder among *sources* stands for every ``.md`` file under it, placed
    at the same relative path under *target*. A page that already exists is
    left alone when it is what the import would write (so a second run
    changes nothing) and, unless *force*, when it differs, since it may have
    been edited. Documents that cannot be converted are reported and the
    rest still converted.
    """
    outcome = Outcome()
    claimed: dict[Path, Path] = {}
    for source, relative in _sources(sources):
        destination = target / relative
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            outcome.problems.append(Problem(source, 1, __("cannot read: %s") % error))
            continue
        if destination.resolve() == source.resolve():
            outcome.problems.append(Problem(source, 1, __("the page would replace its own source")))
            continue
        if destination in claimed:
            reason = __("%s is already the page of %s") % (destination, claimed[destination])
            outcome.problems.append(Problem(source, 1, reason))
            continue
        claimed[destination] = source
        try:
            page = convert(text)
        except ConversionError as error:
            outcome.problems.append(Problem(source, error.line, error.reason))
            continue
        for line, primitive in risky_math(text):
            reason = __("math uses %s, which LaTeX would run when the book is built as a PDF: remove it") % primitive
            outcome.warnings.append(Problem(source, line, reason))
        if destination.exists():
            current = destination.read_text(encoding="utf-8")
            if current == page:
                outcome.unchanged.append(destination)
                continue
            if not force:
                reason = __("differs from what importing %s writes (edited?); not replaced without --force")
                outcome.problems.append(Problem(destination, 1, reason % source))
                continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(page)
        outcome.written.append(destination)
    return outcome
