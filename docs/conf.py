"""Sphinx configuration for the strategiaseuranta documentation.

Build with ``sphinx-build -n -W --keep-going -b html docs docs/_build/html``:
nitpicky, and every warning is an error, so a broken reference fails the build.
Nothing is fetched from the network (no intersphinx).
"""

from __future__ import annotations

import runpy
from importlib.metadata import version as _version
from pathlib import Path

project = "strategiaseuranta"
author = "strategiaseuranta contributors"
copyright = "2025, strategiaseuranta contributors"
release = _version("strategiaseuranta")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# -- MyST ---------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon -----------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = False
autodoc_default_options = {"exclude-members": "__init__, __new__"}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True
python_use_unqualified_type_names = True

# -- nitpicky: every reference must resolve ----------------------------------------------
nitpicky = True
# Only types from outside this project: the standard library and attrs.
# There is no intersphinx (nothing is fetched from the network), so references to them
# cannot resolve. Our own names are never listed here.
nitpick_ignore = [
    ("py:class", "decimal.Decimal"),
    ("py:class", "os.PathLike"),
    ("py:func", "attrs.evolve"),
]
nitpick_ignore_regex = [
    ("py:class", r"collections\.abc\.\w+"),
    ("py:class", r"(hypothesis\.strategies|st)\.(SearchStrategy|DrawFn)"),  # hypothesis has no inventory here
    ("py:class", r"(pd|pandas)\.DataFrame"),  # optional extras, no inventory here
    ("py:class", r"(matplotlib\.(figure\.)?|mpl\.)?(Figure|Axes|axes\.Axes)"),
]

# -- HTML ---------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"strategiaseuranta {release}"
html_static_path: list[str] = []


# -- references relative to the defining module ------------------------------------------
# The public API is documented under the package (``strategiaseuranta.Report``), but a
# docstring refers to its neighbours by bare name, relative to the module it is written
# in (``:data:`RULES``` in ``strategiaseuranta.validate``). Resolve such a bare name to
# the one documented object of this project with that name; if there is none, or more
# than one, the reference stays broken and the nitpicky build fails as it should.


def _resolve_in_defining_module(app, env, node, contnode):
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target or "." in target.lstrip("~"):
        return None
    domain = env.get_domain("py")
    name = target.lstrip("~")
    found = [
        full
        for full, entry in domain.objects.items()
        if full.startswith("strategiaseuranta.") and full.rsplit(".", 1)[-1] == name and not entry.aliased
    ]
    if len(found) != 1:
        return None
    return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], found[0], node, contnode)


# -- figures ------------------------------------------------------------------------------
# docs/analysis.md shows figures of the examples. They are drawn into docs/_generated/
# (ignored by git) before the pages are read, by docs/figures.py with the calls the page
# shows, so a clean clone builds them and they never go stale.


def _draw_figures(app):
    script = Path(app.confdir) / "figures.py"
    runpy.run_path(str(script))["draw"](Path(app.confdir) / "_generated")


def setup(app):
    app.connect("missing-reference", _resolve_in_defining_module)
    app.connect("builder-inited", _draw_figures)
