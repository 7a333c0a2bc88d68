"""Every Jinja template loads here: the packaged ones, each overridable from one directory.

A deployment names its directory in ACCESSMAP_TEMPLATES_DIR (api.settings); the web layer passes
it to `use_templates_dir`, since rendering knows nothing of the web's settings. A file there
replaces the packaged template of the same name (a page that includes or extends it gets the
site's version too); every template it does not have comes from the package.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).with_name("templates")
_overrides: list[Path] = []  # the one directory set for this process, if any


def use_templates_dir(directory: Path | None) -> None:
    """Templates in `directory` take the place of the packaged ones (None: the package's only)."""
    _overrides[:] = [] if directory is None else [directory]


def loader(override: Path | None) -> jinja2.BaseLoader:
    """The override directory first, then the package's templates."""
    search = [] if override is None else [jinja2.FileSystemLoader(override)]
    return jinja2.ChoiceLoader([*search, jinja2.FileSystemLoader(TEMPLATES)])


def template(name: str, *, lstrip_blocks: bool = False, strict: bool = False) -> jinja2.Template:
    """The template `name`, as the current override directory and the package give it.

    The site's pages trim leading block whitespace and refuse undefined names (`strict`); the
    map page, report and upload form keep the settings they were written for."""
    override = _overrides[0] if _overrides else None
    return _environment(override, lstrip_blocks, strict).get_template(name)


@lru_cache(maxsize=16)
def _environment(override: Path | None, lstrip_blocks: bool, strict: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=loader(override),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=lstrip_blocks,
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined,
    )
