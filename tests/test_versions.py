"""The versions ``pyproject.toml`` promises really work, and so does the command.

The floors test installs the package the way a resolver picks the oldest
versions it allows (uv's ``--resolution lowest-direct``), checks that it got
exactly the declared floors, and builds a quiz page with them in HTML, LaTeX
and text, every warning an error.
"""

from __future__ import annotations

import argparse
import gettext
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from sphinx_quizbook import cli
from sphinx_quizbook.messages import CATALOG, LOCALE_DIR
from tests.conftest import REPO
from tests.helpers import require

#: The extras a book installs: the extension and what its pages need.
BOOK_EXTRAS = ("docs",)

QUIZ_PAGE = """\
# Planets

::::{quiz} Inner planets
:name: inner-planets

Which of these are planets of the inner solar system?

- [x] Mars.
- [ ] The Moon.

  ```{explanation}
  The Moon is Earth's satellite.
  ```

- [x] Venus.

:::{answer}
Mercury, Venus, Earth and Mars are the inner planets.
:::

:::{readings}
- [The solar system](https://example.org/solar-system)
:::
::::

See {numref}`inner-planets`.
"""

CONF = """\
project = "Floors"
extensions = ["myst_parser", "sphinx_quizbook"]
myst_enable_extensions = ["colon_fence"]
numfig = True
latex_documents = [("index", "floors.tex", "Floors", "Tests", "manual")]
"""


def uv_executable() -> str:
    """uv, from its Python package or the PATH (a skip, or a failure in CI, without it)."""
    try:
        from uv import find_uv_bin  # type: ignore[import-not-found]

        return str(find_uv_bin())
    except ImportError:
        path = shutil.which("uv")
        require(path is not None, "uv is not installed (pip install uv)")
        assert path is not None
        return path


def declared_floors() -> dict[str, Version]:
    """Each direct dependency of a book's install, with the lowest version it allows."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in BOOK_EXTRAS:
        requirements += project["optional-dependencies"][extra]
    floors = {}
    for line in requirements:
        requirement = Requirement(line)
        if requirement.name == project["name"]:
            continue  # an extra that includes another one
        (floor,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        floors[requirement.name] = Version(floor)
    return floors


@pytest.fixture(scope="module")
def floors_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with this repository and the lowest versions it declares."""
    uv = uv_executable()
    venv = tmp_path_factory.mktemp("floors") / "venv"
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    install = [uv, "pip", "install", "-q", "--resolution", "lowest-direct", f"{REPO}[{','.join(BOOK_EXTRAS)}]"]
    result = subprocess.run(install, env={**os.environ, "VIRTUAL_ENV": str(venv)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return venv


def installed_versions(venv: Path, names: list[str]) -> dict[str, Version]:
    script = "import sys\nfrom importlib.metadata import version\nfor n in sys.argv[1:]: print(n, version(n))"
    output = subprocess.run([venv / "bin/python", "-c", script, *names], capture_output=True, text=True, check=True)
    return {name: Version(found) for name, found in (line.split() for line in output.stdout.splitlines())}


@pytest.mark.slow
def test_the_declared_floors_are_what_gets_installed(floors_venv):
    floors = declared_floors()
    assert {"sphinx", "docutils", "myst-parser"} <= set(floors)
    assert installed_versions(floors_venv, sorted(floors)) == floors


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_a_quiz_page_builds_clean_on_the_floors(floors_venv, tmp_path, builder):
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text(QUIZ_PAGE, encoding="utf-8")
    out = tmp_path / builder
    command = [floors_venv / "bin/python", "-m", "sphinx", "-W", "--keep-going", "-b", builder, source, out]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    if builder == "html":
        page = (out / "index.html").read_text(encoding="utf-8")
        assert page.count('type="checkbox"') == 3
        assert 'href="#quiz-inner-planets"' in page
        assert "sphinx-quizbook.js" in page
    elif builder == "latex":
        tex = (out / "floors.tex").read_text(encoding="utf-8")
        assert r"\begin{sphinxquiz}" in tex
        assert (out / "sphinxquizbook.sty").is_file()
    else:
        text = (out / "index.txt").read_text(encoding="utf-8")
        assert "[ ] Mars." in text and "Mercury, Venus, Earth and Mars" in text


@pytest.mark.slow
def test_an_archive_of_the_repository_installs(tmp_path):
    """Before a release, the guide says to install from an archive such as the
    one GitHub serves for a commit: ``git archive`` makes the same."""
    git = shutil.which("git")
    require(git is not None and (REPO / ".git").exists(), "not a Git clone")
    assert git is not None
    archive = tmp_path / "sphinx-quizbook-main.zip"
    subprocess.run(
        [git, "archive", "--format=zip", "--prefix=sphinx-quizbook-main/", "-o", archive, "HEAD"], cwd=REPO, check=True
    )
    uv = uv_executable()
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    result = subprocess.run(
        [uv, "pip", "install", "-q", str(archive)],
        env={**os.environ, "VIRTUAL_ENV": str(venv)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    version = subprocess.run([venv / "bin/sphinx-quizbook", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("sphinx-quizbook ")
    script = "import importlib.resources as r; print(r.files('sphinx_quizbook').joinpath(*sys.argv[1:]).is_file())"
    command = [venv / "bin/python", "-c", f"import sys; {script}", "static", "sphinx-quizbook.js"]
    found = subprocess.run(command, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "True"


# -- the command line ---------------------------------------------------------------------


def commands() -> dict[str, argparse.ArgumentParser]:
    """The command's parser and each subcommand's, by the words that call them.

    argparse keeps subcommands in a private action type; reading it means a new
    subcommand is tested without editing this file.
    """
    parser = cli._parser()
    subparsers = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    found = {"": parser}
    for action in subparsers:
        found.update(action.choices)
    return found


def our_words(parser: argparse.ArgumentParser) -> list[str]:
    """The text of *parser*'s help that comes from us (argparse's own words aside)."""
    words = [str(parser.description)] if parser.description else []
    for action in parser._actions:
        if action.help and not isinstance(action, argparse._HelpAction | argparse._VersionAction):
            words.append(str(action.help))
        if isinstance(action, argparse._SubParsersAction):
            # Each subcommand's one-line help, listed under COMMAND.
            words += [str(choice.help) for choice in action._choices_actions if choice.help]
    return words


def run_help(words: str, language: str | None = None) -> str:
    script = Path(sys.executable).parent / "sphinx-quizbook"
    require(script.exists(), "the sphinx-quizbook command is not installed (pip install -e .)")
    env = {k: v for k, v in os.environ.items() if k not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}}
    # A wide terminal: argparse would otherwise wrap inside hyphenated words.
    env["COLUMNS"] = "500"
    if language:
        env.update(LANGUAGE=language, LANG=f"{language}.UTF-8")
    command = [str(script), *words.split(), "--help"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return " ".join(result.stdout.split())


def _name(words: str) -> str:
    return words or "sphinx-quizbook"


@pytest.mark.parametrize("words", commands(), ids=_name)
def test_help_of_every_command_works(words):
    output = run_help(words)
    assert output.startswith(f"usage: sphinx-quizbook {words}".rstrip())
    for text in our_words(commands()[words]):
        assert " ".join(text.split()) in output


LANGUAGES = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{CATALOG}.mo"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("words", commands(), ids=_name)
def test_help_is_translated_where_a_catalog_exists(words, language):
    catalog = gettext.translation(CATALOG, LOCALE_DIR, [language])
    output = run_help(words, language)
    for text in our_words(commands()[words]):
        translated = catalog.gettext(text)
        assert translated != text, f"{language} catalog lacks {text!r}"
        assert " ".join(translated.split()) in output


def test_the_version_is_the_packages():
    script = Path(sys.executable).parent / "sphinx-quizbook"
    require(script.exists(), "the sphinx-quizbook command is not installed (pip install -e .)")
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert re.fullmatch(r"sphinx-quizbook \d+\.\d+\.\d+\S*\n", result.stdout)
