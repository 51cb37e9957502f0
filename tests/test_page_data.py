"""URL templates for page scripts: built from the route map, placeholders left for the script."""

from __future__ import annotations

import pytest
from werkzeug.routing import BuildError

from workbench.web.page_data import page_urls, url_template


def test_url_templates_come_from_the_route_map(app):
    with app.test_request_context():
        assert url_template("review.panel", "claim_id") == "/claims/{claim_id}/panel"
        assert (
            url_template("articles.show", "claim_id", article_id=5)
            == "/articles/5/claims/{claim_id}"
        )
        assert (
            url_template("api.move", "claim_id", "action") == "/api/v1/claims/{claim_id}/{action}"
        )
        urls = page_urls(7)
        assert urls["article"] == "/articles/7"
        assert urls["create_claim"] == "/api/v1/articles/7/claims"
        assert set(page_urls()) == {"panel"}


def test_a_url_template_needs_every_path_parameter(app):
    with app.test_request_context(), pytest.raises(BuildError):
        url_template("review.panel", "no_such_parameter")
