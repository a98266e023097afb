"""The layer's pages come from templates compiled at build time: every template compiles, and a compiled
one renders exactly what its source does, autoescaping included."""

from __future__ import annotations

import os

import pytest

from saas_billing.routes.http_response import page_templates

# message.html extends base.html; the detail carries markup that must arrive escaped.
CONTEXT = {
    "title": "Payment failed",
    "detail": "<script>alert(1)</script> & more",
    "back_url": "/pricing?plan=a&b",
    "back_label": "Back",
    "product_name": "Billing",
}


@pytest.fixture
def compiled(tmp_path, monkeypatch):
    target = tmp_path / "templates_compiled"
    names = page_templates.compile_templates(target)
    monkeypatch.setattr(page_templates, "COMPILED", target)
    return target, names


def test_every_template_compiles_to_its_own_module(compiled):
    target, names = compiled
    sources = sorted(path.name for path in page_templates.TEMPLATES.glob("*.html"))
    assert sorted(names) == sources and len(sources) > 5
    assert len(list(target.glob("tmpl_*.py"))) == len(sources)


def test_a_compiled_template_renders_what_its_source_does(compiled):
    from jinja2 import ModuleLoader

    built = page_templates.environment()
    assert isinstance(built.loader, ModuleLoader)
    html = built.get_template("message.html").render(**CONTEXT)
    assert html == page_templates.environment_from_sources().get_template("message.html").render(**CONTEXT)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html and "<script>alert" not in html


def test_compiling_again_leaves_no_stale_module(compiled):
    target, names = compiled
    (target / "tmpl_0000000000000000000000000000000000000000.py").write_text("raise RuntimeError\n")
    page_templates.compile_templates(target)
    assert len(list(target.glob("tmpl_*.py"))) == len(names)


def test_templates_compiled_by_another_jinja2_are_not_used(compiled):
    from jinja2 import FileSystemLoader

    target, _names = compiled
    (target / page_templates.COMPILED_BY).write_text("0.0.1")
    assert isinstance(page_templates.environment().loader, FileSystemLoader)


def test_a_template_edited_after_compiling_is_read_from_source(compiled):
    from jinja2 import FileSystemLoader

    target, _names = compiled
    os.utime(target / page_templates.COMPILED_BY, (0, 0))  # every template is now newer than the build
    assert isinstance(page_templates.environment().loader, FileSystemLoader)


def test_a_source_checkout_reads_the_templates(monkeypatch, tmp_path):
    from jinja2 import FileSystemLoader

    monkeypatch.setattr(page_templates, "COMPILED", tmp_path / "absent")
    assert isinstance(page_templates.environment().loader, FileSystemLoader)
