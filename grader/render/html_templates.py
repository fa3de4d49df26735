"""The HTML reports' Jinja2 templates (grader/render/templates/), autoescaping every value.

Every value a template shows is escaped on its way in: learner names, test
messages and printed output reach the page as text, never as markup. A
renderer passes plain values (strings and numbers) and lets the template
build the markup; ``Markup`` is used only for HTML built here from escaped
parts, with a comment where it is.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
    import jinja2  # loaded on first use: a command that shows no HTML does not pay for it

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name: no value reaches HTML unescaped
        undefined=jinja2.StrictUndefined,  # a misspelt value is an error, never an empty string
        trim_blocks=True,
        lstrip_blocks=True,
    )


def fragment(name: str, **values: Any) -> str:
    """A piece of HTML (notebook output) rendered from template ``name``."""
    return environment().get_template(name).render(**values)


def page(name: str, **values: Any) -> str:
    """A standalone page rendered from template ``name``; it ends with a newline, as a text file does."""
    return fragment(name, **values) + "\n"


def macro(name: str, macro_name: str) -> Any:
    """A macro of template ``name``, to call from Python (it escapes as the template does)."""
    return getattr(environment().get_template(name).module, macro_name)
