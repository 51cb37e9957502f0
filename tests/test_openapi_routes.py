"""The OpenAPI document and the /api/v1 routes describe each other exactly.

Every Flask route under /api/v1 is described with the same methods, and every described
operation is served by a route. A route with an open path segment (`<action>`) is described
once per value its view accepts.
"""

from __future__ import annotations

import re

import pytest

from workbench import create_app
from workbench.services.review import MOVES
from workbench.web.openapi import openapi_document

PREFIX = "/api/v1"
METHODS = {"get", "put", "post", "patch", "delete"}
# Views whose rule has a free string segment, and the values each accepts (others are 404).
ENUMERATED = {"api.move": {"action": set(MOVES)}}


@pytest.fixture(scope="module")
def url_map():
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "o" * 40})
    return app.url_map


def _template(rule: str) -> str:
    """`/api/v1/claims/<int:claim_id>` -> `/claims/{claim_id}`."""
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule[len(PREFIX) :])


def _routes(url_map) -> set[tuple[str, str]]:
    """(described path, method) for every /api/v1 rule, open segments expanded."""
    out = set()
    for rule in url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        paths = {_template(rule.rule)}
        for name, values in ENUMERATED.get(rule.endpoint, {}).items():
            paths = {p.replace("{" + name + "}", v) for p in paths for v in values}
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            out |= {(p, method.lower()) for p in paths}
    return out


def _described() -> set[tuple[str, str]]:
    paths = openapi_document()["paths"]
    return {(path, m) for path, item in paths.items() for m in item if m in METHODS}


def test_the_document_is_served_under_the_prefix():
    assert openapi_document()["servers"] == [{"url": PREFIX}]


def test_every_api_route_is_described_with_its_methods(url_map):
    missing = _routes(url_map) - _described()
    assert not missing, f"routes missing from the OpenAPI document: {sorted(missing)}"


def test_every_described_operation_exists(url_map):
    extra = _described() - _routes(url_map)
    assert not extra, f"described but not served: {sorted(extra)}"


def test_described_operations_reach_their_view(url_map):
    """Matching the described path (ids filled in) with its method finds a view, so a
    description cannot point at a route that only exists for another method."""
    adapter = url_map.bind("localhost")
    for path, method in sorted(_described()):
        concrete = PREFIX + re.sub(r"\{[a-z_]+\}", "1", path)
        rule, _args = adapter.match(concrete, method=method.upper(), return_rule=True)
        assert rule.rule.startswith(PREFIX + "/"), (path, method, rule.rule)


def test_path_parameters_are_declared(url_map):
    """Each `{name}` in a described path is declared as a path parameter of its operation."""
    doc = openapi_document()
    shared = doc["components"]["parameters"]
    for path, item in doc["paths"].items():
        wanted = set(re.findall(r"\{([a-z_]+)\}", path))
        for method, operation in item.items():
            if method not in METHODS:
                continue
            declared = set()
            for param in operation.get("parameters", []) + item.get("parameters", []):
                if "$ref" in param:
                    param = shared[param["$ref"].rsplit("/", 1)[-1]]
                if param["in"] == "path":
                    declared.add(param["name"])
            assert declared == wanted, (path, method, declared)
